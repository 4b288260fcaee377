package io.deltastream.socket.front;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one client's requests one after another, in arrival order, off the Netty I/O threads (a request may read
 * the cache, which must never stall other clients' I/O).
 */
final class SerialTasks {
    private static final Logger LOG = LoggerFactory.getLogger(SerialTasks.class);

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    SerialTasks(Executor executor) {
        this.executor = executor;
    }

    void submit(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (!tasks.isEmpty() && running.compareAndSet(false, true)) {
            executor.execute(this::runAll);
        }
    }

    private void runAll() {
        try {
            Runnable t;
            while ((t = tasks.poll()) != null) {
                try {
                    t.run();
                } catch (RuntimeException e) {
                    LOG.warn("client request failed", e);
                }
            }
        } finally {
            running.set(false);
            schedule();
        }
    }
}
