package io.deltastream.bus.memory;

import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Cache;
import io.deltastream.bus.Topics;
import io.deltastream.bus.WorkQueues;
import io.deltastream.platform.health.HealthCheck;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded-mode bus: queues, topics and cache in this JVM. Not durable — in embedded mode the producer (the
 * feed) lives and dies with it, so nothing acknowledged to a producer is lost that the store had not received.
 */
public final class InMemoryBus implements Bus {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryBus.class);

    private final MemoryTopics topics = new MemoryTopics();
    private final MemoryCache cache = new MemoryCache(topics);
    private final MemoryWorkQueues work;
    private final ScheduledExecutorService timer;

    public InMemoryBus(BusConfig config) {
        this.work = new MemoryWorkQueues(config, cache);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "memory-bus-timer");
            t.setDaemon(true);
            return t;
        });
        // Retries and visibility timeouts are checked at a tenth of the shorter of the two, within 10..250 ms.
        long tick = Math.clamp(Math.min(config.retry().backoff().toMillis(), config.visibilityTimeout().toMillis()) / 10,
                10, 250);
        timer.scheduleWithFixedDelay(() -> run(work::maintain), tick, tick, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> run(cache::sweep), 5, 5, TimeUnit.SECONDS);
    }

    private static void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("in-memory bus maintenance failed", e);
        }
    }

    @Override
    public WorkQueues work() {
        return work;
    }

    @Override
    public Topics topics() {
        return topics;
    }

    @Override
    public Cache cache() {
        return cache;
    }

    @Override
    public HealthCheck healthCheck() {
        return HealthCheck.of("bus", () -> { });
    }

    @Override
    public void close() {
        timer.shutdownNow();
        topics.closeAll();
    }

    @Override
    public String toString() {
        return "InMemoryBus";
    }
}
