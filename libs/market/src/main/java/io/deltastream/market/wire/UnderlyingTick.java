package io.deltastream.market.wire;

import java.time.Instant;
import java.util.Objects;

/**
 * A price of an underlying, published by the feed on {@code market:underlying}. Wire shape (reference order):
 * {@code {"type": "UNDERLYING", "product", "price", "timestamp", "tick_id"}}.
 *
 * @param product   the product's name
 * @param price     last price, currency units, > 0
 * @param timestamp when the price was observed
 * @param tickId    the feed's sequence number within its run (informational: it restarts with the feed; the bus
 *                  message id, which carries the run id, is the unique key)
 */
public record UnderlyingTick(String product, double price, Instant timestamp, long tickId) {
    /** The {@code type} field's value. */
    public static final String TYPE = "UNDERLYING";

    public UnderlyingTick {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
