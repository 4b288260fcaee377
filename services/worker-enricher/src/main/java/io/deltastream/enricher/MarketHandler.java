package io.deltastream.enricher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.bus.Cache;
import io.deltastream.bus.Delivery;
import io.deltastream.bus.Effects;
import io.deltastream.bus.WorkHandler;
import io.deltastream.enricher.candles.CandleBook;
import io.deltastream.enricher.chain.ChainEnricher;
import io.deltastream.enricher.chain.ChainState;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.live.PublishedChain;
import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.product.Product;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.store.StoredChain;
import io.deltastream.market.store.StoredQuote;
import io.deltastream.market.store.StoredTick;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.EnrichedUnderlying;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.market.wire.OptionChain;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.UnderlyingTick;
import io.deltastream.market.wire.VolatilitySurface;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.logging.Tracing;
import io.deltastream.store.DocumentCollection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes batches from the three feed queues. Per batch: decode and validate every message (in embedded mode the
 * feed's objects arrive as they are and nothing is decoded) (malformed ones are
 * dead-lettered at once with the reason; a product this worker does not know is retried, then dead-lettered, since a
 * worker with a newer product file may handle it after a replay), enrich chains, write ticks, quotes, chain snapshots
 * and candles to the store (ids derived from message ids, so a redelivered message writes nothing twice), and only then
 * attach the cache writes and publishes to each delivery, which the bus applies once, atomically with the ack.
 */
final class MarketHandler implements WorkHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MarketHandler.class);
    private final ProductUniverse universe;
    private final MarketStore store;
    private final CandleBook candles;
    private final Cache cache;
    private final Duration chainSnapshot;
    private final Duration quoteSnapshot;
    private final Clock clock;
    private final Map<String, OptionChain> previousChains = new ConcurrentHashMap<>();
    private final Map<String, Object> productLocks = new ConcurrentHashMap<>();
    private final Counter ticksProcessed;
    private final Counter chainsProcessed;
    private final Counter quotesProcessed;
    private final Timer feedToEnriched;

    MarketHandler(ProductUniverse universe, MarketStore store, Cache cache, Duration chainSnapshot,
                  Duration quoteSnapshot, Clock clock, MeterRegistry metrics) {
        this.universe = universe;
        this.store = store;
        this.candles = new CandleBook(store.ticks(), store.candles());
        this.cache = cache;
        this.chainSnapshot = chainSnapshot;
        this.quoteSnapshot = quoteSnapshot;
        this.clock = clock;
        this.ticksProcessed = metrics.counter("enricher_messages", "queue", MarketQueues.UNDERLYING);
        this.chainsProcessed = metrics.counter("enricher_messages", "queue", MarketQueues.OPTION_CHAIN);
        this.quotesProcessed = metrics.counter("enricher_messages", "queue", MarketQueues.OPTION_QUOTE);
        this.feedToEnriched = Timer.builder("enricher_feed_to_enriched").description("feed timestamp to enrichment done")
                .publishPercentiles(0.5, 0.99).register(metrics);
    }

    private record TickWork(Delivery delivery, UnderlyingTick tick) {
    }

    private record QuoteWork(Delivery delivery, OptionQuote quote) {
    }

    /** @param source the feed's chain (its OI and last prices become the next chain's comparison) */
    private record ChainWork(Delivery delivery, OptionChain source, ChainEnricher.Result result, boolean newest) {
    }

    @Override
    public void handle(List<Delivery> batch) {
        Instant now = clock.instant();
        List<TickWork> ticks = new ArrayList<>();
        List<QuoteWork> quotes = new ArrayList<>();
        List<ChainWork> chains = new ArrayList<>();
        List<Delivery> chainDeliveries = new ArrayList<>();
        List<OptionChain> decodedChains = new ArrayList<>();
        for (Delivery d : batch) {
            try {
                switch (d.queue()) {
                    case MarketQueues.UNDERLYING -> {
                        UnderlyingTick t = d.body().as(UnderlyingTick.class, WireCodec::decodeTick);
                        if (known(d, t.product())) {
                            ticks.add(new TickWork(d, t));
                        }
                    }
                    case MarketQueues.OPTION_QUOTE -> {
                        OptionQuote q = d.body().as(OptionQuote.class, WireCodec::decodeQuote);
                        if (known(d, q.product())) {
                            quotes.add(new QuoteWork(d, q));
                        }
                    }
                    case MarketQueues.OPTION_CHAIN -> {
                        OptionChain c = d.body().as(OptionChain.class, WireCodec::decodeChain);
                        if (known(d, c.product())) {
                            chainDeliveries.add(d);
                            decodedChains.add(c);
                        }
                    }
                    default -> d.reject("unknown queue '" + d.queue() + "'");
                }
            } catch (MalformedMessageException e) {
                d.reject("malformed message: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                d.reject("invalid message: " + e.getMessage());
            }
        }
        Map<String, String> states = decodedChains.isEmpty() ? Map.of() : cache.getAll(decodedChains.stream()
                .map(c -> ChainState.key(c.product(), c.expiry())).distinct().toList());
        for (int i = 0; i < decodedChains.size(); i++) {
            OptionChain c = decodedChains.get(i);
            try {
                chains.add(enrich(chainDeliveries.get(i), universe.get(c.product()), c, now,
                        states.get(ChainState.key(c.product(), c.expiry()))));
            } catch (IllegalArgumentException e) {
                chainDeliveries.get(i).reject("invalid message: " + e.getMessage());
            }
        }
        Map<String, CandleUpdate> currentCandles = persistTicks(ticks, now);
        persistQuotes(quotes, now);
        persistChains(chains);
        effects(ticks, currentCandles, quotes, chains, now);
        LOG.debug("enriched and stored {} ticks, {} quotes and {} chains", ticks.size(), quotes.size(), chains.size());
    }

    private boolean known(Delivery d, String product) {
        if (universe.find(product).isPresent()) {
            return true;
        }
        d.fail("unknown product '" + product + "' (known: " + String.join(", ", universe.names())
                + "); set PRODUCTS_FILE and replay the dead letter");
        return false;
    }

    /**
     * Enriches a chain against the newest earlier chain of its expiry: this worker's own last one or, when newer, the
     * state another worker left in the cache.
     */
    private ChainWork enrich(Delivery d, Product product, OptionChain chain, Instant now, String sharedState) {
        String key = chain.product() + ":" + chain.expiry();
        OptionChain local = previousChains.get(key);
        // Decoding the shared state is needed only when another worker saw a later chain than this one did.
        boolean sharedIsNewer = sharedState != null && ChainState.time(sharedState)
                .map(t -> local == null || t.isAfter(local.timestamp())).orElse(true);
        OptionChain shared = !sharedIsNewer ? null
                : ChainState.decode(chain.product(), chain.expiry(), chain.spotPrice(), sharedState).orElse(null);
        OptionChain[] previous = new OptionChain[1];
        boolean[] newest = new boolean[1];
        previousChains.compute(key, (k, mine) -> {
            previous[0] = newer(mine, shared, chain.timestamp());
            newest[0] = (mine == null || mine.timestamp().isBefore(chain.timestamp()))
                    && (shared == null || shared.timestamp().isBefore(chain.timestamp()));
            return mine == null || mine.timestamp().isBefore(chain.timestamp()) ? chain : mine;
        });
        ChainEnricher.Result r = ChainEnricher.enrich(product, chain, previous[0], now);
        return new ChainWork(d, chain, r, newest[0]);
    }

    /** The later of two candidate chains that are strictly earlier than {@code before}, or null. */
    private static OptionChain newer(OptionChain a, OptionChain b, Instant before) {
        OptionChain x = a != null && a.timestamp().isBefore(before) ? a : null;
        OptionChain y = b != null && b.timestamp().isBefore(before) ? b : null;
        if (x == null) {
            return y;
        }
        return y == null || !y.timestamp().isAfter(x.timestamp()) ? x : y;
    }

    /**
     * Stores new ticks and merges them into candles; returns, by product, the current candles to cache and the
     * delivery that carries them (one whose tick was stored now, so its effects are not those of a duplicate).
     */
    private Map<String, CandleUpdate> persistTicks(List<TickWork> work, Instant now) {
        if (work.isEmpty()) {
            return Map.of();
        }
        DocumentCollection ticks = store.ticks();
        Map<String, List<TickWork>> fresh = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        List<ObjectNode> docs = new ArrayList<>(work.size());
        for (TickWork w : work) {
            String id = w.delivery().messageId();
            // Only ticks stored for the first time go into candles: a redelivered tick must not count twice.
            if (seen.add(id) && ticks.findById(id).isEmpty()) {
                docs.add(StoredTick.toDocument(id, w.tick(), now));
                fresh.computeIfAbsent(w.tick().product(), p -> new ArrayList<>()).add(w);
            }
        }
        ticks.insertAllNew(docs);
        Map<String, CandleUpdate> current = new HashMap<>();
        for (Map.Entry<String, List<TickWork>> e : fresh.entrySet()) {
            List<UnderlyingTick> productTicks = e.getValue().stream().map(TickWork::tick).toList();
            Map<Integer, Candle> candlesNow;
            synchronized (productLocks.computeIfAbsent(e.getKey(), p -> new Object())) {
                candlesNow = candles.apply(e.getKey(), productTicks);
            }
            current.put(e.getKey(), new CandleUpdate(e.getValue().getLast().delivery(), candlesNow));
        }
        return current;
    }

    private record CandleUpdate(Delivery carrier, Map<Integer, Candle> candles) {
    }

    private void persistQuotes(List<QuoteWork> work, Instant now) {
        if (!work.isEmpty()) {
            store.quotes().insertAllNew(work.stream().map(w -> StoredQuote.toDocument(snapshotId(quoteSnapshot,
                    w.delivery().messageId(), w.quote().symbol(), w.quote().timestamp()), w.quote(), now)).toList());
        }
    }

    private void persistChains(List<ChainWork> work) {
        if (work.isEmpty()) {
            return;
        }
        List<ObjectNode> docs = new ArrayList<>(work.size());
        for (ChainWork w : work) {
            var c = w.result().chain();
            docs.add(StoredChain.toDocument(snapshotId(chainSnapshot, w.delivery().messageId(),
                    c.product() + ":" + c.expiry(), c.timestamp()), c));
        }
        store.chains().insertAllNew(docs);
    }

    /**
     * The stored document's id: the message id when every message is stored, otherwise {@code key:period}, so that
     * the first document of each period wins and later ones (from any worker, or redelivered) are skipped.
     */
    private static String snapshotId(Duration period, String messageId, String key, Instant time) {
        return period.isZero() ? messageId : key + ":" + Math.floorDiv(time.toEpochMilli(), period.toMillis());
    }

    private void effects(List<TickWork> ticks, Map<String, CandleUpdate> candles, List<QuoteWork> quotes,
                         List<ChainWork> chains, Instant now) {
        double nowMillis = now.toEpochMilli();
        double staleBelow = nowMillis - CacheKeys.LATEST_TTL.toMillis();
        for (TickWork w : ticks) {
            UnderlyingTick t = w.tick();
            String json = WireCodec.encode(new EnrichedUnderlying(t.product(), t.price(), t.timestamp(), now));
            Effects e = w.delivery().effects();
            e.set(CacheKeys.latestUnderlying(t.product()), json, CacheKeys.LATEST_TTL)
                    .publish(MarketTopics.ENRICHED_UNDERLYING, json)
                    .indexPut(CacheKeys.PRODUCTS_INDEX, t.product(), nowMillis)
                    .indexRemoveBelow(CacheKeys.PRODUCTS_INDEX, staleBelow);
            record(t.timestamp(), now);
            ticksProcessed.increment();
        }
        for (Map.Entry<String, CandleUpdate> e : candles.entrySet()) {
            for (Map.Entry<Integer, Candle> c : e.getValue().candles().entrySet()) {
                e.getValue().carrier().effects().set(CacheKeys.ohlc(e.getKey(), c.getKey()),
                        WireCodec.encode(c.getValue()), CacheKeys.ohlcTtl(c.getKey()));
            }
        }
        for (QuoteWork w : quotes) {
            w.delivery().effects().set(CacheKeys.latestOption(w.quote().symbol()), w.delivery().payload(),
                    CacheKeys.LATEST_TTL);
            quotesProcessed.increment();
        }
        Map<String, List<ChainWork>> byProduct = new LinkedHashMap<>();
        for (ChainWork w : chains) {
            byProduct.computeIfAbsent(w.result().chain().product(), p -> new ArrayList<>()).add(w);
        }
        for (Map.Entry<String, List<ChainWork>> e : byProduct.entrySet()) {
            chainEffects(e.getKey(), e.getValue(), now, nowMillis, staleBelow);
        }
    }

    private void chainEffects(String product, List<ChainWork> work, Instant now, double nowMillis, double staleBelow) {
        Optional<String> traceparent = Tracing.current();
        TreeMap<LocalDate, VolatilitySurface.Slice> slices = new TreeMap<>();
        Product p = universe.get(product);
        for (Map.Entry<String, String> s : cache.hashGetAll(CacheKeys.surfaceSlices(product)).entrySet()) {
            try {
                VolatilitySurface.Slice slice = WireCodec.decodeSlice(s.getValue());
                slices.put(slice.expiry(), slice);
            } catch (MalformedMessageException ignored) {
                // A slice written by an incompatible version: this batch's slices replace it.
            }
        }
        Instant newestTime = null;
        Effects surfaceCarrier = null;
        for (ChainWork w : work) {
            var c = w.result().chain();
            // Encoded at most once, when first needed, for the cache, the topic and the socket frames alike; the
            // published copy carries the batch's trace on to the socket gateways, the cached one stays as served.
            PublishedChain published = PublishedChain.of(c, traceparent.orElse(null));
            Effects e = w.delivery().effects();
            e.publish(MarketTopics.ENRICHED_OPTION_CHAIN, published.body());
            if (w.newest()) {
                String sliceJson = WireCodec.encode(w.result().slice());
                e.set(ChainState.key(product, c.expiry()), ChainState.encode(w.source()), CacheKeys.LATEST_TTL)
                        .set(CacheKeys.latestChain(product, c.expiry()), published.json(), CacheKeys.LATEST_TTL)
                        .set(CacheKeys.latestPcr(product, c.expiry()), WireCodec.encodePcr(c), CacheKeys.LATEST_TTL)
                        .hashPut(CacheKeys.surfaceSlices(product), c.expiry().toString(), sliceJson, CacheKeys.LATEST_TTL)
                        .indexPut(CacheKeys.PRODUCTS_INDEX, product, nowMillis)
                        .indexPut(CacheKeys.expiriesIndex(product), c.expiry().toString(), nowMillis)
                        .indexRemoveBelow(CacheKeys.expiriesIndex(product), staleBelow);
                slices.put(c.expiry(), w.result().slice());
                newestTime = newestTime == null || c.timestamp().isAfter(newestTime) ? c.timestamp() : newestTime;
                // On a delivery whose own writes count: a duplicate of an applied message has its effects dropped.
                surfaceCarrier = e;
            }
            record(c.timestamp(), now);
            chainsProcessed.increment();
        }
        if (surfaceCarrier != null) {
            slices.keySet().removeIf(expiry -> !ExpiryCalendar.expiryInstant(p, expiry).isAfter(now));
            String surface = WireCodec.encode(new VolatilitySurface(product, List.copyOf(slices.values()), newestTime));
            surfaceCarrier.set(CacheKeys.volatilitySurface(product), surface, CacheKeys.LATEST_TTL);
        }
    }

    private void record(Instant feedTime, Instant now) {
        long nanos = Duration.between(feedTime, now).toNanos();
        if (nanos >= 0) {
            feedToEnriched.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
