package io.deltastream.trading;

import io.deltastream.trading.api.TradingEngine;
import io.deltastream.trading.risk.MarginUse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * The margin gauges: {@code trading_margin_used} (every account's margin together, currency units) and
 * {@code trading_accounts_margin_utilization_above{threshold="0.8"}} (accounts using at least 80% of their cash as
 * margin). No per-user series, so their number does not grow with the users. A scrape reads both gauges: one pass
 * over the accounts, under the engine's lock, serves both for a second.
 */
final class MarginMetrics {
    /** The utilisation from which an account counts as close to its margin limit. */
    static final double HIGH_UTILIZATION = 0.8;
    private static final long REUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final TradingEngine engine;
    private MarginUse last;
    private long lastAt;

    private MarginMetrics(TradingEngine engine) {
        this.engine = engine;
    }

    static void register(TradingEngine engine, MeterRegistry registry) {
        MarginMetrics m = new MarginMetrics(engine);
        // held strongly: nothing else references m, and a weakly held gauge reads NaN after the next GC
        Gauge.builder("trading_margin_used", m, x -> x.current().used())
                .description("Margin blocked by the positions of all accounts together, currency units")
                .strongReference(true).register(registry);
        Gauge.builder("trading_accounts_margin_utilization_above", m, x -> x.current().accountsAbove())
                .description("Accounts whose margin used is at least the threshold's fraction of their cash")
                .tag("threshold", Double.toString(HIGH_UTILIZATION)).strongReference(true).register(registry);
    }

    private synchronized MarginUse current() {
        long now = System.nanoTime();
        if (last == null || now - lastAt >= REUSE_NANOS) {
            last = engine.marginUse(HIGH_UTILIZATION);
            lastAt = now;
        }
        return last;
    }
}
