package io.deltastream.bus;

import java.time.Duration;

/** A running consumer. */
public interface WorkConsumer extends AutoCloseable {
    /** How long {@link #close()} waits for batches in progress. */
    Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    /**
     * Stops taking messages and waits up to {@code grace} for batches in progress. Deliveries not settled by then are
     * abandoned: they stay unacknowledged and are delivered again, to another consumer, after the visibility timeout.
     */
    void close(Duration grace);

    /** {@link #close(Duration)} with {@link #DEFAULT_GRACE}. */
    @Override
    default void close() {
        close(DEFAULT_GRACE);
    }
}
