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
import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.http.KeyedRateLimit;
import io.deltastream.platform.http.RateLimit;
import io.deltastream.bus.limit.SharedRateLimit;
import io.deltastream.trading.cluster.OwnerForwarder;
import io.deltastream.trading.cluster.PartitionLeases;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Paper trading: order management, risk checks, matching against the live market, portfolio and P&L. Several
 * instances may run over one Redis and one store: users are hashed onto partitions, each served by the one instance
 * that holds its lease ({@link PartitionLeases}); the others forward a user's calls there ({@link OwnerForwarder}).
 * Without Redis there is one partition, served by this process.
 */
public final class TradeSimulatorService implements Service {
    public static final String NAME = "trade-simulator";
    private static final Logger LOG = LoggerFactory.getLogger(TradeSimulatorService.class);
    /** Journal entries kept before each partition's last one (the last one, all a takeover needs, always stays). */
    private static final Duration JOURNAL_KEPT = Duration.ofMinutes(1);

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
        // With Redis every instance counts a user's orders in one place; without, this process is the only one.
        KeyedRateLimit localLimit = new KeyedRateLimit(config.limits().ordersPerSecond(), config.limits().orderBurst(),
                System::nanoTime);
        RateLimit orderLimit = ctx.env().isSet("REDIS_URL") ? new SharedRateLimit(bus.cache(), "orders",
                config.limits().ordersPerSecond(), config.limits().orderBurst())
                : localLimit;
        PartitionLeases leases = leases(ctx, bus);
        ScheduledExecutorService leaseTimer = Executors.newSingleThreadScheduledExecutor(r ->
                ctx.thread("leases", r));
        GroupCommitWriter writer = new GroupCommitWriter(store, clock, leases.token(), leases::holds,
                p -> leaseTimer.execute(() -> leases.drop(p)), body -> ctx.thread("store-writer", body));
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
        }, clock, orderLimit, leases::partitionOf);
        FeedSubscriber feed = new FeedSubscriber(market, universe, config.underlyingSpreadBps(), e::onQuotes);
        feed.warmStart(bus);
        leases.start(new PartitionLeases.Holder() {
            @Override
            public void gained(Set<Integer> partitions) {
                e.gained(partitions);
            }

            @Override
            public void lost(int partition) {
                e.lost(partition);
            }

            @Override
            public void handOver(int partition) {
                e.handOver(partition);
            }
        });
        ctx.onStop(leaseTimer::shutdownNow);
        ctx.onStop(leases);
        this.engine = e;
        OwnerForwarder forwarder = new OwnerForwarder(leases, Credential.internal(ctx.env()),
                leases.handOverPatience());
        new TradeRoutes(e, store, tokens, new TokenStanding(bus.cache(), clock), clock, config.timezone(),
                config.initialCapital(), leases::partitionOf, forwarder).register(ctx.routes());
        ctx.healthDetail("partitions", () -> leases.held().size());
        ctx.healthDetail("working_orders", e::workingOrders);
        Gauge.builder("trading_working_orders", e, TradingEngine::workingOrders)
                .description("Orders resting, waiting for a trigger or for liquidity").register(metrics);
        MarginMetrics.register(e, metrics);
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r ->
                ctx.thread("housekeeping", r));
        ctx.onStarted(() -> {
            feed.subscribe(bus);
            long every = leases.renewEvery().toMillis();
            leaseTimer.scheduleWithFixedDelay(() -> {
                MDC.put("service", NAME);
                leases.tick();
            }, every, every, TimeUnit.MILLISECONDS);
            long ms = config.housekeepingInterval().toMillis();
            housekeeping.scheduleWithFixedDelay(() -> {
                MDC.put("service", NAME);
                try {
                    e.housekeeping();
                    writer.pruneJournals(JOURNAL_KEPT);
                    localLimit.pruneFull();
                } catch (RuntimeException ex) {
                    LOG.error("housekeeping failed", ex);
                }
            }, ms, ms, TimeUnit.MILLISECONDS);
        });
        ctx.onStop(feed);
        ctx.onStop(housekeeping::shutdownNow);
    }

    /**
     * The partition leases: with Redis ({@code REDIS_URL}), {@code TRADING_PARTITIONS} partitions shared by every
     * instance, leased for {@code TRADING_LEASE_TTL}; without, one partition leased (for a day, renewed) in the
     * in-process cache, so that this process serves everything.
     */
    private static PartitionLeases leases(ServiceContext ctx, Bus bus) {
        Env env = ctx.env();
        boolean shared = env.isSet("REDIS_URL");
        int partitions = shared ? env.integer("TRADING_PARTITIONS", 64, 1, 4096) : 1;
        Duration ttl = shared ? env.seconds("TRADING_LEASE_TTL", Duration.ofSeconds(6), Duration.ofMinutes(5))
                : Duration.ofDays(1);
        InetAddress local = localHost();
        String url = env.optional("TRADING_INSTANCE_URL").orElseGet(() -> instanceUrl(local,
                env.port("TRADE_SIMULATOR_PORT", env.port("PORT", 8007))));
        String id = local.getHostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new PartitionLeases(bus.cache(), partitions, id, url, ttl, System::nanoTime,
                System::currentTimeMillis);
    }

    private static InetAddress localHost() {
        try {
            return InetAddress.getLocalHost();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    /**
     * Where the other instances reach this one unless {@code TRADING_INSTANCE_URL} says: the address this host's name
     * resolves to locally, not the name. A Kubernetes pod's or a scaled compose container's name is in its own
     * {@code /etc/hosts} only, while its address is routable from the other pods or containers.
     */
    static String instanceUrl(InetAddress address, int port) {
        String host = address.getHostAddress();
        return "http://" + (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
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
