package io.deltastream.market.product;

import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A named market shape that replaces the product universe and sizes the synthetic chains, selected by
 * {@code FEED_PRESET}. Every service reads it through {@link ProductUniverse#from}, so all of them list the same
 * products.
 *
 * <p>{@code nse-fo} has the shape of the Indian F&amp;O segment, but its products are synthetic (names
 * {@code STK001}..{@code STK185}, prices and volatilities drawn from a fixed seed): 5 indices with 4 expiries of 101
 * strikes and 185 stocks with 3 monthly expiries of 41 strikes, i.e. 575 chains and 49,550 option quotes per full
 * snapshot of the universe.
 */
public enum MarketPreset {
    NSE_FO("nse-fo");

    /** The environment variable naming a preset. */
    public static final String VARIABLE = "FEED_PRESET";
    /** Strikes per chain of an index in {@code nse-fo}. */
    public static final int INDEX_STRIKES = 101;
    /** Strikes per chain of a stock in {@code nse-fo}. */
    public static final int STOCK_STRIKES = 41;
    /** Number of stocks in {@code nse-fo}. */
    public static final int STOCKS = 185;

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final LocalTime CLOSE = LocalTime.of(15, 30);
    private static final long STOCK_SEED = 20_261_206L;

    private record Index(String name, double basePrice, double strikeInterval, int lotSize, double volatility) {
    }

    private static final List<Index> INDICES = List.of(
            new Index("NIFTY", 24_000, 50, 75, 0.13),
            new Index("BANKNIFTY", 52_000, 100, 35, 0.16),
            new Index("FINNIFTY", 23_500, 50, 65, 0.15),
            new Index("MIDCPNIFTY", 12_500, 25, 140, 0.18),
            new Index("NIFTYNXT50", 68_000, 100, 25, 0.17));

    private final String label;

    MarketPreset(String label) {
        this.label = label;
    }

    /** The name {@code FEED_PRESET} takes. */
    public String label() {
        return label;
    }

    /** The preset {@code FEED_PRESET} names, if set; an unknown name is a {@link ConfigException} listing the known. */
    public static Optional<MarketPreset> from(Env env) {
        Optional<String> raw = env.optional(VARIABLE);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String wanted = raw.get().trim().toLowerCase(Locale.ROOT);
        return Optional.of(Stream.of(values()).filter(p -> p.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new ConfigException(VARIABLE + " must be one of "
                        + Stream.of(values()).map(MarketPreset::label).collect(Collectors.joining(", "))
                        + ", got '" + raw.get() + "'")));
    }

    /** The products of this preset, indices first. The same on every call and every machine. */
    public ProductUniverse universe() {
        List<Product> products = new ArrayList<>();
        for (Index i : INDICES) {
            products.add(new Product(i.name, i.basePrice, i.strikeInterval, i.lotSize, 0.05, "INR",
                    ExerciseStyle.EUROPEAN, KOLKATA, CLOSE, 0.065, 0.012, i.volatility,
                    List.of(i.name.equals("NIFTY") ? ExpiryRule.weekly(DayOfWeek.TUESDAY, 4)
                            : ExpiryRule.monthly(DayOfWeek.TUESDAY, -1, 4))));
        }
        SplittableRandom random = new SplittableRandom(STOCK_SEED);
        for (int n = 1; n <= STOCKS; n++) {
            // Log-uniform prices from 100 to 10,000 rupees, strikes about 1% apart, lots worth about 7.5 lakh.
            double price = Math.rint(100 * Math.pow(100, random.nextDouble()));
            double interval = strikeInterval(price);
            int lot = (int) Math.max(1, Math.round(750_000 / price / 25) * 25);
            double volatility = Math.rint((0.20 + 0.25 * random.nextDouble()) * 1000) / 1000;
            products.add(new Product("STK%03d".formatted(n), price, interval, lot, 0.05, "INR", ExerciseStyle.EUROPEAN,
                    KOLKATA, CLOSE, 0.065, 0.0, volatility, List.of(ExpiryRule.monthly(DayOfWeek.TUESDAY, -1, 3))));
        }
        return new ProductUniverse(products);
    }

    /** Strikes per published chain of {@code product} in this preset. */
    public int strikesPerChain(Product product) {
        return INDICES.stream().anyMatch(i -> i.name.equals(product.name())) ? INDEX_STRIKES : STOCK_STRIKES;
    }

    /** The exchange-like interval nearest to 1% of {@code price}: 1, 2.5, 5, 10, 20, 50 or 100 rupees. */
    private static double strikeInterval(double price) {
        double target = price / 100;
        double best = 1;
        for (double step : new double[] {1, 2.5, 5, 10, 20, 50, 100}) {
            if (Math.abs(Math.log(step / target)) < Math.abs(Math.log(best / target))) {
                best = step;
            }
        }
        return best;
    }
}
