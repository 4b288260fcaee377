package io.deltastream.storage;

import io.deltastream.bus.Cache;
import io.deltastream.market.live.LiveChains;
import io.deltastream.platform.http.RawJson;
import io.deltastream.platform.json.Json;
import java.nio.charset.StandardCharsets;
import io.deltastream.store.DocumentCollection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest enriched chain of a product (optionally of one expiry), as wire JSON: the enricher's
 * {@code latest:chain:{product}:{expiry}} entry when present, otherwise the newest stored chain (read through
 * {@link LiveChains}; the enricher is the only writer of those entries). A short in-process memo absorbs polling
 * bursts (the enricher publishes a chain per product every few seconds, so a memo of a fraction of a second changes
 * what a client sees by at most that much).
 */
final class LatestChains {
    private record Memo(RawJson body, long expiresAtNanos) {
    }

    private final LiveChains chains;
    private final long memoNanos;
    private final ConcurrentHashMap<String, Memo> memo = new ConcurrentHashMap<>();

    LatestChains(Cache cache, DocumentCollection chains, Duration memo) {
        this.chains = LiveChains.cachedThenStored(cache, chains, Clock.systemUTC());
        this.memoNanos = memo.toNanos();
    }

    /**
     * The {@code /option/chain} answer holding the newest chain of {@code product} (of {@code expiry} when not null,
     * across expiries otherwise): {@code {"chains": [chain], "count": 1, "product"}}, or no chain. Kept encoded as
     * UTF-8 so that a memo hit costs one copy.
     */
    RawJson latestBody(String product, LocalDate expiry) {
        if (memoNanos <= 0) {
            return render(product, load(product, expiry));
        }
        String key = expiry == null ? product : product + ":" + expiry;
        long now = System.nanoTime();
        Memo m = memo.get(key);
        if (m != null && now - m.expiresAtNanos() < 0) {
            return m.body();
        }
        RawJson body = render(product, load(product, expiry));
        memo.put(key, new Memo(body, now + memoNanos));
        return body;
    }

    private static RawJson render(String product, Optional<String> chain) {
        String envelope = "{\"chains\":[" + chain.orElse("") + "],\"count\":" + (chain.isPresent() ? 1 : 0)
                + ",\"product\":" + Json.string(product) + "}";
        return new RawJson(envelope.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<String> load(String product, LocalDate expiry) {
        return expiry == null ? chains.newestJson(product) : chains.latestJson(product, expiry);
    }
}
