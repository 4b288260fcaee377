package io.deltastream.socket.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SerialTasksTest {
    @Test
    void requestsWaitForTheStartThenRunInArrivalOrder() {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        SerialTasks tasks = new SerialTasks(Runnable::run);
        tasks.submit(() -> ran.add(1));
        tasks.submit(() -> ran.add(2));
        assertThat(ran).isEmpty();
        tasks.start();
        assertThat(ran).containsExactly(1, 2);
        tasks.submit(() -> ran.add(3));
        assertThat(ran).containsExactly(1, 2, 3);
    }

    @Test
    void aFailingRequestDoesNotStopTheNextOnes() {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        SerialTasks tasks = new SerialTasks(Runnable::run);
        tasks.start();
        tasks.submit(() -> {
            throw new IllegalStateException("a request that fails");
        });
        tasks.submit(() -> ran.add(2));
        assertThat(ran).containsExactly(2);
    }

    @Test
    void requestsFromManyThreadsRunOneAtATimeAndNoneIsLost() throws Exception {
        int threads = 4;
        int each = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
        try {
            SerialTasks tasks = new SerialTasks(pool);
            List<Integer> ran = new CopyOnWriteArrayList<>();
            int[] inside = {0};
            boolean[] overlapped = {false};
            CountDownLatch done = new CountDownLatch(threads * each);
            CountDownLatch go = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                pool.execute(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    for (int i = 0; i < each; i++) {
                        int n = base + i;
                        tasks.submit(() -> {
                            // unsynchronized on purpose: two tasks at once would be seen here
                            if (++inside[0] != 1) {
                                overlapped[0] = true;
                            }
                            ran.add(n);
                            inside[0]--;
                            done.countDown();
                        });
                    }
                });
            }
            go.countDown();
            Thread.sleep(20);
            tasks.start();
            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(overlapped[0]).isFalse();
            assertThat(ran).hasSize(threads * each).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }
}
