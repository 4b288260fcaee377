package io.deltastream.market.wire;

import io.deltastream.quant.pricing.OptionType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One option's quote, published alone on {@code market:option_quote} and as an element of a chain's
 * {@code calls}/{@code puts}. Wire shape (reference order): {@code symbol, product, strike, expiry, option_type, bid,
 * ask, last, volume, open_interest, delta, gamma, vega, theta, iv, timestamp}.
 *
 * <p>Units: prices in currency units; {@code iv} an annualised fraction (0.2285); {@code delta} per 1 unit of the
 * underlying; {@code gamma} per 1 unit of the underlying; {@code vega} per 1 volatility point; {@code theta} per
 * calendar day. In feed messages the Greeks and IV are the feed's own model values; in enriched chains they are the
 * enricher's, solved from the mid price. A value that could not be computed is {@code NaN} ({@code null} on the
 * wire).
 *
 * @param volume       cumulative traded contracts today
 * @param openInterest open contracts
 */
public record OptionQuote(String symbol, String product, double strike, LocalDate expiry, OptionType optionType,
                          double bid, double ask, double last, long volume, long openInterest, double delta,
                          double gamma, double vega, double theta, double iv, Instant timestamp) {
    public OptionQuote {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(optionType, "optionType");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** Mid price {@code (bid + ask) / 2}, or {@code last} when there is no two-sided quote. */
    public double mid() {
        return bid > 0 && ask >= bid ? (bid + ask) / 2 : last;
    }

    /** This quote with other model values (the enricher's IV and Greeks). */
    public OptionQuote withModel(double newDelta, double newGamma, double newVega, double newTheta, double newIv) {
        return new OptionQuote(symbol, product, strike, expiry, optionType, bid, ask, last, volume, openInterest,
                newDelta, newGamma, newVega, newTheta, newIv, timestamp);
    }
}
