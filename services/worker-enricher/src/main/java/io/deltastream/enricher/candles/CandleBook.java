package io.deltastream.enricher.candles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.store.StoredCandle;
import io.deltastream.market.store.StoredTick;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.UnderlyingTick;
import io.deltastream.market.wire.WireTime;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.Filter;
import io.deltastream.store.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Candle history in the store: one document per product, window and aligned bucket (windows of
 * {@link CacheKeys#OHLC_WINDOWS} minutes, buckets aligned to multiples of the window since the epoch, UTC).
 *
 * <p>One-minute candles are built from the ticks: each batch of new ticks is merged into the stored bucket document
 * (open and close by tick time, so merging is order-independent), and when ticks of a later minute arrive the previous
 * minute is recomputed from the stored ticks, which makes a closed minute exact even when several workers shared its
 * ticks. Longer windows are derived from the one-minute candles they contain. Thread-safe as long as one product's
 * ticks are applied by one thread at a time (the caller's per-product lock).
 */
public final class CandleBook {
    private static final int BASE_WINDOW = 1;
    private static final int MAX_TICKS_PER_MINUTE = 100_000;
    private static final String OPEN_AT = "open_at";
    private static final String CLOSE_AT = "close_at";

    private final DocumentCollection ticks;
    private final DocumentCollection candles;
    private final Map<String, Long> lastMinute = new ConcurrentHashMap<>();

    public CandleBook(DocumentCollection ticks, DocumentCollection candles) {
        this.ticks = ticks;
        this.candles = candles;
    }

    /**
     * Merges ticks of one product that were just stored for the first time (they must be in the store already) and
     * returns the candles they touched whose
     * bucket is the newest of its window (the ones to cache), by window in minutes.
     */
    public Map<Integer, Candle> apply(String product, List<UnderlyingTick> newTicks) {
        if (newTicks.isEmpty()) {
            return Map.of();
        }
        TreeMap<Long, List<UnderlyingTick>> byMinute = new TreeMap<>();
        for (UnderlyingTick t : newTicks) {
            byMinute.computeIfAbsent(bucketStart(t.timestamp(), BASE_WINDOW), b -> new ArrayList<>()).add(t);
        }
        List<Long> touched = new ArrayList<>(byMinute.keySet());
        long newest = byMinute.lastKey();
        Long previous = lastMinute.get(product);
        Long recomputed = null;
        if (previous != null && previous < newest) {
            // A later minute started: the previous one is closed, rebuild it exactly from the stored ticks (which
            // include this batch's, stored before this call).
            recomputeMinute(product, previous);
            recomputed = previous;
            if (!byMinute.containsKey(previous)) {
                touched.add(previous);
            }
        }
        if (previous == null || previous < newest) {
            lastMinute.put(product, newest);
        }
        for (Map.Entry<Long, List<UnderlyingTick>> e : byMinute.entrySet()) {
            if (!e.getKey().equals(recomputed)) {
                mergeMinute(product, e.getKey(), e.getValue());
            }
        }
        Map<Integer, Candle> current = new LinkedHashMap<>();
        for (int window : CacheKeys.OHLC_WINDOWS) {
            TreeMap<Long, Candle> built = new TreeMap<>();
            for (long minute : touched) {
                long start = bucketStart(Instant.ofEpochMilli(minute), window);
                if (!built.containsKey(start)) {
                    Optional<Candle> c = window == BASE_WINDOW ? read(product, window, start)
                            : Optional.of(derive(product, window, start));
                    c.ifPresent(candle -> built.put(start, candle));
                }
            }
            Candle latest = built.isEmpty() ? null : built.lastEntry().getValue();
            if (latest != null && latest.startTime().toEpochMilli() == bucketStart(Instant.ofEpochMilli(newest), window)) {
                current.put(window, latest);
            }
        }
        return current;
    }

    /** The stored candles of a product and window starting in {@code [from, to]}, oldest first. */
    public List<Candle> history(String product, int window, Instant from, Instant to, int limit) {
        return candles.find(Filter.eq("product", product).and("window_minutes", window).from(from).to(to),
                Order.OLDEST_FIRST, limit).stream().map(StoredCandle::fromDocument).toList();
    }

    private void mergeMinute(String product, long start, List<UnderlyingTick> batch) {
        Optional<ObjectNode> stored = document(product, BASE_WINDOW, start);
        Acc acc = stored.map(CandleBook::acc).orElseGet(Acc::new);
        batch.forEach(acc::add);
        write(product, BASE_WINDOW, start, acc);
    }

    private void recomputeMinute(String product, long start) {
        Acc acc = new Acc();
        for (ObjectNode d : ticks.find(Filter.eq("product", product).from(Instant.ofEpochMilli(start))
                .to(Instant.ofEpochMilli(start + minutes(BASE_WINDOW) - 1)), Order.OLDEST_FIRST, MAX_TICKS_PER_MINUTE)) {
            acc.add(StoredTick.fromDocument(d));
        }
        if (acc.count > 0) {
            write(product, BASE_WINDOW, start, acc);
        }
    }

    private Candle derive(String product, int window, long start) {
        List<ObjectNode> minutes = candles.find(Filter.eq("product", product).and("window_minutes", BASE_WINDOW)
                .from(Instant.ofEpochMilli(start)).to(Instant.ofEpochMilli(start + minutes(window) - 1)),
                Order.OLDEST_FIRST, window);
        Acc acc = new Acc();
        minutes.stream().map(CandleBook::acc).sorted(Comparator.comparing(a -> a.openAt)).forEach(acc::merge);
        return write(product, window, start, acc);
    }

    private Optional<Candle> read(String product, int window, long start) {
        return document(product, window, start).map(StoredCandle::fromDocument);
    }

    private Optional<ObjectNode> document(String product, int window, long start) {
        return candles.findOne(key(product, window, start), Order.NEWEST_FIRST);
    }

    private Candle write(String product, int window, long start, Acc acc) {
        Candle c = new Candle(product, window, acc.open, acc.high, acc.low, acc.close, Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(start + minutes(window)), acc.count);
        ObjectNode doc = StoredCandle.toDocument(c);
        doc.put(OPEN_AT, WireTime.format(acc.openAt));
        doc.put(CLOSE_AT, WireTime.format(acc.closeAt));
        candles.upsert(key(product, window, start), doc);
        return c;
    }

    private static Filter key(String product, int window, long start) {
        return Filter.eq("product", product).and("window_minutes", window).and("bucket", start / 60_000);
    }

    private static Acc acc(ObjectNode doc) {
        Candle c = StoredCandle.fromDocument(doc);
        Acc a = new Acc();
        a.open = c.open();
        a.high = c.high();
        a.low = c.low();
        a.close = c.close();
        a.count = c.numTicks();
        a.openAt = doc.hasNonNull(OPEN_AT) ? WireTime.parse(doc.get(OPEN_AT).asText()) : c.startTime();
        a.closeAt = doc.hasNonNull(CLOSE_AT) ? WireTime.parse(doc.get(CLOSE_AT).asText()) : c.startTime();
        return a;
    }

    /** Bucket start in epoch milliseconds for a window of {@code window} minutes. */
    static long bucketStart(Instant t, int window) {
        long length = minutes(window);
        return Math.floorDiv(t.toEpochMilli(), length) * length;
    }

    private static long minutes(int window) {
        return Duration.ofMinutes(window).toMillis();
    }

    /** OHLC accumulator; open and close follow tick time, not arrival order. */
    private static final class Acc {
        double open;
        double high = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        double close;
        long count;
        Instant openAt;
        Instant closeAt;

        void add(UnderlyingTick t) {
            Acc one = new Acc();
            one.open = one.high = one.low = one.close = t.price();
            one.count = 1;
            one.openAt = one.closeAt = t.timestamp();
            merge(one);
        }

        void merge(Acc o) {
            if (o.count == 0) {
                return;
            }
            if (count == 0 || o.openAt.isBefore(openAt)) {
                open = o.open;
                openAt = o.openAt;
            }
            if (count == 0 || !o.closeAt.isBefore(closeAt)) {
                close = o.close;
                closeAt = o.closeAt;
            }
            high = Math.max(high, o.high);
            low = Math.min(low, o.low);
            count += o.count;
        }
    }
}
