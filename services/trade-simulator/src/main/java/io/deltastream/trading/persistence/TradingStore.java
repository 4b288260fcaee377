package io.deltastream.trading.persistence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.store.CollectionSpec;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.DuplicateKeyException;
import io.deltastream.store.Filter;
import io.deltastream.store.Order;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The simulator's collections: {@code orders}, {@code trades}, {@code positions} (one per user and instrument,
 * quantity 0 once flat), {@code portfolios} (one per user) and {@code trading_journal} (what each group commit of a
 * partition changed, the commit point; see {@link GroupCommitWriter}), with the indexes its queries use.
 */
public final class TradingStore {
    /** Effectively unbounded, for start-up loads. */
    private static final int ALL = Integer.MAX_VALUE;

    static final CollectionSpec ORDERS = CollectionSpec.builder("orders").time("placed_at")
            .fields("order_id", "user_id", "status", "symbol", "client_order_id", JournalEntry.VERSION)
            .unique("order_id").indexWithTime("user_id").index("status").index("user_id", "client_order_id").build();
    static final CollectionSpec TRADES = CollectionSpec.builder("trades").time("executed_at")
            .fields("trade_id", "order_id", "user_id", "symbol")
            .unique("trade_id").indexWithTime("user_id").index("order_id").build();
    static final CollectionSpec POSITIONS = CollectionSpec.builder("positions")
            .fields("user_id", "symbol", JournalEntry.VERSION).unique("user_id", "symbol").build();
    static final CollectionSpec PORTFOLIOS = CollectionSpec.builder("portfolios")
            .fields("user_id", JournalEntry.VERSION).unique("user_id").build();
    static final CollectionSpec JOURNAL = CollectionSpec.builder("trading_journal").time("at")
            .fields("partition", "seq").unique("partition", "seq").indexWithTime("partition").build();

    private final DocumentCollection orders;
    private final DocumentCollection trades;
    private final DocumentCollection positions;
    private final DocumentCollection portfolios;
    private final DocumentCollection journal;

    public TradingStore(DocumentStore store) {
        this.orders = store.collection(ORDERS);
        this.trades = store.collection(TRADES);
        this.positions = store.collection(POSITIONS);
        this.portfolios = store.collection(PORTFOLIOS);
        this.journal = store.collection(JOURNAL);
    }

    /**
     * Writes what journal entries changed: trades by id (skipped when present), orders, positions (a flat one keeps
     * a document of quantity 0) and portfolios each unless the stored document comes from a later entry (see
     * {@link JournalEntry#VERSION}), so that a late writer can never take a document back to an older state.
     */
    void project(Collection<ObjectNode> orderDocs, List<ObjectNode> tradeDocs, Collection<ObjectNode> positionDocs,
                 Collection<ObjectNode> portfolioDocs) {
        if (!tradeDocs.isEmpty()) {
            trades.insertAllNew(tradeDocs);
        }
        newer(orders, orderDocs.stream().map(d -> Filter.eq("order_id", d.get("order_id").textValue())).toList(),
                orderDocs);
        newer(positions, positionDocs.stream().map(d -> Filter.eq("user_id", d.get("user_id").textValue())
                .and("symbol", d.get("symbol").textValue())).toList(), positionDocs);
        newer(portfolios, portfolioDocs.stream().map(d -> Filter.eq("user_id", d.get("user_id").textValue()))
                .toList(), portfolioDocs);
    }

    private static void newer(DocumentCollection c, List<Filter> keys, Collection<ObjectNode> docs) {
        if (!docs.isEmpty()) {
            c.upsertAllIfNewer(keys, List.copyOf(docs), JournalEntry.VERSION);
        }
    }

    /** Appends a journal entry; a {@link DuplicateKeyException} when its partition already has that sequence number. */
    void append(ObjectNode entry) {
        journal.insert(entry);
    }

    /** The entry {@code seq} of {@code partition}'s journal. */
    Optional<ObjectNode> journalEntry(int partition, long seq) {
        return journal.findOne(Filter.eq("partition", partition).and("seq", seq), Order.NEWEST_FIRST);
    }

    /** The last entry of {@code partition}'s journal (entry times grow with their sequence numbers). */
    Optional<ObjectNode> lastJournalEntry(int partition) {
        return journal.findOne(Filter.eq("partition", partition), Order.NEWEST_FIRST);
    }

    /** Deletes {@code partition}'s journal entries written before {@code before} (the last entry stays). */
    long pruneJournal(int partition, Instant before) {
        return journal.delete(Filter.eq("partition", partition).to(before));
    }

    /** The order a user placed with idempotency key {@code clientOrderId}, if any. */
    public Optional<ObjectNode> orderByClientId(String userId, String clientOrderId) {
        return orders.findOne(Filter.eq("user_id", userId).and("client_order_id", clientOrderId), Order.OLDEST_FIRST);
    }

    /** A user's orders, newest first, optionally of one status. */
    public List<ObjectNode> orders(String userId, String status, int limit) {
        Filter f = Filter.eq("user_id", userId);
        return orders.find(status == null ? f : f.and("status", status), Order.NEWEST_FIRST, limit);
    }

    public Optional<ObjectNode> order(String orderId) {
        return orders.findOne(Filter.eq("order_id", orderId), Order.NEWEST_FIRST);
    }

    /** A user's trades, newest first. */
    public List<ObjectNode> trades(String userId, int limit) {
        return trades.find(Filter.eq("user_id", userId), Order.NEWEST_FIRST, limit);
    }

    /** A user's trades executed at or after {@code from} (all when null), oldest first. */
    public List<ObjectNode> tradesSince(String userId, Instant from) {
        Filter f = Filter.eq("user_id", userId);
        return trades.find(from == null ? f : f.from(from), Order.OLDEST_FIRST, ALL);
    }

    public List<ObjectNode> allPortfolios() {
        return portfolios.find(Filter.all(), Order.OLDEST_FIRST, ALL);
    }

    /** Every open position (flat ones, kept as quantity 0, are left out). */
    public List<ObjectNode> allPositions() {
        return positions.find(Filter.all(), Order.OLDEST_FIRST, ALL).stream()
                .filter(d -> d.path("quantity").asLong() != 0).toList();
    }

    /** Orders in any of {@code statuses}. */
    public List<ObjectNode> ordersWithStatus(List<String> statuses) {
        List<ObjectNode> out = new ArrayList<>();
        for (String s : statuses) {
            out.addAll(orders.find(Filter.eq("status", s), Order.OLDEST_FIRST, ALL));
        }
        return out;
    }
}
