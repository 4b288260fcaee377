package io.deltastream.enricher;

import io.deltastream.market.store.MarketRetention;
import io.deltastream.platform.config.Env;
import java.time.Duration;

/**
 * The worker-enricher's settings (see README, "Market-data pipeline").
 *
 * @param concurrency   {@code WORKER_CONCURRENCY} (default 2): handler threads of this instance; instances add up
 * @param batchSize     {@code WORKER_BATCH_SIZE} (default 50): most messages handled (and written) together
 * @param chainSnapshot {@code CHAIN_SNAPSHOT_SECONDS} (default 10): at most one stored chain per product, expiry and
 *                      this many seconds (the first of each period); 0 stores every chain. Cache and publishes see
 *                      every chain regardless
 * @param retention     {@code TICK_/QUOTE_/CHAIN_/CANDLE_RETENTION_DAYS}
 * @param pruneEvery    {@code RETENTION_PRUNE_MINUTES} (default 60): how often documents past retention are deleted
 */
public record EnricherSettings(int concurrency, int batchSize, Duration chainSnapshot, MarketRetention retention,
                               Duration pruneEvery) {

    public static EnricherSettings from(Env env) {
        int concurrency = env.integer("WORKER_CONCURRENCY", 2, 1, 64);
        int batch = env.integer("WORKER_BATCH_SIZE", 50, 1, 1000);
        // 0 is meaningful here (store every chain), which positiveNumber refuses.
        boolean everyChain = env.optional("CHAIN_SNAPSHOT_SECONDS").map(v -> v.matches("0+(\\.0*)?")).orElse(false);
        Duration snapshot = everyChain ? Duration.ZERO
                : env.seconds("CHAIN_SNAPSHOT_SECONDS", Duration.ofSeconds(10), Duration.ofDays(1));
        double pruneMinutes = env.positiveNumber("RETENTION_PRUNE_MINUTES", 60, 7 * 24 * 60);
        Duration prune = Duration.ofSeconds(Math.max(1, Math.round(pruneMinutes * 60)));
        return new EnricherSettings(concurrency, batch, snapshot, MarketRetention.from(env), prune);
    }
}
