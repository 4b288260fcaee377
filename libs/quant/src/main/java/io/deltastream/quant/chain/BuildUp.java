package io.deltastream.quant.chain;

/** The standard reading of a price move together with an open-interest move, per option. */
public enum BuildUp {
    /** Price up, open interest up: new longs. */
    LONG_BUILDUP,
    /** Price down, open interest up: new shorts (writers). */
    SHORT_BUILDUP,
    /** Price up, open interest down: shorts closing. */
    SHORT_COVERING,
    /** Price down, open interest down: longs closing. */
    LONG_UNWINDING,
    /** Price or open interest unchanged, or no previous snapshot to compare with. */
    NEUTRAL;

    public static BuildUp classify(double priceChange, long openInterestChange) {
        if (!(priceChange > 0 || priceChange < 0) || openInterestChange == 0) {
            return NEUTRAL;
        }
        if (priceChange > 0) {
            return openInterestChange > 0 ? LONG_BUILDUP : SHORT_COVERING;
        }
        return openInterestChange > 0 ? SHORT_BUILDUP : LONG_UNWINDING;
    }
}
