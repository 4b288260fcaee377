package io.deltastream.feed.synthetic;

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
 */
public record SyntheticSettings(long seed, int strikesPerChain, int maxExpiries, double jumpsPerYear,
                                double jumpSize) {
    public SyntheticSettings {
        if (strikesPerChain < 5 || strikesPerChain > 1001) {
            throw new IllegalArgumentException("strikes per chain must be 5..1001, got " + strikesPerChain);
        }
        if (maxExpiries < 0) {
            throw new IllegalArgumentException("max expiries must be >= 0");
        }
        if (!(jumpsPerYear >= 0) || !(jumpSize >= 0)) {
            throw new IllegalArgumentException("jump parameters must be >= 0");
        }
    }

    public static SyntheticSettings defaults(long seed) {
        return new SyntheticSettings(seed, 21, 0, 0, 0.02);
    }
}
