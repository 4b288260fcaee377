package io.deltastream.market.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.bus.Cache;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.store.StoredChain;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.Filter;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reader of the enricher's latest chains: the live expiries of a product from
 * {@link CacheKeys#expiriesIndex}, then the cached {@link CacheKeys#latestChain} of each. The enricher is the only
 * writer of those keys; every service reads them through this class.
 *
 * <p>Built with a stored {@code option_chains} collection, it falls back to the store when the cache has nothing
 * (after a cache flush or restart): the expiries with a chain stored within {@link CacheKeys#LATEST_TTL}, and the
 * newest stored chain of an expiry. It never writes to the cache. A cache entry or index member that cannot be read
 * is skipped with a warning, so that one corrupt entry does not hide the others (or the stored chain).
 */
public final class LiveChains {
    private static final Logger LOG = LoggerFactory.getLogger(LiveChains.class);

    private final Cache cache;
    private final DocumentCollection storedChains;
    private final Clock clock;

    private LiveChains(Cache cache, DocumentCollection storedChains, Clock clock) {
        this.cache = cache;
        this.storedChains = storedChains;
        this.clock = clock;
    }

    /** A reader of the cache only. */
    public static LiveChains cached(Cache cache, Clock clock) {
        return new LiveChains(cache, null, clock);
    }

    /** A reader of the cache that falls back to {@code storedChains} (documents in the {@code StoredChain} layout). */
    public static LiveChains cachedThenStored(Cache cache, DocumentCollection storedChains, Clock clock) {
        return new LiveChains(cache, storedChains, clock);
    }

    /**
     * Expiries of {@code product} with a chain within the last {@link CacheKeys#LATEST_TTL}, ascending: from the
     * cache's index, else (with a store) from the stored chains.
     */
    public List<LocalDate> liveExpiries(String product) {
        List<LocalDate> out = new ArrayList<>();
        for (String member : cache.indexMembers(CacheKeys.expiriesIndex(product), freshSinceMillis())) {
            try {
                out.add(LocalDate.parse(member));
            } catch (DateTimeException e) {
                LOG.warn("ignoring malformed expiry '{}' in the index of {}", member, product);
            }
        }
        if (out.isEmpty() && storedChains != null) {
            Instant freshSince = clock.instant().minus(CacheKeys.LATEST_TTL);
            for (Object e : storedChains.distinct("expiry", Filter.eq("product", product).from(freshSince))) {
                out.add(LocalDate.parse(e.toString()));
            }
        }
        out.sort(null);
        return out;
    }

    /** The enricher's cached chain of {@code product} and {@code expiry} as wire JSON, undecoded; empty when absent. */
    public Optional<String> cachedJson(String product, LocalDate expiry) {
        return cache.get(CacheKeys.latestChain(product, expiry));
    }

    /** The latest chain of {@code product} and {@code expiry}: the cached one, else (with a store) the newest stored. */
    public Optional<EnrichedChain> latest(String product, LocalDate expiry) {
        String key = CacheKeys.latestChain(product, expiry);
        Optional<EnrichedChain> cached = cache.get(key).flatMap(json -> decode(key, json));
        return cached.isPresent() ? cached : stored(product, expiry).map(StoredChain::fromDocument);
    }

    /** {@link #latest} as wire JSON: the cached text as it is, else the newest stored chain encoded. */
    public Optional<String> latestJson(String product, LocalDate expiry) {
        Optional<String> cached = cachedJson(product, expiry);
        return cached.isPresent() ? cached : stored(product, expiry).map(LiveChains::encode);
    }

    /**
     * The newest chain of {@code product} across expiries as wire JSON (needs a store): the expiry of the newest
     * stored chain, then its cached chain, which is at least as new (the enricher stores, then caches), else the stored
     * one.
     */
    public Optional<String> newestJson(String product) {
        requireStore();
        Optional<ObjectNode> newest = storedChains.latest(Filter.eq("product", product));
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        LocalDate expiry = LocalDate.parse(newest.get().path("expiry").asText());
        Optional<String> cached = cachedJson(product, expiry);
        return cached.isPresent() ? cached : Optional.of(encode(newest.get()));
    }

    /**
     * The latest chain of every live expiry of {@code product}, nearest expiry first (one cache round trip; with a
     * store, an expiry missing from the cache is read from it).
     */
    public List<EnrichedChain> latestOfLiveExpiries(String product) {
        List<LocalDate> expiries = liveExpiries(product);
        List<String> keys = expiries.stream().map(e -> CacheKeys.latestChain(product, e)).toList();
        Map<String, String> values = cache.getAll(keys);
        List<EnrichedChain> out = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            String json = values.get(keys.get(i));
            Optional<EnrichedChain> chain = json == null ? Optional.empty() : decode(keys.get(i), json);
            if (chain.isEmpty()) {
                chain = stored(product, expiries.get(i)).map(StoredChain::fromDocument);
            }
            chain.ifPresent(out::add);
        }
        return out;
    }

    private Optional<ObjectNode> stored(String product, LocalDate expiry) {
        if (storedChains == null) {
            return Optional.empty();
        }
        return storedChains.latest(Filter.eq("product", product).and("expiry", expiry.toString()));
    }

    private void requireStore() {
        if (storedChains == null) {
            throw new IllegalStateException("this reader has no stored chains to fall back to");
        }
    }

    private static String encode(ObjectNode stored) {
        return WireCodec.encode(StoredChain.fromDocument(stored));
    }

    private static Optional<EnrichedChain> decode(String key, String json) {
        try {
            return Optional.of(WireCodec.decodeEnrichedChain(json));
        } catch (MalformedMessageException | IllegalArgumentException e) {
            LOG.warn("unreadable cached chain {}: {}", key, e.getMessage());
            return Optional.empty();
        }
    }

    private double freshSinceMillis() {
        return clock.millis() - CacheKeys.LATEST_TTL.toMillis();
    }
}
