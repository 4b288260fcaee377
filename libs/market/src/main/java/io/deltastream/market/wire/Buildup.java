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

    public static Buildup fromWire(String s) {
        for (Buildup b : values()) {
            if (b.wire.equals(s)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown buildup '" + s + "'");
    }
}
