package io.deltastream.analytics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.bus.Cache;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.live.LiveChains;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.market.wire.VolatilitySurface;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.Filter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the analytics routes read: the enricher's cache entries first (fresh, cheap), the store when they are absent
 * (after a cache flush or restart, or for history).
 */
final class MarketView {
    private final Cache cache;
    private final DocumentCollection chains;
    private final DocumentCollection candles;
    private final Clock clock;
    private final LiveChains live;

    MarketView(Cache cache, DocumentCollection chains, DocumentCollection candles, Clock clock) {
        this.cache = cache;
        this.chains = chains;
        this.candles = candles;
        this.clock = clock;
        this.live = LiveChains.cachedThenStored(cache, chains, clock);
    }

    Cache cache() {
        return cache;
    }

    DocumentCollection chains() {
        return chains;
    }

    DocumentCollection candles() {
        return candles;
    }

    Clock clock() {
        return clock;
    }

    /** Expiries of {@code product} with a chain in the last {@link CacheKeys#LATEST_TTL}, ascending. */
    List<LocalDate> liveExpiries(String product) {
        return live.liveExpiries(product);
    }

    /** The latest chain of {@code product} and {@code expiry}: the cached one, else the newest stored. */
    Optional<EnrichedChain> latestChain(String product, LocalDate expiry) {
        return live.latest(product, expiry);
    }

    /**
     * The product's volatility surface: the enricher's cached one, else one assembled from the latest chain of every
     * live expiry; empty when there is neither.
     */
    Optional<VolatilitySurface> surface(String product) {
        Optional<String> cached = cache.get(CacheKeys.volatilitySurface(product));
        if (cached.isPresent()) {
            try {
                return Optional.of(WireCodec.decodeSurface(cached.get()));
            } catch (MalformedMessageException e) {
                // a corrupt cache entry must not hide the stored chains
            }
        }
        List<VolatilitySurface.Slice> slices = new ArrayList<>();
        Instant newest = null;
        for (EnrichedChain chain : live.latestOfLiveExpiries(product)) {
            slices.add(VolatilitySurface.Slice.of(chain));
            newest = newest == null || chain.timestamp().isAfter(newest) ? chain.timestamp() : newest;
        }
        return slices.isEmpty() ? Optional.empty() : Optional.of(new VolatilitySurface(product, slices, newest));
    }

    /** The newest stored chains of {@code product} (of {@code expiry} when not null), newest first. */
    List<ObjectNode> chainHistory(String product, LocalDate expiry, int limit) {
        Filter f = Filter.eq("product", product);
        if (expiry != null) {
            f = f.and("expiry", expiry.toString());
        }
        return chains.find(f, io.deltastream.store.Order.NEWEST_FIRST, limit);
    }
}
