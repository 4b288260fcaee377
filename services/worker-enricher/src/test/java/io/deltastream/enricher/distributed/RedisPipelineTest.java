package io.deltastream.enricher.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.bus.DeadLetter;
import io.deltastream.bus.TopicSubscription;
import io.deltastream.bus.WorkMessage;
import io.deltastream.enricher.TestChains;
import io.deltastream.enricher.WorkerEnricherService;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.product.Product;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.store.MarketCollections;
import io.deltastream.market.store.MarketRetention;
import io.deltastream.market.wire.OptionChain;
import io.deltastream.market.wire.UnderlyingTick;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.service.RunningService;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.Filter;
import io.deltastream.store.mongo.MongoStore;
import io.deltastream.testkit.ChildJvm;
import io.deltastream.testkit.EmbeddedMongo;
import io.deltastream.testkit.EmbeddedRedis;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.TestServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline over a real Redis with several worker instances sharing one MongoDB-protocol store: effects exactly
 * once, work of a killed worker reclaimed by another, poison messages retried, dead-lettered and replayed after a fix.
 */
class RedisPipelineTest {
    private static final String SECRET = "a-test-secret-that-is-long-enough-for-distributed-mode";
    private static final Product NIFTY = ProductUniverse.defaults().get("NIFTY");

    @TempDir
    Path dir;

    private EmbeddedRedis redis;
    private EmbeddedMongo mongo;
    private Bus client;
    private MongoStore store;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Map<String, AtomicInteger> chainPublishes = new ConcurrentHashMap<>();
    private final AtomicInteger tickPublishes = new AtomicInteger();

    @BeforeEach
    void start() {
        redis = EmbeddedRedis.start();
        mongo = EmbeddedMongo.start();
        client = Buses.open(BusConfig.DEFAULTS.withRedis(java.net.URI.create(redis.url())));
        store = new MongoStore(mongo.url("deltastream"));
        TopicSubscription sub = client.topics().subscribe(List.of(MarketTopics.ENRICHED_OPTION_CHAIN,
                MarketTopics.ENRICHED_UNDERLYING), (topic, payload) -> {
                    if (topic.equals(MarketTopics.ENRICHED_UNDERLYING)) {
                        tickPublishes.incrementAndGet();
                    } else {
                        // The chain's own timestamp identifies it (each test chain has a distinct one).
                        chainPublishes.computeIfAbsent(timestampOf(payload), k -> new AtomicInteger()).incrementAndGet();
                    }
                });
        toClose.add(sub);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        client.close();
        store.close();
        mongo.close();
        redis.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("REDIS_URL", redis.url());
        env.put("MONGO_URL", mongo.url("deltastream"));
        env.put("JWT_SECRET", SECRET);
        env.put("INTERNAL_TOKEN", SECRET);
        env.put("BUS_RETRY_BACKOFF", "0.1");
        env.put("BUS_MAX_RETRIES", "2");
        env.put("BUS_VISIBILITY_TIMEOUT", "2");
        env.put("CHAIN_SNAPSHOT_SECONDS", "0");
        env.put("QUOTE_SNAPSHOT_SECONDS", "0");
        env.put("WORKER_CONCURRENCY", "2");
        env.put("WORKER_BATCH_SIZE", "10");
        return env;
    }

    /** A worker in this JVM with its own bus connection and store client (as a separate instance would have). */
    private RunningService worker(Map<String, String> overrides) {
        TestServices services = new TestServices();
        env().forEach(services::env);
        overrides.forEach(services::env);
        toClose.add(services);
        return services.start(new WorkerEnricherService());
    }

    private DocumentCollection chains() {
        return store.collection(MarketCollections.optionChains(MarketRetention.DEFAULTS));
    }

    private DocumentCollection ticks() {
        return store.collection(MarketCollections.underlyingTicks(MarketRetention.DEFAULTS));
    }

    private static String timestampOf(String enrichedChain) {
        try {
            return WireCodec.decodeEnrichedChain(enrichedChain).timestamp().toString();
        } catch (Exception e) {
            return "malformed";
        }
    }

    private static List<WorkMessage> chainMessages(String run, int count, Instant start) {
        LocalDate expiry = ExpiryCalendar.upcoming(NIFTY, start).get(1);
        OptionChain base = TestChains.chain(NIFTY, 21_500, expiry, start, 21, TestChains.smile(21_500, 0.14, 0.2),
                (i, call) -> 1_000 + 10L * i);
        String json = WireCodec.encode(base);
        String baseTime = base.timestamp().toString();
        List<WorkMessage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant t = start.plusMillis(i);
            // Same prices, distinct chain times: each message is recognisable in the publishes.
            out.add(new WorkMessage(run + "-" + i, json.replace(wire(baseTime), wire(t.toString()))));
        }
        return out;
    }

    private static String wire(String isoInstant) {
        return io.deltastream.market.wire.WireTime.format(Instant.parse(isoInstant));
    }

    private int distinctChainPublishes() {
        return chainPublishes.size();
    }

    private int totalChainPublishes() {
        return chainPublishes.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Test
    void twoWorkersShareTheLoadAndEveryMessagesEffectsHappenExactlyOnce() throws Exception {
        // No batch may be reclaimed here (each delivery is counted below): a worker starved for 2 s would lose its own.
        Map<String, String> patient = Map.of("BUS_VISIBILITY_TIMEOUT", "30");
        RunningService a = worker(patient);
        RunningService b = worker(patient);
        Instant t0 = Instant.now();
        List<WorkMessage> chainsSent = chainMessages("run1", 300, t0);
        List<WorkMessage> ticksSent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ticksSent.add(new WorkMessage("run1-t" + i,
                    WireCodec.encode(new UnderlyingTick("NIFTY", 21_500 + i, t0.plusMillis(10L * i), i))));
        }
        client.work().send(MarketQueues.OPTION_CHAIN, chainsSent);
        client.work().send(MarketQueues.UNDERLYING, ticksSent);
        // The same messages again (a producer retrying after a timeout): their effects must not repeat.
        client.work().send(MarketQueues.OPTION_CHAIN, chainsSent.subList(0, 50));
        client.work().send(MarketQueues.UNDERLYING, ticksSent.subList(0, 50));

        Eventually.until("all processed", () -> distinctChainPublishes() == 300 && tickPublishes.get() >= 200
                && client.work().depth(MarketQueues.OPTION_CHAIN, MarketQueues.ENRICHER_GROUP).total() == 0
                && client.work().depth(MarketQueues.UNDERLYING, MarketQueues.ENRICHER_GROUP).total() == 0);
        assertThat(chains().count(Filter.all())).isEqualTo(300);
        assertThat(ticks().count(Filter.all())).isEqualTo(200);
        assertThat(totalChainPublishes()).isEqualTo(300);
        assertThat(tickPublishes.get()).isEqualTo(200);
        assertThat(processed(a)).isPositive();
        assertThat(processed(b)).isPositive();
        assertThat(processed(a) + processed(b)).isBetween(500.0, 600.0);
    }

    /** Messages this worker handled (its metrics; duplicates included). */
    private static double processed(RunningService worker) {
        String metrics = TestServices.http(worker).get("/metrics").body();
        return metrics.lines().filter(l -> l.startsWith("enricher_messages_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void signal(Process process, String signal) {
        try {
            int rc = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
            if (rc != 0) {
                throw new IllegalStateException("kill -" + signal + " failed with " + rc);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theWorkOfAKilledWorkerIsReclaimedByAnotherAndWrittenOnce() throws Exception {
        List<String> args = new ArrayList<>();
        env().forEach((k, v) -> args.add(k + "=" + v));
        args.add("PORT=0");
        args.add("WORKER_CONCURRENCY=1");
        client.work().send(MarketQueues.OPTION_CHAIN, chainMessages("run2", 1500, Instant.now()));
        Process child = ChildJvm.start(WorkerProcess.class, args.toArray(String[]::new));
        CountDownLatch ready = new CountDownLatch(1);
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.contains("WORKER READY")) {
                        ready.countDown();
                    }
                }
            } catch (java.io.IOException ignored) {
                // the child was killed
            }
        });
        drain.setDaemon(true);
        drain.start();
        try {
            assertThat(ready.await(120, TimeUnit.SECONDS)).as("child worker started").isTrue();
            // Freeze the child (SIGSTOP) before looking, so that what is seen in flight is still in flight when
            // SIGKILL lands; a running child can ack its batch between the look and the kill.
            Eventually.until("the child is frozen mid-way with messages in flight", () -> {
                signal(child, "CONT");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                signal(child, "STOP");
                return chains().count(Filter.all()) >= 100
                        && client.work().depth(MarketQueues.OPTION_CHAIN, MarketQueues.ENRICHER_GROUP).inFlight() > 0;
            });
        } finally {
            child.destroyForcibly().waitFor();
        }
        long beforeTakeover = chains().count(Filter.all());
        assertThat(beforeTakeover).isLessThan(1500);
        assertThat(client.work().depth(MarketQueues.OPTION_CHAIN, MarketQueues.ENRICHER_GROUP).inFlight()).isPositive();

        worker(Map.of());
        Eventually.until("the survivor finishes", () -> distinctChainPublishes() == 1500
                && client.work().depth(MarketQueues.OPTION_CHAIN, MarketQueues.ENRICHER_GROUP).total() == 0);
        assertThat(chains().count(Filter.all())).isEqualTo(1500);
        assertThat(totalChainPublishes()).isEqualTo(1500);
    }

    @Test
    void aPoisonMessageIsRetriedDeadLetteredAndReplayedOnceFixed() throws Exception {
        worker(Map.of());
        String gold = WireCodec.encode(TestChains.chain(withName(NIFTY, "GOLD"), 21_500,
                ExpiryCalendar.upcoming(NIFTY, Instant.now()).get(1), Instant.now(), 21,
                TestChains.smile(21_500, 0.14, 0.2), (i, call) -> 500));
        client.work().send(MarketQueues.OPTION_CHAIN, new WorkMessage("run3-0", gold));
        Eventually.until("dead-lettered", () -> client.work().deadLetters(MarketQueues.DEAD_LETTERS, 10).size() == 1);
        DeadLetter dead = client.work().deadLetters(MarketQueues.DEAD_LETTERS, 10).getFirst();
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.error()).contains("unknown product 'GOLD'");
        assertThat(dead.payload()).isEqualTo(gold);
        assertThat(chains().count(Filter.all())).isZero();

        // The fix: workers that know GOLD replace the old one; then the dead letter is replayed.
        toClose.remove(toClose.size() - 1).close();
        Path products = dir.resolve("products.json");
        String defaults = new String(ProductUniverse.class.getResourceAsStream("/io/deltastream/market/products.json")
                .readAllBytes(), StandardCharsets.UTF_8);
        int firstProduct = defaults.indexOf('{', defaults.indexOf('['));
        int firstEnd = defaults.indexOf("\n    }", firstProduct) + 6;
        String goldProduct = defaults.substring(firstProduct, firstEnd).replace("\"NIFTY\"", "\"GOLD\"");
        Files.writeString(products, defaults.substring(0, firstProduct) + goldProduct + ",\n    "
                + defaults.substring(firstProduct));
        worker(Map.of("PRODUCTS_FILE", products.toString()));
        assertThat(client.work().replay(MarketQueues.DEAD_LETTERS, Optional.empty())).isEqualTo(1);
        Eventually.until("processed after the fix", () -> chains().count(Filter.eq("product", "GOLD")) == 1);
        assertThat(client.work().deadLetters(MarketQueues.DEAD_LETTERS, 10)).isEmpty();
        Eventually.until("published once", () -> totalChainPublishes() == 1);
    }

    private static Product withName(Product p, String name) {
        return new Product(name, p.basePrice(), p.strikeInterval(), p.lotSize(), p.tickSize(), p.currency(),
                p.exercise(), p.timezone(), p.expiryTime(), p.rate(), p.dividendYield(), p.volatility(), p.expiries());
    }
}
