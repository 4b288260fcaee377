package io.deltastream.trading.oms;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.trading.instrument.Instrument;
import io.deltastream.trading.matching.Side;
import io.deltastream.trading.portfolio.Account;
import io.deltastream.trading.portfolio.CommissionSchedule;
import io.deltastream.trading.portfolio.Position;
import io.deltastream.trading.portfolio.Valuation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.assertj.core.data.Offset;

/**
 * The engine-level test oracle: a plain, slow model of orders, accounts, positions and P&L. It keeps nothing but the
 * history (every trade, the latest state of every order) and recomputes each account from the whole history at every
 * check, with the textbook weighted-average-cost rules, so that an incremental shortcut in the core cannot hide.
 */
final class AccountsOracle {
    /** Sums over positions, whose order the model does not share with the core, agree to rounding only. */
    private static final Offset<Double> CENT_FRACTION = Offset.offset(1e-6);
    private static final Set<OrderStatus> WORKING = EnumSet.of(OrderStatus.PENDING, OrderStatus.TRIGGER_PENDING,
            OrderStatus.OPEN, OrderStatus.PARTIALLY_FILLED);

    /** The latest state of an order as the core reported it. */
    record OrderState(String userId, String symbol, Side side, Validity validity, long quantity, OrderStatus status,
                      long filledQuantity, double averageFillPrice, String parentOrderId) {
    }

    /** What the oracle expects of one position, recomputed from the trades. */
    record Holding(long quantity, double averagePrice, double realizedPnl) {
    }

    /** How many brackets opened their exits (so that a test can tell its stream exercised them). */
    int brackets;
    private final double initialCapital;
    private final CommissionSchedule commissions;
    private final Map<String, OrderState> orders = new LinkedHashMap<>();
    private final List<Trade> trades = new ArrayList<>();
    /** Per user: the day and the day's start equity the model expects (set when an account opens or rolls). */
    private final Map<String, LocalDate> days = new HashMap<>();
    private final Map<String, Double> dayStartEquity = new HashMap<>();

    AccountsOracle(double initialCapital, CommissionSchedule commissions) {
        this.initialCapital = initialCapital;
        this.commissions = commissions;
    }

    Map<String, OrderState> orders() {
        return orders;
    }

    /** Takes the changes of one command run on {@code today}, checking what can be checked of them alone. */
    void apply(Changes changes, LocalDate today) {
        for (Order o : changes.orders()) {
            OrderState before = orders.get(o.orderId());
            if (before != null) {
                assertThat(WORKING).as("a %s order %s changed again", before.status(), o.orderId())
                        .contains(before.status());
            }
            orders.put(o.orderId(), new OrderState(o.userId(), o.instrument().symbol(), o.side(), o.validity(),
                    o.quantity(), o.status(), o.filledQuantity(), o.averageFillPrice(), o.parentOrderId()));
        }
        List<Trade> fresh = changes.trades();
        for (int i = 0; i < fresh.size(); i++) {
            Trade t = fresh.get(i);
            assertThat(t.quantity()).isPositive();
            if (t.settlement()) {
                assertThat(t.commission()).isZero();
                assertThat(t.price()).isEqualTo(t.instrument().intrinsic(t.settlementSpot()));
            } else {
                assertThat(t.commission()).as("fee of %s", t).isEqualTo(commissions.fee(t.quantity() * t.price()));
                OrderState o = orders.get(t.orderId());
                assertThat(o).as("the order of %s", t).isNotNull();
                assertThat(o.userId()).isEqualTo(t.userId());
                assertThat(o.side()).isEqualTo(t.side());
                assertThat(o.symbol()).isEqualTo(t.instrument().symbol());
                if ("user".equals(t.counterparty()) && "taker".equals(t.liquidity())) {
                    // a cross between two users books the taker's fill, then the maker's at the same price
                    Trade maker = fresh.get(i + 1);
                    assertThat(maker.liquidity()).isEqualTo("maker");
                    assertThat(maker.counterparty()).isEqualTo("user");
                    assertThat(maker.price()).isEqualTo(t.price());
                    assertThat(maker.quantity()).isEqualTo(t.quantity());
                    assertThat(maker.side()).isNotEqualTo(t.side());
                    assertThat(maker.userId()).as("self-trade prevention").isNotEqualTo(t.userId());
                }
            }
            trades.add(t);
        }
        for (Account a : changes.accounts()) {
            days.putIfAbsent(a.userId(), today);
            dayStartEquity.putIfAbsent(a.userId(), initialCapital);
        }
    }

    /** A new day starts for every account on an earlier one, at the equity of its positions at {@code marks}. */
    void rollDay(LocalDate today, Function<Instrument, Optional<Double>> marks) {
        for (String user : days.keySet()) {
            if (!days.get(user).equals(today)) {
                days.put(user, today);
                dayStartEquity.put(user, equity(user, marks).doubleValue());
            }
        }
    }

    /** Cash replayed from the trades plus the replayed positions at {@code marks} (at their average when unmarked). */
    private BigDecimal equity(String user, Function<Instrument, Optional<Double>> marks) {
        BigDecimal equity = BigDecimal.valueOf(initialCapital);
        Map<String, Instrument> instruments = new HashMap<>();
        for (Trade t : trades) {
            if (t.userId().equals(user)) {
                equity = equity.subtract(BigDecimal.valueOf(signed(t)).multiply(BigDecimal.valueOf(t.price())))
                        .subtract(BigDecimal.valueOf(t.commission()));
                instruments.put(t.instrument().symbol(), t.instrument());
            }
        }
        for (Map.Entry<String, Holding> h : holdings(user).entrySet()) {
            double mark = marks.apply(instruments.get(h.getKey())).orElse(h.getValue().averagePrice());
            equity = equity.add(BigDecimal.valueOf(h.getValue().quantity()).multiply(BigDecimal.valueOf(mark)));
        }
        return equity;
    }

    /** Checks every order against its trades and the working-order count. */
    void checkOrders(int coreWorkingOrders) {
        Map<String, long[]> filled = new HashMap<>();
        Map<String, double[]> value = new HashMap<>();
        for (Trade t : trades) {
            if (!t.settlement()) {
                filled.computeIfAbsent(t.orderId(), k -> new long[1])[0] += t.quantity();
                value.computeIfAbsent(t.orderId(), k -> new double[1])[0] += t.quantity() * t.price();
            }
        }
        long working = 0;
        for (Map.Entry<String, OrderState> e : orders.entrySet()) {
            OrderState o = e.getValue();
            long f = filled.containsKey(e.getKey()) ? filled.get(e.getKey())[0] : 0;
            assertThat(o.filledQuantity()).as("filled quantity of %s", e.getKey()).isEqualTo(f);
            assertThat(f).isLessThanOrEqualTo(o.quantity());
            assertThat(o.averageFillPrice()).as("average fill price of %s", e.getKey())
                    .isEqualTo(f == 0 ? 0 : value.get(e.getKey())[0] / f);
            assertThat(o.status() == OrderStatus.FILLED).as("FILLED status of %s", e.getKey())
                    .isEqualTo(f == o.quantity());
            if (o.status() == OrderStatus.REJECTED) {
                assertThat(f).isZero();
            }
            if (WORKING.contains(o.status())) {
                working++;
            }
        }
        assertThat(coreWorkingOrders).as("working orders").isEqualTo(working);
        // one-cancels-other: a bracket's exits together never sell (buy) back more than its entry bought (sold)
        Map<String, Long> exited = new HashMap<>();
        for (OrderState o : orders.values()) {
            if (o.parentOrderId() != null) {
                exited.merge(o.parentOrderId(), o.filledQuantity(), Long::sum);
                assertThat(o.side()).isNotEqualTo(orders.get(o.parentOrderId()).side());
            }
        }
        exited.forEach((entry, units) -> assertThat(units).as("exits of bracket %s", entry)
                .isLessThanOrEqualTo(orders.get(entry).filledQuantity()));
        brackets = Math.max(brackets, exited.size());
    }

    /** The positions of {@code userId}, replayed trade by trade from flat. */
    Map<String, Holding> holdings(String userId) {
        Map<String, Holding> out = new TreeMap<>();
        for (Trade t : trades) {
            if (t.userId().equals(userId)) {
                Holding h = out.getOrDefault(t.instrument().symbol(), new Holding(0, 0, 0));
                Holding next = apply(h, signed(t), t.price()).holding();
                if (next.quantity() == 0) {
                    // a flat position is closed: the next fill opens a new one, with its own realized P&L
                    out.remove(t.instrument().symbol());
                } else {
                    out.put(t.instrument().symbol(), next);
                }
            }
        }
        return out;
    }

    private record Step(Holding holding, double realized) {
    }

    /** Weighted average cost: adding averages in, reducing realizes against the average, crossing zero reopens. */
    private static Step apply(Holding h, long s, double price) {
        long q = h.quantity();
        if (q == 0 || Long.signum(q) == Long.signum(s)) {
            long next = q + s;
            double average = (Math.abs(q) * h.averagePrice() + Math.abs(s) * price) / Math.abs(next);
            return new Step(new Holding(next, average, h.realizedPnl()), 0);
        }
        long closed = Math.min(Math.abs(q), Math.abs(s));
        double realized = closed * (price - h.averagePrice()) * Long.signum(q);
        long next = q + s;
        double average = next == 0 ? 0 : Long.signum(next) != Long.signum(q) ? price : h.averagePrice();
        return new Step(new Holding(next, average, h.realizedPnl() + realized), realized);
    }

    private static long signed(Trade t) {
        return t.side() == Side.BUY ? t.quantity() : -t.quantity();
    }

    /** Checks the core's account of {@code userId} against the model: cash, fees, realized P&L, positions, day. */
    void checkAccount(Account a, Valuation coreValuation, Function<Instrument, Optional<Double>> marks) {
        String user = a.userId();
        double cash = initialCapital;
        double fees = 0;
        double realized = 0;
        Map<String, Holding> replay = new HashMap<>();
        for (Trade t : trades) {
            if (!t.userId().equals(user)) {
                continue;
            }
            long s = signed(t);
            cash -= s * t.price() + t.commission();
            fees += t.commission();
            Step step = apply(replay.getOrDefault(t.instrument().symbol(), new Holding(0, 0, 0)), s, t.price());
            replay.put(t.instrument().symbol(), step.holding());
            assertThat(t.realizedPnl()).as("realized P&L of %s", t).isEqualTo(step.realized());
            realized += step.realized();
        }
        assertThat(a.cash()).as("cash of %s", user).isEqualTo(cash);
        assertThat(a.commissions()).as("fees of %s", user).isEqualTo(fees);
        assertThat(a.grossRealized()).as("gross realized P&L of %s", user).isEqualTo(realized);
        Map<String, Holding> expected = holdings(user);
        Map<String, Holding> actual = new TreeMap<>();
        BigDecimal unrealized = BigDecimal.ZERO;
        for (Position p : a.positions().values()) {
            actual.put(p.instrument().symbol(), new Holding(p.quantity(), p.averagePrice(), p.realizedPnl()));
            double mark = marks.apply(p.instrument()).orElse(p.averagePrice());
            unrealized = unrealized.add(BigDecimal.valueOf(p.quantity())
                    .multiply(BigDecimal.valueOf(mark).subtract(BigDecimal.valueOf(p.averagePrice()))));
        }
        assertThat(actual).as("positions of %s", user).isEqualTo(expected);
        assertThat(coreValuation.equity()).as("equity of %s", user)
                .isCloseTo(equity(user, marks).doubleValue(), CENT_FRACTION);
        assertThat(coreValuation.unrealizedPnl()).as("unrealized P&L of %s", user)
                .isCloseTo(unrealized.doubleValue(), CENT_FRACTION);
        assertThat(a.day()).as("day of %s", user).isEqualTo(days.get(user));
        assertThat(a.dayStartEquity()).as("day start equity of %s", user)
                .isCloseTo(dayStartEquity.get(user), CENT_FRACTION);
    }
}
