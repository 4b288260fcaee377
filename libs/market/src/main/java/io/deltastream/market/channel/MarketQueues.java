package io.deltastream.market.channel;

import java.util.List;

/**
 * Work queues of the raw feed (at-least-once, competing consumers; Redis Streams in distributed mode). Each message
 * is one JSON document in the wire shape of {@code io.deltastream.market.wire}.
 */
public final class MarketQueues {
    /** {@code UnderlyingTick} messages. */
    public static final String UNDERLYING = "market:underlying";
    /** {@code OptionChain} messages. */
    public static final String OPTION_CHAIN = "market:option_chain";
    /** {@code OptionQuote} messages. */
    public static final String OPTION_QUOTE = "market:option_quote";
    /** Where the enricher dead-letters messages it cannot process (reference name). */
    public static final String DEAD_LETTERS = "dlq:enrichment";
    /** The consumer group of the worker-enricher instances. */
    public static final String ENRICHER_GROUP = "worker-enricher";

    /** The three feed queues, in the order a consumer should poll them. */
    public static final List<String> ALL = List.of(UNDERLYING, OPTION_CHAIN, OPTION_QUOTE);

    private MarketQueues() {
    }
}
