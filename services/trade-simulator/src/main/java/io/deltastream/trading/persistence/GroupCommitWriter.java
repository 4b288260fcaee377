package io.deltastream.trading.persistence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the engine's changes on one thread, in the order they were made, merging whatever has queued up meanwhile
 * into one write (one transaction on SQLite) per collection: the latest document per order, position and portfolio,
 * all new trades. Callers
 * wait for their change set's future before answering, so an acknowledged operation is durable; under load many
 * operations share one round of writes (group commit), and the engine's lock is not held while the store works.
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    /**
     * One operation's changes.
     *
     * @param orders     order documents by order id
     * @param trades     new trade documents
     * @param positions  position documents by "user_id NUL symbol"; a document with quantity 0 deletes it
     * @param portfolios portfolio documents by user id
     * @param after      runs once the changes are durable (event publishing)
     */
    public record Changes(Map<String, ObjectNode> orders, List<ObjectNode> trades, Map<String, ObjectNode> positions,
                          Map<String, ObjectNode> portfolios, Runnable after, CompletableFuture<Void> done) {
    }

    /** Tries per round before the callers are told the store failed (100 ms, 200 ms, ... between tries). */
    private static final int ATTEMPTS = 5;

    private final TradingStore store;
    private final BlockingQueue<Changes> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    public GroupCommitWriter(TradingStore store, Function<Runnable, Thread> threads) {
        this.store = store;
        this.thread = threads.apply(this::run);
        this.thread.start();
    }

    /** Queues {@code changes}; completes its future once written. */
    public CompletableFuture<Void> submit(Changes changes) {
        if (closed) {
            changes.done().completeExceptionally(new IllegalStateException("the trade store writer is closed"));
            return changes.done();
        }
        queue.add(changes);
        return changes.done();
    }

    private void run() {
        List<Changes> round = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Changes first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                round.add(first);
                queue.drainTo(round);
                write(round);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                round.clear();
            }
        }
    }

    private void write(List<Changes> round) {
        if (round.isEmpty()) {
            return;
        }
        Map<String, ObjectNode> orders = new LinkedHashMap<>();
        List<ObjectNode> trades = new ArrayList<>();
        Map<String, ObjectNode> positions = new LinkedHashMap<>();
        Map<String, ObjectNode> portfolios = new LinkedHashMap<>();
        for (Changes c : round) {
            orders.putAll(c.orders());
            trades.addAll(c.trades());
            positions.putAll(c.positions());
            portfolios.putAll(c.portfolios());
        }
        RuntimeException failure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                // Idempotent as a whole: trades already written are skipped by id, the rest are upserts.
                if (!trades.isEmpty()) {
                    store.insertTrades(trades);
                }
                store.saveOrders(orders.values());
                List<ObjectNode> open = new ArrayList<>();
                for (ObjectNode p : positions.values()) {
                    if (p.path("quantity").asLong() == 0) {
                        store.deletePosition(p.get("user_id").textValue(), p.get("symbol").textValue());
                    } else {
                        open.add(p);
                    }
                }
                store.savePositions(open);
                store.savePortfolios(portfolios.values());
                failure = null;
                break;
            } catch (RuntimeException e) {
                failure = e;
                LOG.warn("writing {} change sets failed (attempt {} of {}): {}", round.size(), attempt + 1, ATTEMPTS,
                        e.getMessage());
                pause(100L << attempt);
            }
        }
        if (failure != null) {
            LOG.error("giving up writing {} change sets", round.size(), failure);
            RuntimeException cause = failure;
            round.forEach(c -> c.done().completeExceptionally(cause));
            return;
        }
        for (Changes c : round) {
            try {
                c.after().run();
            } catch (RuntimeException e) {
                LOG.warn("publishing events failed", e);
            }
            c.done().complete(null);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
