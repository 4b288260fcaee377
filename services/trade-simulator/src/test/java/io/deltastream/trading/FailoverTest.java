package io.deltastream.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.config.Env;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.store.mongo.MongoStore;
import io.deltastream.testkit.ChildJvm;
import io.deltastream.testkit.EmbeddedMongo;
import io.deltastream.testkit.EmbeddedRedis;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.FreePorts;
import io.deltastream.testkit.HttpJson;
import io.deltastream.trading.persistence.TradingStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two trade-simulator processes over one Redis and one MongoDB (wire protocol) share the users' partitions; one is
 * killed (SIGKILL: no shutdown, its leases not released) while orders stream in through both. The survivor takes its
 * partitions over, the clients retry what went unanswered with the same client order ids, and afterwards every
 * account reconciles exactly with the trades stored, and every order the clients sent exists exactly once.
 */
class FailoverTest {
    private static final String SECRET = "failover-test-secret-0123456789abcdefghij";
    private static final String INTERNAL = "failover-test-internal-0123456789abcdefghij";
    private static final int USERS = 8;
    private static final int ORDERS_PER_USER = 40;
    private static final int KILL_AFTER_ACKS = 60;

    /** What a client learnt about one order: the id of the order its (first or retried) call was answered with. */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger retried = new AtomicInteger();
    private final List<Throwable> clientFailures = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void killingOneOfTwoInstancesUnderLoadLosesNothingAndAppliesNothingTwice() throws Exception {
        try (EmbeddedRedis redis = EmbeddedRedis.start(); EmbeddedMongo mongo = EmbeddedMongo.start();
             Bus bus = Buses.open(BusConfig.DEFAULTS.withRedis(URI.create(redis.url())))) {
            LocalDate expiry = ExpiryCalendar.upcoming(TradingFixture.NIFTY, Instant.now()).get(0);
            String call = OptionSymbol.format("NIFTY", expiry, OptionType.CALL, 21500);
            AtomicBoolean feeding = new AtomicBoolean(true);
            Thread feed = Thread.ofPlatform().daemon().start(() -> {
                while (feeding.get()) {
                    TradingFixture.publishChain(bus.topics(), expiry, 21500, Instant.now(), s -> null);
                    sleep(200);
                }
            });
            Map<String, String> env = new HashMap<>(Map.of("REDIS_URL", redis.url(), "MONGO_URL",
                    mongo.url("deltastream"), "JWT_SECRET", SECRET, "INTERNAL_TOKEN", INTERNAL,
                    "TRADING_PARTITIONS", "16", "TRADING_LEASE_TTL", "3", "TRADING_DEPTH_LOTS", "100000",
                    "TRADING_ORDER_RATE", "100000", "TRADING_ORDER_BURST", "100000",
                    "TRADING_MAX_OPEN_POSITIONS", "1000"));
            env.put("TRADING_CONCENTRATION_LIMIT", "1");
            env.put("TRADING_DAILY_LOSS_LIMIT", "100000000");
            env.put("DATA_DIR", Files.createTempDirectory("trading-failover").toString());
            Instance a = Instance.start(env);
            Instance b = Instance.start(env);
            try {
                Eventually.until("both instances hold partitions", Duration.ofSeconds(60),
                        () -> holders(bus).containsAll(Set.of(a.url, b.url)));
                for (Instance i : List.of(a, b)) {
                    Eventually.until("quotes reach " + i.url, Duration.ofSeconds(60), () -> i.http
                            .get("/api/trade/orderbook/" + call).json().path("last_trade").asDouble() > 0);
                }
                AccessTokens tokens = AccessTokens.fromEnv(Env.of(Map.of("JWT_SECRET", SECRET)));
                TokenStanding standing = new TokenStanding(bus.cache(), java.time.Clock.systemUTC());
                List<String> users = new ArrayList<>();
                Map<String, String> bearer = new HashMap<>();
                for (int u = 0; u < USERS; u++) {
                    String user = String.format(Locale.ROOT, "%024x", 0xfa11000L + u);
                    users.add(user);
                    standing.vouchFor(user, tokens.ttl());
                    bearer.put(user, "Bearer " + tokens.issue(user, user + "@example.com", "s-" + user).token());
                }
                AtomicBoolean killed = new AtomicBoolean();
                CountDownLatch done = new CountDownLatch(USERS);
                for (String user : users) {
                    Thread.ofPlatform().start(() -> {
                        try {
                            for (int n = 0; n < ORDERS_PER_USER; n++) {
                                Map<String, Object> order = Map.of("symbol", call, "order_type", "MARKET",
                                        "side", n % 2 == 0 ? "BUY" : "SELL", "quantity", 75,
                                        "client_order_id", user + "-" + n);
                                Instance first = killed.get() || n % 2 == 0 ? b : a;
                                place(first, b, bearer.get(user), order);
                                if (acknowledged.size() >= KILL_AFTER_ACKS && killed.compareAndSet(false, true)) {
                                    a.kill();
                                }
                            }
                        } catch (Throwable t) {
                            clientFailures.add(t);
                        } finally {
                            done.countDown();
                        }
                    });
                }
                assertThat(done.await(5, TimeUnit.MINUTES)).as("every client finished").isTrue();
                assertThat(clientFailures).isEmpty();
                assertThat(killed).isTrue();
                Eventually.until("the survivor holds every partition", () -> holders(bus).equals(Set.of(b.url)));

                // every order sent is stored exactly once, as the order its client was answered with
                TradingStore store = new TradingStore(new MongoStore(mongo.url("deltastream")));
                for (String user : users) {
                    List<ObjectNode> orders = store.orders(user, null, 1000);
                    Map<String, String> byClientId = new HashMap<>();
                    for (ObjectNode o : orders) {
                        String cid = o.path("client_order_id").asText();
                        assertThat(byClientId.put(cid, o.get("order_id").asText())).as("duplicate " + cid).isNull();
                        assertThat(o.get("status").asText()).as(cid).isEqualTo("FILLED");
                    }
                    for (int n = 0; n < ORDERS_PER_USER; n++) {
                        String cid = user + "-" + n;
                        assertThat(byClientId.get(cid)).as(cid).isNotNull().isEqualTo(acknowledged.get(cid));
                    }
                    assertThat(orders).hasSize(ORDERS_PER_USER);
                    reconcile(user, store, b, bearer.get(user));
                }
                assertThat(retried.get()).as("calls cut off by the kill were retried").isPositive();
            } finally {
                feeding.set(false);
                feed.join();
                a.kill();
                b.kill();
            }
        }
    }

    /** Places {@code order}, retrying through {@code survivor} (same client order id) until it is answered. */
    private void place(Instance first, Instance survivor, String bearer, Map<String, Object> order) {
        Instance target = first;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                HttpJson.Response r = target.http.post("/api/trade/order", order, "Authorization", bearer);
                if (r.status() == 201) {
                    String id = r.json().get("order_id").asText();
                    String previous = acknowledged.putIfAbsent((String) order.get("client_order_id"), id);
                    assertThat(previous).as("a retry is answered with the first order").isIn(null, id);
                    return;
                }
                assertThat(r.status()).as(r.body()).isIn(502, 503, 504);
            } catch (UncheckedIOException e) {
                // the instance died under the call: whether it was applied is unknown, so retry with the same id
            }
            assertThat(System.nanoTime() - deadline).as("answered in time").isNegative();
            retried.incrementAndGet();
            target = survivor;
            sleep(100);
        }
    }

    /** Cash, positions, realised P&L and fees of the account against the sums of its stored trades. */
    private static void reconcile(String user, TradingStore store, Instance owner, String bearer) {
        List<ObjectNode> trades = store.tradesSince(user, null);
        double cash = 1_000_000;
        double fees = 0;
        double realized = 0;
        Map<String, Long> quantity = new HashMap<>();
        for (ObjectNode t : trades) {
            double value = t.get("quantity").asLong() * t.get("price").asDouble();
            boolean buy = t.get("side").asText().equals("BUY");
            cash += buy ? -value : value;
            cash -= t.get("commission").asDouble();
            fees += t.get("commission").asDouble();
            realized += t.get("realized_pnl").asDouble();
            quantity.merge(t.get("symbol").asText(), buy ? t.get("quantity").asLong() : -t.get("quantity").asLong(),
                    Long::sum);
        }
        assertThat(trades).as(user).hasSize(ORDERS_PER_USER);
        ObjectNode stored = store.allPortfolios().stream().filter(d -> d.get("user_id").asText().equals(user))
                .findFirst().orElseThrow();
        assertThat(stored.path("ledger").path("cash").asDouble()).as(user + " cash").isCloseTo(cash, within(1e-6));
        assertThat(stored.path("ledger").path("commissions").asDouble()).as(user + " fees")
                .isCloseTo(fees, within(1e-6));
        assertThat(stored.path("ledger").path("gross_realized").asDouble()).as(user + " realised P&L")
                .isCloseTo(realized, within(1e-6));
        JsonNode portfolio = owner.http.get("/api/trade/portfolio", "Authorization", bearer).json();
        assertThat(portfolio.path("cash_balance").asDouble()).isCloseTo(cash, within(0.006));
        assertThat(portfolio.path("commissions").asDouble()).isCloseTo(fees, within(0.006));
        Map<String, Long> open = new HashMap<>();
        quantity.forEach((symbol, q) -> {
            if (q != 0) {
                open.put(symbol, q);
            }
        });
        Map<String, Long> served = new HashMap<>();
        owner.http.get("/api/trade/positions", "Authorization", bearer).json().path("positions")
                .forEach(p -> served.put(p.get("symbol").asText(), p.get("quantity").asLong()));
        assertThat(served).as(user + " positions").isEqualTo(open);
    }

    /** The URLs of the instances holding partition leases now. */
    private static Set<String> holders(Bus bus) {
        Set<String> urls = new HashSet<>();
        for (int p = 0; p < 16; p++) {
            bus.cache().get("trading:lease:" + p).ifPresent(v -> urls.add(v.substring(v.indexOf(' ') + 1)));
        }
        return urls;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A trade simulator in its own JVM. */
    private record Instance(Process process, String url, HttpJson http) {
        static Instance start(Map<String, String> env) throws InterruptedException {
            int port = FreePorts.next();
            String url = "http://127.0.0.1:" + port;
            List<String> args = new ArrayList<>();
            env.forEach((k, v) -> args.add(k + "=" + v));
            args.add("PORT=" + port);
            args.add("TRADING_INSTANCE_URL=" + url);
            Process p = ChildJvm.start(TradingProcess.class, args.toArray(String[]::new));
            CountDownLatch ready = new CountDownLatch(1);
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        if (line.contains("TRADING READY")) {
                            ready.countDown();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the process was killed
                }
            });
            if (!ready.await(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the trade simulator process did not start");
            }
            return new Instance(p, url, new HttpJson(url).withHeader(Credential.INTERNAL_HEADER, INTERNAL));
        }

        /** SIGKILL: no shutdown hook runs, nothing is flushed or released. */
        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
