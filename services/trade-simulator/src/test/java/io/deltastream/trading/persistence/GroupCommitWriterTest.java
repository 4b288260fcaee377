package io.deltastream.trading.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.json.Json;
import io.deltastream.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
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
        return new GroupCommitWriter.Changes(Map.of(order.get("order_id").asText(), order), List.of(), Map.of(),
                Map.of(), after, new CompletableFuture<>());
    }

    @Test
    void writesInOrderKeepsTheLatestDocumentAndRunsEventsBeforeCompleting() throws Exception {
        Path dir = Files.createTempDirectory("trading-writer");
        try (SqliteStore sqlite = new SqliteStore(dir.resolve("t.db"), false)) {
            TradingStore store = new TradingStore(sqlite);
            AtomicInteger published = new AtomicInteger();
            try (GroupCommitWriter writer = new GroupCommitWriter(store, Thread::new)) {
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
    void aStoreThatKeepsFailingFailsTheCallers() throws Exception {
        Path dir = Files.createTempDirectory("trading-writer");
        SqliteStore sqlite = new SqliteStore(dir.resolve("t.db"), false);
        TradingStore store = new TradingStore(sqlite);
        sqlite.close();
        try (GroupCommitWriter writer = new GroupCommitWriter(store, Thread::new)) {
            AtomicInteger published = new AtomicInteger();
            CompletableFuture<Void> f = writer.submit(changes(order("O2", "OPEN"), published::incrementAndGet));
            assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).hasMessageContaining("closed");
            assertThat(published.get()).isZero();
        }
    }
}
