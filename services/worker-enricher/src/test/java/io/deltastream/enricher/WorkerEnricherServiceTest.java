package io.deltastream.enricher;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.DeadLetter;
import io.deltastream.bus.Payload;
import io.deltastream.bus.RetryPolicy;
import io.deltastream.bus.TopicListener;
import io.deltastream.bus.TopicSubscription;
import io.deltastream.bus.WorkMessage;
import io.deltastream.bus.memory.InMemoryBus;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.live.PublishedChain;
import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.product.Product;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.store.MarketCollections;
import io.deltastream.market.store.MarketRetention;
import io.deltastream.market.store.StoredChain;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.market.wire.OptionChain;
import io.deltastream.market.wire.UnderlyingTick;
import io.deltastream.market.wire.VolatilitySurface;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.service.RunningService;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.Filter;
import io.deltastream.store.sqlite.SqliteStore;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkerEnricherServiceTest {
    private static final BusConfig FAST_RETRIES = new BusConfig(Optional.empty(),
            new RetryPolicy(Duration.ofMillis(50), 2), Duration.ofSeconds(5), 10_000, 1_000, Duration.ofMinutes(5));

    @Test
    void ticksChainsAndQuotesAreStoredCachedAndPublishedOnceAndBadMessagesDeadLettered() throws Exception {
        Product nifty = ProductUniverse.defaults().get("NIFTY");
        // The start of a minute, so that the three ticks share one candle.
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        LocalDate expiry = ExpiryCalendar.upcoming(nifty, t0).get(1);
        OptionChain chain = TestChains.chain(nifty, 21_500, expiry, t0.plusSeconds(2), 21,
                TestChains.smile(21_500, 0.14, 0.2), (i, call) -> 1_000 + i);
        List<String> chains = new CopyOnWriteArrayList<>();
        List<String> underlyings = new CopyOnWriteArrayList<>();
        try (TestServices services = new TestServices()) {
            services.env("CHAIN_SNAPSHOT_SECONDS", "0").env("QUOTE_SNAPSHOT_SECONDS", "0").env("WORKER_CONCURRENCY", "2");
            Bus bus = services.shared().get("bus:memory", Bus.class, () -> new InMemoryBus(FAST_RETRIES));
            TopicSubscription sub = bus.topics().subscribe(List.of(MarketTopics.ENRICHED_OPTION_CHAIN,
                    MarketTopics.ENRICHED_UNDERLYING), (topic, payload) ->
                    (topic.equals(MarketTopics.ENRICHED_OPTION_CHAIN) ? chains : underlyings).add(payload));
            RunningService worker = services.start(new WorkerEnricherService());

            bus.work().send(MarketQueues.UNDERLYING, List.of(
                    tick("r1-0", 21_500, t0.plusSeconds(1)), tick("r1-1", 21_520, t0.plusSeconds(2)),
                    tick("r1-1", 21_520, t0.plusSeconds(2)),
                    tick("r1-2", 21_490, t0.plusSeconds(3))));
            String chainJson = WireCodec.encode(chain);
            bus.work().send(MarketQueues.OPTION_CHAIN, List.of(new WorkMessage("r1-3", chainJson),
                    new WorkMessage("r1-3", chainJson), new WorkMessage("r1-4", "{not json"),
                    new WorkMessage("r1-5", chainJson.replace("\"NIFTY", "\"GOLD"))));
            bus.work().send(MarketQueues.OPTION_QUOTE, List.of(
                    new WorkMessage("r1-6", WireCodec.encode(chain.calls().get(3))),
                    new WorkMessage("r1-7", WireCodec.encode(chain.puts().get(3)))));

            Eventually.until("two dead letters", () -> bus.work().deadLetters(MarketQueues.DEAD_LETTERS, 10).size() == 2);
            Eventually.until("published", () -> chains.size() == 1 && underlyings.size() == 3);
            List<DeadLetter> dead = bus.work().deadLetters(MarketQueues.DEAD_LETTERS, 10);
            DeadLetter malformed = dead.stream().filter(d -> d.messageId().equals("r1-4")).findFirst().orElseThrow();
            assertThat(malformed.error()).startsWith("malformed message:");
            assertThat(malformed.attempts()).isEqualTo(1);
            DeadLetter unknown = dead.stream().filter(d -> d.messageId().equals("r1-5")).findFirst().orElseThrow();
            assertThat(unknown.error()).contains("unknown product 'GOLD'");
            assertThat(unknown.attempts()).isEqualTo(3);

            DocumentStore store = services.shared().get("store:sqlite:market", DocumentStore.class,
                    () -> new SqliteStore(services.dataDir().resolve("market.db"), false));
            MarketRetention r = MarketRetention.DEFAULTS;
            assertThat(store.collection(MarketCollections.underlyingTicks(r)).count(Filter.all())).isEqualTo(3);
            assertThat(store.collection(MarketCollections.optionQuotes(r)).count(Filter.all())).isEqualTo(2);
            var storedChains = store.collection(MarketCollections.optionChains(r));
            assertThat(storedChains.count(Filter.all())).isEqualTo(1);
            EnrichedChain stored = StoredChain.fromDocument(storedChains.latest(Filter.eq("product", "NIFTY")).orElseThrow());
            EnrichedChain published = WireCodec.decodeEnrichedChain(chains.getFirst());
            assertThat(stored.pcrOi()).isEqualTo(published.pcrOi());
            assertThat(stored.calls().get(5).quote().iv()).isEqualTo(published.calls().get(5).quote().iv());

            var cache = bus.cache();
            EnrichedChain cached = WireCodec.decodeEnrichedChain(cache.get(CacheKeys.latestChain("NIFTY", expiry)).orElseThrow());
            assertThat(cached.maxPainStrike()).isEqualTo(published.maxPainStrike());
            assertThat(cache.get(CacheKeys.latestPcr("NIFTY", expiry))).isPresent();
            assertThat(cache.get(CacheKeys.latestUnderlying("NIFTY")).orElseThrow()).contains("\"price\":21490.0");
            assertThat(cache.get(CacheKeys.latestOption(chain.calls().get(3).symbol()))).isPresent();
            VolatilitySurface surface = WireCodec.decodeSurface(cache.get(CacheKeys.volatilitySurface("NIFTY")).orElseThrow());
            assertThat(surface.expiries()).extracting(VolatilitySurface.Slice::expiry).containsExactly(expiry);
            assertThat(cache.indexMembers(CacheKeys.PRODUCTS_INDEX, 0)).containsExactly("NIFTY");
            assertThat(cache.indexMembers(CacheKeys.expiriesIndex("NIFTY"), 0)).containsExactly(expiry.toString());
            Candle minute = WireCodec.decodeCandle(cache.get(CacheKeys.ohlc("NIFTY", 1)).orElseThrow());
            assertThat(minute.open()).isEqualTo(21_500);
            assertThat(minute.high()).isEqualTo(21_520);
            assertThat(minute.low()).isEqualTo(21_490);
            assertThat(minute.close()).isEqualTo(21_490);
            assertThat(minute.numTicks()).isEqualTo(3);
            assertThat(store.collection(MarketCollections.candles(r)).count(Filter.all())).isEqualTo(3);

            var health = TestServices.http(worker).get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("queues").path(MarketQueues.OPTION_CHAIN).path("waiting").asLong()).isZero();

            String metrics = TestServices.http(worker).get("/metrics").body();
            assertThat(metrics).containsPattern("(?m)^enricher_dead_letters\\{queue=\"dlq:enrichment\",service=\"worker-enricher\"} 2\\.0$")
                    .containsPattern("(?m)^enricher_queue_waiting\\{queue=\"market:option_chain\",service=\"worker-enricher\"} 0\\.0$")
                    .containsPattern("(?m)^enricher_queue_in_flight\\{queue=\"market:underlying\",service=\"worker-enricher\"} 0\\.0$")
                    .containsPattern("(?m)^enricher_retrying\\{service=\"worker-enricher\"} 0\\.0$");
            bus.work().purge(MarketQueues.DEAD_LETTERS);
            assertThat(TestServices.http(worker).get("/metrics").body())
                    .containsPattern("(?m)^enricher_dead_letters\\{[^}]*} 0\\.0$");
            sub.close();
        }
    }

    @Test
    void aChainHandedOverAsAnObjectIsEnrichedAndPublishedWithoutBeingEncodedAndItsJsonIsMadeOnceWhenRead()
            throws Exception {
        Product nifty = ProductUniverse.defaults().get("NIFTY");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LocalDate expiry = ExpiryCalendar.upcoming(nifty, t0).get(1);
        OptionChain chain = TestChains.chain(nifty, 21_500, expiry, t0, 21, TestChains.smile(21_500, 0.14, 0.2),
                (i, call) -> 1_000 + i);
        AtomicInteger feedEncodings = new AtomicInteger();
        List<PublishedChain> published = new CopyOnWriteArrayList<>();
        try (TestServices services = new TestServices()) {
            Bus bus = services.shared().get("bus:memory", Bus.class, () -> new InMemoryBus(FAST_RETRIES));
            TopicSubscription sub = bus.topics().subscribe(List.of(MarketTopics.ENRICHED_OPTION_CHAIN),
                    TopicListener.ofBodies((topic, body) -> {
                        try {
                            published.add(PublishedChain.read(body));
                        } catch (MalformedMessageException e) {
                            throw new AssertionError(e);
                        }
                    }));
            services.start(new WorkerEnricherService());
            bus.work().send(MarketQueues.OPTION_CHAIN, new WorkMessage("obj-1", Payload.of(chain, c -> {
                feedEncodings.incrementAndGet();
                return WireCodec.encode(c);
            })).asSnapshotOf("NIFTY:" + expiry));
            Eventually.until("published", () -> published.size() == 1);
            PublishedChain p = published.getFirst();
            assertThat(feedEncodings).hasValue(0);
            assertThat(p.chain().product()).isEqualTo("NIFTY");
            assertThat(p.chain().calls().get(5).quote().iv()).isPositive();
            String cached = Eventually.value("cached", () -> bus.cache().get(CacheKeys.latestChain("NIFTY", expiry))
                    .orElse(null));
            // the subscriber got the worker's object (a decoded one would have JSON of its own), and the cache read
            // made that JSON, once, for everyone who holds the published chain
            assertThat(p.json().encoded()).isTrue();
            assertThat(cached).isSameAs(p.json().text()).isEqualTo(WireCodec.encode(p.chain()));
            assertThat(WireCodec.decodeEnrichedChain(p.text()).maxPainStrike()).isEqualTo(p.chain().maxPainStrike());
            sub.close();
        }
    }

    @Test
    void aWorkerComparesWithTheLatestChainOfAnyWorkerNotOnlyItsOwn() throws Exception {
        Product nifty = ProductUniverse.defaults().get("NIFTY");
        Instant t0 = Instant.now();
        LocalDate expiry = ExpiryCalendar.upcoming(nifty, t0).get(1);
        List<EnrichedChain> published = new CopyOnWriteArrayList<>();
        try (TestServices services = new TestServices()) {
            Bus bus = services.shared().get("bus:memory", Bus.class, () -> new InMemoryBus(FAST_RETRIES));
            TopicSubscription sub = bus.topics().subscribe(List.of(MarketTopics.ENRICHED_OPTION_CHAIN), (t, p) -> {
                try {
                    published.add(WireCodec.decodeEnrichedChain(p));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            RunningService first = services.start(new WorkerEnricherService());
            for (int n = 0; n < 2; n++) {
                long oi = 1_000 + 100L * n;
                bus.work().send(MarketQueues.OPTION_CHAIN, new WorkMessage("c-" + n, WireCodec.encode(TestChains.chain(
                        nifty, 21_500, expiry, t0.plusSeconds(n), 21, TestChains.smile(21_500, 0.14, 0.2), (i, c) -> oi))));
                int expected = n + 1;
                Eventually.until("chain " + n, () -> published.size() == expected);
            }
            // Another instance, which has seen nothing, takes over.
            first.close();
            services.start(new WorkerEnricherService());
            bus.work().send(MarketQueues.OPTION_CHAIN, new WorkMessage("c-2", WireCodec.encode(TestChains.chain(
                    nifty, 21_500, expiry, t0.plusSeconds(2), 21, TestChains.smile(21_500, 0.14, 0.2), (i, c) -> 1_350))));
            Eventually.until("chain 2", () -> published.size() == 3);
            sub.close();
        }
        assertThat(published.get(1).calls().get(0).oiChange()).isEqualTo(100);
        assertThat(published.get(2).calls().get(0).oiChange()).isEqualTo(250);
        assertThat(published.get(2).totalPutOiChange()).isEqualTo(21 * 250);
    }

    private static WorkMessage tick(String id, double price, Instant t) {
        return new WorkMessage(id, WireCodec.encode(new UnderlyingTick("NIFTY", price, t, 0)));
    }
}
