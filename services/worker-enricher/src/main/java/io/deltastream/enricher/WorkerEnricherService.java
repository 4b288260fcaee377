package io.deltastream.enricher;

import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.bus.ConsumerSpec;
import io.deltastream.bus.Delivery;
import io.deltastream.bus.QueueDepth;
import io.deltastream.bus.WorkConsumer;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.store.ChainDownsampling;
import io.deltastream.market.store.MarketCollections;
import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.Stores;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the raw feed from the work queues (consumer group {@code worker-enricher}: any number of instances share
 * the messages), enriches option chains, persists ticks, quotes, chain snapshots and candles, updates the cache and
 * publishes {@code enriched:underlying} and {@code enriched:option_chain}. {@code /health} reports the queue depths.
 */
public final class WorkerEnricherService implements Service {
    public static final String NAME = "worker-enricher";
    private static final Logger LOG = LoggerFactory.getLogger(WorkerEnricherService.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8009;
    }

    @Override
    public void install(ServiceContext ctx) {
        EnricherSettings settings = EnricherSettings.from(ctx.env());
        ProductUniverse universe = ProductUniverse.from(ctx.env());
        DocumentStore documents = Stores.open(ctx, MarketCollections.DATABASE, MarketCollections.SQLITE_PAGE_BYTES);
        MarketStore store = MarketStore.open(documents, settings.retention());
        ChainDownsampling downsampling = new ChainDownsampling(store.chains(),
                documents.collection(ChainDownsampling.STATE), settings.chainFullResolution());
        Bus bus = Buses.open(ctx);
        Clock clock = Clock.systemUTC();
        MarketHandler handler = new MarketHandler(universe, store, bus.cache(), settings.chainSnapshot(),
                settings.quoteSnapshot(), clock,
                ctx.metrics());
        ConsumerSpec spec = new ConsumerSpec(MarketQueues.ENRICHER_GROUP, MarketQueues.ALL, MarketQueues.DEAD_LETTERS,
                settings.concurrency(), settings.batchSize());
        if (BusConfig.from(ctx.env()).redisUrl().isEmpty()) {
            DeadLetterRoutes.install(ctx.routes(), bus.work(), Credential.admin(ctx.env()));
        }
        ctx.healthDetail("queues", () -> depths(bus));
        registerBacklogGauges(ctx.metrics(), bus);
        ctx.healthDetail("concurrency", settings::concurrency);
        ScheduledExecutorService pruner = Executors.newSingleThreadScheduledExecutor(r -> ctx.thread("retention", r));
        WorkConsumer[] consumer = new WorkConsumer[1];
        ctx.onStarted(() -> {
            consumer[0] = bus.work().consume(spec, handler);
            long every = settings.pruneEvery().toMillis();
            pruner.scheduleWithFixedDelay(() -> prune(store, clock), every / 60, every, TimeUnit.MILLISECONDS);
            pruner.scheduleWithFixedDelay(() -> downsample(downsampling, clock), 1, 1, TimeUnit.MINUTES);
        });
        ctx.onStop(() -> {
            pruner.shutdownNow();
            if (consumer[0] != null) {
                consumer[0].close();
            }
        });
    }

    /**
     * The backlog as gauges, read from the bus at each scrape, so an alert can fire on it: per work queue the messages
     * waiting and in flight, the group's retries waiting for their backoff, and the dead-letter queue's entries; and
     * what the in-process queues' bounds cost, as counters: chains replaced by a newer one while waiting, messages
     * dropped from a full queue.
     */
    private static void registerBacklogGauges(MeterRegistry registry, Bus bus) {
        for (String q : MarketQueues.ALL) {
            Gauge.builder("enricher_queue_waiting", () -> bus.work().depth(q, MarketQueues.ENRICHER_GROUP).waiting())
                    .description("Messages in the work queue not yet delivered to a worker").tag("queue", q)
                    .register(registry);
            Gauge.builder("enricher_queue_in_flight", () -> bus.work().depth(q, MarketQueues.ENRICHER_GROUP).inFlight())
                    .description("Messages delivered to a worker and not yet acknowledged").tag("queue", q)
                    .register(registry);
            FunctionCounter.builder("enricher_queue_replaced", bus,
                            b -> b.work().depth(q, MarketQueues.ENRICHER_GROUP).replaced())
                    .description("Snapshots (chains) replaced while waiting by a newer one of the same chain"
                            + " (in-process queues)").tag("queue", q).register(registry);
            FunctionCounter.builder("enricher_queue_dropped", bus,
                            b -> b.work().depth(q, MarketQueues.ENRICHER_GROUP).dropped())
                    .description("Messages dropped undelivered from a full queue (in-process queues)").tag("queue", q)
                    .register(registry);
        }
        Gauge.builder("enricher_retrying", () -> bus.work().depth(MarketQueues.UNDERLYING, MarketQueues.ENRICHER_GROUP)
                        .retrying())
                .description("Failed messages waiting for their retry backoff (all work queues)").register(registry);
        Gauge.builder("enricher_dead_letters", () -> bus.work().deadLetterCount(MarketQueues.DEAD_LETTERS))
                .description("Entries in the dead-letter queue").tag("queue", MarketQueues.DEAD_LETTERS)
                .register(registry);
    }

    private static Map<String, Object> depths(Bus bus) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String q : MarketQueues.ALL) {
            QueueDepth d = bus.work().depth(q, MarketQueues.ENRICHER_GROUP);
            out.put(q, Map.of("waiting", d.waiting(), "in_flight", d.inFlight(), "retrying", d.retrying(),
                    "replaced", d.replaced(), "dropped", d.dropped()));
        }
        return out;
    }

    private static void prune(MarketStore store, Clock clock) {
        try {
            Map<String, Long> deleted = store.prune(clock);
            if (deleted.values().stream().anyMatch(n -> n > 0)) {
                LOG.info("retention: deleted {}", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("retention pruning failed ({}); will try again", Delivery.describe(e));
        }
    }

    private static void downsample(ChainDownsampling downsampling, Clock clock) {
        try {
            long deleted = downsampling.downsample(clock.instant());
            if (deleted > 0) {
                LOG.debug("chain downsampling: deleted {} snapshots", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("chain downsampling failed ({}); will try again", Delivery.describe(e));
        }
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new WorkerEnricherService());
    }
}
