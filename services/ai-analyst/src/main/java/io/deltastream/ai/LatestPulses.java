package io.deltastream.ai;

import io.deltastream.bus.Cache;
import io.deltastream.bus.Payload;
import io.deltastream.market.live.LiveChains;
import io.deltastream.market.wire.EnrichedChain;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link MarketPulse} of each product's nearest live chain, read once per chain: a request still reads the
 * chain's JSON from the cache (to see a new one the moment the enricher writes it), but decodes it and writes the
 * reading only when the JSON differs from the last one seen for the product — which, between two enricher updates
 * seconds apart, it does not. The plain route, {@code MarketPulse.of(decode(json))}, is the oracle of the tests.
 */
final class LatestPulses {
    private record Seen(String json, MarketPulse pulse) {
    }

    private final LiveChains chains;
    private final Map<String, Seen> byProduct = new ConcurrentHashMap<>();

    LatestPulses(Cache cache, Clock clock) {
        this.chains = LiveChains.cached(cache, clock);
    }

    /** The pulse of {@code product}'s nearest live chain that decodes and has strikes, if any. */
    Optional<MarketPulse> of(String product) {
        for (LocalDate expiry : chains.liveExpiries(product)) {
            Optional<String> json = chains.cachedJson(product, expiry);
            if (json.isEmpty()) {
                continue;
            }
            Seen seen = byProduct.get(product);
            if (seen != null && seen.json().equals(json.get())) {
                return Optional.of(seen.pulse());
            }
            Optional<EnrichedChain> chain = AiAnalystService.decode(Payload.text(json.get())).filter(c -> c.strikes().length > 0);
            if (chain.isPresent()) {
                MarketPulse pulse = MarketPulse.of(chain.get());
                byProduct.put(product, new Seen(json.get(), pulse));
                return Optional.of(pulse);
            }
        }
        return Optional.empty();
    }
}
