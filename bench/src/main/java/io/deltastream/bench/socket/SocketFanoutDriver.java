package io.deltastream.bench.socket;

import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.wire.EnrichedUnderlying;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.service.RunningService;
import io.deltastream.platform.service.ServiceHost;
import io.deltastream.platform.service.SharedResources;
import io.deltastream.socket.SocketGatewayService;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code ./deltastream bench socket-fanout [--clients 5000] [--rate 10] [--seconds 30] [--warmup 10]
 * [--products 8] [--io-threads 2] [--url http://host:8002 --redis redis://host:6379/0]}
 *
 * <p>Broadcast fan-out of the socket gateway, measured at the clients: N WebSocket clients (each in
 * {@code general} and subscribed to one {@code product:X} room, so each must receive every update exactly once),
 * a publisher sending {@code enriched:underlying} updates at a fixed rate with the publish time in
 * {@code processed_at}, and every client recording receive time minus that time. Reports delivered messages per
 * second, completeness (received / published x clients) and the latency distribution. Without {@code --url} the
 * gateway runs in this JVM on the in-process bus (clients, gateway and publisher share the machine's CPUs, as on a
 * single-node deployment); with {@code --url} and {@code --redis} it drives a running gateway through Redis.
 */
public final class SocketFanoutDriver {
    private static final String[] PRODUCTS = {"NIFTY", "BANKNIFTY", "FINNIFTY", "SENSEX", "AAPL", "TSLA", "SPY", "QQQ"};
    private static final String STAMP = "\"processed_at\":\"";

    private final Map<String, String> opts;
    private final Recorder latency = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
    private final LongAdder delivered = new LongAdder();
    private final LongAdder late = new LongAdder();
    private volatile long windowStartMicros = Long.MAX_VALUE;
    private volatile long windowEndMicros = Long.MAX_VALUE;

    private SocketFanoutDriver(Map<String, String> opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        new SocketFanoutDriver(opts).run();
    }

    private int intOpt(String name, int def) {
        return Integer.parseInt(opts.getOrDefault(name, Integer.toString(def)));
    }

    private void run() throws Exception {
        int clients = intOpt("clients", 5000);
        int rate = intOpt("rate", 10);
        int seconds = intOpt("seconds", 30);
        int warmup = intOpt("warmup", 10);
        int products = Math.min(intOpt("products", 8), PRODUCTS.length);
        int ioThreads = intOpt("io-threads", 2);

        SharedResources shared = new SharedResources();
        RunningService gateway = null;
        Bus bus;
        URI url;
        if (opts.containsKey("url")) {
            url = URI.create(opts.get("url"));
            bus = Buses.open(BusConfig.DEFAULTS.withRedis(URI.create(opts.getOrDefault("redis", "redis://127.0.0.1:6379/0"))));
        } else {
            bus = shared.get("bus:memory", Bus.class, () -> Buses.open(BusConfig.DEFAULTS));
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("SOCKET_GATEWAY_PORT", "0");
            env.putIfAbsent("LOG_LEVEL", "warn");
            // netty-socketio sends pings and checks pong deadlines on one timer thread; when this JVM is starved of
            // CPU (clients and gateway share a busy 2-core machine) that thread lags and fires the 25 s ping and the
            // 45 s deadline back to back, dropping clients that did answer. A longer timeout keeps the measurement
            // about fan-out.
            env.putIfAbsent("SOCKET_PING_TIMEOUT", "120");
            gateway = ServiceHost.start(new SocketGatewayService(), Env.of(env), shared, true);
            url = URI.create(gateway.baseUrl());
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioThreads,
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        List<EngineIoClient> connected = new ArrayList<>(clients);
        try {
            long t0 = System.nanoTime();
            connect(group, url, clients, products, connected);
            System.out.printf(Locale.ROOT, "connected %d/%d clients in %.1f s%n", connected.size(), clients,
                    (System.nanoTime() - t0) / 1e9);

            Publisher publisher = new Publisher(bus, rate, products);
            Thread pub = Thread.ofPlatform().name("publisher").start(publisher);
            Thread.sleep(warmup * 1000L);
            latency.reset();
            Map<Double, Double> bucketsBefore = latencyBuckets(url);
            double cpuBefore = processCpuSeconds();
            long wallBefore = System.nanoTime();
            windowStartMicros = nowMicros();
            windowEndMicros = windowStartMicros + seconds * 1_000_000L;
            long publishedBefore = publisher.published.sum();
            for (int t = 0; t < seconds; t += 5) {
                Thread.sleep(Math.min(5, seconds - t) * 1000L);
                System.out.printf(Locale.ROOT, "  t+%ds: %d clients open, %d delivered, %d pings answered%n",
                        Math.min(t + 5, seconds), connected.stream().filter(EngineIoClient::isOpen).count(),
                        delivered.sum(), EngineIoClient.PINGS.sum());
            }
            long publishedInWindow = publisher.published.sum() - publishedBefore;
            double cpu = (processCpuSeconds() - cpuBefore) / ((System.nanoTime() - wallBefore) / 1e9);
            Map<Double, Double> bucketsAfter = latencyBuckets(url);
            Thread.sleep(3000);
            publisher.stop = true;
            pub.join();

            long open = connected.stream().filter(EngineIoClient::isOpen).count();
            long got = delivered.sum();
            long expected = publishedInWindow * connected.size();
            Histogram h = latency.getIntervalHistogram();
            System.out.printf(Locale.ROOT, "socket-fanout: clients=%d (open at end %d) products=%d rate=%d/s window=%ds%n",
                    connected.size(), open, products, rate, seconds);
            System.out.printf(Locale.ROOT, "delivered %d of %d expected (%.3f%%), %.0f msg/s; late (after window) %d%n",
                    got, expected, expected == 0 ? 0 : 100.0 * got / expected, got / (double) seconds, late.sum());
            System.out.printf(Locale.ROOT, "latency ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  (n=%d)%n",
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0,
                    h.getMaxValue() / 1000.0, h.getTotalCount());
            System.out.printf(Locale.ROOT, "process CPU %.2f cores of %d (%.1f us of CPU per delivered message, gateway"
                    + " and clients together); load average %.2f%n", cpu, Runtime.getRuntime().availableProcessors(),
                    got == 0 ? 0 : cpu * seconds * 1e6 / got,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "gateway-side latency (bus receipt to frame handed to the connection, from its"
                    + " histogram): p50 <= %s ms, p99 <= %s ms, p99.9 <= %s ms%n",
                    bucketQuantile(bucketsBefore, bucketsAfter, 0.5), bucketQuantile(bucketsBefore, bucketsAfter, 0.99),
                    bucketQuantile(bucketsBefore, bucketsAfter, 0.999));
            System.out.println("gateway: " + serverCounters(url));
            if (!EngineIoClient.ERRORS.isEmpty()) {
                System.out.println("client errors: " + EngineIoClient.ERRORS);
            }
        } finally {
            connected.forEach(EngineIoClient::close);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            if (gateway != null) {
                gateway.close();
            } else {
                bus.close();
            }
            shared.close();
        }
    }

    private void connect(EventLoopGroup group, URI url, int clients, int products, List<EngineIoClient> out)
            throws InterruptedException {
        int batch = 250;
        for (int start = 0; start < clients; start += batch) {
            List<CompletableFuture<EngineIoClient>> pending = new ArrayList<>();
            for (int i = start; i < Math.min(clients, start + batch); i++) {
                pending.add(EngineIoClient.connect(group, url, this::onEvent));
            }
            for (int i = 0; i < pending.size(); i++) {
                try {
                    EngineIoClient c = pending.get(i).get(60, TimeUnit.SECONDS);
                    c.emit("subscribe", "{\"type\":\"product\",\"symbol\":\"" + PRODUCTS[(start + i) % products] + "\"}");
                    out.add(c);
                } catch (Exception e) {
                    System.out.println("client failed to connect: " + e);
                }
            }
        }
        Thread.sleep(1000);
    }

    /** On a client I/O thread: one received event. */
    private void onEvent(String eventArray, long receivedNanos) {
        if (!eventArray.startsWith("[\"underlying_update\"")) {
            return;
        }
        int at = eventArray.indexOf(STAMP);
        if (at < 0) {
            return;
        }
        long now = nowMicros();
        long sent = wireMicros(eventArray, at + STAMP.length());
        if (sent >= windowStartMicros && sent < windowEndMicros) {
            delivered.increment();
            latency.recordValue(Math.max(0, Math.min(now - sent, TimeUnit.SECONDS.toMicros(60))));
            if (now >= windowEndMicros + 1_000_000) {
                late.increment();
            }
        }
    }

    /**
     * Epoch microseconds of the wire time {@code uuuu-MM-ddTHH:mm:ss.SSSSSSZ} at {@code i}, read by hand: the
     * clients parse one per message, and a formatter would cost more than the rest of their work.
     */
    static long wireMicros(String s, int i) {
        long days = java.time.LocalDate.of(num(s, i, 4), num(s, i + 5, 2), num(s, i + 8, 2)).toEpochDay();
        long secs = days * 86_400 + num(s, i + 11, 2) * 3600L + num(s, i + 14, 2) * 60L + num(s, i + 17, 2);
        return secs * 1_000_000L + num(s, i + 20, 6);
    }

    private static int num(String s, int from, int len) {
        int v = 0;
        for (int k = from; k < from + len; k++) {
            v = v * 10 + (s.charAt(k) - '0');
        }
        return v;
    }

    private static long nowMicros() {
        Instant n = Instant.now();
        return n.getEpochSecond() * 1_000_000L + n.getNano() / 1000;
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** Cumulative counts of the gateway's delivery latency histogram, by upper bound in seconds. */
    private static Map<Double, Double> latencyBuckets(URI url) {
        Map<Double, Double> out = new java.util.TreeMap<>();
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (line.startsWith("socket_delivery_latency_seconds_bucket{")) {
                    String le = line.replaceAll(".*le=\"([^\"]+)\".*", "$1");
                    out.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
                            Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                }
            }
        } catch (Exception e) {
            System.out.println("metrics unavailable: " + e);
        }
        return out;
    }

    /** The upper bound (ms) of the first bucket holding quantile {@code q} of the observations between two scrapes. */
    private static String bucketQuantile(Map<Double, Double> before, Map<Double, Double> after, double q) {
        double total = after.getOrDefault(Double.POSITIVE_INFINITY, 0.0) - before.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        if (total <= 0) {
            return "n/a";
        }
        for (Map.Entry<Double, Double> e : after.entrySet()) {
            double count = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            if (count >= q * total) {
                return e.getKey().isInfinite() ? "inf" : String.format(Locale.ROOT, "%.1f", e.getKey() * 1000);
            }
        }
        return "inf";
    }

    private static String serverCounters(URI url) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            StringBuilder out = new StringBuilder();
            for (String line : body.split("\n")) {
                if (line.startsWith("socket_messages_conflated_total") || line.startsWith("socket_messages_dropped_total")
                        || line.startsWith("socket_slow_client_disconnects_total")
                        || line.startsWith("socket_clients_connected")) {
                    out.append(line.replaceAll("service=\"socket-gateway\",?", "")).append("; ");
                }
            }
            return out.toString();
        } catch (Exception e) {
            return "metrics unavailable: " + e;
        }
    }

    /** Publishes enriched underlyings at a fixed rate, round-robin over the products, stamped with the send time. */
    private static final class Publisher implements Runnable {
        private final Bus bus;
        private final long intervalNanos;
        private final int products;
        final LongAdder published = new LongAdder();
        volatile boolean stop;

        Publisher(Bus bus, int rate, int products) {
            this.bus = bus;
            this.intervalNanos = 1_000_000_000L / rate;
            this.products = products;
        }

        @Override
        public void run() {
            long next = System.nanoTime();
            long n = 0;
            while (!stop) {
                Instant now = Instant.now();
                String product = PRODUCTS[(int) (n++ % products)];
                bus.topics().publish(MarketTopics.ENRICHED_UNDERLYING,
                        WireCodec.encode(new EnrichedUnderlying(product, 100 + (n % 100), now, now)));
                published.increment();
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
    }
}
