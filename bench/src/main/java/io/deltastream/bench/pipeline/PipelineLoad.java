package io.deltastream.bench.pipeline;

import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.bus.TopicSubscription;
import io.deltastream.bus.WorkMessage;
import io.deltastream.enricher.WorkerEnricherService;
import io.deltastream.feed.FeedGeneratorService;
import io.deltastream.feed.provider.FeedMessage;
import io.deltastream.feed.provider.Pacer;
import io.deltastream.feed.synthetic.SyntheticProvider;
import io.deltastream.feed.synthetic.SyntheticSettings;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.store.MarketCollections;
import io.deltastream.market.store.MarketRetention;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.service.RunningService;
import io.deltastream.platform.service.ServiceHost;
import io.deltastream.platform.service.SharedResources;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.Filter;
import io.deltastream.store.sqlite.SqliteStore;
import io.deltastream.testkit.EmbeddedRedis;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Load drivers for the market-data pipeline (feed messages -> work queues -> worker-enricher -> store, cache, topics):
 *
 * <ul>
 *   <li>{@code pipeline-embedded [--seconds 30] [--rate 0] [--products NIFTY,BANKNIFTY,FINNIFTY,SENSEX]
 *       [--strikes 21] [--concurrency 2] [--batch 50] [--snapshot 0]}: one worker on the in-process bus and SQLite, every chain stored
 *       ({@code CHAIN_SNAPSHOT_SECONDS=0}); rate 0 = as fast as the worker takes them (throughput), otherwise that
 *       many chains per second (latency). Prints chains/s and feed-to-publish latency percentiles.</li>
 *   <li>{@code pipeline-redis [--workers 2] ...}: the same over a real Redis (embedded binary) with N worker
 *       instances, each with its own connection and SQLite file.</li>
 *   <li>{@code pipeline-storage [--minutes 60]}: the default feed on a simulated clock through a worker with default
 *       settings; prints bytes per stored document and per day.</li>
 *   <li>{@code pipeline-soak [--minutes 60] [--interval 1]}: the default feed and worker as {@code ./deltastream run}
 *       starts them, heap after GC sampled every 30 s.</li>
 * </ul>
 */
public final class PipelineLoad {
    private static final String SECRET = "bench-secret-that-is-long-enough-for-distributed-mode";
    private static final Pattern OPTION = Pattern.compile("--([a-z-]+)");
    private static final String EMBEDDED_OPTIONS = "[--seconds 30] [--rate 0] [--products NIFTY,BANKNIFTY,FINNIFTY,SENSEX]"
            + " [--strikes 21] [--concurrency 2] [--batch 50] [--snapshot 0]";

    private PipelineLoad() {
    }

    /**
     * A driver's {@code --name value} options. The names it takes are those its usage line shows; an unknown name, a
     * name without a value or a stray word is an error that quotes the usage (a mistyped {@code --minute 5} would
     * otherwise run for the default 30 or 60 minutes).
     *
     * @param usage the driver's usage line, e.g. {@code market-scale [--minutes 30] [--keep DIR]}
     * @return the options, or null where {@code --help} or {@code -h} asked for the usage, which is then printed
     */
    static Map<String, String> options(String[] args, String usage) {
        List<String> words = Arrays.asList(args);
        if (words.contains("--help") || words.contains("-h")) {
            System.out.println("usage: ./deltastream bench " + usage);
            return null;
        }
        Set<String> names = new HashSet<>();
        Matcher named = OPTION.matcher(usage);
        while (named.find()) {
            names.add(named.group(1));
        }
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !names.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException((name == null ? "expected --name value, got " + args[i]
                        : !names.contains(name) ? "unknown option " + args[i] : args[i] + " needs a value")
                        + "\nusage: ./deltastream bench " + usage);
            }
            o.put(name, args[i + 1]);
        }
        return o;
    }

    /** Counts enriched chains published and their feed-to-publish latency. */
    private static final class Observer implements AutoCloseable {
        final AtomicLong chains = new AtomicLong();
        final long[] latencyMicros = new long[2_000_000];
        final AtomicLong samples = new AtomicLong();
        volatile boolean recording;
        final TopicSubscription subscription;

        Observer(Bus bus) {
            subscription = bus.topics().subscribe(List.of(MarketTopics.ENRICHED_OPTION_CHAIN), (topic, payload) -> {
                chains.incrementAndGet();
                if (recording) {
                    long micros = Duration.between(chainTime(payload), Instant.now()).toNanos() / 1000;
                    long i = samples.getAndIncrement();
                    if (i < latencyMicros.length) {
                        latencyMicros[(int) i] = micros;
                    }
                }
            });
        }

        /** The chain's top-level timestamp: the one just before {@code processed_at} (the reference's field order). */
        static Instant chainTime(String json) {
            int p = json.lastIndexOf("\"processed_at\"");
            int closing = json.lastIndexOf('"', p - 1);
            int opening = json.lastIndexOf('"', closing - 1);
            return WireTime.parse(json.substring(opening + 1, closing));
        }

        String percentiles() {
            int n = (int) Math.min(samples.get(), latencyMicros.length);
            if (n == 0) {
                return "no samples";
            }
            long[] s = Arrays.copyOf(latencyMicros, n);
            Arrays.sort(s);
            return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d chains)", s[n / 2] / 1e3,
                    s[(int) (n * 0.9)] / 1e3, s[Math.min(n - 1, (int) (n * 0.99))] / 1e3, s[n - 1] / 1e3, n);
        }

        @Override
        public void close() {
            subscription.close();
        }
    }

    /** Generates feed messages with the synthetic market (chains of every expiry each loop). */
    private static final class Producer {
        final SyntheticProvider market;
        final Bus bus;
        final AtomicLong chainsSent = new AtomicLong();
        long sequence;

        Producer(Bus bus, List<String> products, int strikes) {
            this.bus = bus;
            this.market = new SyntheticProvider(ProductUniverse.defaults().only(products),
                    new SyntheticSettings(1, strikes, 0, 0, 0.02), Duration.ofSeconds(1), 0, 1,
                    new Pacer(Clock.systemUTC()));
        }

        /** One loop of the feed, stamped now; returns the chains sent. */
        int sendLoop() {
            Map<String, List<WorkMessage>> byQueue = new LinkedHashMap<>();
            int chains = 0;
            for (FeedMessage m : market.generate(WireTime.truncate(Instant.now()))) {
                byQueue.computeIfAbsent(m.queue(), q -> new ArrayList<>())
                        .add(new WorkMessage("bench-" + sequence++, m.body()));
                chains += m.queue().equals(MarketQueues.OPTION_CHAIN) ? 1 : 0;
            }
            byQueue.forEach((q, list) -> bus.work().send(q, list));
            chainsSent.addAndGet(chains);
            return chains;
        }
    }

    private static RunningService worker(SharedResources shared, Map<String, String> env) throws Exception {
        return ServiceHost.start(new WorkerEnricherService(), Env.of(env), shared, true);
    }

    private static Map<String, String> workerEnv(Path dataDir, Map<String, String> o) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dataDir.toString());
        env.put("WORKER_ENRICHER_PORT", "0");
        env.put("CHAIN_SNAPSHOT_SECONDS", o.getOrDefault("snapshot", "0"));
        env.put("WORKER_CONCURRENCY", o.getOrDefault("concurrency", "2"));
        env.put("WORKER_BATCH_SIZE", o.getOrDefault("batch", "50"));
        env.put("LOG_LEVEL", "WARN");
        return env;
    }

    /** {@code pipeline-embedded}. */
    public static void embedded(String[] args) throws Exception {
        Map<String, String> o = options(args, "pipeline-embedded " + EMBEDDED_OPTIONS);
        if (o == null) {
            return;
        }
        Path dir = Files.createTempDirectory("deltastream-bench");
        try (SharedResources shared = new SharedResources()) {
            Bus bus = shared.get("bus:memory", Bus.class, () -> Buses.open(BusConfig.DEFAULTS));
            try (RunningService w = worker(shared, workerEnv(dir, o))) {
                run("embedded, 1 worker", bus, List.of(bus), o);
                DocumentStore store = shared.get("store:sqlite:market", DocumentStore.class,
                        () -> new SqliteStore(dir.resolve("market.db"), false, MarketCollections.SQLITE_PAGE_BYTES));
                long stored = store.collection(MarketCollections.optionChains(MarketRetention.DEFAULTS)).count(Filter.all());
                System.out.printf("stored chains: %d, market.db %.1f MB (%.0f bytes per stored chain incl. ticks and candles)%n",
                        stored, size(dir) / 1e6, size(dir) / (double) Math.max(1, stored));
            }
        } finally {
            delete(dir);
        }
    }

    /** {@code pipeline-redis}. */
    public static void redis(String[] args) throws Exception {
        Map<String, String> o = options(args, "pipeline-redis [--workers 2] " + EMBEDDED_OPTIONS);
        if (o == null) {
            return;
        }
        int workers = Integer.parseInt(o.getOrDefault("workers", "2"));
        Path dir = Files.createTempDirectory("deltastream-bench");
        List<AutoCloseable> closing = new ArrayList<>();
        try (EmbeddedRedis redis = EmbeddedRedis.start();
             Bus client = Buses.open(BusConfig.DEFAULTS.withRedis(URI.create(redis.url())))) {
            for (int i = 0; i < workers; i++) {
                SharedResources shared = new SharedResources();
                Map<String, String> env = workerEnv(Files.createDirectories(dir.resolve("w" + i)), o);
                env.put("REDIS_URL", redis.url());
                env.put("JWT_SECRET", SECRET);
                env.put("INTERNAL_TOKEN", SECRET);
                closing.add(shared);
                closing.add(worker(shared, env));
            }
            run("redis, " + workers + " workers", client, List.of(client), o);
        } finally {
            for (int i = closing.size() - 1; i >= 0; i--) {
                closing.get(i).close();
            }
            delete(dir);
        }
    }

    private static void run(String label, Bus producerBus, List<Bus> observed, Map<String, String> o) throws Exception {
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "0"));
        int strikes = Integer.parseInt(o.getOrDefault("strikes", "21"));
        List<String> products = List.of(o.getOrDefault("products", "NIFTY,BANKNIFTY,FINNIFTY,SENSEX").split(","));
        Producer producer = new Producer(producerBus, products, strikes);
        try (Observer observer = new Observer(observed.getFirst())) {
            long warmupEnd = System.nanoTime() + Duration.ofSeconds(Math.min(10, seconds / 3)).toNanos();
            long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
            long startCount = -1;
            long measuredFrom = 0;
            long cpuFrom = 0;
            double next = System.nanoTime();
            while (System.nanoTime() < end) {
                if (startCount < 0 && System.nanoTime() >= warmupEnd) {
                    startCount = observer.chains.get();
                    measuredFrom = System.nanoTime();
                    cpuFrom = processCpuNanos();
                    observer.recording = true;
                }
                if (rate > 0) {
                    long wait = (long) next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait));
                    }
                    next += producer.sendLoop() / rate * 1e9;
                } else if (producer.chainsSent.get() - observer.chains.get() < 2_000) {
                    producer.sendLoop();
                } else {
                    Thread.sleep(1);
                }
            }
            double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
            long done = observer.chains.get() - startCount;
            double cpu = (processCpuNanos() - cpuFrom) / 1e9;
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf("%s, %d strikes, products %s, target %s: %.0f chains/s enriched+stored+published over %.0f s;"
                    + " feed-to-publish %s; heap used %.0f MB; this process used %.2f cores (%.0f chains per CPU-second,"
                    + " producer included); machine load average %.1f on %d cores%n", label, strikes,
                    String.join(",", products), rate > 0 ? rate + " chains/s" : "max", done / elapsed, elapsed,
                    observer.percentiles(), heapUsedMb(), cpu / elapsed, done / cpu, load,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** {@code pipeline-storage}: bytes per day at default settings, on a simulated clock. */
    public static void storage(String[] args) throws Exception {
        Map<String, String> o = options(args, "pipeline-storage [--minutes 60]");
        if (o == null) {
            return;
        }
        int minutes = Integer.parseInt(o.getOrDefault("minutes", "60"));
        Path dir = Files.createTempDirectory("deltastream-bench");
        try (SharedResources shared = new SharedResources()) {
            Bus bus = shared.get("bus:memory", Bus.class, () -> Buses.open(BusConfig.DEFAULTS));
            Map<String, String> env = workerEnv(dir, Map.of());
            env.remove("CHAIN_SNAPSHOT_SECONDS");
            try (RunningService w = worker(shared, env)) {
                SyntheticProvider feed = new SyntheticProvider(ProductUniverse.defaults(), new SyntheticSettings(1, 21, 0,
                        0, 0.02), Duration.ofSeconds(1), 3, 5, new Pacer(Clock.systemUTC()));
                Instant start = WireTime.truncate(Instant.now());
                long seq = 0;
                for (int s = 0; s < minutes * 60; s++) {
                    Map<String, List<WorkMessage>> byQueue = new LinkedHashMap<>();
                    for (FeedMessage m : feed.generate(start.plusSeconds(s))) {
                        byQueue.computeIfAbsent(m.queue(), q -> new ArrayList<>())
                                .add(new WorkMessage("s-" + seq++, m.body()));
                    }
                    byQueue.forEach((q, list) -> bus.work().send(q, list));
                    while (MarketQueues.ALL.stream().mapToLong(q -> bus.work().depth(q, MarketQueues.ENRICHER_GROUP).total()).sum() > 5_000) {
                        Thread.sleep(5);
                    }
                }
                while (MarketQueues.ALL.stream().mapToLong(q -> bus.work().depth(q, MarketQueues.ENRICHER_GROUP).total()).sum() > 0) {
                    Thread.sleep(50);
                }
                DocumentStore store = shared.get("store:sqlite:market", DocumentStore.class,
                        () -> new SqliteStore(dir.resolve("market.db"), false, MarketCollections.SQLITE_PAGE_BYTES));
                Map<String, Long> counts = new LinkedHashMap<>();
                for (var spec : MarketCollections.all(MarketRetention.DEFAULTS)) {
                    counts.put(spec.name(), store.collection(spec).count(Filter.all()));
                }
                try (Stream<Path> files = Files.list(dir)) {
                    files.forEach(f -> System.out.printf("  %s %.1f MB%n", f.getFileName(), f.toFile().length() / 1e6));
                }
                for (var spec : MarketCollections.all(MarketRetention.DEFAULTS)) {
                    var docs = store.collection(spec).find(Filter.all(), io.deltastream.store.Order.NEWEST_FIRST, 200);
                    double avg = docs.stream().mapToInt(d -> io.deltastream.platform.json.Json.string(d).length())
                            .average().orElse(0);
                    System.out.printf("  %s: %d documents, %.0f bytes of JSON each%n", spec.name(),
                            counts.get(spec.name()), avg);
                }
                // The WAL is a bounded work area (reset at each checkpoint): the database file is what grows.
                long bytes = dir.resolve("market.db").toFile().length();
                double perDay = bytes * (24 * 60.0 / minutes);
                System.out.printf("default feed (8 products, FEED_INTERVAL 1 s, chains every 5 s) and worker (chain and quote snapshots 60 s),"
                        + " %d simulated minutes: documents %s; market.db %.1f MB -> %.0f MB per 24 h of feed, %.0f MB per"
                        + " 6.5 h session; %.0f bytes per document on average%n", minutes, counts, bytes / 1e6,
                        perDay / 1e6, perDay * 6.5 / 24 / 1e6,
                        bytes / (double) counts.values().stream().mapToLong(Long::longValue).sum());
            }
        } finally {
            delete(dir);
        }
    }

    /** {@code pipeline-soak}: the default feed and worker for a long time; heap after GC every 30 s. */
    public static void soak(String[] args) throws Exception {
        Map<String, String> o = options(args, "pipeline-soak [--minutes 60] [--interval 1]");
        if (o == null) {
            return;
        }
        int minutes = Integer.parseInt(o.getOrDefault("minutes", "60"));
        Path dir = Files.createTempDirectory("deltastream-bench");
        try (SharedResources shared = new SharedResources()) {
            Map<String, String> env = new HashMap<>();
            env.put("DATA_DIR", dir.toString());
            env.put("FEED_GENERATOR_PORT", "0");
            env.put("WORKER_ENRICHER_PORT", "0");
            env.put("FEED_INTERVAL", o.getOrDefault("interval", "1"));
            env.put("LOG_LEVEL", "WARN");
            try (RunningService w = ServiceHost.start(new WorkerEnricherService(), Env.of(env), shared, true);
                 RunningService f = ServiceHost.start(new FeedGeneratorService(), Env.of(env), shared, true)) {
                Bus bus = shared.get("bus:memory", Bus.class, () -> Buses.open(BusConfig.DEFAULTS));
                try (Observer observer = new Observer(bus)) {
                    long end = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
                    while (System.nanoTime() < end) {
                        Thread.sleep(Duration.ofSeconds(30));
                        System.gc();
                        long backlog = MarketQueues.ALL.stream()
                                .mapToLong(q -> bus.work().depth(q, MarketQueues.ENRICHER_GROUP).total()).sum();
                        System.out.printf("t=%4.0f s  heap after GC %.1f MB  chains %d  queued %d  market.db %.1f MB%n",
                                (minutes * 60.0) - (end - System.nanoTime()) / 1e9, heapUsedMb(), observer.chains.get(),
                                backlog, size(dir) / 1e6);
                        System.out.flush();
                    }
                }
            }
        } finally {
            delete(dir);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
