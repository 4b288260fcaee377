package io.deltastream.enricher;

import io.deltastream.market.store.MarketRetention;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import java.time.Duration;

/**
 * The worker-enricher's settings (see README, "Market-data pipeline").
 *
 * @param concurrency   {@code WORKER_CONCURRENCY} (default 2): handler threads of this instance; instances add up
 * @param batchSize     {@code WORKER_BATCH_SIZE} (default 50): most messages handled (and written) together
 * @param chainSnapshot {@code CHAIN_SNAPSHOT_SECONDS} (default 0 = store every chain): at most one stored chain per
 *                      product, expiry and this many seconds (the first of each period). Cache and publishes see
 *                      every chain regardless
 * @param quoteSnapshot {@code QUOTE_SNAPSHOT_SECONDS} (default 60): the same for single quotes, per option symbol
 * @param retention     {@code TICK_/QUOTE_/CHAIN_/CANDLE_RETENTION_DAYS}
 * @param pruneEvery    {@code RETENTION_PRUNE_MINUTES} (default 60): how often documents past retention are deleted
 * @param chainFullResolution {@code CHAIN_FULL_RESOLUTION_MINUTES} (default 60): how long every stored chain is kept
 *                      before the minute's earliest alone stays ({@code ChainDownsampling}, run every minute)
 */
public record EnricherSettings(int concurrency, int batchSize, Duration chainSnapshot, Duration quoteSnapshot,
                               MarketRetention retention,
                               Duration pruneEvery, Duration chainFullResolution) {

    public static EnricherSettings from(Env env) {
        int concurrency = env.integer("WORKER_CONCURRENCY", 2, 1, 64);
        int batch = env.integer("WORKER_BATCH_SIZE", 50, 1, 1000);
        Duration chains = snapshot(env, "CHAIN_SNAPSHOT_SECONDS", Duration.ZERO);
        Duration quotes = snapshot(env, "QUOTE_SNAPSHOT_SECONDS", Duration.ofSeconds(60));
        double pruneMinutes = env.positiveNumber("RETENTION_PRUNE_MINUTES", 60, 7 * 24 * 60);
        Duration prune = Duration.ofSeconds(Math.max(1, Math.round(pruneMinutes * 60)));
        Duration fullResolution = Duration.ofMinutes(env.integer("CHAIN_FULL_RESOLUTION_MINUTES", 60, 1, 7 * 24 * 60));
        MarketRetention retention = MarketRetention.from(env);
        if (fullResolution.compareTo(retention.chains()) > 0) {
            throw new ConfigException("CHAIN_FULL_RESOLUTION_MINUTES (" + fullResolution.toMinutes()
                    + ") must not exceed CHAIN_RETENTION_DAYS");
        }
        return new EnricherSettings(concurrency, batch, chains, quotes, retention, prune, fullResolution);
    }

    /** A snapshot period in seconds; 0 (store everything) is allowed, unlike {@link Env#seconds}. */
    private static Duration snapshot(Env env, String name, Duration defaultValue) {
        boolean everything = env.optional(name).map(v -> v.matches("0+(\\.0*)?")).orElse(defaultValue.isZero());
        return everything ? Duration.ZERO : env.seconds(name, defaultValue, Duration.ofDays(1));
    }
}
