package io.deltastream.trading.feed;

import java.time.Instant;

/**
 * The latest market of one instrument as the feed quoted it.
 *
 * @param bid  best bid, currency units (0 when there is none)
 * @param ask  best ask, currency units (0 when there is none)
 * @param last last traded price, currency units
 * @param iv   implied volatility (annualised fraction), NaN when unknown or for an underlying
 * @param time the quote's time
 */
public record Quote(double bid, double ask, double last, double iv, Instant time) {
    /** Mid price, or {@code last} without a two-sided quote. */
    public double mid() {
        return bid > 0 && ask >= bid ? (bid + ask) / 2 : last;
    }
}
