package io.deltastream.trading.oms;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.product.Product;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.platform.config.Env;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.testkit.ManualClock;
import io.deltastream.trading.TradingConfig;
import io.deltastream.trading.feed.MarketData;
import io.deltastream.trading.feed.Quote;
import io.deltastream.trading.instrument.Instrument;
import io.deltastream.trading.instrument.Instruments;
import io.deltastream.trading.matching.Side;
import io.deltastream.trading.portfolio.Account;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trading core against {@link AccountsOracle}: random command streams (orders of every type and validity,
 * trailing stops, brackets, baskets, modifications, cancels, quote moves, expiry and day roll-over, over three users and four options, one of which
 * expires during the stream) replayed into the core, with every account, position, order and fill checked against
 * the plain model after every command.
 */
class TradingCoreOracleTest {
    private static final ProductUniverse UNIVERSE = ProductUniverse.defaults();
    private static final Product NIFTY = UNIVERSE.get("NIFTY");
    /** A Monday, 09:30 in Kolkata. */
    private static final Instant START = Instant.parse("2026-12-07T04:00:00Z");
    private static final List<String> USERS = List.of("alice", "bob", "carol");

    private ManualClock clock;
    private MarketData market;
    private TradingCore core;
    private TradingConfig config;
    private AccountsOracle oracle;
    private final List<Instrument> instruments = new ArrayList<>();
    private final Map<String, Double> fair = new HashMap<>();
    private double spot = 21500;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void theCoreAgreesWithThePlainModelAfterEveryCommand(long seed) {
        // Generous limits, so that most orders reach the book; the risk rules have their own tests.
        config = TradingConfig.from(Env.of(Map.of("TRADING_MAX_OPEN_POSITIONS", "100",
                "TRADING_CONCENTRATION_LIMIT", "1", "TRADING_DAILY_LOSS_LIMIT", "100000000",
                "TRADING_PRICE_BAND_ABS", "1000")));
        clock = new ManualClock(START);
        market = new MarketData(clock);
        core = new TradingCore(config, new Instruments(UNIVERSE), market);
        oracle = new AccountsOracle(config.initialCapital(), config.commissions());
        Instruments known = new Instruments(UNIVERSE);
        List<LocalDate> expiries = ExpiryCalendar.upcoming(NIFTY, START);
        for (String symbol : List.of(OptionSymbol.format("NIFTY", expiries.get(0), OptionType.CALL, 21500),
                OptionSymbol.format("NIFTY", expiries.get(2), OptionType.CALL, 21500),
                OptionSymbol.format("NIFTY", expiries.get(2), OptionType.PUT, 21500),
                OptionSymbol.format("NIFTY", expiries.get(2), OptionType.CALL, 21700))) {
            instruments.add(known.known(symbol).orElseThrow());
            fair.put(symbol, 100.0);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Instrument i : instruments) {
            quote(i, rnd);
        }
        market.putSpot("NIFTY", spot, clock.instant());
        int accepted = 0;
        for (int step = 0; step < 600; step++) {
            int r = rnd.nextInt(100);
            Outcome outcome = null;
            if (r < 40) {
                outcome = core.place(USERS.get(rnd.nextInt(USERS.size())), randomOrder(rnd), clock.instant());
            } else if (r < 45) {
                List<OrderRequest> legs = new ArrayList<>();
                for (int leg = 2 + rnd.nextInt(3); leg > 0; leg--) {
                    legs.add(randomOrder(rnd));
                }
                outcome = core.placeBasket(USERS.get(rnd.nextInt(USERS.size())), legs, clock.instant());
            } else if (r < 55) {
                String id = someOrder(rnd);
                outcome = core.cancel(ownerOf(id, rnd), id, clock.instant());
            } else if (r < 65) {
                Optional<Long> q = rnd.nextBoolean() ? Optional.of(75L * (1 + rnd.nextInt(4))) : Optional.empty();
                Optional<Double> p = rnd.nextBoolean() ? Optional.of(tick(90 + rnd.nextInt(200) * 0.1))
                        : Optional.empty();
                String id = someOrder(rnd);
                outcome = core.modify(ownerOf(id, rnd), id, q, p, Optional.empty(), clock.instant());
            } else if (r < 90) {
                List<String> moved = new ArrayList<>();
                for (Instrument i : instruments) {
                    if (rnd.nextInt(3) == 0) {
                        quote(i, rnd);
                        moved.add(i.symbol());
                    }
                }
                spot += rnd.nextInt(21) - 10;
                market.putSpot("NIFTY", spot, clock.instant());
                core.mark(moved, clock.instant());
            } else if (r < 97) {
                clock.advance(Duration.ofMinutes(1 + rnd.nextInt(30)));
                core.expire(clock.instant());
            } else {
                // the next morning: housekeeping expires, settles and starts the new day
                clock.set(clock.instant().plus(Duration.ofDays(1)));
                core.expire(clock.instant());
                check(outcome);
                core.rollDay(clock.instant());
                oracle.rollDay(today(), market.view()::mark);
            }
            check(outcome);
            if (outcome instanceof Outcome.OrderAccepted || outcome instanceof Outcome.BasketAccepted) {
                accepted++;
            }
        }
        long filledOrders = oracle.orders().values().stream().filter(o -> o.filledQuantity() > 0).count();
        // the stream must have exercised the core, or the agreement means little
        assertThat(accepted).isGreaterThan(50);
        assertThat(filledOrders).isGreaterThan(20);
        assertThat(oracle.brackets).isPositive();
    }

    private void check(Outcome outcome) {
        Changes changes = core.drain();
        if (outcome instanceof Outcome.Invalid || outcome instanceof Outcome.NotFound) {
            assertThat(changes.isEmpty()).as("a refused command changed nothing: %s", outcome).isTrue();
        }
        if (outcome instanceof Outcome.RiskRejected) {
            assertThat(changes.trades()).isEmpty();
        }
        oracle.apply(changes, today());
        oracle.checkOrders(core.workingOrders());
        for (String user : USERS) {
            Optional<Account> a = core.existingAccount(user);
            if (a.isPresent()) {
                oracle.checkAccount(a.get(), core.valuation(a.get()), market.view()::mark);
            }
        }
    }

    private LocalDate today() {
        return clock.instant().atZone(config.timezone()).toLocalDate();
    }

    private OrderRequest randomOrder(SplittableRandom rnd) {
        Instrument i = instruments.get(rnd.nextInt(instruments.size()));
        Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
        long quantity = 75L * (1 + rnd.nextInt(4));
        int v = rnd.nextInt(10);
        Validity validity = v < 2 ? Validity.IOC : v < 4 ? Validity.GTT : Validity.DAY;
        double last = market.quote(i.symbol()).orElseThrow().last();
        int t = rnd.nextInt(10);
        if (t < 3) {
            return new OrderRequest(i.symbol(), OrderType.MARKET, side, quantity, Double.NaN, Double.NaN, validity,
                    Optional.empty(), Double.NaN, bracket(rnd, side, last), Optional.empty());
        }
        if (t < 8) {
            double price = tick(last + (rnd.nextInt(41) - 20) * 0.25);
            return new OrderRequest(i.symbol(), OrderType.LIMIT, side, quantity, price, Double.NaN, validity,
                    Optional.empty(), Double.NaN, bracket(rnd, side, price), Optional.empty());
        }
        double trigger = tick(side == Side.BUY ? last + 1 + rnd.nextInt(4) : last - 1 - rnd.nextInt(4));
        if (t == 8) {
            double price = tick(side == Side.BUY ? trigger + 1 : trigger - 1);
            return new OrderRequest(i.symbol(), OrderType.SL, side, quantity, price, trigger, validity,
                    Optional.empty());
        }
        if (rnd.nextBoolean()) {
            return new OrderRequest(i.symbol(), OrderType.SL_M, side, quantity, Double.NaN, Double.NaN, validity,
                    Optional.empty(), 0.5 * (1 + rnd.nextInt(8)), Optional.empty(), Optional.empty());
        }
        return new OrderRequest(i.symbol(), OrderType.SL_M, side, quantity, Double.NaN, trigger, validity,
                Optional.empty());
    }

    /** Now and then the exits of a bracket around {@code entry}: a target and a stop-loss a few points away. */
    private static Optional<OrderRequest.Bracket> bracket(SplittableRandom rnd, Side side, double entry) {
        if (rnd.nextInt(4) != 0) {
            return Optional.empty();
        }
        double away = 1 + rnd.nextInt(8);
        double target = tick(side == Side.BUY ? entry + away : entry - away);
        double stop = tick(side == Side.BUY ? entry - away : entry + away);
        return stop > 0 ? Optional.of(new OrderRequest.Bracket(target, stop)) : Optional.empty();
    }

    /** Moves the instrument's fair value by a random walk and quotes it with a random spread. */
    private void quote(Instrument i, SplittableRandom rnd) {
        double f = Math.max(5, fair.get(i.symbol()) + (rnd.nextInt(21) - 10) * 0.5);
        fair.put(i.symbol(), f);
        double half = 0.5 + rnd.nextInt(4) * 0.5;
        double last = tick(f + (rnd.nextInt(5) - 2) * 0.5);
        market.putQuote(i.symbol(), new Quote(tick(f - half), tick(f + half), last, 0.13, clock.instant()));
    }

    /** An order id the core knows (mostly), else one it never issued. */
    private String someOrder(SplittableRandom rnd) {
        List<String> ids = new ArrayList<>(oracle.orders().keySet());
        if (ids.isEmpty() || rnd.nextInt(10) == 0) {
            return "ORD_UNKNOWN_" + rnd.nextInt(1000);
        }
        return ids.get(ids.size() - 1 - rnd.nextInt(Math.min(ids.size(), 20)));
    }

    /** Usually the owner of the order, sometimes another user (who must not reach it). */
    private String ownerOf(String orderId, SplittableRandom rnd) {
        AccountsOracle.OrderState o = oracle.orders().get(orderId);
        return o != null && rnd.nextInt(8) != 0 ? o.userId() : USERS.get(rnd.nextInt(USERS.size()));
    }

    /** The nearest multiple of NIFTY's tick, 0.05. */
    private static double tick(double price) {
        return Math.rint(price * 20) / 20.0;
    }
}
