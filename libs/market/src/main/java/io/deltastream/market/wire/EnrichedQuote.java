package io.deltastream.market.wire;

import java.util.Objects;

/**
 * One option of an enriched chain: the feed's quote with the enricher's IV (solved from the mid price) and Greeks in
 * place of the feed's, followed by the enricher's additions. Wire shape: the {@link OptionQuote} fields, then
 * {@code mid, rho, oi_change, price_change, buildup}.
 *
 * @param quote       the quote, its {@code iv}/Greeks being the enricher's ({@code NaN}/null where the mid price
 *                    admits no implied volatility, e.g. below intrinsic value)
 * @param rho         value change per 1% rise of the rate
 * @param oiChange    open interest minus that of the previous chain of this product and expiry (0 without one)
 * @param priceChange last price minus that of the previous chain (0 without one), currency units
 * @param buildup     the OI/price classification of the change
 */
public record EnrichedQuote(OptionQuote quote, double rho, long oiChange, double priceChange,
                            Buildup buildup) {
    public EnrichedQuote {
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(buildup, "buildup");
    }

    /** The price the IV was solved from: {@link OptionQuote#mid()}, currency units. */
    public double mid() {
        return quote.mid();
    }
}
