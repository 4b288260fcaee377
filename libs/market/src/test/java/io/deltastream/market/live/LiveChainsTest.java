package io.deltastream.market.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Cache;
import io.deltastream.bus.Effects;
import io.deltastream.bus.memory.InMemoryBus;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.store.MarketCollections;
import io.deltastream.market.store.MarketRetention;
import io.deltastream.market.store.StoredChain;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.market.wire.WireSamples;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveChainsTest {
    private static final Clock CLOCK = Clock.fixed(WireSamples.T.plusSeconds(60), ZoneOffset.UTC);
    private static final LocalDate NEAR = WireSamples.EXPIRY;
    private static final LocalDate FAR = NEAR.plusWeeks(1);
    private static final LocalDate STALE = NEAR.plusWeeks(2);

    @TempDir
    Path dir;
    private InMemoryBus bus;
    private Cache cache;
    private SqliteStore store;
    private DocumentCollection stored;

    @BeforeEach
    void open() {
        bus = new InMemoryBus(BusConfig.DEFAULTS);
        cache = bus.cache();
        store = new SqliteStore(dir.resolve("market.db"), false);
        stored = store.collection(MarketCollections.optionChains(MarketRetention.DEFAULTS));
    }

    @AfterEach
    void close() {
        store.close();
        bus.close();
    }

    @Test
    void readsTheFreshExpiriesOfTheIndexThenTheirCachedChainsNearestFirst() {
        cacheChain(chain(FAR, 21600), CLOCK.millis() - 1_000);
        cacheChain(chain(NEAR, 21500), CLOCK.millis());
        cacheChain(chain(STALE, 21700), CLOCK.millis() - CacheKeys.LATEST_TTL.toMillis() - 1);
        LiveChains live = LiveChains.cached(cache, CLOCK);

        assertThat(live.liveExpiries("NIFTY")).containsExactly(NEAR, FAR);
        assertThat(live.latestOfLiveExpiries("NIFTY")).extracting(EnrichedChain::expiry).containsExactly(NEAR, FAR);
        assertThat(live.latest("NIFTY", FAR).orElseThrow().spotPrice()).isEqualTo(21600);
        assertThat(live.cachedJson("NIFTY", NEAR)).contains(WireCodec.encode(chain(NEAR, 21500)));
        assertThat(live.liveExpiries("BANKNIFTY")).isEmpty();
        assertThat(live.latest("BANKNIFTY", NEAR)).isEmpty();
    }

    @Test
    void skipsAMalformedIndexMemberAndAnUnreadableCachedChain() {
        cacheChain(chain(NEAR, 21500), CLOCK.millis());
        cacheChain(chain(FAR, 21600), CLOCK.millis());
        cache.set(CacheKeys.latestChain("NIFTY", FAR), "{\"product\": ", CacheKeys.LATEST_TTL);
        cache.apply(new Effects().indexPut(CacheKeys.expiriesIndex("NIFTY"), "soon", CLOCK.millis()));
        LiveChains live = LiveChains.cached(cache, CLOCK);

        assertThat(live.liveExpiries("NIFTY")).containsExactly(NEAR, FAR);
        assertThat(live.latestOfLiveExpiries("NIFTY")).extracting(EnrichedChain::expiry).containsExactly(NEAR);
        assertThat(live.latest("NIFTY", FAR)).isEmpty();
    }

    @Test
    void withAStoreFallsBackToTheNewestStoredChainAndNeverWritesTheCache() {
        stored.insert(StoredChain.toDocument("run1-1", chain(NEAR, 21500)));
        stored.insert(StoredChain.toDocument("run1-2", chain(FAR, 21600)));
        LiveChains live = LiveChains.cachedThenStored(cache, stored, CLOCK);

        assertThat(live.liveExpiries("NIFTY")).containsExactly(NEAR, FAR);
        assertThat(live.latest("NIFTY", FAR).orElseThrow().spotPrice()).isEqualTo(21600);
        assertThat(live.latestOfLiveExpiries("NIFTY")).extracting(EnrichedChain::spotPrice)
                .containsExactly(21500.0, 21600.0);
        assertThat(live.latestJson("NIFTY", NEAR).orElseThrow()).contains("\"spot_price\":21500");
        assertThat(live.latestJson("NIFTY", STALE)).isEmpty();
        assertThat(cache.get(CacheKeys.latestChain("NIFTY", NEAR))).isEmpty();
        assertThat(cache.get(CacheKeys.latestChain("NIFTY", FAR))).isEmpty();
    }

    @Test
    void theCachedChainWinsOverTheStoredOne() {
        stored.insert(StoredChain.toDocument("run1-1", chain(NEAR, 21500)));
        String cached = WireCodec.encode(chain(NEAR, 21999));
        cache.set(CacheKeys.latestChain("NIFTY", NEAR), cached, CacheKeys.LATEST_TTL);
        LiveChains live = LiveChains.cachedThenStored(cache, stored, CLOCK);

        assertThat(live.latestJson("NIFTY", NEAR)).contains(cached);
        assertThat(live.newestJson("NIFTY")).contains(cached);
        assertThat(live.latest("NIFTY", NEAR).orElseThrow().spotPrice()).isEqualTo(21999);
    }

    @Test
    void theNewestChainAcrossExpiriesIsTheNewestStoredOneAndNeedsAStore() {
        stored.insert(StoredChain.toDocument("run1-1", chain(FAR, 21600)));
        stored.insert(StoredChain.toDocument("run1-2",
                decode(WireCodec.encode(chain(NEAR, 21500)).replace("16:14:09.003260Z", "16:14:19.003260Z"))));
        LiveChains live = LiveChains.cachedThenStored(cache, stored, CLOCK);

        assertThat(live.newestJson("NIFTY").orElseThrow()).contains("\"expiry\":\"" + NEAR + "\"");
        assertThat(live.newestJson("BANKNIFTY")).isEmpty();
        assertThatThrownBy(() -> LiveChains.cached(cache, CLOCK).newestJson("NIFTY"))
                .isInstanceOf(IllegalStateException.class);
    }

    /** The sample chain moved to {@code expiry} with another spot, as the enricher would cache it. */
    private static EnrichedChain chain(LocalDate expiry, double spot) {
        String json = WireCodec.encode(WireSamples.enriched())
                .replace("\"expiry\":\"" + NEAR + "\"", "\"expiry\":\"" + expiry + "\"")
                .replace("\"spot_price\":21503.1", "\"spot_price\":" + spot);
        return decode(json);
    }

    private static EnrichedChain decode(String json) {
        try {
            return WireCodec.decodeEnrichedChain(json);
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }

    private void cacheChain(EnrichedChain c, double score) {
        cache.apply(new Effects()
                .set(CacheKeys.latestChain(c.product(), c.expiry()), WireCodec.encode(c), CacheKeys.LATEST_TTL)
                .indexPut(CacheKeys.expiriesIndex(c.product()), c.expiry().toString(), score));
    }
}
