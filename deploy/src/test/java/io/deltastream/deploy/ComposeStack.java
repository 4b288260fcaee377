package io.deltastream.deploy;

import io.deltastream.app.ServiceCatalog;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.service.RunningService;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceHost;
import io.deltastream.platform.service.SharedResources;
import io.deltastream.testkit.EmbeddedMongo;
import io.deltastream.testkit.EmbeddedRedis;
import io.deltastream.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform booted in this JVM as docker-compose.yml describes it: every DeltaStream service started alone (as in
 * its container) with exactly the environment compose gives it, hosts pointed at a real Redis (embedded-redis) and a
 * MongoDB wire server, each service on a free port. Each service's environment records the variables the code asks
 * for, so "is this variable read?" is answered by the code itself, not by a list kept beside it. Booted once per test
 * JVM, for the compose and the Kubernetes tests; stopped when the JVM exits.
 *
 * @param services    compose's {@code services} section
 * @param composeEnv  per DeltaStream service, the environment compose sets (interpolated)
 * @param reads       per DeltaStream service, every variable the code asked for while starting and serving
 * @param running     the services, in start order
 */
record ComposeStack(Map<String, Object> services, Map<String, Map<String, String>> composeEnv,
                    Map<String, Set<String>> reads, Map<String, RunningService> running) {
    /** What `docker compose` takes from .env for the variables compose interpolates. */
    static final Map<String, String> DOTENV = Map.of("JWT_SECRET", "compose-stack-test-secret-" + "x".repeat(24),
            "INTERNAL_TOKEN", "compose-stack-test-internal-" + "x".repeat(24),
            "ADMIN_TOKEN", "compose-stack-test-admin-" + "x".repeat(24), "FEED_INTERVAL", "0.2");
    /** Variables a service cannot do without in a container (their defaults point at localhost or are refused). */
    static final Pattern NEEDED_IN_CONTAINER = Pattern.compile(
            "REDIS_URL|MONGO_URL|JWT_SECRET|INTERNAL_TOKEN|ADMIN_TOKEN|.*_SERVICE_URL");
    private static final Pattern SERVICE_URL = Pattern.compile("http://([a-z-]+):(\\d+)(.*)");
    private static ComposeStack instance;

    static synchronized ComposeStack get() throws Exception {
        if (instance == null) {
            instance = boot();
        }
        return instance;
    }

    private static ComposeStack boot() throws Exception {
        Map<String, Object> services = Yaml.map(Yaml.load(ComposeStackTest.ROOT.resolve("docker-compose.yml"))
                .get("services"));
        EmbeddedRedis redis = EmbeddedRedis.start();
        EmbeddedMongo mongo = EmbeddedMongo.start();
        List<SharedResources> resources = new ArrayList<>();
        Map<String, RunningService> running = new LinkedHashMap<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<RunningService> all = new ArrayList<>(running.values());
            Collections.reverse(all);
            all.forEach(RunningService::close);
            resources.forEach(SharedResources::close);
            mongo.close();
            redis.close();
        }));
        Path data = Files.createTempDirectory("compose-stack");
        Map<String, Integer> ports = new HashMap<>();
        ServiceCatalog.names().forEach(n -> ports.put(n, FreePorts.next()));
        Map<String, Map<String, String>> composeEnv = new TreeMap<>();
        Map<String, Set<String>> reads = new TreeMap<>();
        for (Service s : ServiceCatalog.all()) {
            Map<String, String> env = new TreeMap<>();
            Yaml.map(Yaml.map(services.get(s.name())).getOrDefault("environment", Map.of()))
                    .forEach((k, v) -> env.put(k, Yaml.interpolate(String.valueOf(v), DOTENV)));
            composeEnv.put(s.name(), env);
            Map<String, String> local = new HashMap<>();
            env.forEach((k, v) -> local.put(k, localize(v, ports, redis, mongo)));
            // the image's own variables (DATA_DIR, LOG_DIR) name container paths; here they get temporary ones
            local.put("DATA_DIR", data.resolve(s.name()).toString());
            local.put("LOG_DIR", data.resolve("logs").toString());
            local.put("PORT", Integer.toString(ports.get(s.name())));
            Set<String> names = Collections.synchronizedSet(new TreeSet<>());
            reads.put(s.name(), names);
            SharedResources shared = new SharedResources();
            resources.add(shared);
            running.put(s.name(), ServiceHost.start(s, Env.recording(local, names::add), shared, false));
        }
        return new ComposeStack(services, composeEnv, reads, running);
    }

    private static String localize(String value, Map<String, Integer> ports, EmbeddedRedis redis, EmbeddedMongo mongo) {
        if (value.startsWith("redis://redis:6379")) {
            return redis.url();
        }
        if (value.startsWith("mongodb://mongodb:27017/")) {
            return mongo.url(value.substring(value.lastIndexOf('/') + 1));
        }
        Matcher m = SERVICE_URL.matcher(value);
        if (m.matches() && ports.containsKey(m.group(1))) {
            return "http://127.0.0.1:" + ports.get(m.group(1)) + m.group(3);
        }
        return value;
    }
}
