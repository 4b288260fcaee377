package io.deltastream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link DocumentStore} adapter must have; one subclass per adapter. */
public abstract class DocumentStoreContract {
    protected DocumentStore store;
    protected DocumentCollection ticks;
    protected DocumentCollection users;

    protected abstract DocumentStore openStore();

    /** The same database as the last {@link #openStore()}, opened again (as a restarted service would). */
    protected abstract DocumentStore reopenStore();

    static final CollectionSpec COMPACT_TICKS = CollectionSpec.builder("compact_ticks")
            .time("timestamp")
            .fields("product", "tick_id", "version")
            .indexWithTime("product")
            .compact()
            .build();

    static final CollectionSpec BLOBS = CollectionSpec.builder("blobs")
            .time("timestamp")
            .fields("key")
            .indexWithTime("key")
            .bytes("data")
            .build();

    static final CollectionSpec TICKS = CollectionSpec.builder("underlying_ticks")
            .time("timestamp")
            .fields("product", "tick_id")
            .indexWithTime("product")
            .build();

    static final CollectionSpec USERS = CollectionSpec.builder("users")
            .fields("email", "active", "version")
            .unique("email")
            .build();

    @BeforeEach
    void open() {
        store = openStore();
        ticks = store.collection(TICKS);
        users = store.collection(USERS);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static ObjectNode tick(String product, double price, String time, long id) {
        ObjectNode n = Json.object();
        n.put("product", product);
        n.put("price", price);
        n.put("timestamp", time);
        n.put("tick_id", id);
        n.putObject("meta").putArray("tags").add("a").add(1);
        return n;
    }

    static ObjectNode user(String email) {
        ObjectNode n = Json.object();
        n.put("email", email);
        n.put("active", true);
        n.put("name", "N");
        return n;
    }

    @Test
    void insertAssignsIdAndRoundTripsTheDocument() {
        ObjectNode doc = tick("NIFTY", 21500.5, "2026-11-23T16:14:09.003259Z", 7);
        String id = ticks.insert(doc);
        assertThat(id).hasSize(24);
        assertThat(doc.get("_id").asText()).isEqualTo(id);
        ObjectNode back = ticks.findById(id).orElseThrow();
        assertThat(back.get("price").doubleValue()).isEqualTo(21500.5);
        assertThat(back.get("tick_id").longValue()).isEqualTo(7);
        assertThat(back.get("product").asText()).isEqualTo("NIFTY");
        assertThat(back.at("/meta/tags/0").asText()).isEqualTo("a");
        assertThat(back.at("/meta/tags/1").asInt()).isEqualTo(1);
        assertThat(back.get("timestamp").asText()).isEqualTo("2026-11-23T16:14:09.003Z");
    }

    @Test
    void naiveTimesAreUtcAndOffsetsAreConverted() {
        String a = ticks.insert(tick("NIFTY", 1, "2026-11-23T16:14:09", 1));
        String b = ticks.insert(tick("NIFTY", 2, "2026-11-23T21:44:09+05:30", 2));
        assertThat(ticks.findById(a).orElseThrow().get("timestamp").asText()).isEqualTo("2026-11-23T16:14:09.000Z");
        assertThat(ticks.findById(b).orElseThrow().get("timestamp").asText()).isEqualTo("2026-11-23T16:14:09.000Z");
    }

    @Test
    void latestByKeyOrdersByTimeThenInsertion() {
        ticks.insert(tick("NIFTY", 1, "2026-11-23T10:00:00Z", 1));
        ticks.insert(tick("NIFTY", 3, "2026-11-23T10:00:02Z", 3));
        ticks.insert(tick("NIFTY", 2, "2026-11-23T10:00:01Z", 2));
        ticks.insert(tick("BANKNIFTY", 9, "2026-11-23T11:00:00Z", 4));
        ticks.insert(tick("NIFTY", 4, "2026-11-23T10:00:02Z", 5));
        assertThat(ticks.latest(Filter.eq("product", "NIFTY")).orElseThrow().get("price").asInt()).isEqualTo(4);
        List<ObjectNode> newest = ticks.find(Filter.eq("product", "NIFTY"), Order.NEWEST_FIRST, 3);
        assertThat(newest).extracting(n -> n.get("price").asInt()).containsExactly(4, 3, 2);
        List<ObjectNode> oldest = ticks.find(Filter.eq("product", "NIFTY"), Order.OLDEST_FIRST, 10);
        assertThat(oldest).extracting(n -> n.get("price").asInt()).containsExactly(1, 2, 3, 4);
        assertThat(ticks.latest(Filter.eq("product", "SENSEX"))).isEmpty();
    }

    @Test
    void timeRangesAreInclusive() {
        for (int s = 0; s < 10; s++) {
            ticks.insert(tick("NIFTY", s, "2026-11-23T10:00:0" + s + "Z", s));
        }
        Filter f = Filter.eq("product", "NIFTY").from(Instant.parse("2026-11-23T10:00:02Z"))
                .to(Instant.parse("2026-11-23T10:00:05Z"));
        assertThat(ticks.find(f, Order.OLDEST_FIRST, 100)).extracting(n -> n.get("price").asInt())
                .containsExactly(2, 3, 4, 5);
        assertThat(ticks.count(f)).isEqualTo(4);
        assertThat(ticks.find(f, Order.NEWEST_FIRST, 2)).extracting(n -> n.get("price").asInt()).containsExactly(5, 4);
    }

    @Test
    void numericFiltersMatchAcrossIntegerWidths() {
        ticks.insert(tick("NIFTY", 1, "2026-11-23T10:00:00Z", 5));
        ticks.insert(tick("NIFTY", 2, "2026-11-23T10:00:00Z", 5_000_000_000L));
        assertThat(ticks.count(Filter.eq("tick_id", 5))).isEqualTo(1);
        assertThat(ticks.count(Filter.eq("tick_id", 5_000_000_000L))).isEqualTo(1);
    }

    @Test
    void uniqueKeysRejectDuplicates() {
        users.insert(user("a@example.com"));
        assertThatThrownBy(() -> users.insert(user("a@example.com"))).isInstanceOf(DuplicateKeyException.class);
        ObjectNode sameId = user("b@example.com");
        String id = users.insert(sameId);
        ObjectNode clash = user("c@example.com");
        clash.put("_id", id);
        assertThatThrownBy(() -> users.insert(clash)).isInstanceOf(DuplicateKeyException.class);
        assertThat(users.count(Filter.all())).isEqualTo(2);
    }

    @Test
    void concurrentInsertsOfOneKeyLetExactlyOneWin() throws Exception {
        int threads = 16;
        Set<String> winners = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                fs.add(pool.submit(() -> {
                    try {
                        users.insert(user("race@example.com").put("n", n));
                        winners.add("w" + n);
                    } catch (DuplicateKeyException expected) {
                        // the unique index decides
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        }
        assertThat(winners).hasSize(1);
        assertThat(users.count(Filter.eq("email", "race@example.com"))).isEqualTo(1);
    }

    @Test
    void insertAllNewSkipsWhatExists() {
        ObjectNode a = tick("NIFTY", 1, "2026-11-23T10:00:00Z", 1).put("_id", "t1");
        ObjectNode b = tick("NIFTY", 2, "2026-11-23T10:00:01Z", 2).put("_id", "t2");
        assertThat(ticks.insertAllNew(List.of(a, b))).isEqualTo(2);
        ObjectNode c = tick("NIFTY", 3, "2026-11-23T10:00:02Z", 3).put("_id", "t3");
        assertThat(ticks.insertAllNew(List.of(a.deepCopy(), c, b.deepCopy()))).isEqualTo(1);
        assertThat(ticks.count(Filter.all())).isEqualTo(3);
        assertThat(ticks.insertAllNew(List.of())).isZero();
        ObjectNode noId = tick("NIFTY", 4, "2026-11-23T10:00:03Z", 4);
        assertThat(ticks.insertAllNew(List.of(noId))).isEqualTo(1);
        assertThat(noId.get("_id").asText()).hasSize(24);
    }

    @Test
    void upsertReplacesByKeyAndKeepsTheId() {
        assertThat(users.upsert(Filter.eq("email", "u@example.com"), user("u@example.com").put("name", "first")))
                .isTrue();
        String id = users.findOne(Filter.eq("email", "u@example.com"), Order.NEWEST_FIRST).orElseThrow()
                .get("_id").asText();
        assertThat(users.upsert(Filter.eq("email", "u@example.com"), user("u@example.com").put("name", "second")))
                .isFalse();
        ObjectNode now = users.findById(id).orElseThrow();
        assertThat(now.get("name").asText()).isEqualTo("second");
        assertThat(users.count(Filter.all())).isEqualTo(1);
    }

    @Test
    void upsertAllAppliesEachUpsertInOrder() {
        users.upsert(Filter.eq("email", "a@example.com"), user("a@example.com").put("name", "old"));
        users.upsertAll(
                List.of(Filter.eq("email", "a@example.com"), Filter.eq("email", "b@example.com"),
                        Filter.eq("email", "b@example.com")),
                List.of(user("a@example.com").put("name", "new"), user("b@example.com").put("name", "first"),
                        user("b@example.com").put("name", "second")));
        assertThat(users.count(Filter.all())).isEqualTo(2);
        assertThat(users.findOne(Filter.eq("email", "a@example.com"), Order.NEWEST_FIRST).orElseThrow()
                .get("name").asText()).isEqualTo("new");
        assertThat(users.findOne(Filter.eq("email", "b@example.com"), Order.NEWEST_FIRST).orElseThrow()
                .get("name").asText()).isEqualTo("second");
    }

    @Test
    void upsertIfNewerNeverOverwritesAnEqualOrHigherVersion() {
        Filter a = Filter.eq("email", "v@example.com");
        Filter b = Filter.eq("email", "w@example.com");
        assertThat(users.upsertAllIfNewer(List.of(a), List.of(user("v@example.com").put("version", 5)
                .put("name", "five")), "version")).isEqualTo(1);
        String id = users.findOne(a, Order.NEWEST_FIRST).orElseThrow().get("_id").asText();
        assertThat(users.upsertAllIfNewer(List.of(a, a, b), List.of(
                user("v@example.com").put("version", 4).put("name", "stale"),
                user("v@example.com").put("version", 5).put("name", "same"),
                user("w@example.com").put("version", 1).put("name", "new")), "version")).isEqualTo(1);
        assertThat(users.findById(id).orElseThrow().get("name").asText()).isEqualTo("five");
        assertThat(users.upsertAllIfNewer(List.of(a), List.of(user("v@example.com").put("version", 6)
                .put("name", "six")), "version")).isEqualTo(1);
        ObjectNode now = users.findById(id).orElseThrow();
        assertThat(now.get("name").asText()).isEqualTo("six");
        assertThat(now.get("version").asLong()).isEqualTo(6);
        // a document written without a version is older than any versioned write
        users.upsert(Filter.eq("email", "x@example.com"), user("x@example.com").put("name", "plain"));
        assertThat(users.upsertAllIfNewer(List.of(Filter.eq("email", "x@example.com")),
                List.of(user("x@example.com").put("version", 1).put("name", "versioned")), "version")).isEqualTo(1);
        assertThat(users.findOne(Filter.eq("email", "x@example.com"), Order.NEWEST_FIRST).orElseThrow()
                .get("name").asText()).isEqualTo("versioned");
        assertThat(users.count(Filter.all())).isEqualTo(3);
    }

    @Test
    void replaceById() {
        String id = users.insert(user("r@example.com"));
        assertThat(users.replace(id, user("r@example.com").put("active", false))).isTrue();
        assertThat(users.findById(id).orElseThrow().get("active").asBoolean()).isFalse();
        assertThat(users.count(Filter.eq("active", false))).isEqualTo(1);
        assertThat(users.replace("nope", user("x@example.com"))).isFalse();
    }

    @Test
    void distinctIsSortedAndFiltered() {
        ticks.insert(tick("SPY", 1, "2026-11-23T10:00:00Z", 1));
        ticks.insert(tick("AAPL", 1, "2026-11-23T10:00:00Z", 2));
        ticks.insert(tick("NIFTY", 1, "2026-11-23T10:00:00Z", 3));
        ticks.insert(tick("AAPL", 1, "2026-11-23T10:00:01Z", 4));
        assertThat(ticks.distinct("product", Filter.all())).containsExactly("AAPL", "NIFTY", "SPY");
        assertThat(ticks.distinct("product", Filter.eq("tick_id", 3))).containsExactly("NIFTY");
        assertThat(ticks.distinct("tick_id", Filter.eq("product", "AAPL"))).containsExactly(2L, 4L);
    }

    @Test
    void deletesAndRetention() {
        for (int s = 0; s < 6; s++) {
            ticks.insert(tick(s % 2 == 0 ? "NIFTY" : "SPY", s, "2026-11-23T10:00:0" + s + "Z", s));
        }
        assertThat(ticks.deleteOlderThan(Instant.parse("2026-11-23T10:00:02Z"))).isEqualTo(2);
        assertThat(ticks.delete(Filter.eq("product", "SPY"))).isEqualTo(2);
        assertThat(ticks.find(Filter.all(), Order.OLDEST_FIRST, 10)).extracting(n -> n.get("price").asInt())
                .containsExactly(2, 4);
    }

    @Test
    void undeclaredFieldsAreRefused() {
        assertThatThrownBy(() -> ticks.find(Filter.eq("price", 1), Order.NEWEST_FIRST, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("price");
        assertThatThrownBy(() -> users.deleteOlderThan(Instant.now()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no time field");
        assertThatThrownBy(() -> ticks.insert(tick("NIFTY", 1, "yesterday", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void healthCheckPasses() throws Exception {
        store.healthCheck().check();
        assertThat(store.healthCheck().name()).isEqualTo("store");
    }

    @Test
    void findByMissingIdIsEmpty() {
        Optional<ObjectNode> none = ticks.findById("000000000000000000000000");
        assertThat(none).isEmpty();
    }

    static ObjectNode blob(String key, String time, byte[] data) {
        ObjectNode n = Json.object();
        n.put("key", key);
        n.put("timestamp", time);
        n.put("note", "n-" + key);
        n.set("data", Json.mapper().getNodeFactory().binaryNode(data));
        return n;
    }

    /** The bytes of a node the store returned as bytes (fails on anything else). */
    static byte[] bytesOf(com.fasterxml.jackson.databind.JsonNode n) {
        assertThat(n.isBinary()).as("a bytes value: " + n).isTrue();
        return ((com.fasterxml.jackson.databind.node.BinaryNode) n).binaryValue();
    }

    static byte[] everyByte() {
        byte[] all = new byte[512];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i * 7);
        }
        return all;
    }

    @Test
    void theBytesFieldComesBackByteForByteThroughEveryRead() {
        DocumentCollection blobs = store.collection(BLOBS);
        byte[] all = everyByte();
        String a = blobs.insert(blob("k", "2026-11-23T10:00:00Z", all));
        blobs.insertAllNew(List.of(blob("k", "2026-11-23T10:00:01Z", new byte[0]).put("_id", "b2"),
                blob("j", "2026-11-23T10:00:02Z", new byte[] {0, -1, 0}).put("_id", "b3")));
        ObjectNode byId = blobs.findById(a).orElseThrow();
        assertThat(byId.get("data").isBinary()).isTrue();
        assertThat(bytesOf(byId.get("data"))).isEqualTo(all);
        assertThat(byId.get("note").asText()).isEqualTo("n-k");
        assertThat(byId.get("timestamp").asText()).isEqualTo("2026-11-23T10:00:00.000Z");
        assertThat(bytesOf(blobs.latest(Filter.eq("key", "k")).orElseThrow().get("data"))).isEmpty();
        assertThat(blobs.find(Filter.all(), Order.OLDEST_FIRST, 10)).extracting(n -> bytesOf(n.get("data")).length)
                .containsExactly(512, 0, 3);
        assertThat(bytesOf(blobs.find(Filter.eq("key", "j"), Order.NEWEST_FIRST, 1).getFirst().get("data")))
                .containsExactly(0, -1, 0);

        assertThat(blobs.replace(a, blob("k", "2026-11-23T10:00:00Z", new byte[] {42}))).isTrue();
        assertThat(bytesOf(blobs.findById(a).orElseThrow().get("data"))).containsExactly(42);
        blobs.upsert(Filter.eq("key", "j"), blob("j", "2026-11-23T10:00:03Z", all));
        assertThat(bytesOf(blobs.findById("b3").orElseThrow().get("data"))).isEqualTo(all);
        ObjectNode without = blob("m", "2026-11-23T10:00:04Z", all);
        without.remove("data");
        String w = blobs.insert(without);
        assertThat(blobs.findById(w).orElseThrow().has("data")).isFalse();
    }

    @Test
    void bytesAreRefusedOutsideTheBytesFieldAndTheBytesFieldRefusesAnythingElse() {
        DocumentCollection blobs = store.collection(BLOBS);
        assertThatThrownBy(() -> blobs.insert(blob("k", "2026-11-23T10:00:00Z", new byte[] {1}).put("data", "AQ==")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'data'").hasMessageContaining("string");
        assertThatThrownBy(() -> blobs.insert(blob("k", "2026-11-23T10:00:00Z", new byte[] {1}).putNull("data")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'data'");
        ObjectNode elsewhere = blob("k", "2026-11-23T10:00:00Z", new byte[] {1});
        elsewhere.set("note", elsewhere.get("data"));
        assertThatThrownBy(() -> blobs.insertAllNew(List.of(elsewhere))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'note'");
        ObjectNode inTicks = tick("NIFTY", 1, "2026-11-23T10:00:00Z", 1);
        inTicks.set("raw", Json.mapper().getNodeFactory().binaryNode(new byte[] {1}));
        assertThatThrownBy(() -> ticks.insert(inTicks)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bytes field");
        assertThat(blobs.count(Filter.all())).isZero();
        assertThat(ticks.count(Filter.all())).isZero();
    }

    @Test
    void documentsWrittenBeforeTheBytesFieldWasDeclaredStillReadAsTheyWere() {
        CollectionSpec before = CollectionSpec.builder("blobs").time("timestamp").fields("key").indexWithTime("key")
                .build();
        ObjectNode old = blob("k", "2026-11-23T10:00:00Z", new byte[0]).put("data", "AQID").put("_id", "old");
        store.collection(before).insert(old);
        store.close();
        store = reopenStore();
        DocumentCollection blobs = store.collection(BLOBS);
        blobs.insert(blob("k", "2026-11-23T10:00:01Z", new byte[] {1, 2, 3}).put("_id", "new"));
        assertThat(blobs.findById("old").orElseThrow().get("data").textValue()).isEqualTo("AQID");
        assertThat(blobs.find(Filter.eq("key", "k"), Order.OLDEST_FIRST, 10)).extracting(n -> n.get("data").isBinary())
                .containsExactly(false, true);
        assertThat(bytesOf(blobs.latest(Filter.eq("key", "k")).orElseThrow().get("data"))).containsExactly(1, 2, 3);
    }

    @Test
    void aCompactCollectionReturnsWhatAPlainOneReturns() {
        DocumentCollection compact = store.collection(COMPACT_TICKS);
        ObjectNode doc = tick("NIFTY", 21500.25, "2026-11-23T16:14:09.003259Z", 5_000_000_000L).put("_id", "c1")
                .put("flag", true).put("ratio", 0.5);
        doc.putNull("nothing");
        ticks.insert(doc.deepCopy());
        compact.insert(doc.deepCopy());
        ObjectNode plain = ticks.findById("c1").orElseThrow();
        assertThat(compact.findById("c1").orElseThrow()).isEqualTo(plain);
        assertThat(compact.latest(Filter.eq("product", "NIFTY")).orElseThrow()).isEqualTo(plain);
        assertThat(compact.find(Filter.eq("tick_id", 5_000_000_000L), Order.OLDEST_FIRST, 5)).containsExactly(plain);
        assertThat(compact.distinct("tick_id", Filter.all())).containsExactly(5_000_000_000L);

        ObjectNode small = tick("SPY", 2, "2026-11-23T16:14:09Z", 7).put("_id", "c0");
        ticks.insert(small.deepCopy());
        compact.insert(small.deepCopy());
        assertThat(compact.findById("c0").orElseThrow()).isEqualTo(ticks.findById("c0").orElseThrow());

        ObjectNode noProduct = tick("X", 1, "2026-11-23T16:14:10Z", 2).put("_id", "c2");
        noProduct.remove("product");
        compact.insert(noProduct);
        assertThat(compact.findById("c2").orElseThrow().has("product")).isFalse();

        // Written and compared through the column: a newer version replaces, an older one does not.
        compact.upsert(Filter.eq("tick_id", 2), noProduct.deepCopy().put("version", 3).put("price", 30));
        assertThat(compact.upsertAllIfNewer(List.of(Filter.eq("tick_id", 2), Filter.eq("tick_id", 2)),
                List.of(noProduct.deepCopy().put("version", 2).put("price", 20),
                        noProduct.deepCopy().put("version", 4).put("price", 40)), "version")).isEqualTo(1);
        ObjectNode now = compact.findById("c2").orElseThrow();
        assertThat(now.get("price").asInt()).isEqualTo(40);
        assertThat(now.get("version").asLong()).isEqualTo(4);
        assertThat(now.get("timestamp").asText()).isEqualTo("2026-11-23T16:14:10.000Z");
    }

    @Test
    void aCompactCollectionRefusesDeclaredFieldsItsColumnsCannotGiveBack() {
        DocumentCollection compact = store.collection(COMPACT_TICKS);
        ObjectNode doubleId = tick("NIFTY", 1, "2026-11-23T10:00:00Z", 1).put("tick_id", 1.5);
        ObjectNode boolProduct = tick("NIFTY", 1, "2026-11-23T10:00:00Z", 1).put("product", true);
        ObjectNode nullProduct = tick("NIFTY", 1, "2026-11-23T10:00:00Z", 1).putNull("product");
        for (ObjectNode bad : List.of(doubleId, boolProduct, nullProduct)) {
            assertThatThrownBy(() -> compact.insert(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be a string or an integer");
        }
        assertThat(compact.count(Filter.all())).isZero();
        ticks.insert(doubleId);
        assertThat(ticks.count(Filter.all())).as("a plain collection takes any value").isEqualTo(1);
    }

    @Test
    void rowsWrittenBeforeTheCollectionWasCompactReadTheSame() {
        CollectionSpec before = CollectionSpec.builder("compact_ticks").time("timestamp")
                .fields("product", "tick_id", "version").indexWithTime("product").build();
        ObjectNode old = tick("NIFTY", 7, "2026-11-23T10:00:00Z", 7).put("_id", "old");
        store.collection(before).insert(old.deepCopy());
        ObjectNode expected = store.collection(before).findById("old").orElseThrow();
        store.close();
        store = reopenStore();
        DocumentCollection compact = store.collection(COMPACT_TICKS);
        compact.insert(tick("NIFTY", 8, "2026-11-23T10:00:01Z", 8).put("_id", "new"));
        assertThat(compact.findById("old").orElseThrow()).isEqualTo(expected);
        assertThat(compact.find(Filter.eq("product", "NIFTY"), Order.OLDEST_FIRST, 5))
                .extracting(n -> n.get("price").asInt()).containsExactly(7, 8);
    }
}
