package io.deltastream.market.channel;

/**
 * Fan-out topics of processed market data (at-most-once, latest value wins; Redis pub/sub in distributed mode).
 */
public final class MarketTopics {
    /** {@code EnrichedUnderlying} JSON, one per processed tick. */
    public static final String ENRICHED_UNDERLYING = "enriched:underlying";
    /** {@code EnrichedChain} JSON, one per processed chain. */
    public static final String ENRICHED_OPTION_CHAIN = "enriched:option_chain";
    /**
     * The ai-analyst's news sentiment of one product, published when new headlines change it: a JSON object with
     * at least {@code product}, {@code sentiment}, {@code score}; the socket gateway relays it to the product's room
     * as {@code sentiment_update}.
     */
    public static final String AI_SENTIMENT = "ai:sentiment";

    private MarketTopics() {
    }
}
