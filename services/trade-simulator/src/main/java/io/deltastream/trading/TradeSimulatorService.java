package io.deltastream.trading;

import io.deltastream.bus.Bus;
import io.deltastream.bus.Buses;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.market.channel.UserTopics;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.wire.UserEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import io.deltastream.store.Stores;
import io.deltastream.trading.api.TradeRoutes;
import io.deltastream.trading.api.TradingEngine;
import io.deltastream.trading.feed.FeedSubscriber;
import io.deltastream.trading.feed.MarketData;
import io.deltastream.trading.instrument.Instruments;
import io.deltastream.trading.oms.OrderStatus;
import io.deltastream.trading.persistence.GroupCommitWriter;
import io.deltastream.trading.persistence.TradingStore;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Paper trading: order management, risk checks, matching against the live market, portfolio and P&L. Single-instance:
 * the books and the sequencer live in this process (see {@link TradingEngine}).
 */
public final class TradeSimulatorService implements Service {
    public static final String NAME = "trade-simulator";
    private static final Logger LOG = LoggerFactory.getLogger(TradeSimulatorService.class);

    private final Clock clock;
    private volatile TradingEngine engine;

    public TradeSimulatorService() {
        this(Clock.systemUTC());
    }

    /** With an explicit clock (tests of expiry and settlement). */
    public TradeSimulatorService(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8007;
    }

    /** The engine once installed (tests drive housekeeping through it). */
    public TradingEngine engine() {
        return engine;
    }

    @Override
    public void install(ServiceContext ctx) {
        TradingConfig config = TradingConfig.from(ctx.env());
        ProductUniverse universe = ProductUniverse.from(ctx.env());
        AccessTokens tokens = AccessTokens.fromEnv(ctx.env());
        TradingStore store = new TradingStore(Stores.open(ctx, "trading"));
        Bus bus = Buses.open(ctx);
        MarketData market = new MarketData(clock);
        GroupCommitWriter writer = new GroupCommitWriter(store, body -> ctx.thread("store-writer", body));
        ctx.onStop(writer);
        MeterRegistry metrics = ctx.metrics();
        // exported at zero from the start, so that rates, dashboards and alerts see the series before the first order
        metrics.counter("trading_fills_total");
        for (OrderStatus status : OrderStatus.values()) {
            metrics.counter("trading_order_updates_total", "status", status.name());
        }
        TradingEngine e = new TradingEngine(config, new Instruments(universe), market, store, writer, ev -> {
            count(metrics, ev);
            bus.topics().publish(UserTopics.USER_EVENTS, ev.encode());
        }, clock, System::nanoTime);
        FeedSubscriber feed = new FeedSubscriber(market, universe, config.underlyingSpreadBps(), e::onQuotes);
        feed.warmStart(bus);
        e.recover();
        this.engine = e;
        new TradeRoutes(e, store, tokens, new TokenStanding(bus.cache(), clock), clock, config.timezone(), config.initialCapital()).register(ctx.routes());
        ctx.healthDetail("working_orders", e::workingOrders);
        Gauge.builder("trading_working_orders", e, TradingEngine::workingOrders)
                .description("Orders resting, waiting for a trigger or for liquidity").register(metrics);
        MarginMetrics.register(e, metrics);
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r ->
                ctx.thread("housekeeping", r));
        ctx.onStarted(() -> {
            feed.subscribe(bus);
            long ms = config.housekeepingInterval().toMillis();
            housekeeping.scheduleWithFixedDelay(() -> {
                MDC.put("service", NAME);
                try {
                    e.housekeeping();
                } catch (RuntimeException ex) {
                    LOG.error("housekeeping failed", ex);
                }
            }, ms, ms, TimeUnit.MILLISECONDS);
        });
        ctx.onStop(feed);
        ctx.onStop(housekeeping::shutdownNow);
    }

    /** Counts fills and order updates by status ({@code trading_fills_total}, {@code trading_order_updates_total}). */
    private static void count(MeterRegistry metrics, UserEvent ev) {
        if (UserEvent.TRADE.equals(ev.event())) {
            metrics.counter("trading_fills_total").increment();
        } else if (UserEvent.ORDER_UPDATE.equals(ev.event())) {
            metrics.counter("trading_order_updates_total", "status", ev.data().path("status").asText()).increment();
        }
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new TradeSimulatorService());
    }
}
