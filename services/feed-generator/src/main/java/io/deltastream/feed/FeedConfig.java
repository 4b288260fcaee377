package io.deltastream.feed;

import io.deltastream.feed.synthetic.SyntheticSettings;
import io.deltastream.market.product.MarketPreset;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The feed generator's settings (see README, "Market-data pipeline").
 *
 * @param provider      {@code FEED_PROVIDER}: {@code synthetic} (default) or {@code replay}
 * @param interval      {@code FEED_INTERVAL} seconds between ticks (default 1, fractions allowed)
 * @param universe      {@code PRODUCTS_FILE} or {@code FEED_PRESET} (default: the reference's eight products),
 *                      restricted by {@code FEED_PRODUCTS} (comma-separated names)
 * @param synthetic     seed, strikes, expiries, jumps of the synthetic market; a preset sizes each product's
 *                      chains unless {@code FEED_STRIKES} is set
 * @param quotePairs    {@code FEED_QUOTES} (default 3): strikes per product and interval quoted individually
 * @param chainEvery    {@code FEED_CHAIN_EVERY} (default 5, or 1 with a preset): a product's chains every this many
 *                      intervals
 * @param record        {@code FEED_RECORD}: file to which every published message is appended
 * @param replayFile    {@code FEED_REPLAY_FILE}: the recording {@code replay} plays back
 * @param replaySpeed   {@code FEED_REPLAY_SPEED} (default 1 = original pace; 0 = as fast as possible)
 * @param replayLoop    {@code FEED_REPLAY_LOOP} (default false): start over at the end
 */
public record FeedConfig(String provider, Duration interval, ProductUniverse universe, SyntheticSettings synthetic,
                         int quotePairs, int chainEvery, Optional<Path> record, Optional<Path> replayFile,
                         double replaySpeed, boolean replayLoop) {

    public static final String SYNTHETIC = "synthetic";
    public static final String REPLAY = "replay";

    public static FeedConfig from(Env env) {
        String provider = env.choice("FEED_PROVIDER", SYNTHETIC, Set.of(SYNTHETIC, REPLAY));
        Duration interval = env.seconds("FEED_INTERVAL", Duration.ofSeconds(1), Duration.ofHours(1));
        if (interval.toMillis() < 1) {
            throw new ConfigException("FEED_INTERVAL must be at least 0.001 seconds");
        }
        ProductUniverse universe = ProductUniverse.from(env);
        List<String> only = env.list("FEED_PRODUCTS", List.of());
        if (!only.isEmpty()) {
            try {
                universe = universe.only(only);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("FEED_PRODUCTS: " + e.getMessage() + " (known: "
                        + String.join(", ", universe.names()) + ")");
            }
        }
        long seed = env.optional("FEED_SEED").map(s -> parseSeed(s)).orElseGet(() -> ThreadLocalRandom.current().nextLong());
        Optional<MarketPreset> preset = MarketPreset.from(env);
        Map<String, Integer> presetStrikes = new HashMap<>();
        if (preset.isPresent() && !env.isSet("FEED_STRIKES")) {
            universe.products().forEach(p -> presetStrikes.put(p.name(), preset.get().strikesPerChain(p)));
        }
        SyntheticSettings synthetic = new SyntheticSettings(seed, env.integer("FEED_STRIKES", 21, 5, 1001),
                env.integer("FEED_EXPIRIES", 0, 0, 52), number(env, "FEED_JUMPS_PER_YEAR", 0),
                number(env, "FEED_JUMP_SIZE", 0.02), presetStrikes);
        Optional<Path> record = env.optional("FEED_RECORD").map(Path::of);
        Optional<Path> replayFile = env.optional("FEED_REPLAY_FILE").map(Path::of);
        if (provider.equals(REPLAY)) {
            Path file = replayFile.orElseThrow(() -> new ConfigException(
                    "FEED_REPLAY_FILE must name a recording (written with FEED_RECORD) when FEED_PROVIDER=replay"));
            if (!Files.isReadable(file)) {
                throw new ConfigException("FEED_REPLAY_FILE " + file + " cannot be read");
            }
        }
        return new FeedConfig(provider, interval, universe, synthetic, env.integer("FEED_QUOTES", 3, 0, 100),
                env.integer("FEED_CHAIN_EVERY", preset.isPresent() ? 1 : 5, 1, 10_000), record, replayFile, number(env, "FEED_REPLAY_SPEED", 1),
                env.bool("FEED_REPLAY_LOOP", false));
    }

    private static long parseSeed(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("FEED_SEED must be an integer, got '" + s + "'");
        }
    }

    /** A number >= 0 (0 allowed, unlike {@link Env#positiveNumber}). */
    private static double number(Env env, String name, double defaultValue) {
        Optional<String> v = env.optional(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            double d = Double.parseDouble(v.get().trim());
            if (d >= 0 && d <= 1e6) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(name + " must be a number from 0 to 1000000, got '" + v.get() + "'");
    }
}
