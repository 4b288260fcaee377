package io.deltastream.enricher.candles;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.market.store.MarketCollections;
import io.deltastream.market.store.MarketRetention;
import io.deltastream.market.store.StoredTick;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.UnderlyingTick;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandleBookTest {
    private static final Instant T0 = Instant.parse("2026-11-25T05:00:00Z");

    @TempDir
    Path dir;

    @Test
    void candlesMatchAPlainOhlcOfTheTicksWhateverTheBatchingAndArrivalOrder() {
        Random random = new Random(42);
        try (SqliteStore store = new SqliteStore(dir.resolve("m.db"), false)) {
            DocumentCollection ticks = store.collection(MarketCollections.underlyingTicks(MarketRetention.DEFAULTS));
            DocumentCollection candles = store.collection(MarketCollections.candles(MarketRetention.DEFAULTS));
            CandleBook book = new CandleBook(ticks, candles);
            List<UnderlyingTick> all = new ArrayList<>();
            double price = 100;
            for (int i = 0; i < 600; i++) {
                price *= Math.exp(0.001 * random.nextGaussian());
                all.add(new UnderlyingTick("SPY", Math.rint(price * 100) / 100, T0.plusMillis(i * 2_000L + random.nextInt(1500)), i));
            }
            // Arrival: mostly in order, in batches of 1..20, with some ticks shuffled within a neighbourhood.
            List<UnderlyingTick> arrival = new ArrayList<>(all);
            for (int i = 0; i + 5 < arrival.size(); i += 7) {
                Collections.shuffle(arrival.subList(i, i + 5), random);
            }
            for (int from = 0; from < arrival.size(); ) {
                int to = Math.min(arrival.size(), from + 1 + random.nextInt(20));
                List<UnderlyingTick> batch = arrival.subList(from, to);
                ticks.insertAllNew(batch.stream().map(t -> StoredTick.toDocument("t" + t.tickId(), t, T0)).toList());
                book.apply("SPY", batch);
                from = to;
            }
            for (int window : new int[]{1, 5, 15}) {
                List<Candle> got = book.history("SPY", window, T0, T0.plusSeconds(3600), 1000);
                List<Candle> expected = oracle(all, window);
                assertThat(got).as("window %d", window).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(got.get(i)).as("window %d bucket %d", window, i).isEqualTo(expected.get(i));
                }
            }
        }
    }

    /** Brute force: group by aligned bucket, open/close by time. */
    private static List<Candle> oracle(List<UnderlyingTick> ticks, int window) {
        long length = window * 60_000L;
        java.util.TreeMap<Long, List<UnderlyingTick>> buckets = new java.util.TreeMap<>();
        for (UnderlyingTick t : ticks) {
            buckets.computeIfAbsent(Math.floorDiv(t.timestamp().toEpochMilli(), length) * length, b -> new ArrayList<>()).add(t);
        }
        List<Candle> out = new ArrayList<>();
        buckets.forEach((start, list) -> {
            List<UnderlyingTick> sorted = list.stream().sorted(java.util.Comparator.comparing(UnderlyingTick::timestamp)).toList();
            double high = sorted.stream().mapToDouble(UnderlyingTick::price).max().orElseThrow();
            double low = sorted.stream().mapToDouble(UnderlyingTick::price).min().orElseThrow();
            out.add(new Candle("SPY", window, sorted.getFirst().price(), high, low, sorted.getLast().price(),
                    Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + length), sorted.size()));
        });
        return out;
    }
}
