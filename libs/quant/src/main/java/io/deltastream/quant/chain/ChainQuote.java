package io.deltastream.quant.chain;

import io.deltastream.quant.InvalidInputException;

/**
 * One option's market data in a chain.
 *
 * @param price        traded or mid price in currency units; NaN when there is no usable quote
 * @param volume       contracts traded in the session, >= 0
 * @param openInterest open contracts, >= 0
 */
public record ChainQuote(double price, long volume, long openInterest) {

    /** No quote at all: no price, no volume, no open interest. */
    public static final ChainQuote MISSING = new ChainQuote(Double.NaN, 0, 0);

    public ChainQuote {
        if (volume < 0) {
            throw new InvalidInputException("volume", volume, "[0, +inf)");
        }
        if (openInterest < 0) {
            throw new InvalidInputException("openInterest", openInterest, "[0, +inf)");
        }
        if (price < 0 || price == Double.POSITIVE_INFINITY) {
            throw new InvalidInputException("price", price, "[0, +inf) or NaN for no quote");
        }
    }

    public boolean hasPrice() {
        return !Double.isNaN(price);
    }
}
