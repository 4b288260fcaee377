package io.deltastream.trading.risk;

import io.deltastream.trading.instrument.Instrument;
import io.deltastream.trading.matching.Side;

/**
 * What an order would add, for the pre-trade checks.
 *
 * @param quantity      units still to fill
 * @param priceEstimate the price it would fill at: its limit, else the opposite best quote, else the mark
 * @param limitPrice    its limit price, NaN for market orders (no price-band check)
 */
public record OrderIntent(Instrument instrument, Side side, long quantity, double priceEstimate, double limitPrice) {
    public long signedQuantity() {
        return side == Side.BUY ? quantity : -quantity;
    }
}
