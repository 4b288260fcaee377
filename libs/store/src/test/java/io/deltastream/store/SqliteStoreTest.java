package io.deltastream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.store.sqlite.SqliteStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends DocumentStoreContract {
    @TempDir
    Path dir;

    @Override
    protected DocumentStore openStore() {
        return new SqliteStore(dir.resolve("test.db"), false);
    }

    @Override
    protected DocumentStore reopenStore() {
        return openStore();
    }

    @Test
    void dataSurvivesReopening() {
        String id = ticks.insert(tick("NIFTY", 21500, "2026-11-23T10:00:00Z", 1));
        store.close();
        store = openStore();
        ticks = store.collection(TICKS);
        assertThat(ticks.findById(id)).isPresent();
        assertThat(ticks.latest(Filter.eq("product", "NIFTY")).orElseThrow().get("price").asInt()).isEqualTo(21500);
    }

    @Test
    void fieldsDeclaredLaterAreBackfilled() {
        ticks.insert(tick("NIFTY", 1, "2026-11-23T10:00:00Z", 1).put("venue", "NSE"));
        store.close();
        store = openStore();
        CollectionSpec wider = CollectionSpec.builder("underlying_ticks").time("timestamp")
                .fields("product", "tick_id", "venue").indexWithTime("product").build();
        DocumentCollection c = store.collection(wider);
        assertThat(c.count(Filter.eq("venue", "NSE"))).isEqualTo(1);
        ObjectNode more = tick("SPY", 2, "2026-11-23T10:00:01Z", 2).put("venue", "ARCA");
        c.insert(more);
        assertThat(c.distinct("venue", Filter.all())).containsExactly("ARCA", "NSE");
    }

    @Test
    void aNewFileGetsTheAskedPageSizeAndAnExistingFileKeepsItsOwn() {
        Path big = dir.resolve("big.db");
        try (SqliteStore s = new SqliteStore(big, false, 32_768)) {
            assertThat(s.pageBytes()).isEqualTo(32_768);
            s.collection(TICKS).insert(tick("NIFTY", 1, "2026-11-23T10:00:00Z", 1).put("_id", "t1"));
        }
        try (SqliteStore s = new SqliteStore(big, false)) {
            assertThat(s.pageBytes()).isEqualTo(32_768);
            assertThat(s.collection(TICKS).findById("t1")).isPresent();
        }
        try (SqliteStore s = new SqliteStore(dir.resolve("default.db"), false)) {
            assertThat(s.pageBytes()).isEqualTo(SqliteStore.DEFAULT_PAGE_BYTES);
        }
        for (int bad : new int[] {0, 256, 3000, 131_072}) {
            assertThatThrownBy(() -> new SqliteStore(dir.resolve("bad.db"), false, bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
        }
    }

    @Test
    void aCompactCollectionKeepsItsColumnsOutOfTheJsonText() throws Exception {
        store.collection(COMPACT_TICKS).insert(tick("BANKNIFTY", 1, "2026-11-23T10:00:00Z", 77).put("_id", "c1"));
        ticks.insert(tick("BANKNIFTY", 1, "2026-11-23T10:00:00Z", 77).put("_id", "p1"));
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("test.db"));
             var rs = c.createStatement().executeQuery("SELECT (SELECT doc FROM compact_ticks),"
                     + " (SELECT doc FROM underlying_ticks)")) {
            rs.next();
            assertThat(rs.getString(1)).doesNotContain("BANKNIFTY", "c1", "2026-11-23", "77").contains("price", "tags")
                    .isNotEqualTo("{}");
            assertThat(rs.getString(2)).contains("BANKNIFTY", "p1", "2026-11-23", "77");
        }
    }
}
