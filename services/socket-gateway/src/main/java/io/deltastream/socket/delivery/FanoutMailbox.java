package io.deltastream.socket.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Fan-out work waiting for one I/O thread, latest value per key: while the thread is busy, a newer message for the
 * same key (a product's price, a chain of one expiry) replaces the waiting one instead of queueing behind it. So
 * when the gateway itself cannot keep up (CPU starved), clients get fresh data late rather than every stale value
 * later and later, and the backlog stays bounded by the number of keys.
 */
final class FanoutMailbox {
    /** One message for a group of clients on this thread. */
    record Job(Outgoing message, List<ClientSession> targets) {
        void run() {
            for (ClientSession s : targets) {
                s.offer(message);
            }
        }
    }

    private final Executor executor;
    private final DeliveryMetrics metrics;
    private final Map<String, Job> waiting = new LinkedHashMap<>();
    private boolean scheduled;

    FanoutMailbox(Executor executor, DeliveryMetrics metrics) {
        this.executor = executor;
        this.metrics = metrics;
    }

    void post(Job job) {
        boolean schedule;
        synchronized (this) {
            Job replaced = waiting.put(job.message().latestKey(), job);
            if (replaced != null) {
                metrics.conflated(replaced.message().event(), replaced.targets().size());
            }
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            try {
                executor.execute(this::runWaiting);
            } catch (RejectedExecutionException shuttingDown) {
                runWaiting();
            }
        }
    }

    private void runWaiting() {
        while (true) {
            List<Job> jobs;
            synchronized (this) {
                if (waiting.isEmpty()) {
                    scheduled = false;
                    return;
                }
                jobs = new ArrayList<>(waiting.values());
                waiting.clear();
            }
            jobs.forEach(Job::run);
        }
    }
}
