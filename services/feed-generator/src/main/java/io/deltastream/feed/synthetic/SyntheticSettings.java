package io.deltastream.feed.synthetic;

import java.util.Map;

/**
 * Parameters of the synthetic market.
 *
 * @param seed           {@code FEED_SEED}: the same seed and start time give the same market, tick for tick
 * @param strikesPerChain {@code FEED_STRIKES} (default 21): strikes per published chain, centred on the spot
 * @param maxExpiries    {@code FEED_EXPIRIES} (default 0 = all listed): how many of a product's upcoming expiries get
 *                       chains
 * @param jumpsPerYear   {@code FEED_JUMPS_PER_YEAR} (default 0): mean number of price jumps per year (Merton jump
 *                       diffusion); 0 is plain geometric Brownian motion
 * @param jumpSize       {@code FEED_JUMP_SIZE} (default 0.02): standard deviation of a jump's log-size
 * @param strikesByProduct strikes per chain of the products that differ from {@code strikesPerChain} (a preset's
 *                       shape, e.g. 101 for the indices of {@code nse-fo})
 */
public record SyntheticSettings(long seed, int strikesPerChain, int maxExpiries, double jumpsPerYear,
                                double jumpSize, Map<String, Integer> strikesByProduct) {
    public SyntheticSettings {
        requireStrikes(strikesPerChain);
        strikesByProduct.values().forEach(SyntheticSettings::requireStrikes);
        strikesByProduct = Map.copyOf(strikesByProduct);
        if (maxExpiries < 0) {
            throw new IllegalArgumentException("max expiries must be >= 0");
        }
        if (!(jumpsPerYear >= 0) || !(jumpSize >= 0)) {
            throw new IllegalArgumentException("jump parameters must be >= 0");
        }
    }

    /** The same strike count for every product. */
    public SyntheticSettings(long seed, int strikesPerChain, int maxExpiries, double jumpsPerYear, double jumpSize) {
        this(seed, strikesPerChain, maxExpiries, jumpsPerYear, jumpSize, Map.of());
    }

    public static SyntheticSettings defaults(long seed) {
        return new SyntheticSettings(seed, 21, 0, 0, 0.02);
    }

    /** Strikes per published chain of {@code product}. */
    public int strikesFor(String product) {
        return strikesByProduct.getOrDefault(product, strikesPerChain);
    }

    private static void requireStrikes(int strikes) {
        if (strikes < 5 || strikes > 1001) {
            throw new IllegalArgumentException("strikes per chain must be 5..1001, got " + strikes);
        }
    }
}
