package io.deltastream.bench.trading;

import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.product.Product;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.EnrichedUnderlying;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.service.RunningService;
import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.platform.service.ServiceHost;
import io.deltastream.platform.service.SharedResources;
import io.deltastream.testkit.EmbeddedMongo;
import io.deltastream.testkit.EmbeddedRedis;
import io.deltastream.testkit.FreePorts;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.trading.TradeSimulatorService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * {@code ./deltastream bench trading-load [--seconds 20] [--warmup 5] [--clients 32] [--users 64]
 * [--via-gateway true] [--instances N]}: starts the trade simulator (and with {@code --via-gateway} the api-gateway in
 * front) in this JVM (SQLite store in a temp dir, in-process bus), publishes a live NIFTY chain that ticks every
 * second, and drives orders through HTTP with real tokens: about 45% limit orders (mostly resting), 20% market orders
 * in buy-then-sell round trips, 25% cancels of the client's oldest resting order (and always when it has more than
 * three), 10% price modifications of it. Every request goes through authentication, validation, the risk checks
 * (margin by scenario repricing included), matching and the durable store writes before its response. Prints
 * requests per second, placed orders, cancels and modifications per second apart, and the latency distribution.
 *
 * <p>With {@code --instances N} it runs the distributed set-up instead: an embedded Redis, a MongoDB wire server
 * (mongo-java-server) as the shared store, N simulator instances sharing the users' partitions, each with its own
 * api-gateway in front (a round-robin load balancer: client i uses gateway i mod N, so about (N-1)/N of the calls
 * reach an instance that forwards them to the user's owner).
 */
public final class OrderLoadDriver {
    private OrderLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
        int clients = Integer.parseInt(opts.getOrDefault("clients", "32"));
        int users = Integer.parseInt(opts.getOrDefault("users", "64"));
        Path data = Files.createTempDirectory("deltastream-trading-load");
        Map<String, String> vars = new HashMap<>();
        vars.put("DATA_DIR", data.toString());
        vars.put("TRADE_SIMULATOR_PORT", "0");
        vars.put("LOG_LEVEL", opts.getOrDefault("log-level", "WARN"));
        // Load, not policy, is measured: lift the per-user rate and position limits.
        vars.put("TRADING_ORDER_RATE", "1000000");
        vars.put("TRADING_ORDER_BURST", "1000000");
        vars.put("TRADING_MAX_OPEN_POSITIONS", "1000");
        vars.put("TRADING_CONCENTRATION_LIMIT", "1");
        vars.put("TRADING_DAILY_LOSS_LIMIT", "100000000");
        int instances = Integer.parseInt(opts.getOrDefault("instances", "0"));
        EmbeddedRedis redis = instances > 0 ? EmbeddedRedis.start() : null;
        EmbeddedMongo mongo = instances > 0 ? EmbeddedMongo.start() : null;
        if (instances > 0) {
            vars.put("REDIS_URL", redis.url());
            vars.put("MONGO_URL", mongo.url("deltastream"));
            vars.put("JWT_SECRET", "bench-jwt-secret-0123456789abcdefghijklmn");
            vars.put("INTERNAL_TOKEN", "bench-internal-0123456789abcdefghijklmn");
            vars.put("ADMIN_TOKEN", "bench-admin-0123456789abcdefghijklmnopq");
        }
        Env env = Env.system().with(vars);
        List<SharedResources> replicas = new ArrayList<>();
        // their listener threads would keep the JVM alive after main returns
        List<RunningService> started = new ArrayList<>();
        try (SharedResources shared = new SharedResources()) {
            List<String> targets = new ArrayList<>();
            Bus bus;
            RunningService service;
            if (instances > 0) {
                bus = shared.get("bench:redis", Bus.class, () -> Buses.open(BusConfig.DEFAULTS.withRedis(
                        java.net.URI.create(redis.url()))));
                service = null;
                for (int i = 0; i < instances; i++) {
                    SharedResources own = new SharedResources();
                    replicas.add(own);
                    int port = FreePorts.next();
                    Env instanceEnv = env.with(Map.of("TRADE_SIMULATOR_PORT", Integer.toString(port),
                            "TRADING_INSTANCE_URL", "http://127.0.0.1:" + port));
                    RunningService instance = ServiceHost.start(new TradeSimulatorService(), instanceEnv, own, false);
                    started.add(instance);
                    targets.add(gateway(instanceEnv, instance.baseUrl(), own, false, started));
                }
            } else {
                service = ServiceHost.start(new TradeSimulatorService(), env, shared, true);
                bus = shared.get("bus:memory", Bus.class, () -> {
                    throw new IllegalStateException("no in-process bus");
                });
                targets.add(Boolean.parseBoolean(opts.getOrDefault("via-gateway", "false"))
                        ? gateway(env, service.baseUrl(), shared, true, started) : service.baseUrl());
            }
            Product nifty = ProductUniverse.defaults().get("NIFTY");
            LocalDate expiry = ExpiryCalendar.upcoming(nifty, Instant.now()).get(0);
            double[] strikes = {21300, 21400, 21500, 21600, 21700};
            AtomicBoolean running = new AtomicBoolean(true);
            Thread ticker = Thread.ofPlatform().daemon().start(() -> {
                SplittableRandom rnd = new SplittableRandom(1);
                while (running.get()) {
                    publish(bus, expiry, strikes, 21500 + rnd.nextInt(41) - 20);
                    sleep(1000);
                }
            });
            publish(bus, expiry, strikes, 21500);
            sleep(500);
            AccessTokens tokens = AccessTokens.fromEnv(env);
            // Plays the auth service's part: the simulator opens accounts only for users the auth service vouches for.
            TokenStanding standing = new TokenStanding(bus.cache(), java.time.Clock.systemUTC());

            List<String> symbols = new ArrayList<>();
            for (double k : strikes) {
                symbols.add(OptionSymbol.format("NIFTY", expiry, OptionType.CALL, k));
                symbols.add(OptionSymbol.format("NIFTY", expiry, OptionType.PUT, k));
            }
            Recorder latency = new Recorder(3);
            AtomicLong requests = new AtomicLong();
            Map<String, AtomicLong> answered = new java.util.concurrent.ConcurrentHashMap<>();
            Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();
            Map<String, AtomicLong> errors = new java.util.concurrent.ConcurrentHashMap<>();
            AtomicBoolean measuring = new AtomicBoolean(false);
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            for (int c = 0; c < clients; c++) {
                int client = c;
                pool.submit(() -> {
                    SplittableRandom rnd = new SplittableRandom(client);
                    String user = String.format(Locale.ROOT, "%024x", 1 + client % users);
                    standing.vouchFor(user, tokens.ttl());
                    String auth = "Bearer " + tokens.issue(user, user + "@bench", "bench-session-" + client).token();
                    ArrayDeque<String> resting = new ArrayDeque<>();
                    Map<String, Double> restingPrice = new HashMap<>();
                    String target = targets.get(client % targets.size());
                    KeepAliveClient http = new KeepAliveClient(target);
                    String roundTrip = null;
                    while (running.get()) {
                        int r = rnd.nextInt(100);
                        String symbol = symbols.get(rnd.nextInt(symbols.size()));
                        String method = "POST";
                        String path = "/api/trade/order";
                        String json = null;
                        String kind = "placed";
                        if ((r < 25 && !resting.isEmpty()) || resting.size() > 3) {
                            String id = resting.poll();
                            restingPrice.remove(id);
                            method = "DELETE";
                            path = "/api/trade/order/" + id;
                            kind = "cancelled";
                        } else if (r < 35 && !resting.isEmpty()) {
                            // a new limit price for the oldest resting order, still away from the market
                            String id = resting.peek();
                            method = "PUT";
                            path = "/api/trade/order/" + id;
                            kind = "modified";
                            json = Json.string(Map.of("price", restingPrice.get(id) + (rnd.nextBoolean() ? 1 : -1)));
                        } else {
                            Map<String, Object> body = new HashMap<>();
                            body.put("symbol", symbol);
                            body.put("quantity", 75);
                            boolean buy = rnd.nextBoolean();
                            if (r < 50) {
                                // Market orders come in round trips: buy an option, then sell it back.
                                body.put("order_type", "MARKET");
                                body.put("side", roundTrip == null ? "BUY" : "SELL");
                                if (roundTrip != null) {
                                    body.put("symbol", roundTrip);
                                }
                                roundTrip = roundTrip == null ? symbol : null;
                            } else {
                                double mid = mid(symbol, strikes);
                                body.put("order_type", "LIMIT");
                                body.put("side", buy ? "BUY" : "SELL");
                                body.put("price", buy ? mid - 15 - rnd.nextInt(10) : mid + 15 + rnd.nextInt(10));
                            }
                            json = Json.string(body);
                        }
                        long t0 = System.nanoTime();
                        KeepAliveClient.Response res;
                        try {
                            res = http.send(method, path, auth, json);
                        } catch (Exception e) {
                            statuses.computeIfAbsent(-1, k -> new AtomicLong()).incrementAndGet();
                            http.close();
                            http = new KeepAliveClient(target);
                            continue;
                        }
                        long micros = (System.nanoTime() - t0) / 1000;
                        if (measuring.get()) {
                            latency.recordValue(micros);
                            requests.incrementAndGet();
                            statuses.computeIfAbsent(res.status(), k -> new AtomicLong()).incrementAndGet();
                            if (res.status() < 300) {
                                answered.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                            }
                            if (res.status() >= 400) {
                                String error = Json.trusted(res.body()).path("error").asText();
                                errors.computeIfAbsent(error.replaceAll("[0-9.]+", "#"), k -> new AtomicLong())
                                        .incrementAndGet();
                            }
                        }
                        if (kind.equals("placed") && res.status() == 201
                                && res.body().contains("\"status\":\"OPEN\"")) {
                            var placed = Json.trusted(res.body());
                            String id = placed.get("order_id").asText();
                            resting.add(id);
                            restingPrice.put(id, placed.path("order").path("price").asDouble());
                        } else if (kind.equals("modified") && res.status() == 200) {
                            restingPrice.put(resting.peek(), Json.trusted(res.body()).path("price").asDouble());
                        } else if (kind.equals("modified")) {
                            restingPrice.remove(resting.poll());
                        }
                    }
                    http.close();
                    return null;
                });
            }
            sleep(warmup * 1000L);
            latency.reset();
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            measuring.set(true);
            long start = System.nanoTime();
            sleep(seconds * 1000L);
            measuring.set(false);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpuPerRequest = (os.getProcessCpuTime() - cpuStart) / 1e3 / Math.max(1, requests.get());
            Histogram h = latency.getIntervalHistogram();
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            ticker.join();
            System.out.printf(Locale.ROOT, "trading-load: %d clients, %d users, %d s measured after %d s warm-up%n",
                    clients, users, seconds, warmup);
            System.out.printf(Locale.ROOT, "  %s%n", instances > 0 ? instances + " instance(s) over Redis + MongoDB wire"
                    + " server, one gateway each" : "embedded (in-process bus, SQLite)");
            System.out.printf(Locale.ROOT, "  requests/s (all answers): %.0f%n", requests.get() / elapsed);
            for (String kind : List.of("placed", "cancelled", "modified")) {
                System.out.printf(Locale.ROOT, "  %s/s (2xx answers): %.0f%n", kind,
                        answered.getOrDefault(kind, new AtomicLong()).get() / elapsed);
            }
            System.out.printf(Locale.ROOT, "  latency us: p50 %d, p90 %d, p99 %d, p99.9 %d, max %d%n",
                    h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9), h.getMaxValue());
            System.out.printf(Locale.ROOT, "  process CPU per request (server + driver): %.0f us; %d CPUs; load %.1f%n",
                    cpuPerRequest, os.getAvailableProcessors(), os.getSystemLoadAverage());
            System.out.println("  statuses: " + statuses);
            errors.forEach((k, v) -> System.out.println("  " + v + " x " + k));
            if (service != null) {
                System.out.printf(Locale.ROOT, "  store: %s (%d KB)%n", data.resolve("trading.db"),
                        Files.size(data.resolve("trading.db")) / 1024);
                service.close();
            }
        } finally {
            started.forEach(RunningService::close);
            replicas.forEach(SharedResources::close);
            if (redis != null) {
                redis.close();
                mongo.close();
            }
        }
    }

    /** An api-gateway in front of {@code trade}, as users reach the simulator: edge token check, forwarding. */
    private static String gateway(Env env, String trade, SharedResources shared, boolean embedded,
            List<RunningService> started) throws Exception {
        Env gatewayEnv = env.with(Map.of("API_GATEWAY_PORT", Integer.toString(embedded ? 0 : FreePorts.next()),
                "TRADE_SERVICE_URL", trade, "GATEWAY_RATE_LIMIT_RPS", "0"));
        RunningService gateway = ServiceHost.start(new ApiGatewayService(), gatewayEnv, shared, embedded);
        started.add(gateway);
        return gateway.baseUrl();
    }

    private static double mid(String symbol, double[] strikes) {
        OptionSymbol s = OptionSymbol.parse(symbol);
        double intrinsic = s.type() == OptionType.CALL ? Math.max(0, 21500 - s.strike()) : Math.max(0, s.strike() - 21500);
        return intrinsic + 100;
    }

    private static void publish(Bus bus, LocalDate expiry, double[] strikes, double spot) {
        Instant now = Instant.now();
        List<EnrichedQuote> calls = new ArrayList<>();
        List<EnrichedQuote> puts = new ArrayList<>();
        for (double k : strikes) {
            for (OptionType t : OptionType.values()) {
                double intrinsic = t == OptionType.CALL ? Math.max(0, spot - k) : Math.max(0, k - spot);
                double mid = Math.rint((intrinsic + 100) * 20) / 20;
                OptionQuote q = new OptionQuote(OptionSymbol.format("NIFTY", expiry, t, k), "NIFTY", k, expiry, t,
                        mid - 1, mid + 1, mid, 1000, 5000, 0.5, 0.001, 10, -5, 0.13, now);
                (t == OptionType.CALL ? calls : puts).add(new EnrichedQuote(q, 1, 0, 0, Buildup.NEUTRAL));
            }
        }
        bus.topics().publish(MarketTopics.ENRICHED_UNDERLYING,
                WireCodec.encode(new EnrichedUnderlying("NIFTY", spot, now, now)));
        bus.topics().publish(MarketTopics.ENRICHED_OPTION_CHAIN, WireCodec.encode(new EnrichedChain("NIFTY", expiry,
                spot, strikes, 1, 1, 21500, 200, 21500, 0, 0, 0, 0, calls, puts, now, now, 0.05, spot, 0.13, 0, 100, 0,
                0, null)));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
