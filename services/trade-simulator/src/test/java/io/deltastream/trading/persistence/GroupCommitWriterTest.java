package io.deltastream.trading.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.json.Json;
import io.deltastream.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitWriterTest {
    private static ObjectNode order(String id, String status) {
        return Json.object().put("order_id", id).put("user_id", "u").put("status", status).put("symbol", "NIFTY")
                .put("placed_at", "2026-11-23T10:00:00Z");
    }

    private static GroupCommitWriter.Changes changes(ObjectNode order, Runnable after) {
        return new GroupCommitWriter.Changes(0, Map.of(order.get("order_id").asText(), order), List.of(), Map.of(),
                Map.of(), after, new CompletableFuture<>());
    }

    private static GroupCommitWriter opened(TradingStore store) {
        GroupCommitWriter writer = new GroupCommitWriter(store, Clock.systemUTC(), "test", p -> true, p -> { },
                Thread::new);
        try {
            writer.open(0);
        } catch (RuntimeException e) {
            // a closed store: the writer then fails what is submitted
        }
        return writer;
    }

    @Test
    void writesInOrderKeepsTheLatestDocumentAndRunsEventsBeforeCompleting() throws Exception {
        Path dir = Files.createTempDirectory("trading-writer");
        try (SqliteStore sqlite = new SqliteStore(dir.resolve("t.db"), false)) {
            TradingStore store = new TradingStore(sqlite);
            AtomicInteger published = new AtomicInteger();
            try (GroupCommitWriter writer = opened(store)) {
                CompletableFuture<Void> a = writer.submit(changes(order("O1", "OPEN"), published::incrementAndGet));
                CompletableFuture<Void> b = writer.submit(changes(order("O1", "FILLED"), published::incrementAndGet));
                b.join();
                assertThat(a).isDone();
                assertThat(published.get()).isEqualTo(2);
                assertThat(store.order("O1").orElseThrow().get("status").asText()).isEqualTo("FILLED");
            }
        }
    }

    @Test
    void aStoreThatKeepsFailingFailsTheCallersAndGivesThePartitionUp() throws Exception {
        Path dir = Files.createTempDirectory("trading-writer");
        SqliteStore sqlite = new SqliteStore(dir.resolve("t.db"), false);
        TradingStore store = new TradingStore(sqlite);
        AtomicInteger fenced = new AtomicInteger();
        try (GroupCommitWriter writer = new GroupCommitWriter(store, Clock.systemUTC(), "test", p -> true,
                p -> fenced.incrementAndGet(), Thread::new)) {
            writer.open(0);
            sqlite.close();
            AtomicInteger published = new AtomicInteger();
            CompletableFuture<Void> f = writer.submit(changes(order("O2", "OPEN"), published::incrementAndGet));
            assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).hasMessageContaining("closed");
            assertThat(published.get()).isZero();
            assertThat(fenced.get()).isEqualTo(1);
        }
    }

    @Test
    void aSuccessorsTakeoverFencesThePreviousOwnerWhoseLaterChangesNeverReachTheStore() throws Exception {
        Path dir = Files.createTempDirectory("trading-writer");
        try (SqliteStore sqlite = new SqliteStore(dir.resolve("t.db"), false)) {
            TradingStore store = new TradingStore(sqlite);
            AtomicInteger fencedA = new AtomicInteger();
            // the old owner still believes it holds the lease (paused, its lease expired meanwhile)
            try (GroupCommitWriter a = new GroupCommitWriter(store, Clock.systemUTC(), "a", p -> true,
                    p -> fencedA.incrementAndGet(), Thread::new);
                 GroupCommitWriter b = new GroupCommitWriter(store, Clock.systemUTC(), "b", p -> true, p -> { },
                         Thread::new)) {
                a.open(0);
                a.submit(changes(order("O3", "OPEN"), () -> { })).join();
                b.open(0);
                CompletableFuture<Void> stale = a.submit(changes(order("O3", "CANCELLED"), () -> { }));
                assertThatThrownBy(stale::join).hasCauseInstanceOf(GroupCommitWriter.FencedException.class);
                assertThat(fencedA.get()).isEqualTo(1);
                assertThat(store.order("O3").orElseThrow().get("status").asText()).isEqualTo("OPEN");
                b.submit(changes(order("O3", "FILLED"), () -> { })).join();
                assertThat(store.order("O3").orElseThrow().get("status").asText()).isEqualTo("FILLED");
                // a writer that lost its lease commits nothing even before anyone took over
                GroupCommitWriter expired = new GroupCommitWriter(store, Clock.systemUTC(), "c", p -> false,
                        p -> { }, Thread::new);
                try (expired) {
                    CompletableFuture<Void> late = expired.submit(changes(order("O3", "REJECTED"), () -> { }));
                    assertThatThrownBy(late::join).hasCauseInstanceOf(GroupCommitWriter.FencedException.class);
                }
                assertThat(store.order("O3").orElseThrow().get("status").asText()).isEqualTo("FILLED");
            }
        }
    }

    @Test
    void aCommittedEntryWhoseDocumentsWereNeverWrittenIsAppliedByTheNextOwner() throws Exception {
        Path dir = Files.createTempDirectory("trading-writer");
        try (SqliteStore sqlite = new SqliteStore(dir.resolve("t.db"), false)) {
            TradingStore store = new TradingStore(sqlite);
            try (GroupCommitWriter a = opened(store)) {
                a.submit(changes(order("O4", "OPEN"), () -> { })).join();
            }
            // the owner died right after committing entry 3 (1 its takeover, 2 the OPEN order)
            ObjectNode trade = Json.object().put("trade_id", "T1").put("order_id", "O4").put("user_id", "u")
                    .put("symbol", "NIFTY").put("executed_at", "2026-11-23T10:00:01Z");
            store.append(new JournalEntry(0, 3, java.time.Instant.parse("2099-01-01T00:00:00Z"), "dead",
                    List.of(order("O4", "FILLED")), List.of(trade), List.of(), List.of()).document());
            assertThat(store.order("O4").orElseThrow().get("status").asText()).isEqualTo("OPEN");
            try (GroupCommitWriter b = new GroupCommitWriter(store, Clock.systemUTC(), "b", p -> true, p -> { },
                    Thread::new)) {
                b.open(0);
                assertThat(store.order("O4").orElseThrow().get("status").asText()).isEqualTo("FILLED");
                assertThat(store.trades("u", 10)).hasSize(1);
                assertThat(store.lastJournalEntry(0).orElseThrow().get("seq").asLong()).isEqualTo(4);
            }
        }
    }
}
