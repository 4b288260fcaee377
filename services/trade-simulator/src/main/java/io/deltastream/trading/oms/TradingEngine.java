package io.deltastream.trading.oms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.product.Product;
import io.deltastream.market.wire.UserEvent;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.json.Json;
import io.deltastream.store.Documents;
import io.deltastream.trading.TradingConfig;
import io.deltastream.trading.feed.MarketData;
import io.deltastream.trading.feed.Quote;
import io.deltastream.trading.instrument.Instrument;
import io.deltastream.trading.instrument.Instruments;
import io.deltastream.trading.matching.FillListener;
import io.deltastream.trading.matching.OrderBook;
import io.deltastream.trading.matching.Side;
import io.deltastream.trading.persistence.GroupCommitWriter;
import io.deltastream.trading.persistence.TradingStore;
import io.deltastream.trading.portfolio.Account;
import io.deltastream.trading.portfolio.Position;
import io.deltastream.trading.portfolio.Valuation;
import io.deltastream.trading.risk.MarginCalculator;
import io.deltastream.trading.risk.OrderIntent;
import io.deltastream.trading.risk.OrderRateLimiter;
import io.deltastream.trading.risk.PreTradeRisk;
import io.deltastream.trading.risk.RiskRejection;
import io.deltastream.trading.risk.WorkingOrders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The order management system: validates and risk-checks orders, routes them to the instrument's {@link OrderBook},
 * books fills into accounts, re-evaluates working orders on every market tick, expires and settles, and persists
 * every change (through the {@link GroupCommitWriter}) before answering; user events follow the writes.
 *
 * <p>Concurrency: every state change runs under one lock (a sequencer). That serializes each user's operations, as
 * it must (a cross between two users changes both accounts atomically), and it keeps books, accounts and the store
 * in one order. The simulator is therefore single-instance: run one replica.
 */
public final class TradingEngine {
    private static final DateTimeFormatter ID_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final List<String> WORKING = List.of(OrderStatus.PENDING.name(), OrderStatus.TRIGGER_PENDING.name(),
            OrderStatus.OPEN.name(), OrderStatus.PARTIALLY_FILLED.name());

    private final ReentrantLock lock = new ReentrantLock();
    private final TradingConfig config;
    private final Instruments instruments;
    private final MarketData market;
    private final TradingStore store;
    private final GroupCommitWriter writer;
    private final Consumer<UserEvent> events;
    private final Clock clock;
    private final LongSupplier nanos;
    private final MarginCalculator margin;
    private final PreTradeRisk risk;
    private final OrderRateLimiter rateLimiter;

    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, OrderBook> books = new HashMap<>();
    private final Map<Long, Order> byBookId = new HashMap<>();
    private final Map<String, Order> working = new LinkedHashMap<>();
    /** The working orders of each user (the risk checks count them). */
    private final Map<String, Map<String, Order>> workingByUser = new HashMap<>();
    private final Map<String, List<Order>> stops = new HashMap<>();
    private final Map<String, List<Order>> pendingMarket = new HashMap<>();
    private final Map<String, Long> owners = new HashMap<>();
    /** Recently ended orders, so that a cancel racing a fill sees the fill before the store does. */
    private final Map<String, Order> finished = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Order> eldest) {
            return size() > 10_000;
        }
    };
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    /** How long a caller waits for its changes to be durable before answering 503 (the writer retries for ~3 s). */
    private static final Duration STORE_PATIENCE = Duration.ofSeconds(30);
    private long nextBookId = 1;
    private long lastSeq;
    private Batch batch = new Batch();

    public TradingEngine(TradingConfig config, Instruments instruments, MarketData market, TradingStore store,
                         GroupCommitWriter writer, Consumer<UserEvent> events, Clock clock, LongSupplier nanos) {
        this.config = config;
        this.instruments = instruments;
        this.market = market;
        this.store = store;
        this.writer = writer;
        this.events = events;
        this.clock = clock;
        this.nanos = nanos;
        this.margin = new MarginCalculator(config.margin());
        this.risk = new PreTradeRisk(config.limits(), margin, config.commissions(), market, config.timezone());
        this.rateLimiter = new OrderRateLimiter(config.limits().ordersPerSecond(), config.limits().orderBurst());
    }

    // ---------------------------------------------------------------- order entry

    /** Places an order; returns the reference's 201 body. */
    public ObjectNode place(String userId, OrderRequest req) {
        return sequenced(() -> {
            Instant now = clock.instant();
            rateLimit(userId);
            Instrument inst = instruments.tradable(req.symbol(), now);
            if (req.product().isPresent() && !req.product().get().equals(inst.product().name())) {
                throw ApiException.badRequest("Field 'product' (" + req.product().get() + ") does not match symbol "
                        + req.symbol());
            }
            checkQuantity(inst, req.quantity());
            checkTick(inst, "price", req.price());
            checkTick(inst, "trigger_price", req.triggerPrice());
            Quote quote = quoteOf(inst);
            checkStop(req.type(), req.side(), req.price(), req.triggerPrice(), quote);
            Order o = new Order(newId("ORD", now), userId, inst, req.type(), req.side(), req.validity(), req.quantity(),
                    req.price(), req.triggerPrice(), now);
            o.seq = nextSeq(now);
            if (req.validity() == Validity.DAY) {
                o.expiresAt = dayEnd(inst.product(), now);
            }
            Account account = account(userId, now);
            try {
                risk.check(account, intent(o, o.remaining()), workingOf(userId, null), now);
            } catch (ApiException e) {
                o.status = OrderStatus.REJECTED;
                o.rejectionReason = e.getMessage();
                batch.order(o);
                throw e;
            }
            activate(o, now);
            batch.order(o);
            ObjectNode body = Json.object();
            body.put("order_id", o.orderId);
            body.put("status", o.status.name());
            body.put("filled_quantity", o.filledQuantity);
            body.put("avg_fill_price", Docs.price(o.averageFillPrice()));
            body.put("message", "Order " + o.status.name().toLowerCase(Locale.ROOT));
            body.set("order", Docs.order(o));
            return body;
        });
    }

    /**
     * Changes a working order's limit price, total quantity or trigger price.
     *
     * @param quantity new total quantity (filled + open), or empty
     */
    public ObjectNode modify(String userId, String orderId, Optional<Long> quantity, Optional<Double> price,
                             Optional<Double> trigger) {
        return sequenced(() -> {
            Instant now = clock.instant();
            rateLimit(userId);
            Order o = workingOrder(userId, orderId, "modify");
            Instrument inst = o.instrument;
            if (quantity.isEmpty() && price.isEmpty() && trigger.isEmpty()) {
                throw ApiException.badRequest("Nothing to modify: give price, quantity or trigger_price");
            }
            long newQuantity = quantity.orElse(o.quantity);
            checkQuantity(inst, newQuantity);
            if (newQuantity <= o.filledQuantity) {
                throw ApiException.badRequest("Quantity must exceed the filled quantity " + o.filledQuantity);
            }
            if (price.isPresent() && !o.type.hasPrice()) {
                throw ApiException.badRequest("A " + o.type.wire() + " order has no price to modify");
            }
            if (trigger.isPresent() && (!o.type.isStop() || o.triggered)) {
                throw ApiException.badRequest("Only an untriggered SL or SL-M order has a trigger price to modify");
            }
            double newPrice = price.orElse(o.price);
            double newTrigger = trigger.orElse(o.triggerPrice);
            checkTick(inst, "price", newPrice);
            checkTick(inst, "trigger_price", newTrigger);
            if (!o.triggered) {
                checkStop(o.type, o.side, newPrice, newTrigger, quoteOf(inst));
            }
            Order probe = new Order(o.orderId, userId, inst, o.type, o.side, o.validity, newQuantity, newPrice,
                    newTrigger, o.placedAt);
            probe.filledQuantity = o.filledQuantity;
            risk.check(account(userId, now), intent(probe, probe.remaining()), workingOf(userId, o), now);
            o.quantity = newQuantity;
            o.price = newPrice;
            o.triggerPrice = newTrigger;
            o.updatedAt = now;
            batch.order(o);
            OrderBook book = books.get(inst.symbol());
            if (book != null && book.restingQuantity(o.bookId) > 0) {
                book.modify(o.bookId, inst.toTicks(o.price), o.remaining(), batch);
            }
            if (o.status == OrderStatus.TRIGGER_PENDING) {
                triggerStops(inst, now);
            }
            return Docs.order(o);
        });
    }

    /** Cancels a working order (including the open rest of a partially filled one). */
    public ObjectNode cancel(String userId, String orderId) {
        return sequenced(() -> {
            Order o = workingOrder(userId, orderId, "cancel");
            finish(o, OrderStatus.CANCELLED, "cancelled by user", clock.instant());
            ObjectNode body = Json.object();
            body.put("message", "Order cancelled");
            body.put("order_id", orderId);
            body.put("status", o.status.name());
            body.put("filled_quantity", o.filledQuantity);
            return body;
        });
    }

    // ---------------------------------------------------------------- market data and time

    /**
     * Re-evaluates the instruments whose quotes changed: refreshes their books' synthetic liquidity (filling resting
     * orders the market moved through), triggers stop orders, retries waiting market orders. The quotes must already
     * be in {@link MarketData}.
     */
    public void onQuotes(Collection<String> symbols) {
        sequenced(() -> {
            Instant now = clock.instant();
            for (String symbol : symbols) {
                OrderBook book = books.get(symbol);
                boolean waiting = !stops.getOrDefault(symbol, List.of()).isEmpty()
                        || !pendingMarket.getOrDefault(symbol, List.of()).isEmpty();
                if (book == null && !waiting) {
                    continue;
                }
                Instrument inst = instruments.known(symbol).orElse(null);
                Quote q = market.quote(symbol).orElse(null);
                if (inst == null || q == null) {
                    continue;
                }
                if (book == null) {
                    book(inst);
                } else {
                    seed(book, inst, q);
                }
                triggerStops(inst, now);
                retryMarketOrders(inst, now);
            }
            return null;
        });
    }

    /** Expires DAY orders past their close and orders of expired options; settles expired option positions. */
    public void housekeeping() {
        sequenced(() -> {
            Instant now = clock.instant();
            for (Order o : new ArrayList<>(working.values())) {
                Instant instrumentEnd = o.instrument.expiresAt();
                if ((o.expiresAt != null && !now.isBefore(o.expiresAt))
                        || (instrumentEnd != null && !now.isBefore(instrumentEnd))) {
                    finish(o, OrderStatus.EXPIRED, null, now);
                }
            }
            for (Account a : accounts.values()) {
                for (Position p : new ArrayList<>(a.positions().values())) {
                    Instrument inst = p.instrument();
                    Instant end = inst.expiresAt();
                    if (end == null || now.isBefore(end)) {
                        continue;
                    }
                    Optional<Double> spot = market.spotAt(inst.product().name(), end);
                    if (spot.isEmpty()) {
                        continue;
                    }
                    settle(a, p, spot.get(), now);
                }
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- reads

    /** True when {@code userId} has an account here (opened by an earlier order or read). */
    public boolean hasAccount(String userId) {
        lock.lock();
        try {
            return accounts.containsKey(userId);
        } finally {
            lock.unlock();
        }
    }

    /** The user's portfolio (created on first use), marked to market. */
    public ObjectNode portfolio(String userId) {
        return sequenced(() -> {
            Instant now = clock.instant();
            return portfolioDoc(account(userId, now), now);
        });
    }

    /** The user's open positions, marked to market. */
    public List<ObjectNode> positions(String userId) {
        lock.lock();
        try {
            Account a = accounts.get(userId);
            List<ObjectNode> out = new ArrayList<>();
            if (a != null) {
                for (Position p : a.positions().values()) {
                    out.add(positionDoc(a, p));
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** The {@code /risk} report (creates the portfolio on first use). */
    public ObjectNode riskReport(String userId) {
        return sequenced(() -> {
            Instant now = clock.instant();
            return risk.report(account(userId, now), now);
        });
    }

    /** Figures of {@code /pnl}: the account's unrealized P&L and equity now. */
    public Valuation valuation(String userId) {
        return sequenced(() -> Valuation.of(account(userId, clock.instant()), market));
    }

    /** The book of {@code symbol} (reference shape), or empty when the instrument is unknown or unquoted. */
    public Optional<ObjectNode> orderBook(String symbol, int levels) {
        lock.lock();
        try {
            Optional<Instrument> inst = instruments.known(symbol);
            if (inst.isEmpty()) {
                return Optional.empty();
            }
            OrderBook book = books.get(symbol);
            if (book == null) {
                Optional<Quote> q = market.quote(symbol);
                if (q.isEmpty()) {
                    return Optional.empty();
                }
                book = new OrderBook();
                seedQuietly(book, inst.get(), q.get());
            }
            Instrument i = inst.get();
            ObjectNode n = Json.object();
            n.put("symbol", symbol);
            long bid = book.bestBid();
            long ask = book.bestAsk();
            boolean two = bid != Long.MIN_VALUE && ask != Long.MAX_VALUE;
            n.put("mid_price", two ? Docs.price((i.price(bid) + i.price(ask)) / 2) : market.mark(i).orElse(0.0));
            n.put("last_trade", market.quote(symbol).map(Quote::last).orElse(0.0));
            n.put("spread", two ? Docs.price(i.price(ask) - i.price(bid)) : 0.0);
            ArrayNode bids = n.putArray("bids");
            for (OrderBook.DepthLevel l : book.depth(Side.BUY, levels)) {
                bids.addArray().add(i.price(l.price())).add(l.quantity());
            }
            ArrayNode asks = n.putArray("asks");
            for (OrderBook.DepthLevel l : book.depth(Side.SELL, levels)) {
                asks.addArray().add(i.price(l.price())).add(l.quantity());
            }
            return Optional.of(n);
        } finally {
            lock.unlock();
        }
    }

    /** The number of working orders (for health and tests). */
    public int workingOrders() {
        lock.lock();
        try {
            return working.size();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- recovery

    /** Loads accounts, positions and working orders from the store (at start, before any other call). */
    public void recover() {
        sequenced(() -> {
            Instant now = clock.instant();
            for (ObjectNode d : store.allPortfolios()) {
                JsonNode ledger = d.path("ledger");
                Account a = new Account(d.get("user_id").textValue(), d.path("initial_capital").asDouble(),
                        ledger.path("cash").asDouble(), ledger.path("commissions").asDouble(),
                        ledger.path("gross_realized").asDouble(), LocalDate.parse(d.get("day").textValue()),
                        ledger.path("day_start_equity").asDouble(), Documents.parse(d.get("created_at").textValue()),
                        Documents.parse(d.get("updated_at").textValue()));
                accounts.put(a.userId(), a);
            }
            for (ObjectNode d : store.allPositions()) {
                Account a = accounts.get(d.get("user_id").textValue());
                Optional<Instrument> inst = instruments.known(d.get("symbol").textValue());
                if (a == null || inst.isEmpty()) {
                    continue;
                }
                a.restore(new Position(inst.get(), d.get("quantity").asLong(),
                        d.path("ledger").path("avg_entry_price").asDouble(),
                        d.path("ledger").path("realized_pnl").asDouble(),
                        Documents.parse(d.get("opened_at").textValue()),
                        Documents.parse(d.get("updated_at").textValue())));
            }
            List<ObjectNode> open = new ArrayList<>(store.ordersWithStatus(WORKING));
            open.sort(Comparator.comparingLong(d -> d.path("seq").asLong()));
            for (ObjectNode d : open) {
                Optional<Instrument> inst = instruments.known(d.get("symbol").textValue());
                if (inst.isEmpty()) {
                    continue;
                }
                Order o = orderFrom(d, inst.get());
                lastSeq = Math.max(lastSeq, o.seq);
                restore(o, now);
            }
            return null;
        });
    }

    private static Order orderFrom(ObjectNode d, Instrument inst) {
        Order o = new Order(d.get("order_id").textValue(), d.get("user_id").textValue(), inst,
                OrderType.parse("order_type", d.get("order_type").textValue()), Side.valueOf(d.get("side").textValue()),
                Validity.valueOf(d.get("validity").textValue()), d.get("quantity").asLong(),
                d.path("price").isNumber() ? d.get("price").asDouble() : Double.NaN,
                d.path("trigger_price").isNumber() ? d.get("trigger_price").asDouble() : Double.NaN,
                Documents.parse(d.get("placed_at").textValue()));
        o.status = OrderStatus.valueOf(d.get("status").textValue());
        o.seq = d.path("seq").asLong();
        o.filledQuantity = d.path("filled_quantity").asLong();
        o.filledValue = o.filledQuantity * d.path("avg_fill_price").asDouble();
        o.triggered = d.path("triggered").asBoolean();
        o.updatedAt = Documents.parse(d.get("updated_at").textValue());
        o.expiresAt = d.path("expires_at").isTextual() ? Documents.parse(d.get("expires_at").textValue()) : null;
        return o;
    }

    private void restore(Order o, Instant now) {
        if (o.type.isStop() && !o.triggered) {
            addWorking(o);
            stops.computeIfAbsent(o.instrument.symbol(), s -> new ArrayList<>()).add(o);
            return;
        }
        OrderStatus before = o.status;
        execute(o, now);
        if (o.status != before) {
            batch.order(o);
        }
    }

    // ---------------------------------------------------------------- internals

    private void activate(Order o, Instant now) {
        if (o.type.isStop() && !o.triggered) {
            o.status = OrderStatus.TRIGGER_PENDING;
            addWorking(o);
            stops.computeIfAbsent(o.instrument.symbol(), s -> new ArrayList<>()).add(o);
            return;
        }
        execute(o, now);
    }

    /** Sends a market or limit order (or a triggered stop) to its book. */
    private void execute(Order o, Instant now) {
        Instrument inst = o.instrument;
        OrderBook book = book(inst);
        o.bookId = nextBookId++;
        byBookId.put(o.bookId, o);
        addWorking(o);
        boolean marketOrder = o.isMarket();
        long limit = marketOrder ? (o.side == Side.BUY ? OrderBook.MARKET_BUY : OrderBook.MARKET_SELL)
                : inst.toTicks(o.price);
        boolean rest = !marketOrder && o.validity == Validity.DAY;
        batch.now = now;
        book.place(o.bookId, owner(o.userId), o.side, limit, o.remaining(), rest, batch);
        if (o.status.isTerminal()) {
            return;
        }
        if (rest) {
            o.status = o.filledQuantity > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.OPEN;
        } else if (marketOrder && o.validity == Validity.DAY) {
            o.status = o.filledQuantity > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.PENDING;
            pendingMarket.computeIfAbsent(inst.symbol(), s -> new ArrayList<>()).add(o);
        } else {
            finish(o, OrderStatus.CANCELLED, "IOC: unfilled quantity cancelled", now);
        }
        batch.order(o);
    }

    private void triggerStops(Instrument inst, Instant now) {
        List<Order> list = stops.get(inst.symbol());
        Optional<Quote> q = market.quote(inst.symbol());
        if (list == null || list.isEmpty() || q.isEmpty() || !(q.get().last() > 0)) {
            return;
        }
        double ltp = q.get().last();
        for (Order o : new ArrayList<>(list)) {
            boolean hit = o.side == Side.BUY ? ltp >= o.triggerPrice : ltp <= o.triggerPrice;
            if (hit && working.containsKey(o.orderId)) {
                list.remove(o);
                o.triggered = true;
                o.status = OrderStatus.PENDING;
                o.updatedAt = now;
                execute(o, now);
                batch.order(o);
            }
        }
    }

    private void retryMarketOrders(Instrument inst, Instant now) {
        List<Order> list = pendingMarket.get(inst.symbol());
        if (list == null || list.isEmpty()) {
            return;
        }
        OrderBook book = book(inst);
        batch.now = now;
        for (Order o : new ArrayList<>(list)) {
            if (!working.containsKey(o.orderId)) {
                continue;
            }
            long limit = o.side == Side.BUY ? OrderBook.MARKET_BUY : OrderBook.MARKET_SELL;
            book.place(o.bookId, owner(o.userId), o.side, limit, o.remaining(), false, batch);
        }
    }

    private void settle(Account a, Position p, double spot, Instant now) {
        Instrument inst = p.instrument();
        long q = p.quantity();
        double price = inst.intrinsic(spot);
        Account.FillEffect effect = a.applyFill(inst, -q, price, 0, now);
        ObjectNode t = Json.object();
        t.put("trade_id", newId("TRD", now));
        t.putNull("order_id");
        t.put("user_id", a.userId());
        t.put("symbol", inst.symbol());
        t.put("product", inst.product().name());
        t.put("side", q > 0 ? Side.SELL.name() : Side.BUY.name());
        t.put("quantity", Math.abs(q));
        t.put("price", Docs.price(price));
        t.put("value", Docs.money(Math.abs(q) * price));
        t.put("commission", 0.0);
        t.put("net_value", Docs.money(Math.abs(q) * price));
        t.put("realized_pnl", Docs.money(effect.realizedPnl()));
        t.put("liquidity", "settlement");
        t.put("settlement", true);
        t.put("settlement_spot", spot);
        t.put("executed_at", Docs.time(now));
        batch.trade(a, t);
        batch.position(a, inst.symbol());
    }

    /** Ends a working order in a terminal state. */
    private void finish(Order o, OrderStatus status, String reason, Instant now) {
        o.status = status;
        if (status == OrderStatus.CANCELLED) {
            o.cancelReason = reason;
        }
        o.updatedAt = now;
        if (status == OrderStatus.FILLED) {
            o.filledAt = now;
        }
        removeWorking(o);
        byBookId.remove(o.bookId);
        OrderBook book = books.get(o.instrument.symbol());
        if (book != null && o.bookId != 0) {
            book.cancel(o.bookId);
        }
        List<Order> s = stops.get(o.instrument.symbol());
        if (s != null) {
            s.remove(o);
        }
        List<Order> m = pendingMarket.get(o.instrument.symbol());
        if (m != null) {
            m.remove(o);
        }
        batch.order(o);
    }

    private void addWorking(Order o) {
        working.put(o.orderId, o);
        workingByUser.computeIfAbsent(o.userId, u -> new LinkedHashMap<>()).put(o.orderId, o);
    }

    private void removeWorking(Order o) {
        working.remove(o.orderId);
        Map<String, Order> mine = workingByUser.get(o.userId);
        if (mine != null) {
            mine.remove(o.orderId);
        }
    }

    private Order workingOrder(String userId, String orderId, String action) {
        Order o = working.get(orderId);
        if (o != null && o.userId.equals(userId)) {
            return o;
        }
        Order ended = finished.get(orderId);
        if (ended != null && ended.userId.equals(userId)) {
            throw ApiException.badRequest("Cannot " + action + " order in status: " + ended.status.name());
        }
        Optional<ObjectNode> stored = store.order(orderId);
        if (stored.isPresent() && stored.get().path("user_id").asText().equals(userId)) {
            throw ApiException.badRequest("Cannot " + action + " order in status: "
                    + stored.get().path("status").asText());
        }
        throw ApiException.notFound("Order not found");
    }

    /** Over the per-user order rate: 429 with {@code Retry-After} (whole seconds until the next order may pass). */
    private void rateLimit(String userId) {
        long now = nanos.getAsLong();
        if (!rateLimiter.tryAcquire(userId, now)) {
            long waitNanos = rateLimiter.nanosUntilNext(userId, now);
            throw ApiException.tooManyRequests(String.format(Locale.ROOT,
                    "Order rate limit exceeded: at most %s orders per second",
                    stripZeros(config.limits().ordersPerSecond())), (waitNanos + 999_999_999L) / 1_000_000_000L)
                    .with("type", "risk_limit");
        }
    }

    private static String stripZeros(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void checkQuantity(Instrument inst, long quantity) {
        if (quantity <= 0 || quantity % inst.lotSize() != 0) {
            throw ApiException.badRequest("Quantity must be a positive multiple of the lot size " + inst.lotSize()
                    + " of " + inst.product().name() + ", got " + quantity);
        }
    }

    private static void checkTick(Instrument inst, String field, double price) {
        if (!Double.isNaN(price) && !inst.onTick(price)) {
            throw ApiException.badRequest("Field '" + field + "' must be a multiple of the tick size "
                    + inst.tickSize() + ", got " + price);
        }
    }

    private static void checkStop(OrderType type, Side side, double price, double trigger, Quote quote) {
        if (!type.isStop()) {
            return;
        }
        if (type == OrderType.SL && (side == Side.BUY ? price < trigger : price > trigger)) {
            throw ApiException.badRequest(side == Side.BUY
                    ? "A BUY SL order's price must be at or above its trigger price"
                    : "A SELL SL order's price must be at or below its trigger price");
        }
        double ltp = quote.last();
        if (ltp > 0 && (side == Side.BUY ? trigger <= ltp : trigger >= ltp)) {
            throw ApiException.badRequest("Trigger price " + trigger + " must be "
                    + (side == Side.BUY ? "above" : "below") + " the last price " + ltp + " for a " + side
                    + " stop order");
        }
    }

    private Quote quoteOf(Instrument inst) {
        return market.quote(inst.symbol()).orElseThrow(() -> ApiException.badRequest("No market data for "
                + inst.symbol() + " yet"));
    }

    /** The intent of the open part of {@code o} for the risk checks. */
    private OrderIntent intent(Order o, long quantity) {
        return new OrderIntent(o.instrument, o.side, quantity, estimate(o), o.type.hasPrice() ? o.price : Double.NaN);
    }

    /** The price an order would fill at: its limit, else the opposite best quote, else the mark. */
    private double estimate(Order o) {
        if (o.type.hasPrice()) {
            return o.price;
        }
        Optional<Quote> q = market.quote(o.instrument.symbol());
        if (q.isPresent()) {
            double opposite = o.side == Side.BUY ? q.get().ask() : q.get().bid();
            if (opposite > 0) {
                return opposite;
            }
        }
        if (o.type == OrderType.SL_M) {
            return o.triggerPrice;
        }
        return market.mark(o.instrument).orElse(0.0);
    }

    private WorkingOrders workingOf(String userId, Order except) {
        Map<String, Long> buys = new HashMap<>();
        Map<String, Long> sells = new HashMap<>();
        Map<Instrument, Long> net = new LinkedHashMap<>();
        double premium = 0;
        for (Order o : workingByUser.getOrDefault(userId, Map.of()).values()) {
            if (o == except) {
                continue;
            }
            long rem = o.remaining();
            (o.side == Side.BUY ? buys : sells).merge(o.instrument.symbol(), rem, Long::sum);
            net.merge(o.instrument, o.sign() * rem, Long::sum);
            premium += o.sign() * rem * estimate(o);
        }
        return new WorkingOrders(buys, sells, net, premium);
    }

    private Account account(String userId, Instant now) {
        Account a = accounts.get(userId);
        if (a == null) {
            a = Account.open(userId, config.initialCapital(), now.atZone(config.timezone()).toLocalDate(), now);
            accounts.put(userId, a);
            batch.accounts.put(userId, a);
        }
        return a;
    }

    private long owner(String userId) {
        return owners.computeIfAbsent(userId, u -> (long) owners.size() + 1);
    }

    private OrderBook book(Instrument inst) {
        OrderBook book = books.get(inst.symbol());
        if (book == null) {
            book = new OrderBook();
            books.put(inst.symbol(), book);
            market.quote(inst.symbol()).ifPresent(q -> seed(books.get(inst.symbol()), inst, q));
        }
        return book;
    }

    /** Replaces the book's synthetic ladders with those derived from {@code q}. */
    private void seed(OrderBook book, Instrument inst, Quote q) {
        batch.now = clock.instant();
        long[][] ladders = ladders(inst, q);
        book.setSynthetic(ladders[0], ladders[1], ladders[2], ladders[3], batch);
    }

    private void seedQuietly(OrderBook book, Instrument inst, Quote q) {
        long[][] ladders = ladders(inst, q);
        book.setSynthetic(ladders[0], ladders[1], ladders[2], ladders[3], (t, m, s, p, n) -> { });
    }

    /**
     * The synthetic depth of a quote: {@code depthLevels} levels per side from the quoted bid and ask outwards,
     * spaced by half the spread (at least one tick), with {@code depthLots * (i + 1)} lots at level i.
     */
    private long[][] ladders(Instrument inst, Quote q) {
        int levels = config.depthLevels();
        long bid = q.bid() > 0 ? inst.toTicks(q.bid()) : 0;
        long ask = q.ask() > 0 ? inst.toTicks(q.ask()) : 0;
        long step = bid > 0 && ask > bid ? Math.max(1, (ask - bid) / 2) : 1;
        int nb = 0;
        long[] bp = new long[levels];
        long[] bq = new long[levels];
        for (int i = 0; i < levels && bid > 0 && bid - i * step > 0; i++) {
            bp[i] = bid - i * step;
            bq[i] = (long) config.depthLots() * (i + 1) * inst.lotSize();
            nb++;
        }
        int na = 0;
        long[] ap = new long[levels];
        long[] aq = new long[levels];
        for (int i = 0; i < levels && ask > 0; i++) {
            ap[i] = ask + i * step;
            aq[i] = (long) config.depthLots() * (i + 1) * inst.lotSize();
            na++;
        }
        return new long[][] {Arrays.copyOf(bp, nb), Arrays.copyOf(bq, nb),
            Arrays.copyOf(ap, na), Arrays.copyOf(aq, na)};
    }

    private Instant dayEnd(Product p, Instant now) {
        ZonedDateTime local = now.atZone(p.timezone());
        ZonedDateTime close = local.toLocalDate().atTime(p.expiryTime()).atZone(p.timezone());
        return (close.isAfter(local) ? close : close.plusDays(1)).toInstant();
    }

    private long nextSeq(Instant now) {
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        lastSeq = Math.max(lastSeq + 1, micros);
        return lastSeq;
    }

    private static String newId(String prefix, Instant now) {
        String hex = UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT);
        return prefix + "_" + ID_DATE.format(now.atZone(ZoneOffset.UTC)) + "_" + hex;
    }

    private ObjectNode positionDoc(Account a, Position p) {
        Map<Instrument, Long> single = Map.of(p.instrument(), p.quantity());
        double m = margin.margin(single, market.view()).total();
        return Docs.position(a.userId(), p, market.mark(p.instrument()).orElse(null), m);
    }

    private ObjectNode portfolioDoc(Account a, Instant now) {
        Valuation v = Valuation.of(a, market);
        a.rollDay(now.atZone(config.timezone()).toLocalDate(), v.equity());
        return Docs.portfolio(a, v.unrealizedPnl(), v.equity(), risk.margin(a).total(), now);
    }

    /**
     * Runs {@code body} under the lock, hands whatever it changed (even when it failed, e.g. a rejected order) to the
     * writer, releases the lock and waits until the changes are durable.
     */
    private <T> T sequenced(Supplier<T> body) {
        CompletableFuture<Void> written = DONE;
        T result = null;
        RuntimeException failure = null;
        lock.lock();
        try {
            result = body.get();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            try {
                written = flush();
            } catch (RuntimeException e) {
                batch = new Batch();
                failure = failure == null ? e : failure;
            }
            lock.unlock();
        }
        try {
            written.get(STORE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw ApiException.unavailable("Trade store unavailable: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw ApiException.unavailable("Trade store did not confirm the write within "
                    + STORE_PATIENCE.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while waiting for the trade store");
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** Turns the batch into documents (under the lock) and queues them for writing; events follow the write. */
    private CompletableFuture<Void> flush() {
        Batch b = batch;
        batch = new Batch();
        if (b.isEmpty()) {
            return DONE;
        }
        Instant now = clock.instant();
        List<UserEvent> out = new ArrayList<>();
        for (ObjectNode t : b.trades) {
            out.add(new UserEvent(t.get("user_id").textValue(), UserEvent.TRADE, t, now));
        }
        Map<String, ObjectNode> orders = new LinkedHashMap<>();
        for (Order o : b.orders.values()) {
            ObjectNode d = Docs.order(o);
            orders.put(o.orderId, d);
            out.add(new UserEvent(o.userId, UserEvent.ORDER_UPDATE, d, now));
            if (o.status.isTerminal()) {
                finished.put(o.orderId, o);
            }
        }
        Map<String, ObjectNode> positions = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : b.positions.entrySet()) {
            String userId = e.getValue()[0];
            String symbol = e.getValue()[1];
            Account a = accounts.get(userId);
            Position p = a.position(symbol);
            ObjectNode d = p == null ? Json.object().put("user_id", userId).put("symbol", symbol).put("quantity", 0)
                    : positionDoc(a, p);
            positions.put(e.getKey(), d);
            out.add(new UserEvent(userId, UserEvent.POSITION_UPDATE, d, now));
        }
        Map<String, ObjectNode> portfolios = new LinkedHashMap<>();
        for (Account a : b.accounts.values()) {
            ObjectNode d = portfolioDoc(a, now);
            portfolios.put(a.userId(), d);
            out.add(new UserEvent(a.userId(), UserEvent.PORTFOLIO_UPDATE, d, now));
        }
        return writer.submit(new GroupCommitWriter.Changes(orders, new ArrayList<>(b.trades), positions, portfolios,
                () -> out.forEach(events), new CompletableFuture<>()));
    }

    /** The changes of one operation: what to persist and publish. Also the books' fill listener. */
    private final class Batch implements FillListener {
        final Map<String, Order> orders = new LinkedHashMap<>();
        final List<ObjectNode> trades = new ArrayList<>();
        final Map<String, String[]> positions = new LinkedHashMap<>();
        final Map<String, Account> accounts = new LinkedHashMap<>();
        Instant now = Instant.EPOCH;

        boolean isEmpty() {
            return orders.isEmpty() && trades.isEmpty() && positions.isEmpty() && accounts.isEmpty();
        }

        void order(Order o) {
            orders.put(o.orderId, o);
        }

        void trade(Account a, ObjectNode t) {
            trades.add(t);
            accounts.put(a.userId(), a);
        }

        void position(Account a, String symbol) {
            positions.put(a.userId() + "\u0000" + symbol, new String[] {a.userId(), symbol});
            accounts.put(a.userId(), a);
        }

        @Override
        public void onFill(long takerId, long makerId, Side takerSide, long priceTicks, long quantity) {
            if (takerId != SYNTHETIC) {
                fill(byBookId.get(takerId), priceTicks, quantity, "taker", makerId == SYNTHETIC);
            }
            if (makerId != SYNTHETIC) {
                fill(byBookId.get(makerId), priceTicks, quantity, "maker", takerId == SYNTHETIC);
            }
        }

        @Override
        public void onSelfTradeCancel(long restingId) {
            Order o = byBookId.get(restingId);
            if (o != null) {
                byBookId.remove(restingId);
                o.bookId = 0;
                finish(o, OrderStatus.CANCELLED, "self-trade prevention: crossed by your own order", now);
            }
        }

        private void fill(Order o, long priceTicks, long quantity, String liquidity, boolean againstMarket) {
            Instrument inst = o.instrument;
            double price = inst.price(priceTicks);
            o.filledQuantity += quantity;
            o.filledValue += quantity * price;
            o.updatedAt = now;
            Account a = account(o.userId, now);
            double value = quantity * price;
            double fee = config.commissions().fee(value);
            Account.FillEffect effect = a.applyFill(inst, o.sign() * quantity, price, fee, now);
            ObjectNode t = Json.object();
            t.put("trade_id", newId("TRD", now));
            t.put("order_id", o.orderId);
            t.put("user_id", o.userId);
            t.put("symbol", inst.symbol());
            t.put("product", inst.product().name());
            t.put("side", o.side.name());
            t.put("quantity", quantity);
            t.put("price", price);
            t.put("value", Docs.money(value));
            t.put("commission", fee);
            t.put("net_value", Docs.money(o.side == Side.BUY ? value + fee : value - fee));
            t.put("realized_pnl", Docs.money(effect.realizedPnl()));
            t.put("liquidity", liquidity);
            t.put("counterparty", againstMarket ? "market" : "user");
            t.put("settlement", false);
            t.put("executed_at", Docs.time(now));
            trade(a, t);
            position(a, inst.symbol());
            if (o.filledQuantity == o.quantity) {
                o.status = OrderStatus.FILLED;
                o.filledAt = now;
                removeWorking(o);
                byBookId.remove(o.bookId);
                List<Order> m = pendingMarket.get(inst.symbol());
                if (m != null) {
                    m.remove(o);
                }
            } else {
                o.status = OrderStatus.PARTIALLY_FILLED;
            }
            order(o);
        }
    }
}
