package io.deltastream.market.channel;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;

/**
 * Cache keys written by the enricher (the reference's names and TTLs), and the indexes that let readers find the
 * live products and expiries without {@code KEYS}. Values are JSON in the wire shapes of
 * {@code io.deltastream.market.wire}.
 *
 * <p>Indexes are scored sets: member = product (or expiry date), score = epoch milliseconds of its last update. A
 * member is live when its score is within {@link #LATEST_TTL} of now; older members are pruned by the writer.
 */
public final class CacheKeys {
    /** TTL of the {@code latest:*} keys and the volatility surface: 300 s, as the reference. */
    public static final Duration LATEST_TTL = Duration.ofSeconds(300);
    /** The candle windows cached at {@code ohlc:{product}:{N}m}, in minutes (reference: 1, 5, 15). */
    public static final List<Integer> OHLC_WINDOWS = List.of(1, 5, 15);

    /**
     * A candle window in minutes written {@code 5} or {@code 5m} (surrounding blanks ignored); empty unless it is one
     * of {@link #OHLC_WINDOWS}.
     */
    public static OptionalInt ohlcWindow(String text) {
        String v = text.trim();
        String digits = v.endsWith("m") ? v.substring(0, v.length() - 1) : v;
        try {
            int w = Integer.parseInt(digits);
            return OHLC_WINDOWS.contains(w) ? OptionalInt.of(w) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
    /** Scored set of products with fresh data. */
    public static final String PRODUCTS_INDEX = "index:products";

    private CacheKeys() {
    }

    /** {@code latest:underlying:{product}}: {@code EnrichedUnderlying}, TTL {@link #LATEST_TTL}. */
    public static String latestUnderlying(String product) {
        return "latest:underlying:" + product;
    }

    /** {@code latest:chain:{product}:{expiry}}: {@code EnrichedChain}, TTL {@link #LATEST_TTL}. */
    public static String latestChain(String product, LocalDate expiry) {
        return "latest:chain:" + product + ":" + expiry;
    }

    /** {@code latest:pcr:{product}:{expiry}}: {@code {"pcr_oi", "pcr_volume", "timestamp"}}, TTL {@link #LATEST_TTL}. */
    public static String latestPcr(String product, LocalDate expiry) {
        return "latest:pcr:" + product + ":" + expiry;
    }

    /** {@code latest:option:{symbol}}: the last {@code OptionQuote} received for the symbol, TTL {@link #LATEST_TTL}. */
    public static String latestOption(String symbol) {
        return "latest:option:" + symbol;
    }

    /** {@code ohlc:{product}:{N}m}: the current aligned {@code Candle} of N minutes, TTL {@link #ohlcTtl}. */
    public static String ohlc(String product, int windowMinutes) {
        return "ohlc:" + product + ":" + windowMinutes + "m";
    }

    /** N × 60 s, as the reference. */
    public static Duration ohlcTtl(int windowMinutes) {
        return Duration.ofMinutes(windowMinutes);
    }

    /** {@code volatility_surface:{product}}: {@code VolatilitySurface} of all live expiries, TTL {@link #LATEST_TTL}. */
    public static String volatilitySurface(String product) {
        return "volatility_surface:" + product;
    }

    /**
     * {@code volatility_surface:{product}:slices}: hash expiry date -> {@code VolatilitySurface.Slice} JSON, from
     * which the enricher assembles the surface. TTL {@link #LATEST_TTL}.
     */
    public static String surfaceSlices(String product) {
        return "volatility_surface:" + product + ":slices";
    }

    /** Scored set of the expiries of {@code product} with fresh chains (member = {@code YYYY-MM-DD}). */
    public static String expiriesIndex(String product) {
        return "index:expiries:" + product;
    }
}
