package io.deltastream.market.store;

import io.deltastream.platform.config.Env;
import java.time.Duration;

/**
 * How long each market-data collection keeps documents. The enricher prunes older documents by code (both stores)
 * and the collection specs carry the same durations as MongoDB TTL indexes.
 *
 * @param ticks   {@code underlying_ticks}: {@code TICK_RETENTION_DAYS}, default 7
 * @param quotes  {@code option_quotes}: {@code QUOTE_RETENTION_DAYS}, default 2
 * @param chains  {@code option_chains}: {@code CHAIN_RETENTION_DAYS}, default 90 (one snapshot per chain and minute
 *                beyond the full-resolution window, see {@link ChainDownsampling})
 * @param candles {@code candles}: {@code CANDLE_RETENTION_DAYS}, default 365
 */
public record MarketRetention(Duration ticks, Duration quotes, Duration chains, Duration candles) {
    public static final MarketRetention DEFAULTS = new MarketRetention(Duration.ofDays(7), Duration.ofDays(2),
            Duration.ofDays(90), Duration.ofDays(365));

    /** Fractional days are allowed (0.5 = 12 hours); at most 10 years. */
    public static MarketRetention from(Env env) {
        return new MarketRetention(days(env, "TICK_RETENTION_DAYS", DEFAULTS.ticks),
                days(env, "QUOTE_RETENTION_DAYS", DEFAULTS.quotes),
                days(env, "CHAIN_RETENTION_DAYS", DEFAULTS.chains),
                days(env, "CANDLE_RETENTION_DAYS", DEFAULTS.candles));
    }

    private static Duration days(Env env, String name, Duration defaultValue) {
        double d = env.positiveNumber(name, defaultValue.toHours() / 24.0, 3650);
        return Duration.ofSeconds(Math.max(1, Math.round(d * 86400)));
    }
}
