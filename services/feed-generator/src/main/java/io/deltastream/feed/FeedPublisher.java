package io.deltastream.feed;

import io.deltastream.bus.WorkMessage;
import io.deltastream.bus.WorkQueues;
import io.deltastream.feed.provider.FeedMessage;
import io.deltastream.feed.provider.FeedProvider;
import io.deltastream.feed.replay.Recorder;
import io.deltastream.bus.Delivery;
import io.deltastream.platform.logging.Tracing;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed loop: takes batches from the provider, records them when asked, and sends them to the work queues with
 * message ids {@code <run id>-<sequence>}. The run id is new at every start (time plus randomness), so ids never
 * collide with those of an earlier run, whose messages may still be queued or remembered as processed. A batch the
 * bus refuses (Redis down) is retried with a growing pause, never dropped.
 */
final class FeedPublisher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedPublisher.class);
    private static final long MAX_PAUSE_MS = 5_000;

    private final FeedProvider provider;
    private final WorkQueues queues;
    private final Optional<Recorder> recorder;
    private final String runId;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean finished;
    private volatile Instant lastSent;
    private volatile String failure;

    FeedPublisher(FeedProvider provider, WorkQueues queues, Optional<Recorder> recorder) {
        this.provider = provider;
        this.queues = queues;
        this.recorder = recorder;
        this.runId = newRunId();
    }

    /** A short id unique per start: seconds since the epoch and 32 random bits, base 36. */
    static String newRunId() {
        long seconds = Instant.now().getEpochSecond();
        int random = new SecureRandom().nextInt() & 0x7fffffff;
        return Long.toString(seconds, 36) + Integer.toString(random, 36).toLowerCase(Locale.ROOT);
    }

    String runId() {
        return runId;
    }

    long sent() {
        return sent.get();
    }

    /** True once a replay without loop has played everything. */
    boolean finished() {
        return finished;
    }

    Optional<Instant> lastSent() {
        return Optional.ofNullable(lastSent);
    }

    /** Why the loop ended on an error, if it did (a replay file that went bad, a provider bug). */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        LOG.info("feed started: provider {}, run id {}", provider.name(), runId);
        try {
            while (running) {
                Optional<List<FeedMessage>> batch = provider.next();
                if (batch.isEmpty()) {
                    finished = true;
                    LOG.info("feed finished: the {} provider has no more data ({} messages sent)", provider.name(),
                            sent.get());
                    return;
                }
                publish(batch.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = Delivery.describe(e);
            LOG.error("feed stopped: {}", failure, e);
        }
    }

    /**
     * Sends one batch in a trace of its own (a producer span): its messages carry it, so the worker's handling and
     * what it publishes to the socket gateways continue it.
     */
    private void publish(List<FeedMessage> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        try (Tracing.Span span = Tracing.continueFrom(null, "publish feed batch", Tracing.Kind.PRODUCER)) {
            send(batch);
            LOG.debug("published {} messages", batch.size());
        }
    }

    private void send(List<FeedMessage> batch) throws InterruptedException {
        recorder.ifPresent(r -> r.write(batch));
        Map<String, List<WorkMessage>> byQueue = new LinkedHashMap<>();
        for (FeedMessage m : batch) {
            byQueue.computeIfAbsent(m.queue(), q -> new ArrayList<>())
                    .add(m.message(runId + "-" + sequence.getAndIncrement()));
        }
        for (Map.Entry<String, List<WorkMessage>> e : byQueue.entrySet()) {
            long pause = 100;
            while (true) {
                try {
                    queues.send(e.getKey(), e.getValue());
                    break;
                } catch (RuntimeException ex) {
                    if (!running) {
                        return;
                    }
                    LOG.warn("cannot publish {} messages to {} ({}); retrying in {} ms", e.getValue().size(),
                            e.getKey(), Delivery.describe(ex), pause);
                    Thread.sleep(Duration.ofMillis(pause));
                    pause = Math.min(2 * pause, MAX_PAUSE_MS);
                }
            }
            sent.addAndGet(e.getValue().size());
        }
        lastSent = Instant.now();
    }
}
