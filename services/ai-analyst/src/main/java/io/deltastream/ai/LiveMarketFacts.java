package io.deltastream.ai;

import io.deltastream.ai.retrieval.EmbeddedPassage;
import io.deltastream.ai.retrieval.Passage;
import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One short text snapshot per product and expiry of the latest enriched chain — spot, ATM IV, skew, PCR, max pain,
 * expected move, support and resistance from open interest, the OI build-up, and the chain's time — kept as a
 * retrievable passage (source {@code live/PRODUCT/EXPIRY}) and replaced in place as chains arrive.
 *
 * <p>The text, which BM25 and the answers read, is always the latest. Its embedding is recomputed off the caller's
 * thread at most every {@link #REEMBED_AFTER}: a chain arrives every second or so and its wording changes only in
 * the figures, which move the vector very little.
 */
final class LiveMarketFacts {
    static final Duration REEMBED_AFTER = Duration.ofSeconds(30);

    private record Entry(EnrichedChain chain, EmbeddedPassage passage, long embeddedAtMillis) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Function<String, Optional<float[]>> embedder;
    private final Executor embedding;
    private final Clock clock;

    /**
     * @param embedder  the embedding of a text, empty while the model is not loaded
     * @param embedding where embeddings are computed (one background thread)
     */
    LiveMarketFacts(Function<String, Optional<float[]>> embedder, Executor embedding, Clock clock) {
        this.embedder = embedder;
        this.embedding = embedding;
        this.clock = clock;
    }

    /** Replaces the snapshot of the chain's product and expiry (an older chain than the one held is ignored). */
    void accept(EnrichedChain chain) {
        if (chain.strikes().length == 0) {
            return;
        }
        String key = chain.product() + "/" + chain.expiry();
        Passage passage = passage(chain);
        Entry updated = entries.compute(key, (k, old) -> {
            if (old != null && old.chain().timestamp().isAfter(chain.timestamp())) {
                return old;
            }
            float[] vector = old == null ? null : old.passage().vector();
            return new Entry(chain, new EmbeddedPassage(passage, vector), old == null ? 0 : old.embeddedAtMillis());
        });
        if (updated.chain() == chain && clock.millis() - updated.embeddedAtMillis() >= REEMBED_AFTER.toMillis()) {
            embedding.execute(() -> embed(key));
        }
    }

    private void embed(String key) {
        Entry current = entries.get(key);
        if (current == null) {
            return;
        }
        embedder.apply(current.passage().passage().embeddingText()).ifPresent(vector ->
                entries.computeIfPresent(key, (k, e) -> new Entry(e.chain(),
                        new EmbeddedPassage(e.passage().passage(), vector), clock.millis())));
    }

    /** Every snapshot, by product then expiry. */
    List<EmbeddedPassage> passages() {
        return entries.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getValue().passage())
                .toList();
    }

    /** The latest chain held of {@code product} and {@code expiry}. */
    Optional<EnrichedChain> chain(String product, LocalDate expiry) {
        return Optional.ofNullable(entries.get(product + "/" + expiry)).map(Entry::chain);
    }

    /** The latest chain held of {@code product}'s nearest expiry. */
    Optional<EnrichedChain> nearest(String product) {
        return entries.values().stream().map(Entry::chain).filter(c -> c.product().equals(product))
                .min(Comparator.comparing(EnrichedChain::expiry));
    }

    /** The snapshot of {@code chain} as a passage, source {@code live/PRODUCT/EXPIRY}. */
    static Passage passage(EnrichedChain chain) {
        return Passage.of("live/" + chain.product() + "/" + chain.expiry(),
                "Live market facts: " + chain.product() + " " + chain.expiry(), "", describe(chain));
    }

    /** The snapshot's text: one paragraph of figures, each named, with the chain's time. */
    static String describe(EnrichedChain c) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%s options expiring %s, as of %s: spot %,.2f, ATM strike %,.2f",
                c.product(), c.expiry(), c.timestamp(), c.spotPrice(), c.atmStrike()));
        if (!Double.isNaN(c.atmIv())) {
            t.append(String.format(Locale.ROOT, ", ATM implied volatility %.1f%%", 100 * c.atmIv()));
        }
        if (!Double.isNaN(c.ivSkew())) {
            t.append(String.format(Locale.ROOT, ", IV skew (25-delta put minus call) %+.1f vol points",
                    100 * c.ivSkew()));
        }
        t.append(String.format(Locale.ROOT, ". Put-call ratio (PCR) by open interest %.2f, by volume %.2f. "
                + "Max pain %,.2f. ", c.pcrOi(), c.pcrVolume(), c.maxPainStrike()));
        if (c.expectedMove() > 0) {
            t.append(String.format(Locale.ROOT, "Expected move to expiry ±%,.2f (±%.2f%%); ", c.expectedMove(),
                    100 * c.expectedMove() / c.spotPrice()));
        }
        t.append(String.format(Locale.ROOT, "ATM straddle %,.2f. Support (most put open interest) %,.2f, "
                        + "resistance (most call open interest) %,.2f. ", c.atmStraddlePrice(),
                MarketPulse.mostOpenInterest(c.strikes(), c.puts()), MarketPulse.mostOpenInterest(c.strikes(),
                        c.calls())));
        t.append(String.format(Locale.ROOT, "Open interest build-up: calls %s; puts %s. Call OI change %+,d, put OI "
                + "change %+,d.", buildup(c.calls()), buildup(c.puts()), c.totalCallOiChange(),
                c.totalPutOiChange()));
        return t.toString();
    }

    /** The two most frequent non-neutral build-ups of one side, e.g. "short build-up at 7 strikes, ...". */
    private static String buildup(List<EnrichedQuote> side) {
        Map<Buildup, Integer> counts = new EnumMap<>(Buildup.class);
        side.forEach(q -> counts.merge(q.buildup(), 1, Integer::sum));
        counts.remove(Buildup.NEUTRAL);
        List<String> parts = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<Buildup, Integer>comparingByValue().reversed()).limit(2)
                .forEach(e -> parts.add(e.getKey().wire().replace('_', ' ').replace("buildup", "build-up") + " at "
                        + e.getValue() + (e.getValue() == 1 ? " strike" : " strikes")));
        return parts.isEmpty() ? "no change" : String.join(", ", parts);
    }
}
