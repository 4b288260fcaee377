package io.deltastream.market.wire;

/**
 * How open interest and price moved together at one strike since the previous chain, in the usual reading:
 * rising OI with rising price is new longs, with falling price new shorts; falling OI with rising price is shorts
 * covering, with falling price longs unwinding.
 */
public enum Buildup {
    LONG_BUILDUP("long_buildup"),
    SHORT_BUILDUP("short_buildup"),
    SHORT_COVERING("short_covering"),
    LONG_UNWINDING("long_unwinding"),
    /** OI or price unchanged, or no previous chain to compare with. */
    NEUTRAL("neutral");

    private final String wire;

    Buildup(String wire) {
        this.wire = wire;
    }

    /** The wire form, e.g. {@code long_buildup}. */
    public String wire() {
        return wire;
    }

    /**
     * The reading of one option's price change together with its open-interest change since the previous chain.
     * A price change that is zero or NaN, or an unchanged open interest, is {@link #NEUTRAL}.
     *
     * @param priceChange        price now minus price then, currency units
     * @param openInterestChange open interest now minus open interest then, contracts
     */
    public static Buildup classify(double priceChange, long openInterestChange) {
        if (!(priceChange > 0 || priceChange < 0) || openInterestChange == 0) {
            return NEUTRAL;
        }
        if (priceChange > 0) {
            return openInterestChange > 0 ? LONG_BUILDUP : SHORT_COVERING;
        }
        return openInterestChange > 0 ? SHORT_BUILDUP : LONG_UNWINDING;
    }

    public static Buildup fromWire(String s) {
        for (Buildup b : values()) {
            if (b.wire.equals(s)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown buildup '" + s + "'");
    }
}
