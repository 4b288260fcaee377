package io.deltastream.socket.front;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one client's requests one after another, in arrival order, off the Netty I/O threads (a request may read
 * the cache, which must never stall other clients' I/O). Nothing runs before {@link #start()}: a request that
 * overtakes the client's {@code connected} event (its namespace connect and its first event can be handled on
 * different I/O threads) waits for it.
 */
final class SerialTasks {
    private static final Logger LOG = LoggerFactory.getLogger(SerialTasks.class);

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean started;

    SerialTasks(Executor executor) {
        this.executor = executor;
    }

    void submit(Runnable task) {
        tasks.add(task);
        schedule();
    }

    /** Lets the tasks run, those already submitted first. */
    void start() {
        started = true;
        schedule();
    }

    private void schedule() {
        if (started && !tasks.isEmpty() && running.compareAndSet(false, true)) {
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
