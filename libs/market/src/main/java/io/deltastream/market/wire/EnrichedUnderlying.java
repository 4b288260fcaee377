package io.deltastream.market.wire;

import java.time.Instant;

/**
 * An underlying tick after processing, published on {@code enriched:underlying} and cached at
 * {@code latest:underlying:{product}} (the same shape in both places, unlike the reference whose cache lacked the
 * product). Wire shape: {@code {"type": "UNDERLYING_ENRICHED", "product", "price", "timestamp", "processed_at"}}.
 *
 * @param price       currency units
 * @param timestamp   the tick's time
 * @param processedAt when the enricher finished with it
 */
public record EnrichedUnderlying(String product, double price, Instant timestamp, Instant processedAt) {
    /** The {@code type} field's value. */
    public static final String TYPE = "UNDERLYING_ENRICHED";
}
