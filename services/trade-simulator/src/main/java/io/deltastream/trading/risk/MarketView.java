package io.deltastream.trading.risk;

import io.deltastream.market.product.Product;
import io.deltastream.trading.instrument.Instrument;
import java.time.Instant;
import java.util.Optional;

/** The market inputs of risk: marks, margin and Greeks. */
public interface MarketView {
    /** The product's current underlying price, currency units. */
    double spot(Product product);

    /** The option's implied volatility (annualised fraction) to reprice it with. */
    double volatility(Instrument option);

    /** The time at which options are valued (time to expiry counts from it). */
    Instant valuationTime();

    /** The price positions are marked at (currency units), or empty while the instrument has no usable quote. */
    Optional<Double> mark(Instrument instrument);
}
