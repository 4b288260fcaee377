package io.deltastream.app;

import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code deltastream cluster}: the platform as separate processes on this machine, for trying scale-out without
 * Docker. Starts Redis ({@code redis-server} from the PATH, unless {@code REDIS_URL} names one), then each selected
 * service as its own JVM ({@code deltastream service NAME}) on a free loopback port, N of the scalable ones (worker,
 * socket gateway), prints their process ids, URLs and log files, and stops them all on Ctrl-C. Without
 * {@code MONGO_URL} the processes share SQLite files under {@code --dir}/data, which only works on one machine.
 */
@Command(name = "cluster", description = "Start Redis and every service as its own process on free ports"
        + " (distributed mode on one machine); Ctrl-C stops them all.")
final class ClusterCommand implements Callable<Integer> {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final List<String> SECRETS = List.of("JWT_SECRET", "INTERNAL_TOKEN", "ADMIN_TOKEN");
    /** The api-gateway's downstream URL variables, by service (the ai-analyst reads some of them too). */
    private static final Map<String, String> SERVICE_URLS = Map.of("auth", "AUTH_SERVICE_URL",
            "storage", "STORAGE_SERVICE_URL", "analytics", "ANALYTICS_SERVICE_URL", "ai-analyst", "AI_SERVICE_URL",
            "trade-simulator", "TRADE_SERVICE_URL", "worker-enricher", "WORKER_ENRICHER_URL");

    @Option(names = "--workers", defaultValue = "2", description = "worker-enricher processes (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--socket-gateways", defaultValue = "2",
            description = "socket-gateway processes (default ${DEFAULT-VALUE})")
    int socketGateways;

    @Option(names = "--services", split = ",", paramLabel = "NAME",
            description = "only these services (comma-separated; default: all)")
    List<String> only;

    @Option(names = "--dir", defaultValue = "data/cluster",
            description = "log files and SQLite data of this run (default ${DEFAULT-VALUE})")
    Path dir;

    /** One started process of a service. */
    private record Member(String label, String service, Process process, int port, Path log) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private final List<Member> members = new ArrayList<>();
    private Process redis;

    @Override
    public Integer call() throws Exception {
        List<Service> services = selected();
        if (workers < 1 || socketGateways < 1) {
            System.err.println("deltastream: --workers and --socket-gateways must be at least 1");
            return 2;
        }
        Files.createDirectories(dir.resolve("logs"));
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        try {
            Optional<String> redisUrl = redisUrl();
            if (redisUrl.isEmpty()) {
                return 2;
            }
            Map<String, String> env = commonEnv(redisUrl.get(), services);
            for (Service s : services) {
                int copies = instances(s.name());
                for (int i = 1; i <= copies; i++) {
                    String label = copies > 1 ? s.name() + "#" + i : s.name();
                    int port = i == 1 ? Integer.parseInt(env.get(ServiceHost.portVariable(s))) : freePort();
                    members.add(launch(label, s, port, env));
                }
            }
            for (Member m : members) {
                awaitHealthy(m);
            }
            printMembers(redisUrl.get());
            for (Member m : members) {
                m.process().onExit().thenAccept(p -> {
                    if (stop.getCount() > 0) {
                        System.out.printf("%s (pid %d) exited with code %d%n", m.label(), p.pid(), p.exitValue());
                    }
                });
            }
            stop.await();
            return 0;
        } catch (IllegalStateException e) {
            System.err.println("deltastream: " + e.getMessage());
            return 1;
        } finally {
            stopAll();
        }
    }

    private List<Service> selected() {
        if (only == null || only.isEmpty()) {
            return ServiceCatalog.all();
        }
        List<Service> out = new ArrayList<>();
        for (Service s : ServiceCatalog.all()) {
            if (only.contains(s.name())) {
                out.add(s);
            }
        }
        for (String name : only) {
            if (ServiceCatalog.byName(name).isEmpty()) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "Unknown service '" + name + "'. Known: " + String.join(", ", ServiceCatalog.names()));
            }
        }
        return out;
    }

    private int instances(String service) {
        return switch (service) {
            case "worker-enricher" -> workers;
            case "socket-gateway" -> socketGateways;
            default -> 1;
        };
    }

    /** {@code REDIS_URL} when set, else a {@code redis-server} started here; empty (reason printed) when neither. */
    private Optional<String> redisUrl() throws IOException, InterruptedException {
        String given = System.getenv("REDIS_URL");
        if (given != null && !given.isBlank()) {
            return Optional.of(given);
        }
        Optional<Path> binary = onPath("redis-server");
        if (binary.isEmpty()) {
            System.err.println("deltastream: no REDIS_URL and no redis-server on the PATH: install Redis (Debian:"
                    + " apt-get install redis-server) or set REDIS_URL to a running one");
            return Optional.empty();
        }
        int port = freePort();
        Path log = dir.resolve("logs").resolve("redis.log");
        redis = new ProcessBuilder(binary.get().toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!accepts(port)) {
            if (!redis.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start (see " + log + ")");
            }
            Thread.sleep(100);
        }
        return Optional.of("redis://127.0.0.1:" + port + "/0");
    }

    private static Optional<Path> onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * What every process gets: this environment, Redis, the shared secrets (generated for this run when not given),
     * loopback listeners, a port for every service (the first instance's) and the URLs the gateway calls.
     */
    private Map<String, String> commonEnv(String redisUrl, List<Service> services) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("PORT");
        env.put("REDIS_URL", redisUrl);
        env.putIfAbsent("BIND_ADDRESS", "127.0.0.1");
        env.put("DATA_DIR", dir.resolve("data").toAbsolutePath().toString());
        SecureRandom random = new SecureRandom();
        for (String secret : SECRETS) {
            if (env.getOrDefault(secret, "").isBlank()) {
                byte[] bytes = new byte[36];
                random.nextBytes(bytes);
                env.put(secret, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            }
        }
        for (Service s : ServiceCatalog.all()) {
            boolean started = services.stream().anyMatch(x -> x.name().equals(s.name()));
            int port = started ? freePort() : s.defaultPort();
            env.put(ServiceHost.portVariable(s), Integer.toString(port));
            String urlVariable = SERVICE_URLS.get(s.name());
            if (started && urlVariable != null) {
                env.put(urlVariable, "http://127.0.0.1:" + port);
            }
        }
        return env;
    }

    private Member launch(String label, Service service, int port, Map<String, String> common) throws IOException {
        Path log = dir.resolve("logs").resolve(label.replace('#', '-') + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        String opts = System.getenv().getOrDefault("DELTASTREAM_JAVA_OPTS", "");
        cmd.addAll(opts.isBlank() ? List.of("-Xmx512m") : List.of(opts.trim().split("\\s+")));
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                DeltaStream.class.getName(), "service", service.name()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(common);
        pb.environment().put(ServiceHost.portVariable(service), Integer.toString(port));
        return new Member(label, service.name(), pb.start(), port, log);
    }

    private static void awaitHealthy(Member m) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!m.process().isAlive()) {
                throw new IllegalStateException(m.label() + " exited with code " + m.process().exitValue()
                        + " during start-up (see " + m.log() + ")");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(m.url() + "/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(m.label() + " not healthy within " + READY_TIMEOUT.toMinutes()
                + " minutes (see " + m.log() + ")");
    }

    private void printMembers(String redisUrl) {
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator()).append("DeltaStream cluster (distributed mode, Redis ").append(redisUrl)
                .append(redis == null ? "" : ", started here").append("). Press Ctrl-C to stop.")
                .append(System.lineSeparator());
        for (Member m : members) {
            out.append(String.format("  %-18s pid %-8d %-24s log %s%n", m.label(), m.process().pid(), m.url(),
                    m.log()));
        }
        members.stream().filter(m -> m.service().equals("api-gateway")).findFirst()
                .ifPresent(g -> out.append("  API docs           ").append(g.url()).append("/api/docs/ui")
                        .append(System.lineSeparator()));
        out.append("cluster ready").append(System.lineSeparator());
        System.out.print(out);
        System.out.flush();
    }

    /** SIGTERM to every process (last started first), then SIGKILL to those still running after the grace. */
    private void stopAll() {
        List<Process> processes = new ArrayList<>();
        members.reversed().forEach(m -> processes.add(m.process()));
        if (redis != null) {
            processes.add(redis);
        }
        processes.forEach(Process::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Process p : processes) {
            try {
                if (!p.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (!members.isEmpty()) {
            System.out.println("cluster stopped");
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
