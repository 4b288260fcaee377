package io.deltastream.trading.matching;

/** The side of an order: buying or selling. */
public enum Side {
    BUY,
    SELL;

    /** The side an order of this side trades against. */
    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
