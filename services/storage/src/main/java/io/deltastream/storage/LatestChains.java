package io.deltastream.storage;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.deltastream.bus.Cache;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.store.StoredChain;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.json.Json;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.Filter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest enriched chain of a product (optionally of one expiry), as wire JSON, served cache-aside: the
 * enricher's {@code latest:chain:{product}:{expiry}} entry when present, otherwise the newest stored chain, which
 * then fills that entry for the rest of its freshness window. A short in-process memo absorbs polling bursts (the
 * enricher publishes a chain per product every few seconds, so a memo of a fraction of a second changes what a client
 * sees by at most that much).
 */
final class LatestChains {
    private record Memo(RawValue body, long expiresAtNanos) {
    }

    private final Cache cache;
    private final DocumentCollection chains;
    private final long memoNanos;
    private final ConcurrentHashMap<String, Memo> memo = new ConcurrentHashMap<>();

    LatestChains(Cache cache, DocumentCollection chains, Duration memo) {
        this.cache = cache;
        this.chains = chains;
        this.memoNanos = memo.toNanos();
    }

    /**
     * The {@code /option/chain} answer holding the newest chain of {@code product} (of {@code expiry} when not null,
     * across expiries otherwise): {@code {"chains": [chain], "count": 1, "product"}}, or no chain. Kept encoded as
     * UTF-8 so that a memo hit costs one copy.
     */
    RawValue latestBody(String product, LocalDate expiry) {
        if (memoNanos <= 0) {
            return render(product, load(product, expiry));
        }
        String key = expiry == null ? product : product + ":" + expiry;
        long now = System.nanoTime();
        Memo m = memo.get(key);
        if (m != null && now - m.expiresAtNanos() < 0) {
            return m.body();
        }
        RawValue body = render(product, load(product, expiry));
        memo.put(key, new Memo(body, now + memoNanos));
        return body;
    }

    private static RawValue render(String product, Optional<String> chain) {
        String envelope = "{\"chains\":[" + chain.orElse("") + "],\"count\":" + (chain.isPresent() ? 1 : 0)
                + ",\"product\":" + Json.string(product) + "}";
        return new RawValue(new SerializedString(envelope));
    }

    private Optional<String> load(String product, LocalDate expiry) {
        if (expiry != null) {
            Optional<String> hit = cache.get(CacheKeys.latestChain(product, expiry));
            if (hit.isPresent()) {
                return hit;
            }
            return chains.latest(Filter.eq("product", product).and("expiry", expiry.toString()))
                    .map(doc -> fill(doc));
        }
        Optional<ObjectNode> newest = chains.latest(Filter.eq("product", product));
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        LocalDate newestExpiry = LocalDate.parse(newest.get().path("expiry").asText());
        // The cached chain of that expiry is at least as new as the stored one (the enricher stores, then caches).
        Optional<String> hit = cache.get(CacheKeys.latestChain(product, newestExpiry));
        return hit.isPresent() ? hit : Optional.of(fill(newest.get()));
    }

    /** Renders a stored chain and caches it for what is left of its freshness window, unless the enricher was first. */
    private String fill(ObjectNode doc) {
        EnrichedChain chain = StoredChain.fromDocument(doc);
        String json = WireCodec.encode(chain);
        Duration left = CacheKeys.LATEST_TTL.minus(Duration.between(chain.processedAt(), Instant.now()));
        if (left.compareTo(Duration.ofSeconds(1)) > 0) {
            cache.setIfAbsent(CacheKeys.latestChain(chain.product(), chain.expiry()), json, left);
        }
        return json;
    }
}
