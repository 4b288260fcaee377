package io.deltastream.socket;

import io.deltastream.bus.Bus;
import io.deltastream.bus.Buses;
import io.deltastream.bus.TopicSubscription;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.market.live.LiveChains;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.health.HealthCheck;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import io.deltastream.socket.delivery.ClientDirectory;
import io.deltastream.socket.delivery.DeliveryMetrics;
import io.deltastream.socket.front.SocketFront;
import io.deltastream.socket.protocol.GatewayProtocol;
import io.deltastream.socket.stream.BusStream;
import io.deltastream.socket.stream.MarketCatalog;
import io.deltastream.socket.stream.Snapshots;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Streams enriched market data and user events to Socket.IO clients on port 8002 (see {@link SocketFront} for the
 * protocol). Every instance subscribes to the bus's fan-out topics and delivers to its own clients only, so with N
 * instances each client still gets each event once.
 */
public final class SocketGatewayService implements Service {
    public static final String NAME = "socket-gateway";
    /** How often clients with waiting messages are given a chance to catch up. */
    private static final long DRAIN_INTERVAL_MS = 20;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8002;
    }

    @Override
    public boolean edge() {
        return true;
    }

    @Override
    public void install(ServiceContext ctx) {
        SocketGatewayConfig config = SocketGatewayConfig.from(ctx.env());
        AccessTokens tokens = AccessTokens.fromEnv(ctx.env());
        ProductUniverse universe = ProductUniverse.from(ctx.env());
        Bus bus = Buses.open(ctx);
        Clock clock = Clock.systemUTC();
        MeterRegistry registry = ctx.metrics();

        DeliveryMetrics metrics = new DeliveryMetrics(registry);
        ClientDirectory clients = new ClientDirectory(metrics);
        MarketCatalog catalog = new MarketCatalog(bus.cache(), universe, clock);
        GatewayProtocol protocol = new GatewayProtocol(clients, catalog, new Snapshots(bus.cache(),
                LiveChains.cached(bus.cache(), clock)));
        TokenStanding standing = new TokenStanding(bus.cache(), clock);
        BusStream stream = new BusStream(ctx.name(), clients, standing, registry);
        SocketFront front = new SocketFront(config, protocol, clients, metrics, tokens, standing);
        ctx.front(front);

        ctx.healthDetail("clients", clients::size);
        ctx.healthCheck(HealthCheck.of("market-data subscription", () -> {
            if (!stream.connected()) {
                throw new IllegalStateException("bus connection lost; resubscribing");
            }
        }));
        Gauge.builder("socket.clients.connected", clients::size).description("Connected Socket.IO clients")
                .register(registry);
        Gauge.builder("socket.clients.behind", clients::behindCount)
                .description("Clients with messages waiting in their buffer").register(registry);
        MultiGauge rooms = MultiGauge.builder("socket.room.clients").description("Clients per room").register(registry);

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> ctx.thread("drain", r));
        long slowNanos = config.slowClientTimeout().toNanos();
        ctx.onStarted(() -> {
            TopicSubscription subscription = bus.topics().subscribe(BusStream.TOPICS, stream);
            ctx.onStop(subscription);
            timer.scheduleWithFixedDelay(() -> clients.drainBehind(System.nanoTime(), slowNanos),
                    DRAIN_INTERVAL_MS, DRAIN_INTERVAL_MS, TimeUnit.MILLISECONDS);
            timer.scheduleWithFixedDelay(() -> rooms.register(clients.roomSizes().entrySet().stream()
                    .map(e -> MultiGauge.Row.of(Tags.of("room", e.getKey()), e.getValue())).toList(), true),
                    0, 5, TimeUnit.SECONDS);
        });
        ctx.onStop(timer::shutdownNow);
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new SocketGatewayService());
    }
}
