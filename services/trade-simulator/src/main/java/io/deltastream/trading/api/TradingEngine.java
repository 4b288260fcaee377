package io.deltastream.trading.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.wire.UserEvent;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.RateLimit;
import io.deltastream.platform.json.Json;
import io.deltastream.store.Documents;
import io.deltastream.trading.TradingConfig;
import io.deltastream.trading.feed.MarketData;
import io.deltastream.trading.feed.Quote;
import io.deltastream.trading.instrument.Instrument;
import io.deltastream.trading.instrument.Instruments;
import io.deltastream.trading.matching.OrderBook;
import io.deltastream.trading.matching.Side;
import io.deltastream.trading.oms.Changes;
import io.deltastream.trading.oms.Order;
import io.deltastream.trading.oms.OrderRequest;
import io.deltastream.trading.oms.OrderStatus;
import io.deltastream.trading.oms.OrderType;
import io.deltastream.trading.oms.Outcome;
import io.deltastream.trading.oms.Trade;
import io.deltastream.trading.oms.TradingCore;
import io.deltastream.trading.oms.Validity;
import io.deltastream.trading.persistence.GroupCommitWriter;
import io.deltastream.trading.persistence.TradingStore;
import io.deltastream.trading.portfolio.Account;
import io.deltastream.trading.portfolio.Position;
import io.deltastream.trading.portfolio.Valuation;
import io.deltastream.trading.risk.MarginUse;
import io.deltastream.trading.risk.Rejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The adapter around the {@link TradingCore}: sequences every command under one lock, maps the core's outcomes to
 * the reference's JSON bodies and HTTP errors, persists what each command changed (through the
 * {@link GroupCommitWriter}) before answering, and publishes user events once the writes are durable. It also owns
 * the per-user order rate limit, recovery from the store and the periodic housekeeping (expiry, settlement, day
 * roll-over).
 *
 * <p>Concurrency: one lock (the sequencer) serializes all commands. That serializes each user's operations, as it
 * must (a cross between two users changes both accounts atomically), and keeps books, accounts and the store in one
 * order.
 *
 * <p>Partitions: users are hashed onto partitions, each with its own core (accounts, books, working orders), so
 * users meet each other's orders only within their partition. The engine serves the partitions this instance has
 * {@linkplain #gained gained} (all of them, one, in embedded mode); a command for a user of another partition is
 * answered 503 (the routes forward such calls to the owner before they get here).
 */
public final class TradingEngine {
    private static final List<String> WORKING = List.of(OrderStatus.PENDING.name(), OrderStatus.TRIGGER_PENDING.name(),
            OrderStatus.OPEN.name(), OrderStatus.PARTIALLY_FILLED.name());
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    /** How long a caller waits for its changes to be durable before answering 503 (the writer retries for ~3 s). */
    private static final Duration STORE_PATIENCE = Duration.ofSeconds(30);

    private final ReentrantLock lock = new ReentrantLock();
    private final TradingConfig config;
    private final Instruments instruments;
    private final MarketData market;
    private final TradingStore store;
    private final GroupCommitWriter writer;
    private final Consumer<UserEvent> events;
    private final Clock clock;
    private final RateLimit orderLimit;
    /** Orders remembered per partition by idempotency key (later ones are found in the store). */
    private static final int PLACED_KEPT = 10_000;
    private final Map<Integer, Held> held = new ConcurrentHashMap<>();
    /** Answers depth reads of instruments no served partition trades (a fresh book from the quote). */
    private final TradingCore depthReads;
    private final ToIntFunction<String> partitionOf;

    /** A served partition: its core, and its recent orders by "user NUL client order id". */
    private record Held(TradingCore core, Map<String, Outcome> placed) {
        static Held of(TradingCore core) {
            return new Held(core, new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Outcome> eldest) {
                    return size() > PLACED_KEPT;
                }
            });
        }
    }

    /** @param partitionOf the partition of a user id */
    public TradingEngine(TradingConfig config, Instruments instruments, MarketData market, TradingStore store,
                         GroupCommitWriter writer, Consumer<UserEvent> events, Clock clock, RateLimit orderLimit,
                         ToIntFunction<String> partitionOf) {
        this.config = config;
        this.instruments = instruments;
        this.market = market;
        this.store = store;
        this.writer = writer;
        this.events = events;
        this.clock = clock;
        this.orderLimit = orderLimit;
        this.depthReads = new TradingCore(config, instruments, market);
        this.partitionOf = partitionOf;
    }

    // ---------------------------------------------------------------- order entry

    /**
     * Places an order; returns the reference's 201 body. An order with a client order id that this user already
     * placed is not placed again: the answer is the first order's (its 201 body, or its risk rejection).
     */
    public ObjectNode place(String userId, OrderRequest req) {
        Optional<String> key = req.clientOrderId();
        if (key.isPresent()) {
            Optional<ObjectNode> stored = store.orderByClientId(userId, key.get());
            if (stored.isPresent()) {
                return replayed(stored.get());
            }
        }
        rateLimit(userId);
        int p = partitionOf.applyAsInt(userId);
        Order o = accepted(userId, null, sequenced(p, () -> {
            Held h = served(p);
            String placedKey = key.map(k -> userId + "\u0000" + k).orElse(null);
            if (placedKey != null && h.placed().containsKey(placedKey)) {
                return h.placed().get(placedKey);
            }
            Outcome outcome = h.core().place(userId, req, clock.instant());
            if (placedKey != null && !(outcome instanceof Outcome.Invalid)) {
                h.placed().put(placedKey, outcome);
            }
            return outcome;
        }));
        return placedBody(o);
    }

    private static ObjectNode placedBody(Order o) {
        ObjectNode body = Json.object();
        body.put("order_id", o.orderId());
        body.put("status", o.status().name());
        body.put("filled_quantity", o.filledQuantity());
        body.put("avg_fill_price", Docs.price(o.averageFillPrice()));
        body.put("message", "Order " + o.status().name().toLowerCase(Locale.ROOT));
        body.set("order", Docs.order(o));
        return body;
    }

    /** The answer to a retried placement whose order is already stored. */
    private static ObjectNode replayed(ObjectNode stored) {
        String status = stored.path("status").asText();
        if (OrderStatus.REJECTED.name().equals(status)) {
            throw ApiException.badRequest(stored.path("rejection_reason").asText()).with("type", "risk_limit");
        }
        ObjectNode body = Json.object();
        body.put("order_id", stored.path("order_id").asText());
        body.put("status", status);
        body.put("filled_quantity", stored.path("filled_quantity").asLong());
        body.put("avg_fill_price", stored.path("avg_fill_price").asDouble());
        body.put("message", "Order " + status.toLowerCase(Locale.ROOT));
        body.set("order", Docs.served(stored));
        return body;
    }

    /**
     * Changes a working order's limit price, total quantity or trigger price.
     *
     * @param quantity new total quantity (filled + open), or empty
     */
    public ObjectNode modify(String userId, String orderId, Optional<Long> quantity, Optional<Double> price,
                             Optional<Double> trigger) {
        rateLimit(userId);
        int p = partitionOf.applyAsInt(userId);
        return Docs.order(accepted(userId, "modify", sequenced(p, () -> {
            TradingCore core = served(p).core();
            return core.modify(userId, orderId, quantity, price, trigger, clock.instant());
        })));
    }

    /** Cancels a working order (including the open rest of a partially filled one). */
    public ObjectNode cancel(String userId, String orderId) {
        int p = partitionOf.applyAsInt(userId);
        Order o = accepted(userId, "cancel", sequenced(p, () -> served(p).core().cancel(userId, orderId,
                clock.instant())));
        ObjectNode body = Json.object();
        body.put("message", "Order cancelled");
        body.put("order_id", orderId);
        body.put("status", o.status().name());
        body.put("filled_quantity", o.filledQuantity());
        return body;
    }

    /**
     * The order of an accepted outcome; the HTTP error of a refusal.
     *
     * @param action the verb of a command on an existing order (for the not-found answer), null for a new order
     */
    private Order accepted(String userId, String action, Outcome outcome) {
        if (answered(userId, action, outcome) instanceof Outcome.OrderAccepted a) {
            return a.order();
        }
        throw new IllegalStateException("Unexpected outcome " + outcome);
    }

    /** {@code outcome} when the core accepted or assessed; the HTTP error of a refusal. */
    private Outcome answered(String userId, String action, Outcome outcome) {
        return switch (outcome) {
            case Outcome.RiskRejected r -> throw riskRejection(r.rejected());
            case Outcome.Invalid i -> throw ApiException.badRequest(i.reason());
            case Outcome.NotFound n -> throw notWorking(userId, n.orderId(), action);
            case Outcome.OrderAccepted a -> a;
            case Outcome.BasketAccepted b -> b;
            case Outcome.Assessed a -> a;
        };
    }

    /**
     * Places a basket atomically (all legs or none, margined together); returns {@code {"orders": [...], "count"}}
     * in the order of the legs.
     */
    public ObjectNode placeBasket(String userId, List<OrderRequest> legs) {
        rateLimit(userId);
        int p = partitionOf.applyAsInt(userId);
        Outcome outcome = answered(userId, null, sequenced(p, () -> {
            TradingCore core = served(p).core();
            return core.placeBasket(userId, legs, clock.instant());
        }));
        List<Order> orders = outcome instanceof Outcome.BasketAccepted b ? b.orders() : List.of(accepted(userId, null,
                outcome));
        ArrayNode out = Json.mapper().createArrayNode();
        orders.forEach(o -> out.add(Docs.order(o)));
        ObjectNode body = Json.object();
        body.set("orders", out);
        body.put("count", out.size());
        return body;
    }

    /** The what-if answer for a hypothetical basket: its margin and needs, and whether it would pass the checks. */
    public ObjectNode whatIf(String userId, List<OrderRequest> legs) {
        Outcome outcome = answered(userId, null, locked(() -> core(userId).whatIf(userId, legs,
                clock.instant())));
        if (!(outcome instanceof Outcome.Assessed a)) {
            throw new IllegalStateException("Unexpected outcome " + outcome);
        }
        ObjectNode n = Json.object();
        n.put("margin_before", Docs.money(a.margin().marginBefore()));
        n.put("margin_after", Docs.money(a.margin().marginAfter()));
        n.put("margin_change", Docs.money(a.margin().marginAfter() - a.margin().marginBefore()));
        n.put("margin_of_legs_alone", Docs.money(a.marginOfLegsAlone()));
        n.put("premium", Docs.money(a.margin().premium()));
        n.put("fees", Docs.money(a.margin().fees()));
        n.put("required", Docs.money(a.margin().required()));
        n.put("available", Docs.money(a.margin().available()));
        n.put("allowed", a.rejection().isEmpty());
        if (a.rejection().isPresent()) {
            n.putObject("rejection").put("error", a.rejection().get().reason())
                    .put("limit", a.rejection().get().limit());
        } else {
            n.putNull("rejection");
        }
        return n;
    }

    /** Resets the user's paper account to the initial capital (working orders cancelled, positions dropped). */
    public ObjectNode reset(String userId) {
        int p = partitionOf.applyAsInt(userId);
        return sequenced(p, () -> {
            TradingCore core = served(p).core();
            return portfolioDoc(core, core.reset(userId, clock.instant()), clock.instant());
        });
    }

    /** When the user's current account was opened (at first use or at its last reset), if it exists. */
    public Optional<Instant> openedAt(String userId) {
        return locked(() -> core(userId).existingAccount(userId).map(Account::createdAt));
    }

    /** The reference's risk rejection: 400 {@code {"error": reason, "type": "risk_limit", "limit": name}}. */
    private static ApiException riskRejection(Rejected r) {
        return ApiException.badRequest(r.reason()).with("type", "risk_limit").with("limit", r.limit());
    }

    /** An order the core does not hold: ended long ago (400 with its status), else 404. Read outside the lock. */
    private ApiException notWorking(String userId, String orderId, String action) {
        Optional<ObjectNode> stored = store.order(orderId);
        if (stored.isPresent() && stored.get().path("user_id").asText().equals(userId)) {
            return ApiException.badRequest("Cannot " + action + " order in status: "
                    + stored.get().path("status").asText());
        }
        return ApiException.notFound("Order not found");
    }

    /**
     * Over the per-user order rate: 429 with {@code Retry-After} (whole seconds until the next order may pass). Taken
     * outside the lock: with several instances the count lives in Redis.
     */
    private void rateLimit(String userId) {
        try {
            orderLimit.acquire(userId, String.format(Locale.ROOT,
                    "Order rate limit exceeded: at most %s orders per second",
                    stripZeros(config.limits().ordersPerSecond())));
        } catch (ApiException e) {
            throw e.with("type", "risk_limit").with("limit", "orders_per_second");
        }
    }

    private static String stripZeros(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    // ---------------------------------------------------------------- market data and time

    /** Re-evaluates the instruments whose quotes changed (the quotes must already be in {@link MarketData}). */
    public void onQuotes(Collection<String> symbols) {
        sequenced(null, () -> {
            held.values().forEach(h -> h.core().mark(symbols, clock.instant()));
            return null;
        });
    }

    /**
     * Expires DAY orders past their close and orders of expired options, settles expired option positions, and
     * starts the new trading day of accounts still on the previous one.
     */
    public void housekeeping() {
        sequenced(null, () -> {
            Instant now = clock.instant();
            for (Held h : held.values()) {
                h.core().expire(now);
                h.core().rollDay(now);
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- reads

    /** True when {@code userId}'s partition is served here. */
    public boolean serves(String userId) {
        return held.containsKey(partitionOf.applyAsInt(userId));
    }

    /** True when {@code userId} has an account here (opened by an earlier order or read). */
    public boolean hasAccount(String userId) {
        return locked(() -> {
            Held h = held.get(partitionOf.applyAsInt(userId));
            return h != null && h.core().existingAccount(userId).isPresent();
        });
    }

    /** The user's portfolio (created on first use), marked to market. */
    public ObjectNode portfolio(String userId) {
        int p = partitionOf.applyAsInt(userId);
        return sequenced(p, () -> {
            TradingCore core = served(p).core();
            return portfolioDoc(core, core.account(userId, clock.instant()), clock.instant());
        });
    }

    /** The user's open positions, marked to market. */
    public List<ObjectNode> positions(String userId) {
        return locked(() -> {
            TradingCore core = core(userId);
            List<ObjectNode> out = new ArrayList<>();
            core.existingAccount(userId).ifPresent(a -> a.positions().values()
                    .forEach(p -> out.add(positionDoc(core, a, p))));
            return out;
        });
    }

    /** The {@code /risk} report (creates the portfolio on first use). */
    public ObjectNode riskReport(String userId) {
        int p = partitionOf.applyAsInt(userId);
        return sequenced(p, () -> {
            TradingCore core = served(p).core();
            return Docs.risk(core.riskReport(core.account(userId, clock.instant())));
        });
    }

    /** Figures of {@code /pnl}: the account's unrealized P&L and equity now. */
    public Valuation valuation(String userId) {
        int p = partitionOf.applyAsInt(userId);
        return sequenced(p, () -> {
            TradingCore core = served(p).core();
            return core.valuation(core.account(userId, clock.instant()));
        });
    }

    /** The book of {@code symbol} (reference shape), or empty when the instrument is unknown or unquoted. */
    public Optional<ObjectNode> orderBook(String symbol, int levels) {
        return locked(() -> instruments.known(symbol).flatMap(i -> held.values().stream()
                .map(h -> h.core().liveBook(i)).flatMap(Optional::stream).findFirst()
                .or(() -> depthReads.bookForDepth(i))
                .map(book -> bookDoc(i, book, levels))));
    }

    private ObjectNode bookDoc(Instrument i, OrderBook book, int levels) {
        ObjectNode n = Json.object();
        n.put("symbol", i.symbol());
        long bid = book.bestBid();
        long ask = book.bestAsk();
        boolean two = bid != Long.MIN_VALUE && ask != Long.MAX_VALUE;
        n.put("mid_price", two ? Docs.price((i.price(bid) + i.price(ask)) / 2) : market.mark(i).orElse(0.0));
        n.put("last_trade", market.quote(i.symbol()).map(Quote::last).orElse(0.0));
        n.put("spread", two ? Docs.price(i.price(ask) - i.price(bid)) : 0.0);
        ArrayNode bids = n.putArray("bids");
        for (OrderBook.DepthLevel l : book.depth(Side.BUY, levels)) {
            bids.addArray().add(i.price(l.price())).add(l.quantity());
        }
        ArrayNode asks = n.putArray("asks");
        for (OrderBook.DepthLevel l : book.depth(Side.SELL, levels)) {
            asks.addArray().add(i.price(l.price())).add(l.quantity());
        }
        return n;
    }

    /** Every account's margin together (see {@link TradingCore#marginUse}), for the metrics. */
    public MarginUse marginUse(double threshold) {
        return locked(() -> held.values().stream().map(h -> h.core().marginUse(threshold))
                .reduce(new MarginUse(0, 0), (a, b) -> new MarginUse(a.used() + b.used(), a.accountsAbove() + b.accountsAbove())));
    }

    /** The number of working orders (for health and tests). */
    public int workingOrders() {
        return locked(() -> held.values().stream().mapToInt(h -> h.core().workingOrders()).sum());
    }

    // ---------------------------------------------------------------- recovery

    /**
     * Starts serving {@code partitions} (their leases were just won): takes over their journals (which fences any
     * previous owner), then loads their accounts, positions and working orders from the store.
     */
    public void gained(Set<Integer> partitions) {
        partitions.forEach(writer::open);
        List<ObjectNode> portfolios = mine(store.allPortfolios(), partitions);
        List<ObjectNode> positions = mine(store.allPositions(), partitions);
        List<ObjectNode> open = new ArrayList<>(mine(store.ordersWithStatus(WORKING), partitions));
        open.sort(Comparator.comparingLong(d -> d.path("seq").asLong()));
        lock.lock();
        try {
            Instant now = clock.instant();
            Map<Integer, TradingCore> cores = new LinkedHashMap<>();
            partitions.forEach(p -> cores.put(p, new TradingCore(config, instruments, market)));
            Map<String, Account> accounts = new LinkedHashMap<>();
            for (ObjectNode d : portfolios) {
                Account a = accountFrom(d);
                accounts.put(a.userId(), a);
                cores.get(partitionOf.applyAsInt(a.userId())).restore(a);
            }
            for (ObjectNode d : positions) {
                Account a = accounts.get(d.get("user_id").textValue());
                Optional<Instrument> inst = instruments.known(d.get("symbol").textValue());
                if (a != null && inst.isPresent()) {
                    a.restore(new Position(inst.get(), d.get("quantity").asLong(),
                            d.path("ledger").path("avg_entry_price").asDouble(),
                            d.path("ledger").path("realized_pnl").asDouble(),
                            Documents.parse(d.get("opened_at").textValue()),
                            Documents.parse(d.get("updated_at").textValue())));
                }
            }
            for (ObjectNode d : open) {
                TradingCore core = cores.get(partitionOf.applyAsInt(d.get("user_id").textValue()));
                instruments.known(d.get("symbol").textValue()).ifPresent(i -> core.restore(orderFrom(d, i), now));
            }
            cores.forEach((p, core) -> held.put(p, Held.of(core)));
        } finally {
            lock.unlock();
        }
        // working orders restored against the current market may have filled: persist that like any command
        for (int p : partitions) {
            sequenced(p, () -> null);
        }
    }

    /** Stops serving {@code partition} at once (its lease is gone); what it had queued may still fail. */
    public void lost(int partition) {
        locked(() -> held.remove(partition));
        writer.close(partition);
    }

    /** Stops serving {@code partition} and returns once its accepted changes are durable (before a hand-over). */
    public void handOver(int partition) {
        locked(() -> held.remove(partition));
        writer.barrier(partition).exceptionally(e -> null).join();
        writer.close(partition);
    }

    private List<ObjectNode> mine(List<ObjectNode> docs, Set<Integer> partitions) {
        return docs.stream().filter(d -> partitions.contains(partitionOf.applyAsInt(d.get("user_id").textValue())))
                .toList();
    }

    private static Account accountFrom(ObjectNode d) {
        JsonNode ledger = d.path("ledger");
        return new Account(d.get("user_id").textValue(), d.path("initial_capital").asDouble(),
                ledger.path("cash").asDouble(), ledger.path("commissions").asDouble(),
                ledger.path("gross_realized").asDouble(), LocalDate.parse(d.get("day").textValue()),
                ledger.path("day_start_equity").asDouble(), Documents.parse(d.get("created_at").textValue()),
                Documents.parse(d.get("updated_at").textValue()));
    }

    private static Order orderFrom(ObjectNode d, Instrument inst) {
        String type = d.get("order_type").textValue();
        return Order.restored(d.get("order_id").textValue(), d.get("user_id").textValue(), inst,
                OrderType.find(type).orElseThrow(() -> new IllegalStateException("Stored order type " + type)),
                Side.valueOf(d.get("side").textValue()), Validity.valueOf(d.get("validity").textValue()),
                d.get("quantity").asLong(), d.path("price").isNumber() ? d.get("price").asDouble() : Double.NaN,
                d.path("trigger_price").isNumber() ? d.get("trigger_price").asDouble() : Double.NaN,
                Documents.parse(d.get("placed_at").textValue()), OrderStatus.valueOf(d.get("status").textValue()),
                d.path("seq").asLong(), d.path("filled_quantity").asLong(), d.path("avg_fill_price").asDouble(),
                d.path("triggered").asBoolean(), Documents.parse(d.get("updated_at").textValue()),
                d.path("expires_at").isTextual() ? Documents.parse(d.get("expires_at").textValue()) : null,
                d.path("trailing_amount").isNumber() ? d.get("trailing_amount").asDouble() : Double.NaN,
                d.path("target_price").isNumber() ? new OrderRequest.Bracket(d.get("target_price").asDouble(),
                        d.get("stop_loss_price").asDouble()) : null,
                d.path("parent_order_id").textValue(), d.path("oco_order_id").textValue(),
                d.path("client_order_id").textValue());
    }

    // ---------------------------------------------------------------- sequencing and group commit

    private <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /** The served partition {@code p}; a 503 when it is not (any more) served here. Under the lock. */
    private Held served(int p) {
        Held h = held.get(p);
        if (h == null) {
            throw ApiException.unavailable("This user's account is served by another trade-simulator instance now;"
                    + " retry").withHeader("Retry-After", "1");
        }
        return h;
    }

    private TradingCore core(String userId) {
        return served(partitionOf.applyAsInt(userId)).core();
    }

    /**
     * Runs {@code body} under the lock, hands whatever the core of {@code partition} (every served core when null)
     * changed (even when the command failed, e.g. a rejected order) to the writer, releases the lock and waits until
     * the changes are durable.
     */
    private <T> T sequenced(Integer partition, Supplier<T> body) {
        List<CompletableFuture<Void>> written = new ArrayList<>();
        T result = null;
        RuntimeException failure = null;
        lock.lock();
        try {
            result = body.get();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            try {
                for (Map.Entry<Integer, Held> e : held.entrySet()) {
                    if (partition == null || partition.equals(e.getKey())) {
                        written.add(flush(e.getKey(), e.getValue().core()));
                    }
                }
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
            lock.unlock();
        }
        for (CompletableFuture<Void> w : written) {
            awaitDurable(w);
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    private static void awaitDurable(CompletableFuture<Void> written) {
        try {
            written.get(STORE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupCommitWriter.FencedException) {
                throw ApiException.unavailable("This user's account moved to another trade-simulator instance "
                        + "before the change was committed; retry").withHeader("Retry-After", "1");
            }
            throw ApiException.unavailable("Trade store unavailable: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw ApiException.unavailable("Trade store did not confirm the write within "
                    + STORE_PATIENCE.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while waiting for the trade store");
        }
    }

    /** Turns the changes into documents (under the lock) and queues them for writing; events follow the write. */
    private CompletableFuture<Void> flush(int partition, TradingCore core) {
        Changes c = core.drain();
        if (c.isEmpty()) {
            return DONE;
        }
        Instant now = clock.instant();
        List<UserEvent> out = new ArrayList<>();
        List<ObjectNode> trades = new ArrayList<>();
        for (Trade t : c.trades()) {
            ObjectNode d = Docs.trade(t);
            trades.add(d);
            out.add(new UserEvent(t.userId(), UserEvent.TRADE, d, now));
        }
        Map<String, ObjectNode> orders = documents(c.orders(), Order::orderId, Docs::order, Order::userId,
                UserEvent.ORDER_UPDATE, out, now);
        Map<String, ObjectNode> positions = documents(c.positions(),
                p -> p.account().userId() + "\u0000" + p.symbol(), p -> positionDoc(core, p),
                p -> p.account().userId(), UserEvent.POSITION_UPDATE, out, now);
        Map<String, ObjectNode> portfolios = documents(c.accounts(), Account::userId, a -> portfolioDoc(core, a, now),
                Account::userId, UserEvent.PORTFOLIO_UPDATE, out, now);
        return writer.submit(new GroupCommitWriter.Changes(partition, orders, trades, positions, portfolios,
                () -> out.forEach(events), new CompletableFuture<>()));
    }

    /** The documents of {@code items} by key, each also queued as a user event of {@code event}. */
    private static <T> Map<String, ObjectNode> documents(List<T> items, Function<T, String> key,
                                                         Function<T, ObjectNode> doc, Function<T, String> user,
                                                         String event, List<UserEvent> out, Instant now) {
        Map<String, ObjectNode> docs = new LinkedHashMap<>();
        for (T item : items) {
            ObjectNode d = doc.apply(item);
            docs.put(key.apply(item), d);
            out.add(new UserEvent(user.apply(item), event, d, now));
        }
        return docs;
    }

    private ObjectNode positionDoc(TradingCore core, Changes.PositionChange change) {
        Account a = change.account();
        Position p = a.position(change.symbol());
        return p == null ? Json.object().put("user_id", a.userId()).put("symbol", change.symbol()).put("quantity", 0)
                : positionDoc(core, a, p);
    }

    private ObjectNode positionDoc(TradingCore core, Account a, Position p) {
        return Docs.position(a.userId(), p, market.mark(p.instrument()).orElse(null), core.positionMargin(p));
    }

    private static ObjectNode portfolioDoc(TradingCore core, Account a, Instant now) {
        Valuation v = core.valuation(a);
        return Docs.portfolio(a, v.unrealizedPnl(), v.equity(), core.margin(a).total(), now);
    }
}
