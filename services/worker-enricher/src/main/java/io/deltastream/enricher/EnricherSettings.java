package io.deltastream.enricher;

import io.deltastream.market.store.MarketRetention;
import io.deltastream.platform.config.Env;
import java.time.Duration;

/**
 * The worker-enricher's settings (see README, "Market-data pipeline").
 *
 * @param concurrency   {@code WORKER_CONCURRENCY} (default 2): handler threads of this instance; instances add up
 * @param batchSize     {@code WORKER_BATCH_SIZE} (default 50): most messages handled (and written) together
 * @param chainSnapshot {@code CHAIN_SNAPSHOT_SECONDS} (default 60): at most one stored chain per product, expiry and
 *                      this many seconds (the first of each period); 0 stores every chain. Cache and publishes see
 *                      every chain regardless
 * @param quoteSnapshot {@code QUOTE_SNAPSHOT_SECONDS} (default 60): the same for single quotes, per option symbol
 * @param retention     {@code TICK_/QUOTE_/CHAIN_/CANDLE_RETENTION_DAYS}
 * @param pruneEvery    {@code RETENTION_PRUNE_MINUTES} (default 60): how often documents past retention are deleted
 */
public record EnricherSettings(int concurrency, int batchSize, Duration chainSnapshot, Duration quoteSnapshot,
                               MarketRetention retention,
                               Duration pruneEvery) {

    public static EnricherSettings from(Env env) {
        int concurrency = env.integer("WORKER_CONCURRENCY", 2, 1, 64);
        int batch = env.integer("WORKER_BATCH_SIZE", 50, 1, 1000);
        Duration chains = snapshot(env, "CHAIN_SNAPSHOT_SECONDS");
        Duration quotes = snapshot(env, "QUOTE_SNAPSHOT_SECONDS");
        double pruneMinutes = env.positiveNumber("RETENTION_PRUNE_MINUTES", 60, 7 * 24 * 60);
        Duration prune = Duration.ofSeconds(Math.max(1, Math.round(pruneMinutes * 60)));
        return new EnricherSettings(concurrency, batch, chains, quotes, MarketRetention.from(env), prune);
    }

    /** A snapshot period in seconds, default 60; 0 (store everything) is allowed, unlike {@link Env#seconds}. */
    private static Duration snapshot(Env env, String name) {
        boolean everything = env.optional(name).map(v -> v.matches("0+(\\.0*)?")).orElse(false);
        return everything ? Duration.ZERO : env.seconds(name, Duration.ofSeconds(60), Duration.ofDays(1));
    }
}
