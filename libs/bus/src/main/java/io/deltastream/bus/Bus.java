package io.deltastream.bus;

import io.deltastream.platform.health.HealthCheck;

/**
 * The messaging and cache infrastructure of a process: work queues, fan-out topics and the cache. Open it with
 * {@link Buses#open}; in embedded mode every service of the JVM gets the same instance.
 */
public interface Bus extends AutoCloseable {
    WorkQueues work();

    Topics topics();

    Cache cache();

    /** A probe for {@code /health}. */
    HealthCheck healthCheck();

    /** Stops consumers and subscriptions and releases connections. */
    @Override
    void close();
}
