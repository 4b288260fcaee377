package io.deltastream.trading.instrument;

import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.product.Product;
import io.deltastream.quant.pricing.OptionType;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A tradable instrument: an option of the feed ({@code NIFTY20261126C21500}) or an underlying ({@code NIFTY}), which
 * trades like a delta-one contract with the product's lot and tick size.
 *
 * @param symbol     the feed's symbol
 * @param product    the product (lot size, tick size, calendar, rates)
 * @param expiry     option expiry date, null for an underlying
 * @param optionType call or put, null for an underlying
 * @param strike     strike in currency units, 0 for an underlying
 */
public record Instrument(String symbol, Product product, LocalDate expiry, OptionType optionType, double strike) {

    /** Instruments are equal by symbol (the symbol determines the rest); cheap as a map key. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Instrument other && symbol.equals(other.symbol);
    }

    @Override
    public int hashCode() {
        return symbol.hashCode();
    }

    public boolean isOption() {
        return optionType != null;
    }

    /** Units per lot: order quantities are whole multiples of it. */
    public int lotSize() {
        return product.lotSize();
    }

    /** Minimum price increment, currency units. */
    public double tickSize() {
        return product.tickSize();
    }

    /** The price as a whole number of ticks (nearest). */
    public long toTicks(double price) {
        return Math.round(price / product.tickSize());
    }

    /** True when {@code price} is a whole number of ticks (within binary noise). */
    public boolean onTick(double price) {
        double ticks = price / product.tickSize();
        return Math.abs(ticks - Math.rint(ticks)) < 1e-6;
    }

    /** The price of {@code ticks} ticks, currency units, without binary noise. */
    public double price(long ticks) {
        return Math.rint(ticks * product.tickSize() * 1e8) / 1e8;
    }

    /** When the option stops trading and settles; null for an underlying. */
    public Instant expiresAt() {
        return isOption() ? ExpiryCalendar.expiryInstant(product, expiry) : null;
    }

    /** Value at expiry per unit against {@code spot}: the intrinsic value (the spot itself for an underlying). */
    public double intrinsic(double spot) {
        if (!isOption()) {
            return spot;
        }
        return optionType == OptionType.CALL ? Math.max(0, spot - strike) : Math.max(0, strike - spot);
    }
}
