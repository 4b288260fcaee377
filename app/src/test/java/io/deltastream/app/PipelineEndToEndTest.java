package io.deltastream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.TopicSubscription;
import io.deltastream.bus.memory.InMemoryBus;
import io.deltastream.enricher.WorkerEnricherService;
import io.deltastream.feed.FeedGeneratorService;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.store.MarketCollections;
import io.deltastream.market.store.MarketRetention;
import io.deltastream.market.store.StoredChain;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.service.RunningService;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.Filter;
import io.deltastream.store.Order;
import io.deltastream.store.sqlite.SqliteStore;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.TestServices;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Feed generator -> work queues -> worker-enricher -> store, cache and topics, in one JVM as `./deltastream run`. */
class PipelineEndToEndTest {
    @Test
    void theSyntheticFeedIsEnrichedStoredCachedAndPublished() throws Exception {
        List<EnrichedChain> published = new CopyOnWriteArrayList<>();
        Set<String> underlyings = ConcurrentHashMap.newKeySet();
        try (TestServices platform = new TestServices()) {
            platform.env("FEED_INTERVAL", "0.2").env("FEED_CHAIN_EVERY", "1").env("FEED_PRODUCTS", "NIFTY,SPY")
                    .env("FEED_EXPIRIES", "2").env("FEED_SEED", "7").env("CHAIN_SNAPSHOT_SECONDS", "0");
            Bus bus = platform.shared().get("bus:memory", Bus.class, () -> new InMemoryBus(BusConfig.DEFAULTS));
            TopicSubscription sub = bus.topics().subscribe(List.of(MarketTopics.ENRICHED_OPTION_CHAIN,
                    MarketTopics.ENRICHED_UNDERLYING), (topic, payload) -> {
                        try {
                            if (topic.equals(MarketTopics.ENRICHED_OPTION_CHAIN)) {
                                published.add(WireCodec.decodeEnrichedChain(payload));
                            } else {
                                underlyings.add(WireCodec.decodeEnrichedUnderlying(payload).product());
                            }
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    });
            RunningService worker = platform.start(new WorkerEnricherService());
            RunningService feed = platform.start(new FeedGeneratorService());
            Eventually.until("40 enriched chains", () -> published.size() >= 40);
            feed.close();
            // The backlog left when the feed stops depends on how far the worker trailed it; on a loaded machine
            // American chains enrich slowly, so the drain gets more than the default hang guard.
            Eventually.until("queues drained", Duration.ofMinutes(3), () -> MarketQueues.ALL.stream().allMatch(q ->
                    bus.work().depth(q, MarketQueues.ENRICHER_GROUP).total() == 0));
            DocumentStore store = platform.shared().get("store:sqlite:market", DocumentStore.class,
                    () -> new SqliteStore(platform.dataDir().resolve("market.db"), false));
            DocumentCollection chains = store.collection(MarketCollections.optionChains(MarketRetention.DEFAULTS));
            // Topic delivery is asynchronous: wait for the last publishes before comparing with the store.
            Eventually.until("every stored chain published", () -> published.size() == chains.count(Filter.all()));
            sub.close();

            assertThat(underlyings).containsExactlyInAnyOrder("NIFTY", "SPY");
            assertThat(published).extracting(EnrichedChain::product).contains("NIFTY", "SPY");
            for (EnrichedChain c : published) {
                assertThat(c.strikes()).hasSize(21);
                assertThat(c.atmIv()).isBetween(0.05, 0.6);
                assertThat(c.calls().get(10).quote().iv()).isBetween(0.05, 0.6);
                assertThat(c.pcrOi()).isPositive();
            }
            assertThat(bus.work().deadLetters(MarketQueues.DEAD_LETTERS, 10)).isEmpty();

            assertThat(published.stream().map(c -> c.product() + c.expiry() + c.timestamp()).distinct().count())
                    .isEqualTo(chains.count(Filter.all()));
            EnrichedChain latestNifty = StoredChain.fromDocument(chains.latest(Filter.eq("product", "NIFTY")).orElseThrow());
            assertThat(latestNifty.calls()).hasSize(21);

            List<String> expiries = bus.cache().indexMembers(CacheKeys.expiriesIndex("NIFTY"), 0);
            assertThat(expiries).hasSize(2);
            for (String e : expiries) {
                assertThat(bus.cache().get(CacheKeys.latestChain("NIFTY", LocalDate.parse(e)))).isPresent();
            }
            assertThat(WireCodec.decodeSurface(bus.cache().get(CacheKeys.volatilitySurface("NIFTY")).orElseThrow())
                    .expiries()).hasSize(2);
            assertThat(bus.cache().get(CacheKeys.ohlc("SPY", 1))).isPresent();
            assertThat(store.collection(MarketCollections.candles(MarketRetention.DEFAULTS))
                    .find(Filter.eq("product", "SPY"), Order.NEWEST_FIRST, 10)).isNotEmpty();
            assertThat(TestServices.http(worker).get("/health").status()).isEqualTo(200);
        }
    }
}
