package io.deltastream.trading.persistence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.store.CollectionSpec;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.Filter;
import io.deltastream.store.Order;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The simulator's collections: {@code orders}, {@code trades}, {@code positions} (one per user and instrument,
 * removed when flat) and {@code portfolios} (one per user), with the indexes its queries use.
 */
public final class TradingStore {
    /** Effectively unbounded, for start-up loads. */
    private static final int ALL = Integer.MAX_VALUE;

    static final CollectionSpec ORDERS = CollectionSpec.builder("orders").time("placed_at")
            .fields("order_id", "user_id", "status", "symbol")
            .unique("order_id").indexWithTime("user_id").index("status").build();
    static final CollectionSpec TRADES = CollectionSpec.builder("trades").time("executed_at")
            .fields("trade_id", "order_id", "user_id", "symbol")
            .unique("trade_id").indexWithTime("user_id").index("order_id").build();
    static final CollectionSpec POSITIONS = CollectionSpec.builder("positions")
            .fields("user_id", "symbol").unique("user_id", "symbol").build();
    static final CollectionSpec PORTFOLIOS = CollectionSpec.builder("portfolios")
            .fields("user_id").unique("user_id").build();

    private final DocumentCollection orders;
    private final DocumentCollection trades;
    private final DocumentCollection positions;
    private final DocumentCollection portfolios;

    public TradingStore(DocumentStore store) {
        this.orders = store.collection(ORDERS);
        this.trades = store.collection(TRADES);
        this.positions = store.collection(POSITIONS);
        this.portfolios = store.collection(PORTFOLIOS);
    }

    public void saveOrder(ObjectNode order) {
        orders.upsert(Filter.eq("order_id", order.get("order_id").textValue()), order);
    }

    /** Upserts order documents by {@code order_id} in one write. */
    public void saveOrders(Collection<ObjectNode> docs) {
        orders.upsertAll(docs.stream().map(d -> Filter.eq("order_id", d.get("order_id").textValue())).toList(),
                List.copyOf(docs));
    }

    /** Upserts position documents by user and symbol in one write. */
    public void savePositions(Collection<ObjectNode> docs) {
        positions.upsertAll(docs.stream().map(d -> Filter.eq("user_id", d.get("user_id").textValue())
                .and("symbol", d.get("symbol").textValue())).toList(), List.copyOf(docs));
    }

    /** Upserts portfolio documents by user in one write. */
    public void savePortfolios(Collection<ObjectNode> docs) {
        portfolios.upsertAll(docs.stream().map(d -> Filter.eq("user_id", d.get("user_id").textValue())).toList(),
                List.copyOf(docs));
    }

    public void insertTrades(List<ObjectNode> docs) {
        trades.insertAllNew(docs);
    }

    public void savePosition(ObjectNode position) {
        positions.upsert(Filter.eq("user_id", position.get("user_id").textValue())
                .and("symbol", position.get("symbol").textValue()), position);
    }

    public void deletePosition(String userId, String symbol) {
        positions.delete(Filter.eq("user_id", userId).and("symbol", symbol));
    }

    public void savePortfolio(ObjectNode portfolio) {
        portfolios.upsert(Filter.eq("user_id", portfolio.get("user_id").textValue()), portfolio);
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

    public List<ObjectNode> allPositions() {
        return positions.find(Filter.all(), Order.OLDEST_FIRST, ALL);
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
