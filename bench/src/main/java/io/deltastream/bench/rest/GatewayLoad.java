package io.deltastream.bench.rest;

import io.deltastream.analytics.AnalyticsService;
import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.service.RunningService;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceHost;
import io.deltastream.platform.service.SharedResources;
import io.deltastream.storage.StorageService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code ./deltastream bench rest [--connections 64] [--warmup 10] [--duration 15] [--url http://host:8000]
 * [--uncached] [path...]}: closed-loop load through the api-gateway, one persistent HTTP/1.1 connection per client thread, each
 * sending its next request as soon as the previous answer is read (like wrk). Without {@code --url} it starts storage,
 * analytics and the gateway in this JVM (embedded store and cache, seeded with NIFTY chains of 21 strikes; the
 * gateway's per-client rate limit off, since every connection comes from one address); {@code --uncached} turns off
 * storage's memo of the rendered latest chain ({@code STORAGE_LATEST_MEMO_MS=0}), so every chain request reads and
 * renders from the store. Prints throughput and latency
 * percentiles per path next to the reference's documented targets (API < 200 ms, > 100 req/s).
 */
public final class GatewayLoad {
    static final List<String> DEFAULT_PATHS = List.of("/api/data/chain/NIFTY?limit=1", "/api/analytics/pcr/NIFTY");

    private GatewayLoad() {
    }

    public static void main(String[] args) throws Exception {
        int connections = 64;
        int warmup = 10;
        int duration = 15;
        String url = null;
        int serve = 0;
        boolean uncached = false;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--url" -> url = args[++i];
                case "--serve" -> serve = Integer.parseInt(args[++i]);
                case "--uncached" -> uncached = true;
                default -> paths.add(args[i]);
            }
        }
        if (paths.isEmpty()) {
            paths = DEFAULT_PATHS;
        }
        List<RunningService> running = new ArrayList<>();
        SharedResources shared = new SharedResources();
        try {
            URI base = url != null ? URI.create(url) : URI.create(startPlatform(shared, running, uncached));
            if (serve > 0) {
                running.forEach(s -> System.out.println(s.name() + " " + s.baseUrl()));
                Thread.sleep(serve * 1000L);
                return;
            }
            System.out.printf("gateway %s, %d connections, %d s warm-up, %d s measured, %d cores, load average %.1f;"
                            + " clients in this JVM; storage's latest-chain memo %s%n", base, connections, warmup,
                    duration, Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    url != null ? "as configured there" : uncached ? "off (--uncached: every request reads the store)"
                            : "on (" + System.getenv().getOrDefault(StorageService.MEMO_VARIABLE, "250")
                            + " ms of rendered bytes reused)");
            System.out.printf("%-34s %10s %8s %8s %8s %8s %8s %8s%n", "path", "req/s", "p50 ms", "p90 ms", "p99 ms",
                    "p99.9 ms", "max ms", "non-200");
            for (String path : paths) {
                run(base, path, connections, warmup, false);
                Result r = run(base, path, connections, duration, true);
                Histogram h = r.histogram();
                System.out.printf("%-34s %10.0f %8.2f %8.2f %8.2f %8.2f %8.2f %8d%n", path, r.throughput(),
                        ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                        ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), r.failures());
                boolean meetsOurs = r.throughput() >= 5000 && ms(h.getValueAtPercentile(99)) <= 25;
                boolean meetsReference = r.throughput() > 100 && ms(h.getValueAtPercentile(99)) < 200;
                System.out.printf("  targets: ours (>= 5,000 req/s, p99 <= 25 ms) %s; reference (> 100 req/s, "
                        + "< 200 ms) %s%n", meetsOurs ? "met" : "NOT met", meetsReference ? "met" : "NOT met");
            }
        } finally {
            for (int i = running.size() - 1; i >= 0; i--) {
                running.get(i).close();
            }
            shared.close();
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private record Result(double throughput, Histogram histogram, long failures) {
    }

    private static Result run(URI base, String path, int connections, int seconds, boolean record) throws Exception {
        byte[] request = KeepAliveConnection.request(base, path);
        Recorder recorder = new Recorder(3);
        LongAdder done = new LongAdder();
        LongAdder failures = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger firstFailure = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch ready = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread t = Thread.ofPlatform().daemon().start(() -> {
                try (KeepAliveConnection conn = new KeepAliveConnection(base)) {
                    ready.countDown();
                    go.await();
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        int status = conn.exchange(request);
                        recorder.recordValue(System.nanoTime() - start);
                        done.increment();
                        if (status != 200) {
                            failures.increment();
                            firstFailure.compareAndSet(0, status);
                        }
                    }
                } catch (Exception e) {
                    failures.increment();
                    if (ready.getCount() > 0) {
                        ready.countDown();
                    }
                    if (!stop.get()) {
                        System.err.println("connection failed: " + e);
                    }
                }
            });
            threads.add(t);
        }
        ready.await();
        recorder.reset();
        long start = System.nanoTime();
        go.countDown();
        Thread.sleep(seconds * 1000L);
        Histogram h = recorder.getIntervalHistogram();
        long count = done.sum();
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread t : threads) {
            t.join(10_000);
        }
        if (firstFailure.get() != 0) {
            System.err.println("first non-200 status on " + path + ": " + firstFailure.get());
        }
        return new Result(record ? h.getTotalCount() / elapsed : count / elapsed, h, failures.sum());
    }

    private static String startPlatform(SharedResources shared, List<RunningService> running, boolean uncached)
            throws Exception {
        Path data = Files.createTempDirectory("deltastream-bench");
        Map<String, String> vars = new HashMap<>(System.getenv());
        if (uncached) {
            // the production default keeps the memo; this measures what a request costs without it
            vars.put(StorageService.MEMO_VARIABLE, "0");
        }
        vars.put("DATA_DIR", data.toString());
        vars.put("LOG_LEVEL", "warn");
        vars.put("GATEWAY_RATE_LIMIT_RPS", "0");
        for (String s : List.of("STORAGE_PORT", "ANALYTICS_PORT", "API_GATEWAY_PORT", "BENCH_SEED_PORT")) {
            vars.putIfAbsent(s, "0");
        }
        running.add(start(new BenchMarketData(), vars, shared));
        RunningService storage = start(new StorageService(), vars, shared);
        RunningService analytics = start(new AnalyticsService(), vars, shared);
        running.add(storage);
        running.add(analytics);
        vars.put("STORAGE_SERVICE_URL", storage.baseUrl());
        vars.put("ANALYTICS_SERVICE_URL", analytics.baseUrl());
        RunningService gateway = start(new ApiGatewayService(), vars, shared);
        running.add(gateway);
        return gateway.baseUrl();
    }

    private static RunningService start(Service service, Map<String, String> vars, SharedResources shared)
            throws Exception {
        return ServiceHost.start(service, Env.of(vars), shared, true);
    }
}
