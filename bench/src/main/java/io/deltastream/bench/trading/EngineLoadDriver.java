package io.deltastream.bench.trading;

import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.http.KeyedRateLimit;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.store.sqlite.SqliteStore;
import io.deltastream.trading.TradingConfig;
import io.deltastream.trading.api.TradingEngine;
import io.deltastream.trading.feed.MarketData;
import io.deltastream.trading.feed.Quote;
import io.deltastream.trading.instrument.Instruments;
import io.deltastream.trading.matching.Side;
import io.deltastream.trading.oms.OrderRequest;
import io.deltastream.trading.oms.OrderType;
import io.deltastream.trading.oms.Validity;
import io.deltastream.trading.persistence.GroupCommitWriter;
import io.deltastream.trading.persistence.TradingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./deltastream bench trading-engine [--seconds 20] [--warmup 10] [--threads 16]}: the order path without
 * HTTP: the trading engine (validation, risk checks with margin, matching, accounts) and the group-committed SQLite
 * writes, called by {@code threads} callers, each waiting for its operation to be durable, while the feed ticks ten
 * times a second. The same mix as {@code trading-load}: limit orders (mostly resting), market orders in round trips,
 * cancels. Separates the engine's
 * and store's cost from the HTTP server's and the client's.
 */
public final class EngineLoadDriver {
    private EngineLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "10"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "16"));
        Path dir = Files.createTempDirectory("deltastream-trading-engine");
        try (SqliteStore sqlite = new SqliteStore(dir.resolve("trading.db"), false)) {
            TradingStore store = new TradingStore(sqlite);
            GroupCommitWriter writer = new GroupCommitWriter(store, Clock.systemUTC(), "bench", p -> true, p -> { },
                    Thread::new);
            TradingConfig config = TradingConfig.from(Env.of(Map.of("TRADING_ORDER_RATE", "1000000",
                    "TRADING_ORDER_BURST", "1000000", "TRADING_MAX_OPEN_POSITIONS", "1000",
                    "TRADING_CONCENTRATION_LIMIT", "1", "TRADING_DAILY_LOSS_LIMIT", "100000000")));
            MarketData market = new MarketData(Clock.systemUTC());
            ProductUniverse universe = ProductUniverse.defaults();
            TradingEngine engine = new TradingEngine(config, new Instruments(universe), market, store, writer,
                    e -> { }, Clock.systemUTC(), new KeyedRateLimit(config.limits().ordersPerSecond(),
                    config.limits().orderBurst(), System::nanoTime), u -> 0);
            engine.gained(java.util.Set.of(0));
            LocalDate expiry = ExpiryCalendar.upcoming(universe.get("NIFTY"), Instant.now()).get(0);
            List<String> symbols = new ArrayList<>();
            for (double k : new double[] {21300, 21400, 21500, 21600, 21700}) {
                for (OptionType t : OptionType.values()) {
                    String s = OptionSymbol.format("NIFTY", expiry, t, k);
                    symbols.add(s);
                    market.putQuote(s, new Quote(99, 101, 100, 0.13, Instant.now()));
                }
            }
            market.putSpot("NIFTY", 21500, Instant.now());
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicLong operations = new AtomicLong();
            AtomicLong rejected = new AtomicLong();
            Map<String, AtomicLong> reasons = new java.util.concurrent.ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                pool.submit(() -> {
                    SplittableRandom rnd = new SplittableRandom(thread);
                    ArrayDeque<String> resting = new ArrayDeque<>();
                    String roundTrip = null;
                    String user = String.format(Locale.ROOT, "%024x", 1 + thread);
                    while (running.get()) {
                        if (roundTrip == null) {
                            user = String.format(Locale.ROOT, "%024x", 1 + thread * 4 + rnd.nextInt(4));
                        }
                        int r = rnd.nextInt(100);
                        try {
                            if ((r < 30 && !resting.isEmpty()) || resting.size() > 3) {
                                String[] entry = resting.poll().split("/");
                                engine.cancel(entry[0], entry[1]);
                            } else if (r < 50) {
                                String s = roundTrip == null ? symbols.get(rnd.nextInt(symbols.size())) : roundTrip;
                                engine.place(user, new OrderRequest(s, OrderType.MARKET,
                                        roundTrip == null ? Side.BUY : Side.SELL, 75, Double.NaN, Double.NaN,
                                        Validity.DAY, Optional.empty()));
                                roundTrip = roundTrip == null ? s : null;
                            } else {
                                boolean buy = rnd.nextBoolean();
                                var res = engine.place(user, new OrderRequest(symbols.get(rnd.nextInt(symbols.size())),
                                        OrderType.LIMIT, buy ? Side.BUY : Side.SELL, 75,
                                        buy ? 95 - rnd.nextInt(5) : 105 + rnd.nextInt(5), Double.NaN, Validity.DAY,
                                        Optional.empty()));
                                if ("OPEN".equals(res.get("status").asText())) {
                                    resting.add(user + "/" + res.get("order_id").asText());
                                }
                            }
                        } catch (RuntimeException e) {
                            if (measuring.get()) {
                                rejected.incrementAndGet();
                                reasons.computeIfAbsent(String.valueOf(e.getMessage()).replaceAll("[0-9.]+", "#"),
                                        k -> new AtomicLong()).incrementAndGet();
                            }
                        }
                        if (measuring.get()) {
                            operations.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            // The feed ticks ten times a second: synthetic liquidity is refreshed, resting orders re-evaluated.
            Thread ticker = Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    for (String sym : symbols) {
                        market.putQuote(sym, new Quote(99, 101, 100, 0.13, Instant.now()));
                    }
                    engine.onQuotes(symbols);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            Thread.sleep(warmup * 1000L);
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long cpuUsed = os.getProcessCpuTime() - cpu;
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            ticker.join();
            writer.close();
            System.out.printf(Locale.ROOT, "trading-engine: %d threads, %d s measured after %d s warm-up%n", threads,
                    seconds, warmup);
            System.out.printf(Locale.ROOT, "  operations/s (orders placed + cancelled, durable): %.0f (%d rejected)%n",
                    operations.get() / elapsed, rejected.get());
            reasons.forEach((k, v) -> System.out.println("  " + v + " x " + k));
            System.out.printf(Locale.ROOT, "  process CPU per operation: %.0f us; load %.1f on %d CPUs%n",
                    cpuUsed / 1e3 / Math.max(1, operations.get()), os.getSystemLoadAverage(),
                    os.getAvailableProcessors());
        }
    }
}
