package io.deltastream.market.channel;

/**
 * Fan-out topics of processed market data (at-most-once, latest value wins; Redis pub/sub in distributed mode).
 */
public final class MarketTopics {
    /** {@code EnrichedUnderlying} JSON, one per processed tick. */
    public static final String ENRICHED_UNDERLYING = "enriched:underlying";
    /** {@code EnrichedChain} JSON, one per processed chain. */
    public static final String ENRICHED_OPTION_CHAIN = "enriched:option_chain";

    private MarketTopics() {
    }
}
