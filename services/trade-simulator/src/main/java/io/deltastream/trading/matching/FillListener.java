package io.deltastream.trading.matching;

/**
 * Receives what a book operation did, synchronously and in execution order. Prices are in ticks, quantities in
 * units of the instrument.
 */
public interface FillListener {
    /** Order id standing for the feed's synthetic liquidity (never a user order). */
    long SYNTHETIC = 0;

    /**
     * One execution.
     *
     * @param takerId    the aggressing order, or {@link #SYNTHETIC} when the feed moved through a resting order
     * @param makerId    the resting order, or {@link #SYNTHETIC} when the incoming order took feed liquidity
     * @param takerSide  the side of the aggressor
     * @param priceTicks the execution price (the maker's price), in ticks
     * @param quantity   executed units, positive
     */
    void onFill(long takerId, long makerId, Side takerSide, long priceTicks, long quantity);

    /**
     * A resting order was removed from the book because an incoming order of the same owner would have traded
     * with it (self-trade prevention, "cancel resting").
     */
    default void onSelfTradeCancel(long restingId) {
    }
}
