package io.deltastream.bench.pipeline;

import io.deltastream.bench.socket.EngineIoClient;
import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.bus.Payload;
import io.deltastream.bus.TopicListener;
import io.deltastream.bus.TopicSubscription;
import io.deltastream.enricher.WorkerEnricherService;
import io.deltastream.feed.FeedGeneratorService;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.live.PublishedChain;
import io.deltastream.market.product.MarketPreset;
import io.deltastream.market.product.Product;
import io.deltastream.market.store.MarketCollections;
import io.deltastream.market.store.MarketRetention;
import io.deltastream.market.store.StoredChain;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.service.RunningService;
import io.deltastream.platform.service.ServiceHost;
import io.deltastream.platform.service.SharedResources;
import io.deltastream.socket.SocketGatewayService;
import io.deltastream.storage.StorageService;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.Filter;
import io.deltastream.store.Order;
import io.deltastream.store.sqlite.SqliteStore;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code ./deltastream bench market-scale [--minutes 30] [--sample 30] [--clients 4] [--rest-per-second 10]
 * [--full-resolution-minutes 60] [--concurrency 2] [--batch-size 50] [--keep DIR]}
 *
 * <p>The whole {@code FEED_PRESET=nse-fo} universe (575 chains and 49,550 option quotes per second, plus ticks and
 * single quotes) through the embedded platform in this JVM: feed generator, worker-enricher, storage and socket
 * gateway on the in-process bus and SQLite, at default settings. It measures
 *
 * <ul>
 *   <li>feed-to-publish latency of every chain: the chain's market time (when the feed was due to produce it) to
 *       the {@code enriched:option_chain} publish reaching a subscriber in this JVM, and its two stages split at the
 *       chain's {@code processed_at} (the start of the worker's batch): feed lateness plus queue wait, then
 *       enrichment, store, cache and topic;</li>
 *   <li>chains replaced while waiting by a newer snapshot of the same chain, and messages dropped at the queue
 *       bound (the in-process queues' bounds);</li>
 *   <li>the backlog (messages waiting or in flight on the work queues), heap after GC and GC activity, every
 *       {@code --sample} seconds, so a growing backlog shows;</li>
 *   <li>REST: {@code GET /option/chain/{product}?limit=1} on the storage service (the latest-chain path: cache, then
 *       the 250 ms memo of rendered bytes) for a random product of the 190, at a fixed rate, one request at a time;</li>
 *   <li>Socket.IO: WebSocket clients each in {@code general} (every chain summary) and one {@code chain:X} room
 *       (full chains): chain's market time to receipt;</li>
 *   <li>storage: bytes per stored chain row against the earlier column layout, SQLite bytes by table, and the
 *       projection to a 6¼-hour session at default retention (from rows per second and bytes per row measured
 *       here).</li>
 * </ul>
 */
public final class MarketScaleLoad {
    private static final double SESSION_SECONDS = 6.25 * 3600;

    private final Map<String, String> opts;
    private final Recorder feedToPublish = new Recorder(TimeUnit.MINUTES.toMicros(10), 3);
    private final Recorder feedToWorker = new Recorder(TimeUnit.MINUTES.toMicros(10), 3);
    private final Recorder workerToPublish = new Recorder(TimeUnit.MINUTES.toMicros(10), 3);
    private final Recorder rest = new Recorder(TimeUnit.MINUTES.toMicros(1), 3);
    private final Recorder socketUpdates = new Recorder(TimeUnit.MINUTES.toMicros(10), 3);
    private final Recorder socketSummaries = new Recorder(TimeUnit.MINUTES.toMicros(10), 3);
    private final AtomicLong chainsPublished = new AtomicLong();
    private final AtomicLong restErrors = new AtomicLong();
    private volatile boolean measuring;

    private MarketScaleLoad(Map<String, String> opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = PipelineLoad.options(args, "market-scale [--minutes 30] [--sample 30] [--clients 4]"
                + " [--rest-per-second 10] [--full-resolution-minutes 60] [--concurrency 2] [--batch-size 50] [--keep DIR]");
        if (opts != null) {
            new MarketScaleLoad(opts).run();
        }
    }

    private int intOpt(String name, int def) {
        return Integer.parseInt(opts.getOrDefault(name, Integer.toString(def)));
    }

    private void run() throws Exception {
        int minutes = intOpt("minutes", 30);
        int sample = intOpt("sample", 30);
        Path dir = opts.containsKey("keep") ? Files.createDirectories(Path.of(opts.get("keep")))
                : Files.createTempDirectory("deltastream-scale");
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dir.toString());
        env.put("FEED_PRESET", MarketPreset.NSE_FO.label());
        env.put("FEED_SEED", "1");
        env.put("LOG_LEVEL", "WARN");
        env.put("WORKER_CONCURRENCY", opts.getOrDefault("concurrency", "2"));
        env.put("WORKER_BATCH_SIZE", opts.getOrDefault("batch-size", "50"));
        env.put("CHAIN_FULL_RESOLUTION_MINUTES", opts.getOrDefault("full-resolution-minutes", "60"));
        for (String port : List.of("FEED_GENERATOR_PORT", "WORKER_ENRICHER_PORT", "STORAGE_PORT", "SOCKET_GATEWAY_PORT")) {
            env.put(port, "0");
        }
        env.put("SOCKET_PING_TIMEOUT", "120");
        List<Product> products = MarketPreset.NSE_FO.universe().products();
        System.out.printf(Locale.ROOT, "market-scale: nse-fo (%d products, 575 chains/s), %d min, max heap %.0f MB, %d cores,"
                + " data in %s%n", products.size(), minutes, Runtime.getRuntime().maxMemory() / 1e6,
                Runtime.getRuntime().availableProcessors(), dir);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try (SharedResources shared = new SharedResources()) {
            Bus bus = shared.get("bus:memory", Bus.class, () -> Buses.open(BusConfig.DEFAULTS));
            try (RunningService worker = ServiceHost.start(new WorkerEnricherService(), Env.of(env), shared, true);
                 RunningService storage = ServiceHost.start(new StorageService(), Env.of(env), shared, true);
                 RunningService gateway = ServiceHost.start(new SocketGatewayService(), Env.of(env), shared, true);
                 TopicSubscription published = bus.topics().subscribe(List.of(MarketTopics.ENRICHED_OPTION_CHAIN),
                         TopicListener.ofBodies((topic, body) -> onPublished(body)));
                 RunningService feed = ServiceHost.start(new FeedGeneratorService(), Env.of(env), shared, true)) {
                List<EngineIoClient> clients = connect(group, URI.create(gateway.baseUrl()), intOpt("clients", 4),
                        List.of("NIFTY", "BANKNIFTY", "STK001", "STK100"));
                Thread restProbe = Thread.ofPlatform().daemon().name("rest-probe")
                        .start(() -> probeRest(URI.create(storage.baseUrl()), products));
                Thread.sleep(Duration.ofSeconds(Math.min(60, minutes * 60L / 5)));
                System.out.println("warm-up done; measuring");
                measuring = true;
                resetRecorders();
                long start = System.nanoTime();
                long end = start + Duration.ofMinutes(minutes).toNanos();
                Histogram total = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
                Histogram waited = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
                Histogram handled = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
                long chainsAtStart = chainsPublished.get();
                long replacedAtStart = replaced(bus);
                long droppedAtStart = dropped(bus);
                double cpuAtStart = cpuSeconds();
                List<Long> backlogs = new ArrayList<>();
                double heapMax = 0;
                Map<String, Long> gcAtStart = gc();
                while (System.nanoTime() < end) {
                    long chainsBefore = chainsPublished.get();
                    long replacedBefore = replaced(bus);
                    Thread.sleep(Duration.ofSeconds(sample));
                    Histogram interval = feedToPublish.getIntervalHistogram();
                    total.add(interval);
                    Histogram intervalWaited = feedToWorker.getIntervalHistogram();
                    Histogram intervalHandled = workerToPublish.getIntervalHistogram();
                    waited.add(intervalWaited);
                    handled.add(intervalHandled);
                    long backlog = MarketQueues.ALL.stream()
                            .mapToLong(q -> bus.work().depth(q, MarketQueues.ENRICHER_GROUP).total()).sum();
                    long replaced = replaced(bus);
                    backlogs.add(backlog);
                    double heap = heapAfterGcMb();
                    heapMax = Math.max(heapMax, heap);
                    System.out.printf(Locale.ROOT, "t=%5.0f s  chains/s %5.0f  feed-to-publish p50 %6.1f p99 %7.1f ms"
                                    + " (to the worker p99 %6.1f, worker to publish p99 %6.1f)  backlog %6d"
                                    + "  replaced %6d  heap after GC %5.0f MB  market.db %7.1f MB  load %.1f%n",
                            (System.nanoTime() - start) / 1e9, (chainsPublished.get() - chainsBefore) / (double) sample,
                            interval.getValueAtPercentile(50) / 1e3, interval.getValueAtPercentile(99) / 1e3,
                            intervalWaited.getValueAtPercentile(99) / 1e3, intervalHandled.getValueAtPercentile(99) / 1e3,
                            backlog,
                            replaced - replacedBefore, heap, PipelineLoad.size(dir) / 1e6, load());
                    System.out.flush();
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                measuring = false;
                Map<String, Long> gcAtEnd = gc();
                System.out.printf(Locale.ROOT, "%nmarket-scale summary over %.0f s (load average %.1f at the end, %d cores):%n",
                        elapsed, load(), Runtime.getRuntime().availableProcessors());
                System.out.printf(Locale.ROOT, "  chains published: %.0f/s (575/s offered); process CPU %.2f cores%n",
                        (chainsPublished.get() - chainsAtStart) / elapsed, (cpuSeconds() - cpuAtStart) / elapsed);
                System.out.println("  feed-to-publish: " + describe(total));
                System.out.println("    stage 1, market time to the worker's batch start (feed lateness + queue wait): "
                        + describe(waited));
                System.out.println("    stage 2, worker's batch start to the publish at a subscriber (enrich, store, cache,"
                        + " topic): " + describe(handled));
                System.out.printf(Locale.ROOT, "  chains replaced while waiting by a newer snapshot of the same chain: %d;"
                        + " messages dropped at the queue bound: %d%n", replaced(bus) - replacedAtStart,
                        dropped(bus) - droppedAtStart);
                int third = Math.max(1, backlogs.size() / 3);
                System.out.printf(Locale.ROOT, "  backlog: first third mean %.0f, last third mean %.0f, max %d (samples %s)%n",
                        backlogs.subList(0, third).stream().mapToLong(Long::longValue).average().orElse(0),
                        backlogs.subList(backlogs.size() - third, backlogs.size()).stream().mapToLong(Long::longValue)
                                .average().orElse(0), backlogs.stream().mapToLong(Long::longValue).max().orElse(0),
                        backlogs);
                System.out.printf(Locale.ROOT, "  heap: max after GC %.0f MB of %.0f MB max; GC during the run: %s%n", heapMax,
                        Runtime.getRuntime().maxMemory() / 1e6, gcDelta(gcAtStart, gcAtEnd, elapsed));
                System.out.println("  REST latest chain (random product of 190): " + describe(rest.getIntervalHistogram())
                        + ", errors " + restErrors.get());
                System.out.println("  Socket.IO chain_update (chain room, full chain): "
                        + describe(socketUpdates.getIntervalHistogram()));
                System.out.println("  Socket.IO chain_summary (general room): " + describe(socketSummaries.getIntervalHistogram()));
                restProbe.interrupt();
                clients.forEach(EngineIoClient::close);
                DocumentStore store = shared.get("store:sqlite:market", DocumentStore.class,
                        () -> new SqliteStore(dir.resolve("market.db"), false, MarketCollections.SQLITE_PAGE_BYTES));
                storageReport(store, dir);
            }
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            if (!opts.containsKey("keep")) {
                PipelineLoad.delete(dir);
            }
        }
    }

    private static long replaced(Bus bus) {
        return MarketQueues.ALL.stream().mapToLong(q -> bus.work().depth(q, MarketQueues.ENRICHER_GROUP).replaced()).sum();
    }

    private static long dropped(Bus bus) {
        return MarketQueues.ALL.stream().mapToLong(q -> bus.work().depth(q, MarketQueues.ENRICHER_GROUP).dropped()).sum();
    }

    private void resetRecorders() {
        feedToPublish.reset();
        feedToWorker.reset();
        workerToPublish.reset();
        rest.reset();
        socketUpdates.reset();
        socketSummaries.reset();
        restErrors.set(0);
    }

    /** Reads the worker's object as the socket gateway does, so that the probe itself encodes nothing. */
    private void onPublished(Payload body) {
        chainsPublished.incrementAndGet();
        if (measuring) {
            try {
                EnrichedChain c = PublishedChain.read(body).chain();
                long now = micros(Instant.now());
                feedToPublish.recordValue(clamp(now - micros(c.timestamp())));
                feedToWorker.recordValue(clamp(micros(c.processedAt()) - micros(c.timestamp())));
                workerToPublish.recordValue(clamp(now - micros(c.processedAt())));
            } catch (MalformedMessageException e) {
                throw new IllegalStateException("the worker published a malformed chain", e);
            }
        }
    }

    /** Clients in {@code general} and each in the chain room of one of {@code rooms}, round-robin. */
    private List<EngineIoClient> connect(EventLoopGroup group, URI url, int count, List<String> rooms) throws Exception {
        List<EngineIoClient> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EngineIoClient c = EngineIoClient.connect(group, url, (event, nanos) -> onSocketEvent(event))
                    .get(60, TimeUnit.SECONDS);
            c.emit("subscribe", "{\"type\":\"chain\",\"symbol\":\"" + rooms.get(i % rooms.size()) + "\"}");
            out.add(c);
        }
        return out;
    }

    private void onSocketEvent(String eventArray) {
        if (!measuring) {
            return;
        }
        long now = micros(Instant.now());
        if (eventArray.startsWith("[\"chain_update\"")) {
            socketUpdates.recordValue(clamp(now - micros(chainTime(eventArray))));
        } else if (eventArray.startsWith("[\"chain_summary\"")) {
            int at = eventArray.indexOf("\"timestamp\":\"") + 13;
            socketSummaries.recordValue(clamp(now - micros(WireTime.parse(eventArray.substring(at,
                    eventArray.indexOf('"', at))))));
        }
    }

    /** Latest-chain requests at a fixed rate, one at a time, for random products. */
    private void probeRest(URI base, List<Product> products) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long periodNanos = 1_000_000_000L / intOpt("rest-per-second", 10);
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Product p = products.get(random.nextInt(products.size()));
                long t0 = System.nanoTime();
                try {
                    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve("/option/chain/" + p.name()
                            + "?limit=1")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() != 200) {
                        restErrors.incrementAndGet();
                    } else if (measuring) {
                        rest.recordValue(clamp((System.nanoTime() - t0) / 1000));
                    }
                } catch (IOException e) {
                    restErrors.incrementAndGet();
                }
                long wait = periodNanos - (System.nanoTime() - t0);
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void storageReport(DocumentStore store, Path dir) throws Exception {
        DocumentCollection chains = store.collection(MarketCollections.optionChains(MarketRetention.DEFAULTS));
        long rows = chains.count(Filter.all());
        System.out.printf(Locale.ROOT, "%nstorage: %d chain rows stored%n", rows);
        for (String product : List.of("NIFTY", "STK001")) {
            List<com.fasterxml.jackson.databind.node.ObjectNode> docs = chains.find(Filter.eq("product", product),
                    Order.NEWEST_FIRST, 50);
            // The row as stored: its JSON without the bytes field, plus the bytes.
            double now = docs.stream().mapToInt(d -> Json.string(d.deepCopy().without("blob")).length()
                    + ((com.fasterxml.jackson.databind.node.BinaryNode) d.get("blob")).binaryValue().length).average().orElse(0);
            double before = docs.stream().map(StoredChain::fromDocument)
                    .mapToInt(c -> Json.string(StoredChain.toColumnsDocument("x", c)).length()).average().orElse(0);
            double nested = docs.stream().map(StoredChain::fromDocument)
                    .mapToInt(c -> io.deltastream.market.wire.WireCodec.encode(c).length()).average().orElse(0);
            EnrichedChain sample = StoredChain.fromDocument(docs.getFirst());
            List<com.fasterxml.jackson.databind.node.ObjectNode> old = docs.stream()
                    .map(d -> StoredChain.toColumnsDocument("x", StoredChain.fromDocument(d))).toList();
            System.out.printf(Locale.ROOT, "  %s (%d strikes): row %.0f B (zstd/2: JSON fields + bytes) vs %.0f B JSON (columns/1) vs %.0f B"
                    + " (nested JSON); %.1fx smaller than before; decoding a stored document: %.0f us (zstd/2) vs %.0f us"
                    + " (columns/1)%n", product, sample.strikes().length, now, before, nested, before / now,
                    decodeMicros(docs), decodeMicros(old));
        }
        Map<String, long[]> tables = tableBytes(dir.resolve("market.db"));
        long total = tables.values().stream().mapToLong(v -> v[0]).sum();
        System.out.printf(Locale.ROOT, "  market.db pages in use: %.1f MB (file %.1f MB, WAL %.1f MB); by table incl. its"
                + " indexes: %n", total / 1e6, dir.resolve("market.db").toFile().length() / 1e6,
                dir.resolve("market.db-wal").toFile().length() / 1e6);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (var spec : MarketCollections.all(MarketRetention.DEFAULTS)) {
            counts.put(spec.name(), store.collection(spec).count(Filter.all()));
        }
        // The scenario's rates, not this run's (which fall short when the pipeline lags): 575 chains and 190 ticks a
        // second; candles: one row per product and bucket of 1, 5 and 15 minutes; single quotes: at most one per
        // symbol a minute (QUOTE_SNAPSHOT_SECONDS), of 360 random draws a minute from the nearest expiry's symbols.
        double quotesPerMinute = 0;
        for (Product p : MarketPreset.NSE_FO.universe().products()) {
            double symbols = 2.0 * MarketPreset.NSE_FO.strikesPerChain(p);
            quotesPerMinute += symbols * (1 - Math.pow(1 - 1 / symbols, 360));
        }
        Map<String, Double> perSecond = Map.of(
                MarketCollections.OPTION_CHAINS, 575.0,
                MarketCollections.UNDERLYING_TICKS, 190.0,
                MarketCollections.OPTION_QUOTES, quotesPerMinute / 60,
                MarketCollections.CANDLES, 190 * (1 / 60.0 + 1 / 300.0 + 1 / 900.0));
        double atEnd = 0;
        double kept = 0;
        for (Map.Entry<String, Long> c : counts.entrySet()) {
            long bytes = tables.getOrDefault(c.getKey(), new long[] {0})[0];
            double perRow = bytes / (double) Math.max(1, c.getValue());
            double rate = perSecond.get(c.getKey());
            boolean chainRows = c.getKey().equals(MarketCollections.OPTION_CHAINS);
            // Chains: the last hour at full rate, the rest of the session one row per chain and minute.
            double rowsAtEnd = chainRows ? 3600 * rate + (SESSION_SECONDS - 3600) / 60 * 575 : rate * SESSION_SECONDS;
            double rowsKept = chainRows ? SESSION_SECONDS / 60 * 575 : rowsAtEnd;
            atEnd += rowsAtEnd * perRow;
            kept += rowsKept * perRow;
            System.out.printf(Locale.ROOT, "    %-16s %9d rows  %8.1f MB  %6.0f B/row  at %6.0f rows/s -> %6.2f GB at the end"
                    + " of a session%n", c.getKey(), c.getValue(), bytes / 1e6, perRow, rate, rowsAtEnd * perRow / 1e9);
        }
        System.out.printf(Locale.ROOT, "  projected for the whole universe at default settings (extrapolated from the bytes per"
                + " row measured here; every chain for the last hour, one per chain and minute before it): %.2f GB on disk"
                + " at the end of a 6.25 h session; once its hour of full resolution is thinned, the session keeps %.2f GB"
                + " (minute chains, ticks, quotes, candles) for its retention%n", atEnd / 1e9, kept / 1e9);
    }

    /** Mean time to rebuild an enriched chain from one of {@code docs} (a store read's decoding), microseconds. */
    private static double decodeMicros(List<com.fasterxml.jackson.databind.node.ObjectNode> docs) {
        long sink = 0;
        int rounds = 40;
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (var d : docs) {
                sink += StoredChain.fromDocument(d).strikes().length;
            }
        }
        double micros = (System.nanoTime() - t0) / 1e3 / (rounds * docs.size());
        return sink > 0 ? micros : Double.NaN;
    }

    /** Bytes of each table and its indexes, from SQLite's dbstat (pages in use, not free pages). */
    private static Map<String, long[]> tableBytes(Path db) throws Exception {
        Map<String, long[]> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT s.name, m.tbl_name, SUM(s.pgsize) FROM dbstat s"
                     + " JOIN sqlite_master m ON m.name = s.name GROUP BY s.name")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(2), t -> new long[1])[0] += rs.getLong(3);
            }
        }
        return out;
    }

    private static String describe(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getMaxValue() / 1e3, h.getTotalCount());
    }

    /** The chain's top-level timestamp: the one just before {@code processed_at} (the reference's field order). */
    private static Instant chainTime(String json) {
        int p = json.lastIndexOf("\"processed_at\"");
        int closing = json.lastIndexOf('"', p - 1);
        int opening = json.lastIndexOf('"', closing - 1);
        return WireTime.parse(json.substring(opening + 1, closing));
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    private static long clamp(long micros) {
        return Math.max(0, Math.min(micros, TimeUnit.MINUTES.toMicros(10)));
    }

    private static double heapAfterGcMb() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used / 1e6;
    }

    private static Map<String, Long> gc() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.put(b.getName() + " count", b.getCollectionCount());
            out.put(b.getName() + " ms", b.getCollectionTime());
        }
        return out;
    }

    private static String gcDelta(Map<String, Long> before, Map<String, Long> after, double seconds) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            s.append(e.getKey()).append(' ').append(d).append("; ");
        }
        long ms = after.entrySet().stream().filter(e -> e.getKey().endsWith(" ms"))
                .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
        return s + String.format(Locale.ROOT, "%.2f%% of wall time in collections", ms / 10.0 / seconds);
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
