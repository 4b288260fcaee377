package io.deltastream.feed.provider;

import java.util.List;
import java.util.Optional;

/**
 * A source of market data (the SPI behind {@code FEED_PROVIDER}): the feed generator asks it for the next batch of
 * messages and publishes them on the work queues. Implementations pace themselves: {@link #next} blocks until the
 * batch is due. Called from one thread.
 */
public interface FeedProvider extends AutoCloseable {
    /** The provider's name as configured, e.g. {@code synthetic}. */
    String name();

    /**
     * Waits until the next batch is due and returns it (possibly empty); empty optional when the source is exhausted
     * (a replay without loop at its end).
     */
    Optional<List<FeedMessage>> next() throws InterruptedException;

    @Override
    default void close() {
    }
}
