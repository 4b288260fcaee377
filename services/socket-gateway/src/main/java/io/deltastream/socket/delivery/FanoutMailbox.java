package io.deltastream.socket.delivery;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Fan-out work waiting for one I/O thread, in order, with latest-value conflation once the thread falls behind:
 * when a message arrives for a key (a product's price, a chain of one expiry) whose previous message has waited
 * longer than {@link #CONFLATE_AFTER_NANOS}, the waiting one is skipped. So a burst is delivered whole, and when
 * the gateway itself cannot keep up (CPU starved) clients get fresh data late rather than every stale value later
 * and later: the backlog stays bounded by the number of keys times the messages of one conflation window.
 */
final class FanoutMailbox {
    /** How long a message may wait for its I/O thread before a newer one for the same key replaces it. */
    static final long CONFLATE_AFTER_NANOS = 50_000_000L;

    /** One message for a group of clients on this thread. */
    static final class Job {
        final Outgoing message;
        final List<ClientSession> targets;
        final long postedNanos = System.nanoTime();
        boolean skipped;

        Job(Outgoing message, List<ClientSession> targets) {
            this.message = message;
            this.targets = targets;
        }

        void run() {
            for (ClientSession s : targets) {
                s.offer(message);
            }
        }
    }

    private final Executor executor;
    private final DeliveryMetrics metrics;
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private final Map<String, Job> lastByKey = new HashMap<>();
    private boolean scheduled;

    FanoutMailbox(Executor executor, DeliveryMetrics metrics) {
        this.executor = executor;
        this.metrics = metrics;
    }

    void post(Job job) {
        boolean schedule;
        synchronized (this) {
            Job previous = lastByKey.put(job.message.latestKey(), job);
            if (previous != null && job.postedNanos - previous.postedNanos > CONFLATE_AFTER_NANOS) {
                previous.skipped = true;
                metrics.conflated(previous.message.event(), previous.targets.size());
            }
            waiting.add(job);
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
            Job job;
            synchronized (this) {
                job = waiting.poll();
                if (job == null) {
                    scheduled = false;
                    return;
                }
                lastByKey.remove(job.message.latestKey(), job);
                if (job.skipped) {
                    continue;
                }
            }
            job.run();
        }
    }
}
