package io.deltastream.market.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.UnderlyingTick;
import io.deltastream.market.wire.WireSamples;
import io.deltastream.platform.json.Json;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.market.wire.WireTime;
import io.deltastream.store.CollectionSpec;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.Filter;
import io.deltastream.store.Order;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Compressed chain rows and their retention tiers, the same on every store adapter. */
abstract class ChainStorageContract {
    private static final Instant T0 = Instant.parse("2026-11-25T05:00:03.250Z");
    private static final LocalDate E1 = LocalDate.of(2026, 12, 29);
    private static final LocalDate E2 = LocalDate.of(2027, 1, 26);
    private static final Duration WINDOW = Duration.ofMinutes(2);

    private DocumentStore store;
    private DocumentCollection chains;
    private final RandomChains random = new RandomChains(17);

    /** A new, empty database at each call. */
    protected abstract DocumentStore openStore();

    /** The same database as the last {@link #openStore()}, opened again (as a restarted service would). */
    protected abstract DocumentStore reopenStore();

    @BeforeEach
    void open() {
        store = openStore();
        chains = store.collection(MarketCollections.optionChains(MarketRetention.DEFAULTS));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ChainDownsampling downsampling() {
        return new ChainDownsampling(chains, store.collection(ChainDownsampling.STATE), WINDOW);
    }

    /** Snapshots of three chains every 7 s for {@code minutes}, written in shuffled order; returns their times. */
    private Map<String, List<Instant>> write(int minutes) {
        List<ObjectNode> docs = new ArrayList<>();
        Map<String, List<Instant>> times = new TreeMap<>();
        int n = 0;
        for (Instant t = T0; t.isBefore(T0.plus(Duration.ofMinutes(minutes))); t = t.plusSeconds(7)) {
            for (String key : List.of("NIFTY:" + E1, "NIFTY:" + E2, "STK001:" + E1)) {
                String[] parts = key.split(":");
                docs.add(StoredChain.toDocument("run-" + n++, random.next(parts[0], LocalDate.parse(parts[1]), t, 5)));
                times.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
            }
        }
        Collections.shuffle(docs, new Random(3));
        chains.insertAllNew(docs);
        return times;
    }

    private Map<String, List<Instant>> stored() {
        return chains.find(Filter.all(), Order.OLDEST_FIRST, 100_000).stream().collect(Collectors.groupingBy(
                d -> d.path("product").asText() + ":" + d.path("expiry").asText(), TreeMap::new,
                Collectors.mapping(d -> WireTime.parse(d.path("timestamp").asText()), Collectors.toList())));
    }

    /** The oracle: beyond the window, the earliest of each chain and minute; within it, everything. */
    private static Map<String, List<Instant>> expected(Map<String, List<Instant>> written, Instant cutoff) {
        Map<String, List<Instant>> out = new TreeMap<>();
        written.forEach((key, times) -> {
            Map<Instant, Instant> earliestByMinute = new TreeMap<>();
            List<Instant> kept = new ArrayList<>();
            for (Instant t : times) {
                if (t.isBefore(cutoff)) {
                    earliestByMinute.merge(t.truncatedTo(ChronoUnit.MINUTES), t, (a, b) -> a.isBefore(b) ? a : b);
                } else {
                    kept.add(t);
                }
            }
            kept.addAll(earliestByMinute.values());
            Collections.sort(kept);
            out.put(key, kept);
        });
        return out;
    }

    @Test
    void beyondTheWindowOnlyTheEarliestSnapshotOfEachChainAndMinuteStays() {
        Map<String, List<Instant>> written = write(6);
        int total = written.values().stream().mapToInt(List::size).sum();
        Instant now = T0.plus(Duration.ofMinutes(5)).plusSeconds(40);
        Instant cutoff = now.minus(WINDOW).truncatedTo(ChronoUnit.MINUTES);
        Map<String, List<Instant>> expected = expected(written, cutoff);
        int kept = expected.values().stream().mapToInt(List::size).sum();

        assertThat(downsampling().downsample(now)).isEqualTo(total - kept);
        assertThat(stored()).isEqualTo(expected);
        assertThat(downsampling().downsample(now)).as("a second pass").isZero();

        // A restarted worker resumes after the last minute done; two minutes later two more minutes thin out.
        Instant later = now.plus(Duration.ofMinutes(2));
        Map<String, List<Instant>> expectedLater = expected(written, later.minus(WINDOW).truncatedTo(ChronoUnit.MINUTES));
        assertThat(downsampling().downsample(later)).isEqualTo(kept - expectedLater.values().stream()
                .mapToInt(List::size).sum());
        assertThat(stored()).isEqualTo(expectedLater);
    }

    @Test
    void theThreeTiersFullMinutesAndNothingPastRetention() {
        write(6);
        Instant now = T0.plus(Duration.ofMinutes(6));
        downsampling().downsample(now);
        Instant retention = T0.plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MINUTES);
        chains.deleteOlderThan(retention);
        Instant cutoff = now.minus(WINDOW).truncatedTo(ChronoUnit.MINUTES);
        List<Instant> left = stored().get("NIFTY:" + E1);
        assertThat(left).allMatch(t -> !t.isBefore(retention));
        assertThat(left.stream().filter(t -> t.isBefore(cutoff)).toList()).as("one per minute from 05:02 to 05:04")
                .containsExactly(T0.plusSeconds(7 * 17), T0.plusSeconds(7 * 26));
        assertThat(left.stream().filter(t -> !t.isBefore(cutoff))).as("every 7 s from 05:04 on").hasSize(18);
    }

    @Test
    void randomChainsComeBackExactlyAndTheLatestIsFound() {
        EnrichedChain last = null;
        for (int i = 0; i < 40; i++) {
            last = random.next("BANKNIFTY", E1, T0.plusSeconds(i), 101);
            chains.insert(StoredChain.toDocument("r-" + i, last));
        }
        ObjectNode latest = chains.latest(Filter.eq("product", "BANKNIFTY").and("expiry", E1.toString())).orElseThrow();
        EnrichedChain back = StoredChain.fromDocument(latest);
        assertThat(WireCodec.encode(back)).isEqualTo(WireCodec.encode(last));
        assertThat(back.timestamp()).isEqualTo(last.timestamp());
    }

    @Test
    void aCorruptedStoredRowIsAClearErrorNamingIt() {
        ObjectNode doc = StoredChain.toDocument("r-1", random.next("NIFTY", E1, T0, 21));
        byte[] blob = ((BinaryNode) doc.get("blob")).binaryValue().clone();
        blob[40] ^= 1;
        doc.set("blob", doc.binaryNode(blob));
        chains.insert(doc);
        ObjectNode back = chains.findById("r-1").orElseThrow();
        assertThatThrownBy(() -> StoredChain.fromDocument(back)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("option_chains document r-1: corrupt chain row");
    }

    @Test
    void rowsOfThePreviousVersionStillOpenAndReadBesideNewOnes() {
        store.close();
        store = openStore();
        // What the previous version created and wrote: no bytes field, the row's bytes as base64 text.
        CollectionSpec previous = CollectionSpec.builder(MarketCollections.OPTION_CHAINS).time("timestamp")
                .fields("product", "expiry").indexWithTime("product", "expiry").indexWithTime("product").build();
        EnrichedChain old = random.next("NIFTY", E1, T0, 101);
        ObjectNode oldRow = StoredChain.toDocument("old-1", old);
        oldRow.put("blob", Base64.getEncoder().encodeToString(((BinaryNode) oldRow.get("blob")).binaryValue()));
        store.collection(previous).insert(oldRow);
        store.close();

        store = reopenStore();
        chains = store.collection(MarketCollections.optionChains(MarketRetention.DEFAULTS));
        EnrichedChain fresh = random.next("NIFTY", E1, T0.plusSeconds(1), 101);
        chains.insert(StoredChain.toDocument("new-1", fresh));
        Filter nifty = Filter.eq("product", "NIFTY").and("expiry", E1.toString());
        List<ObjectNode> rows = chains.find(nifty, Order.OLDEST_FIRST, 10);
        assertThat(rows).extracting(d -> d.get("blob").isBinary()).containsExactly(false, true);
        assertThat(WireCodec.encode(StoredChain.fromDocument(rows.get(0)))).isEqualTo(WireCodec.encode(old));
        assertThat(WireCodec.encode(StoredChain.fromDocument(chains.latest(nifty).orElseThrow())))
                .isEqualTo(WireCodec.encode(fresh));
        // Thinning treats both alike: the earlier (old) row is the minute's earliest and stays.
        assertThat(downsampling().downsample(T0.plus(Duration.ofHours(1)))).isEqualTo(1);
        assertThat(chains.find(nifty, Order.OLDEST_FIRST, 10)).extracting(d -> d.get("_id").asText())
                .containsExactly("old-1");
    }

    /** The four market collections as the previous version declared them: no bytes fields, not compact. */
    private static List<CollectionSpec> previousVersionSpecs() {
        return List.of(
                CollectionSpec.builder(MarketCollections.UNDERLYING_TICKS).time("timestamp").fields("product", "tick_id")
                        .indexWithTime("product").build(),
                CollectionSpec.builder(MarketCollections.OPTION_QUOTES).time("timestamp")
                        .fields("symbol", "product", "expiry").indexWithTime("symbol").indexWithTime("product").build(),
                CollectionSpec.builder(MarketCollections.OPTION_CHAINS).time("timestamp").fields("product", "expiry")
                        .indexWithTime("product", "expiry").indexWithTime("product").build(),
                CollectionSpec.builder(MarketCollections.CANDLES).time("start_time")
                        .fields("product", "window_minutes", "bucket").unique("product", "window_minutes", "bucket")
                        .indexWithTime("product", "window_minutes").build());
    }

    @Test
    void aMarketDatabaseOfThePreviousVersionOpensAndEveryCollectionReads() {
        store.close();
        store = openStore();
        List<DocumentCollection> old = previousVersionSpecs().stream().map(store::collection).toList();
        UnderlyingTick tick = new UnderlyingTick("NIFTY", 21503.1, T0, 42);
        old.get(0).insert(StoredTick.toDocument("t-old", tick, T0.plusMillis(2)));
        OptionQuote quote = WireSamples.quote(OptionType.CALL, 21500, 101.05, 101.6, 1200, 45_000);
        ObjectNode oldQuote = Json.object().put("_id", "q-old").put("symbol", quote.symbol())
                .put("product", quote.product()).put("expiry", quote.expiry().toString())
                .put("timestamp", WireTime.format(quote.timestamp())).put("processed_at", WireTime.format(T0))
                .put("bid", quote.bid()).put("ask", quote.ask()).put("last", quote.last()).put("volume", quote.volume())
                .put("open_interest", quote.openInterest()).put("delta", quote.delta()).put("gamma", quote.gamma())
                .put("vega", quote.vega()).put("theta", quote.theta()).put("iv", quote.iv());
        old.get(1).insert(oldQuote);
        EnrichedChain chain = random.next("NIFTY", E1, T0, 41);
        ObjectNode oldChain = StoredChain.toDocument("c-old", chain);
        oldChain.put("blob", Base64.getEncoder().encodeToString(((BinaryNode) oldChain.get("blob")).binaryValue()));
        old.get(2).insert(oldChain);
        Candle candle = new Candle("NIFTY", 5, 1, 3, 0.5, 2, Instant.parse("2026-11-25T05:00:00Z"),
                Instant.parse("2026-11-25T05:05:00Z"), 17);
        old.get(3).insert(StoredCandle.toDocument(candle));
        store.close();

        store = reopenStore();
        MarketRetention r = MarketRetention.DEFAULTS;
        DocumentCollection ticks = store.collection(MarketCollections.underlyingTicks(r));
        DocumentCollection quotes = store.collection(MarketCollections.optionQuotes(r));
        DocumentCollection candles = store.collection(MarketCollections.candles(r));
        chains = store.collection(MarketCollections.optionChains(r));
        ObjectNode storedTick = ticks.latest(Filter.eq("product", "NIFTY")).orElseThrow();
        assertThat(StoredTick.fromDocument(storedTick)).isEqualTo(new UnderlyingTick("NIFTY", 21503.1,
                T0.truncatedTo(ChronoUnit.MILLIS), 42));
        assertThat(storedTick.path("processed_at").asText()).isEqualTo(WireTime.format(T0.plusMillis(2)));
        ObjectNode storedQuote = quotes.latest(Filter.eq("symbol", quote.symbol())).orElseThrow();
        assertThat(StoredQuote.fromDocument(storedQuote)).usingRecursiveComparison().ignoringFields("timestamp")
                .isEqualTo(quote);
        assertThat(StoredQuote.processedAt(storedQuote)).isEqualTo(T0);
        assertThat(WireCodec.encode(StoredChain.fromDocument(chains.findById("c-old").orElseThrow())))
                .isEqualTo(WireCodec.encode(chain));
        assertThat(StoredCandle.fromDocument(candles.findById(StoredCandle.id(candle)).orElseThrow())).isEqualTo(candle);

        // New rows go in beside them, in the new layouts, and are the latest.
        OptionQuote later = WireSamples.quote(OptionType.CALL, 21500, 102.05, 102.6, 1300, 45_100);
        OptionQuote laterQuote = new OptionQuote(later.symbol(), later.product(), later.strike(), later.expiry(),
                later.optionType(), later.bid(), later.ask(), later.last(), later.volume(), later.openInterest(),
                later.delta(), later.gamma(), later.vega(), later.theta(), later.iv(), quote.timestamp().plusSeconds(60));
        quotes.insert(StoredQuote.toDocument("q-new", laterQuote, T0.plusSeconds(61)));
        assertThat(quotes.find(Filter.eq("symbol", quote.symbol()), Order.NEWEST_FIRST, 5))
                .extracting(d -> d.path("_id").asText()).containsExactly("q-new", "q-old");
        assertThat(StoredQuote.fromDocument(quotes.latest(Filter.eq("symbol", quote.symbol())).orElseThrow()).bid())
                .isEqualTo(102.05);
        EnrichedChain next = random.next("NIFTY", E1, T0.plusSeconds(1), 41);
        chains.insert(StoredChain.toDocument("c-new", next));
        assertThat(WireCodec.encode(StoredChain.fromDocument(chains.latest(Filter.eq("product", "NIFTY")
                .and("expiry", E1.toString())).orElseThrow()))).isEqualTo(WireCodec.encode(next));
    }
}
