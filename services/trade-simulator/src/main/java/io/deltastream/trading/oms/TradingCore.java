package io.deltastream.trading.oms;

import io.deltastream.market.product.Product;
import io.deltastream.trading.TradingConfig;
import io.deltastream.trading.feed.MarketData;
import io.deltastream.trading.feed.Quote;
import io.deltastream.trading.instrument.Instrument;
import io.deltastream.trading.instrument.Instruments;
import io.deltastream.trading.matching.FillListener;
import io.deltastream.trading.matching.OrderBook;
import io.deltastream.trading.matching.Side;
import io.deltastream.trading.portfolio.Account;
import io.deltastream.trading.portfolio.Position;
import io.deltastream.trading.portfolio.Valuation;
import io.deltastream.trading.risk.BasketMargin;
import io.deltastream.trading.risk.MarginCalculator;
import io.deltastream.trading.risk.MarginUse;
import io.deltastream.trading.risk.MarketView;
import io.deltastream.trading.risk.OrderIntent;
import io.deltastream.trading.risk.PreTradeRisk;
import io.deltastream.trading.risk.Rejected;
import io.deltastream.trading.risk.RiskReport;
import io.deltastream.trading.risk.WorkingOrders;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The trading core: takes commands (place, modify, cancel, mark, expire, roll day), validates and risk-checks orders,
 * routes them to the instrument's {@link OrderBook}, books fills into accounts, and answers typed {@link Outcome}s;
 * what the commands changed accumulates as {@link Changes} until the caller drains it.
 *
 * <p>No I/O, no JSON, no lock: the core is a deterministic state machine over its inputs (the commands, their times
 * and the quotes in {@link MarketData}); its adapter serializes the commands, persists the changes and answers HTTP.
 * Not thread-safe.
 */
public final class TradingCore {
    private static final DateTimeFormatter ID_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    /** Recently ended orders kept, so that a cancel racing a fill sees the fill before the store does. */
    private static final int FINISHED_KEPT = 10_000;

    private final TradingConfig config;
    private final Instruments instruments;
    private final MarketData market;
    private final MarginCalculator margin;
    private final PreTradeRisk risk;

    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, OrderBook> books = new HashMap<>();
    private final Map<Long, Order> byBookId = new HashMap<>();
    private final Map<String, Order> working = new LinkedHashMap<>();
    /** The working orders of each user (the risk checks count them). */
    private final Map<String, Map<String, Order>> workingByUser = new HashMap<>();
    private final Map<String, List<Order>> stops = new HashMap<>();
    private final Map<String, List<Order>> pendingMarket = new HashMap<>();
    private final Map<String, Long> owners = new HashMap<>();
    private final Map<String, Order> finished = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Order> eldest) {
            return size() > FINISHED_KEPT;
        }
    };
    /** Bracket entries that ended with a fill this command: their exits are still to be placed. */
    private final List<Order> entriesToBracket = new ArrayList<>();
    /** Bracket exits that filled or ended this command: their other exit is still to be adjusted. */
    private final List<Order> exitsToBalance = new ArrayList<>();
    private long nextBookId = 1;
    private long lastSeq;
    private Batch batch = new Batch();

    public TradingCore(TradingConfig config, Instruments instruments, MarketData market) {
        this.config = config;
        this.instruments = instruments;
        this.market = market;
        this.margin = new MarginCalculator(config.margin());
        this.risk = new PreTradeRisk(config.limits(), margin, config.commissions());
    }

    // ---------------------------------------------------------------- commands

    /** Places an order at {@code now}; a risk rejection still records the order (REJECTED). */
    public Outcome place(String userId, OrderRequest req, Instant now) {
        return placeAll(userId, List.of(req), now);
    }

    /**
     * Places a basket (multi-leg) order atomically: every leg is validated and the legs are risk-checked together,
     * margined as one (so a hedged spread needs less than its legs alone); either all legs are placed, in the given
     * order, or none (an invalid leg changes nothing, a risk rejection records every leg as REJECTED).
     */
    public Outcome placeBasket(String userId, List<OrderRequest> legs, Instant now) {
        return placeAll(userId, legs, now);
    }

    private Outcome placeAll(String userId, List<OrderRequest> legs, Instant now) {
        List<Order> orders;
        try {
            orders = newOrders(userId, legs, now);
        } catch (OrderChecks.Refused r) {
            return r.outcome;
        }
        for (Order o : orders) {
            o.seq = nextSeq(now);
        }
        Account account = account(userId, now);
        Optional<Rejected> rejected = risk.check(account, intents(orders), workingOf(userId, null), market.view());
        if (rejected.isPresent()) {
            for (Order o : orders) {
                o.status = OrderStatus.REJECTED;
                o.rejectionReason = rejected.get().reason();
                finished.put(o.orderId, o);
                batch.order(o);
            }
            return new Outcome.RiskRejected(rejected.get());
        }
        for (Order o : orders) {
            activate(o, now);
            batch.order(o);
        }
        settleBrackets(now);
        return orders.size() == 1 ? new Outcome.OrderAccepted(orders.get(0)) : new Outcome.BasketAccepted(orders);
    }

    /**
     * What a basket of {@code legs} would need if placed now (margin as a whole and of each leg alone, premium,
     * fees) and whether the risk checks would pass it; changes nothing.
     */
    public Outcome whatIf(String userId, List<OrderRequest> legs, Instant now) {
        List<Order> orders;
        try {
            orders = newOrders(userId, legs, now);
        } catch (OrderChecks.Refused r) {
            return r.outcome;
        }
        Account account = existingAccount(userId).orElseGet(() -> Account.open(userId, config.initialCapital(),
                now.atZone(config.timezone()).toLocalDate(), now));
        WorkingOrders working = workingOf(userId, null);
        MarketView view = market.view();
        List<OrderIntent> intents = intents(orders);
        double alone = 0;
        for (OrderIntent leg : intents) {
            BasketMargin m = risk.basketMargin(account, List.of(leg), working, view);
            alone += m.marginAfter() - m.marginBefore();
        }
        return new Outcome.Assessed(risk.basketMargin(account, intents, working, view), alone,
                risk.check(account, intents, working, view));
    }

    /**
     * Starts a paper trader's account afresh: cancels the user's working orders, drops every position (no trade is
     * booked) and opens a new account with the initial capital. The order and trade history stays on record.
     */
    public Account reset(String userId, Instant now) {
        for (Order o : new ArrayList<>(workingByUser.getOrDefault(userId, Map.of()).values())) {
            finish(o, OrderStatus.CANCELLED, "account reset", now);
        }
        // a bracket entry cancelled with a fill must not open exits in the fresh account
        entriesToBracket.removeIf(o -> o.userId.equals(userId));
        settleBrackets(now);
        Account fresh = Account.open(userId, config.initialCapital(), now.atZone(config.timezone()).toLocalDate(),
                now);
        Account old = accounts.put(userId, fresh);
        if (old != null) {
            for (String symbol : old.positions().keySet()) {
                batch.position(fresh, symbol);
            }
        }
        batch.accounts.put(userId, fresh);
        return fresh;
    }

    /** The validated new orders of the legs of one order or basket; a refusal names the leg of a basket. */
    private List<Order> newOrders(String userId, List<OrderRequest> legs, Instant now) {
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) {
            orders.add(newOrder(userId, legs.get(i), legs.size() == 1 ? "" : "Leg " + (i + 1) + ": ", now));
        }
        return orders;
    }

    /** A new order of {@code userId} from {@code req}, validated; {@code leg} prefixes the reasons of a refusal. */
    private Order newOrder(String userId, OrderRequest req, String leg, Instant now) {
        try {
            Instrument inst;
            try {
                inst = instruments.tradable(req.symbol(), now);
            } catch (Instruments.Untradable e) {
                throw OrderChecks.invalid(e.getMessage());
            }
            if (req.product().isPresent() && !req.product().get().equals(inst.product().name())) {
                throw OrderChecks.invalid("Field 'product' (" + req.product().get() + ") does not match symbol " + req.symbol());
            }
            OrderChecks.checkQuantity(inst, req.quantity());
            OrderChecks.checkTick(inst, "price", req.price());
            OrderChecks.checkTick(inst, "trigger_price", req.triggerPrice());
            Quote quote = quoteOf(inst);
            double trigger = req.triggerPrice();
            if (req.trailing()) {
                if (req.type() != OrderType.SL_M) {
                    throw OrderChecks.invalid("Only an SL-M order can trail (trailing_amount)");
                }
                OrderChecks.checkTick(inst, "trailing_amount", req.trailingAmount());
                if (Double.isNaN(trigger)) {
                    if (!(quote.last() > 0)) {
                        throw OrderChecks.invalid("No last price of " + inst.symbol() + " to trail yet");
                    }
                    trigger = OrderChecks.trailedTrigger(inst, req.side(), quote.last(), req.trailingAmount());
                }
            }
            OrderChecks.checkStop(req.type(), req.side(), req.price(), trigger, quote);
            if (req.bracket().isPresent()) {
                OrderChecks.checkBracket(inst, req, quote);
            }
            Order o = new Order(newId("ORD", now), userId, inst, req.type(), req.side(), req.validity(),
                    req.quantity(), req.price(), trigger, now);
            o.trailingAmount = req.trailingAmount();
            o.bracket = req.bracket().orElse(null);
            o.clientOrderId = req.clientOrderId().orElse(null);
            if (req.validity() == Validity.DAY) {
                o.expiresAt = dayEnd(inst.product(), now);
            }
            return o;
        } catch (OrderChecks.Refused r) {
            if (r.outcome instanceof Outcome.Invalid i && !leg.isEmpty()) {
                throw OrderChecks.invalid(leg + i.reason());
            }
            throw r;
        }
    }

    private List<OrderIntent> intents(List<Order> orders) {
        List<OrderIntent> out = new ArrayList<>();
        for (Order o : orders) {
            out.add(intent(o, o.remaining()));
        }
        return out;
    }

    /**
     * Changes a working order's limit price, total quantity or trigger price.
     *
     * @param quantity new total quantity (filled + open), or empty
     */
    public Outcome modify(String userId, String orderId, Optional<Long> quantity, Optional<Double> price,
                          Optional<Double> trigger, Instant now) {
        try {
            Order o = workingOrder(userId, orderId, "modify");
            Instrument inst = o.instrument;
            if (quantity.isEmpty() && price.isEmpty() && trigger.isEmpty()) {
                throw OrderChecks.invalid("Nothing to modify: give price, quantity or trigger_price");
            }
            if (o.parentOrderId != null && quantity.isPresent() && quantity.get() != o.quantity) {
                throw OrderChecks.invalid("The quantity of a bracket exit follows its entry; modify its price or cancel it");
            }
            long newQuantity = quantity.orElse(o.quantity);
            OrderChecks.checkQuantity(inst, newQuantity);
            if (newQuantity <= o.filledQuantity) {
                throw OrderChecks.invalid("Quantity must exceed the filled quantity " + o.filledQuantity);
            }
            if (price.isPresent() && !o.type.hasPrice()) {
                throw OrderChecks.invalid("A " + o.type.wire() + " order has no price to modify");
            }
            if (trigger.isPresent() && (!o.type.isStop() || o.triggered)) {
                throw OrderChecks.invalid("Only an untriggered SL or SL-M order has a trigger price to modify");
            }
            double newPrice = price.orElse(o.price);
            double newTrigger = trigger.orElse(o.triggerPrice);
            OrderChecks.checkTick(inst, "price", newPrice);
            OrderChecks.checkTick(inst, "trigger_price", newTrigger);
            if (!o.triggered) {
                OrderChecks.checkStop(o.type, o.side, newPrice, newTrigger, quoteOf(inst));
            }
            Order probe = new Order(o.orderId, userId, inst, o.type, o.side, o.validity, newQuantity, newPrice,
                    newTrigger, o.placedAt);
            probe.filledQuantity = o.filledQuantity;
            Optional<Rejected> rejected = risk.check(account(userId, now), List.of(intent(probe, probe.remaining())),
                    workingOf(userId, o), market.view());
            if (rejected.isPresent()) {
                return new Outcome.RiskRejected(rejected.get());
            }
            o.quantity = newQuantity;
            o.price = newPrice;
            o.triggerPrice = newTrigger;
            o.updatedAt = now;
            batch.order(o);
            OrderBook book = books.get(inst.symbol());
            if (book != null && book.restingQuantity(o.bookId) > 0) {
                batch.now = now;
                book.modify(o.bookId, inst.toTicks(o.price), o.remaining(), batch);
            }
            if (o.status == OrderStatus.TRIGGER_PENDING) {
                triggerStops(inst, now);
            }
            settleBrackets(now);
            return new Outcome.OrderAccepted(o);
        } catch (OrderChecks.Refused r) {
            return r.outcome;
        }
    }

    /** Cancels a working order (including the open rest of a partially filled one). */
    public Outcome cancel(String userId, String orderId, Instant now) {
        try {
            Order o = workingOrder(userId, orderId, "cancel");
            finish(o, OrderStatus.CANCELLED, "cancelled by user", now);
            settleBrackets(now);
            return new Outcome.OrderAccepted(o);
        } catch (OrderChecks.Refused r) {
            return r.outcome;
        }
    }

    /**
     * Re-evaluates the instruments whose quotes changed: refreshes their books' synthetic liquidity (filling resting
     * orders the market moved through), triggers stop orders, retries waiting market orders. The quotes must already
     * be in {@link MarketData}.
     */
    public void mark(Collection<String> symbols, Instant now) {
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
                book(inst, now);
            } else {
                seed(book, inst, q, now);
            }
            triggerStops(inst, now);
            retryMarketOrders(inst, now);
        }
        settleBrackets(now);
    }

    /** Expires DAY orders past their close and orders of expired options; settles expired option positions. */
    public void expire(Instant now) {
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
                if (spot.isPresent()) {
                    settle(a, p, spot.get(), now);
                }
            }
        }
        settleBrackets(now);
    }

    /**
     * Starts a new trading day (in the configured zone) for every account still on an earlier one: its equity now
     * becomes the day's start, against which the daily loss is measured.
     */
    public void rollDay(Instant now) {
        LocalDate today = now.atZone(config.timezone()).toLocalDate();
        MarketView view = market.view();
        for (Account a : accounts.values()) {
            if (!a.day().equals(today)) {
                a.rollDay(today, Valuation.of(a, view::mark).equity());
                batch.accounts.put(a.userId(), a);
            }
        }
    }

    /** Hands over (and forgets) what the commands changed since the last call. */
    public Changes drain() {
        Batch b = batch;
        batch = new Batch();
        return new Changes(new ArrayList<>(b.orders.values()), b.trades, new ArrayList<>(b.positions.values()),
                new ArrayList<>(b.accounts.values()));
    }

    // ---------------------------------------------------------------- accounts and reads

    /** The account of {@code userId}, opened with the initial capital at {@code now} if it has none. */
    public Account account(String userId, Instant now) {
        Account a = accounts.get(userId);
        if (a == null) {
            a = Account.open(userId, config.initialCapital(), now.atZone(config.timezone()).toLocalDate(), now);
            accounts.put(userId, a);
            batch.accounts.put(userId, a);
        }
        return a;
    }

    /** The account of {@code userId} if it has one. */
    public Optional<Account> existingAccount(String userId) {
        return Optional.ofNullable(accounts.get(userId));
    }

    /** The account marked to market. */
    public Valuation valuation(Account a) {
        return Valuation.of(a, market.view()::mark);
    }

    /** The margin blocked by the account's positions. */
    public MarginCalculator.Margin margin(Account a) {
        return risk.margin(a, market.view());
    }

    /**
     * Every account's margin together, and how many accounts use at least {@code threshold} of their cash as margin
     * (0.8 = 80%). One margin calculation per account.
     */
    public MarginUse marginUse(double threshold) {
        double used = 0;
        int above = 0;
        for (Account a : accounts.values()) {
            double m = margin(a).total();
            used += m;
            if (MarginUse.utilization(m, a.cash()) >= threshold) {
                above++;
            }
        }
        return new MarginUse(used, above);
    }

    /** The margin {@code p} alone would block, currency units. */
    public double positionMargin(Position p) {
        return margin.margin(Map.of(p.instrument(), p.quantity()), market.view()).total();
    }

    /** The {@code /risk} figures of the account. */
    public RiskReport riskReport(Account a) {
        return risk.report(a, market.view());
    }

    /**
     * The book of a known, quoted instrument for a depth read: the live one, or a fresh one seeded from the quote
     * (not kept, so that reads change nothing); empty when the instrument has no quote yet.
     */
    public Optional<OrderBook> bookForDepth(Instrument inst) {
        OrderBook book = books.get(inst.symbol());
        if (book != null) {
            return Optional.of(book);
        }
        return market.quote(inst.symbol()).map(q -> {
            OrderBook fresh = new OrderBook();
            long[][] ladders = SyntheticDepth.ladders(inst, q, config.depthLevels(), config.depthLots());
            fresh.setSynthetic(ladders[0], ladders[1], ladders[2], ladders[3], (t, m, s, p, n) -> { });
            return fresh;
        });
    }

    /** The live book of {@code inst}, if an order has opened it. */
    public Optional<OrderBook> liveBook(Instrument inst) {
        return Optional.ofNullable(books.get(inst.symbol()));
    }

    /** The number of working orders. */
    public int workingOrders() {
        return working.size();
    }

    // ---------------------------------------------------------------- recovery

    /** Restores a persisted account (at start, before any command). */
    public void restore(Account a) {
        accounts.put(a.userId(), a);
    }

    /**
     * Restores a persisted working order (at start, after the accounts, in sequence order): stops wait again for
     * their trigger, the others go back to their book (and may fill against the current market).
     */
    public void restore(Order o, Instant now) {
        lastSeq = Math.max(lastSeq, o.seq);
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
        settleBrackets(now);
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
        OrderBook book = book(inst, now);
        o.bookId = nextBookId++;
        byBookId.put(o.bookId, o);
        addWorking(o);
        boolean marketOrder = o.isMarket();
        long limit = marketOrder ? (o.side == Side.BUY ? OrderBook.MARKET_BUY : OrderBook.MARKET_SELL)
                : inst.toTicks(o.price);
        boolean rest = !marketOrder && o.validity != Validity.IOC;
        batch.now = now;
        book.place(o.bookId, owner(o.userId), o.side, limit, o.remaining(), rest, batch);
        if (o.status.isTerminal()) {
            return;
        }
        if (rest) {
            o.status = o.filledQuantity > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.OPEN;
        } else if (marketOrder && o.validity != Validity.IOC) {
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
            if (!Double.isNaN(o.trailingAmount)) {
                trail(o, ltp, now);
            }
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

    /** Moves a trailing stop's trigger after a last price that went its way (never back). */
    private void trail(Order o, double ltp, Instant now) {
        double follow = OrderChecks.trailedTrigger(o.instrument, o.side, ltp, o.trailingAmount);
        if (o.side == Side.SELL ? follow > o.triggerPrice : follow < o.triggerPrice) {
            o.triggerPrice = follow;
            o.updatedAt = now;
            batch.order(o);
        }
    }

    private void retryMarketOrders(Instrument inst, Instant now) {
        List<Order> list = pendingMarket.get(inst.symbol());
        if (list == null || list.isEmpty()) {
            return;
        }
        OrderBook book = book(inst, now);
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
        batch.trade(a, new Trade(newId("TRD", now), null, a.userId(), inst, q > 0 ? Side.SELL : Side.BUY,
                Math.abs(q), price, 0, effect.realizedPnl(), "settlement", null, spot, now));
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
        if (o.bracket != null && o.filledQuantity > 0) {
            entriesToBracket.add(o);
        }
        if (o.ocoOrderId != null) {
            exitsToBalance.add(o);
        }
    }

    /**
     * Places the exits of bracket entries that filled and adjusts the other exit of exits that traded or ended, until
     * nothing is left to do. Runs after the books are done with the command's matching (never inside a fill
     * callback, which must not re-enter a book).
     */
    private void settleBrackets(Instant now) {
        while (!entriesToBracket.isEmpty() || !exitsToBalance.isEmpty()) {
            List<Order> entries = new ArrayList<>(entriesToBracket);
            entriesToBracket.clear();
            for (Order entry : entries) {
                placeExits(entry, now);
            }
            List<Order> exits = new ArrayList<>(exitsToBalance);
            exitsToBalance.clear();
            for (Order exit : exits) {
                balance(exit, now);
            }
        }
    }

    /** The target (LIMIT) and stop-loss (SL-M) of a filled bracket entry, for its filled quantity. */
    private void placeExits(Order entry, Instant now) {
        Side side = entry.side == Side.BUY ? Side.SELL : Side.BUY;
        Validity validity = entry.validity == Validity.GTT ? Validity.GTT : Validity.DAY;
        Order target = new Order(newId("ORD", now), entry.userId, entry.instrument, OrderType.LIMIT, side, validity,
                entry.filledQuantity, entry.bracket.target(), Double.NaN, now);
        Order stop = new Order(newId("ORD", now), entry.userId, entry.instrument, OrderType.SL_M, side, validity,
                entry.filledQuantity, Double.NaN, entry.bracket.stopLoss(), now);
        target.ocoOrderId = stop.orderId;
        stop.ocoOrderId = target.orderId;
        for (Order exit : List.of(stop, target)) {
            exit.parentOrderId = entry.orderId;
            exit.seq = nextSeq(now);
            if (validity == Validity.DAY) {
                exit.expiresAt = dayEnd(entry.instrument.product(), now);
            }
            activate(exit, now);
            batch.order(exit);
        }
        // the market may already be through the stop-loss
        triggerStops(entry.instrument, now);
    }

    /**
     * One-cancels-other: a bracket exit that filled or ended cancels the other; one partly filled leaves the other
     * only what is still open.
     */
    private void balance(Order exit, Instant now) {
        Order other = working.get(exit.ocoOrderId);
        if (other == null) {
            return;
        }
        if (exit.status.isTerminal()) {
            finish(other, OrderStatus.CANCELLED, "one-cancels-other: " + exit.orderId + " "
                    + exit.status.name().toLowerCase(Locale.ROOT), now);
            return;
        }
        long quantity = other.filledQuantity + exit.remaining();
        if (quantity < other.quantity) {
            other.quantity = quantity;
            other.updatedAt = now;
            batch.order(other);
            OrderBook book = books.get(other.instrument.symbol());
            if (book != null && book.restingQuantity(other.bookId) > 0) {
                batch.now = now;
                book.modify(other.bookId, other.instrument.toTicks(other.price), other.remaining(), batch);
            }
        }
    }

    private void addWorking(Order o) {
        working.put(o.orderId, o);
        workingByUser.computeIfAbsent(o.userId, u -> new LinkedHashMap<>()).put(o.orderId, o);
    }

    private void removeWorking(Order o) {
        working.remove(o.orderId);
        finished.put(o.orderId, o);
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
            throw OrderChecks.invalid("Cannot " + action + " order in status: " + ended.status.name());
        }
        throw new OrderChecks.Refused(new Outcome.NotFound(orderId));
    }

    private Quote quoteOf(Instrument inst) {
        return market.quote(inst.symbol()).orElseThrow(() -> OrderChecks.invalid("No market data for " + inst.symbol()
                + " yet"));
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

    private long owner(String userId) {
        return owners.computeIfAbsent(userId, u -> (long) owners.size() + 1);
    }

    private OrderBook book(Instrument inst, Instant now) {
        OrderBook book = books.get(inst.symbol());
        if (book == null) {
            OrderBook created = new OrderBook();
            books.put(inst.symbol(), created);
            market.quote(inst.symbol()).ifPresent(q -> seed(created, inst, q, now));
            book = created;
        }
        return book;
    }

    /** Replaces the book's synthetic ladders with those derived from {@code q}. */
    private void seed(OrderBook book, Instrument inst, Quote q, Instant now) {
        batch.now = now;
        long[][] ladders = SyntheticDepth.ladders(inst, q, config.depthLevels(), config.depthLots());
        book.setSynthetic(ladders[0], ladders[1], ladders[2], ladders[3], batch);
    }

    private static Instant dayEnd(Product p, Instant now) {
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

    /** The changes of one command: what to persist and publish. Also the books' fill listener. */
    private final class Batch implements FillListener {
        final Map<String, Order> orders = new LinkedHashMap<>();
        final List<Trade> trades = new ArrayList<>();
        final Map<String, Changes.PositionChange> positions = new LinkedHashMap<>();
        final Map<String, Account> accounts = new LinkedHashMap<>();
        Instant now = Instant.EPOCH;

        void order(Order o) {
            orders.put(o.orderId, o);
        }

        void trade(Account a, Trade t) {
            trades.add(t);
            accounts.put(a.userId(), a);
        }

        void position(Account a, String symbol) {
            positions.put(a.userId() + "\u0000" + symbol, new Changes.PositionChange(a, symbol));
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
            double fee = config.commissions().fee(quantity * price);
            Account.FillEffect effect = a.applyFill(inst, o.sign() * quantity, price, fee, now);
            trade(a, new Trade(newId("TRD", now), o.orderId, o.userId, inst, o.side, quantity, price, fee,
                    effect.realizedPnl(), liquidity, againstMarket ? "market" : "user", Double.NaN, now));
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
                if (o.bracket != null) {
                    entriesToBracket.add(o);
                }
            } else {
                o.status = OrderStatus.PARTIALLY_FILLED;
            }
            if (o.ocoOrderId != null) {
                exitsToBalance.add(o);
            }
            order(o);
        }
    }
}
