package io.deltastream.trading.instrument;

import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.product.Product;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.wire.OptionSymbol;
import java.time.Instant;
import java.util.Optional;

/** Resolves symbols against the product universe and its expiry calendar. */
public final class Instruments {
    private final ProductUniverse universe;

    public Instruments(ProductUniverse universe) {
        this.universe = universe;
    }

    public ProductUniverse universe() {
        return universe;
    }

    /**
     * Why an instrument cannot be traded: an unknown product, a malformed symbol, an unlisted expiry or strike, or an
     * expired option.
     */
    public static final class Untradable extends Exception {
        Untradable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The instrument named by {@code symbol}, tradable at {@code now}.
     *
     * @throws Untradable with the trader-facing reason
     */
    public Instrument tradable(String symbol, Instant now) throws Untradable {
        Optional<Instrument> known = known(symbol);
        if (known.isEmpty()) {
            throw new Untradable("Unknown instrument: " + symbol);
        }
        Instrument i = known.get();
        if (i.isOption()) {
            if (!i.expiresAt().isAfter(now)) {
                throw new Untradable("Instrument expired: " + symbol);
            }
            if (!ExpiryCalendar.upcoming(i.product(), now).contains(i.expiry())) {
                throw new Untradable("Unknown instrument: " + symbol + " (" + i.expiry()
                        + " is not a listed expiry of " + i.product().name() + ")");
            }
        }
        return i;
    }

    /** The instrument if the symbol is well formed, its product listed and its strike on the grid (expired or not). */
    public Optional<Instrument> known(String symbol) {
        if (symbol == null || symbol.isEmpty() || symbol.length() > 64) {
            return Optional.empty();
        }
        Optional<Product> underlying = universe.find(symbol);
        if (underlying.isPresent()) {
            return Optional.of(new Instrument(symbol, underlying.get(), null, null, 0));
        }
        OptionSymbol parsed;
        try {
            parsed = OptionSymbol.parse(symbol);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<Product> product = universe.find(parsed.product());
        if (product.isEmpty() || !(parsed.strike() > 0)) {
            return Optional.empty();
        }
        double steps = parsed.strike() / product.get().strikeInterval();
        if (Math.abs(steps - Math.rint(steps)) > 1e-9) {
            return Optional.empty();
        }
        // The canonical text, so that "…C21500.0" and "…C21500" are one instrument.
        String canonical = parsed.toString();
        if (!canonical.equals(symbol)) {
            return Optional.empty();
        }
        return Optional.of(new Instrument(symbol, product.get(), parsed.expiry(), parsed.type(), parsed.strike()));
    }
}
