package io.deltastream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.app.DeltaStream;
import io.deltastream.app.ServiceCatalog;
import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.service.RunningService;
import io.deltastream.platform.service.Service;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.SocketIoConnection;
import io.socket.client.Socket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml held to the code, and the dashboards and alert rules held to the metrics, on the stack booted
 * as compose describes it ({@link ComposeStack}).
 */
class ComposeStackTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static Map<String, Object> services;
    private static Map<String, Map<String, String>> composeEnv;
    private static Map<String, Set<String>> reads;
    private static Map<String, RunningService> running;

    @BeforeAll
    static void bootTheStackAsComposeDescribesIt() throws Exception {
        ComposeStack stack = ComposeStack.get();
        services = stack.services();
        composeEnv = stack.composeEnv();
        reads = stack.reads();
        running = stack.running();
    }

    @Test
    void everyServiceOfTheCatalogRunsFromTheJibImageWithItsCommand() {
        String image = JibImage.name();
        for (String name : ServiceCatalog.names()) {
            Map<String, Object> svc = Yaml.map(services.get(name));
            assertThat(svc).as(name + " in docker-compose.yml").isNotNull();
            assertThat(svc.get("image")).as(name + " image").isEqualTo(image);
            assertThat(svc.get("command")).as(name + " command").isEqualTo(List.of("service", name));
            assertThat(svc).as(name + ": the image comes from Jib, there is no Dockerfile").doesNotContainKey("build");
        }
        for (Map.Entry<String, Object> e : services.entrySet()) {
            String img = String.valueOf(Yaml.map(e.getValue()).get("image"));
            if (!ServiceCatalog.names().contains(e.getKey())) {
                assertThat(img).as(e.getKey() + ": third-party images are pinned").matches("[^:]+:[^:/]+")
                        .doesNotEndWith(":latest");
            }
        }
    }

    @Test
    void bindMountsExistAndNamedVolumesAreDeclared() throws IOException {
        Map<String, Object> top = Yaml.load(ROOT.resolve("docker-compose.yml"));
        Set<String> declared = Yaml.map(top.get("volumes")).keySet();
        for (Map.Entry<String, Object> e : services.entrySet()) {
            for (Object v : Yaml.list(Yaml.map(e.getValue()).get("volumes"))) {
                String source = String.valueOf(v).split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(ROOT.resolve(source)).as(e.getKey() + " mounts " + source).exists();
                } else if (!source.startsWith("/")) {
                    assertThat(declared).as(e.getKey() + " volume " + source).contains(source);
                }
            }
        }
        // ./logs bound into the container would be root-owned on a Linux host and not writable by uid 10001
        assertThat(Yaml.list(Yaml.map(services.get("logging-service")).get("volumes")))
                .allSatisfy(v -> assertThat(String.valueOf(v)).doesNotStartWith("./").doesNotStartWith("/"));
    }

    @Test
    void portsHealthChecksAndDependenciesMatchTheCode() {
        for (Service s : ServiceCatalog.all()) {
            Map<String, Object> svc = Yaml.map(services.get(s.name()));
            for (Object p : Yaml.list(svc.get("ports"))) {
                String mapping = String.valueOf(p);
                assertThat(mapping.substring(mapping.lastIndexOf(':') + 1)).as(s.name() + " container port")
                        .isEqualTo(Integer.toString(s.defaultPort()));
            }
            List<Object> test = Yaml.list(Yaml.map(svc.get("healthcheck")).get("test"));
            assertThat(test).as(s.name() + " health check").isNotEmpty();
            assertThat(test.getFirst()).isEqualTo("CMD");
            assertThat(test).contains("@/app/jib-classpath-file", DeltaStream.class.getName())
                    .endsWith("health", "http://127.0.0.1:" + s.defaultPort() + "/health");
            // the same probe against the service as it runs here
            assertThat(new picocli.CommandLine(new DeltaStream()).execute("health", running.get(s.name()).baseUrl() + "/health"))
                    .as(s.name() + " health check passes").isZero();
        }
        for (Map.Entry<String, Object> e : services.entrySet()) {
            Yaml.map(Yaml.map(e.getValue()).getOrDefault("depends_on", Map.of())).forEach((dependency, how) -> {
                assertThat(Yaml.map(how).get("condition")).as(e.getKey() + " -> " + dependency)
                        .isEqualTo("service_healthy");
                assertThat(Yaml.map(services.get(dependency))).as(dependency + " has a health check")
                        .containsKey("healthcheck");
            });
        }
    }

    @Test
    void prometheusScrapesEveryServiceOnItsPortAndLoadsTheRules() throws IOException {
        Map<String, Object> prometheus = Yaml.load(ROOT.resolve("observability/prometheus.yml"));
        Map<String, Integer> scraped = new TreeMap<>();
        for (Object job : Yaml.list(prometheus.get("scrape_configs"))) {
            for (Object sd : Yaml.list(Yaml.map(job).get("dns_sd_configs"))) {
                Map<String, Object> c = Yaml.map(sd);
                Yaml.list(c.get("names")).forEach(n -> scraped.put(String.valueOf(n), (Integer) c.get("port")));
            }
        }
        Map<String, Integer> expected = new TreeMap<>();
        ServiceCatalog.all().forEach(s -> expected.put(s.name(), s.defaultPort()));
        assertThat(scraped).isEqualTo(expected);
        assertThat(Yaml.list(prometheus.get("rule_files"))).containsExactly("alerts.yml");
        assertThat(Yaml.list(Yaml.map(services.get("prometheus")).get("volumes")))
                .contains("./observability/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                        "./observability/alerts.yml:/etc/prometheus/alerts.yml:ro");
    }

    @Test
    void everyVariableComposeSetsOnAServiceIsOneThatServiceReads() {
        assertThat(reads.get("worker-enricher")).as("the recording sees the code's reads")
                .contains("REDIS_URL", "MONGO_URL", "WORKER_CONCURRENCY", "BUS_MAX_RETRIES");
        Map<String, Set<String>> unread = new TreeMap<>();
        composeEnv.forEach((service, env) -> {
            Set<String> extra = new TreeSet<>(env.keySet());
            extra.removeAll(reads.get(service));
            if (!extra.isEmpty()) {
                unread.put(service, extra);
            }
        });
        assertThat(unread).as("variables set in docker-compose.yml that the service never reads").isEmpty();
    }

    @Test
    void variablesAServiceNeedsInAContainerAreSet() {
        Map<String, Set<String>> missing = new TreeMap<>();
        reads.forEach((service, names) -> {
            Set<String> needed = new TreeSet<>(names.stream()
                    .filter(n -> ComposeStack.NEEDED_IN_CONTAINER.matcher(n).matches()).toList());
            needed.removeAll(composeEnv.get(service).keySet());
            if (!needed.isEmpty()) {
                missing.put(service, needed);
            }
        });
        assertThat(missing).as("variables read whose defaults cannot work in a container").isEmpty();
        assertThat(composeEnv.get("api-gateway")).containsKeys("AUTH_SERVICE_URL", "TRADE_SERVICE_URL");
    }

    @Test
    void dockerComposeAcceptsTheFileWhereDockerComposeIsInstalled() throws Exception {
        assumeTrue(exitCode(List.of("docker", "compose", "version")) == 0, "docker compose is not installed here");
        ProcessBuilder pb = new ProcessBuilder("docker", "compose", "-f", "docker-compose.yml", "config", "--quiet")
                .directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(ComposeStack.DOTENV);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    private static int exitCode(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Drives the stack a little (an account and its portfolio through the gateway, a Socket.IO client on a product,
     * a garbage collection), then scrapes every service's /metrics until each metric that a dashboard panel, a
     * dashboard variable or an alert rule names is there.
     */
    @Test
    void everyMetricOfEveryDashboardAndAlertRuleIsExported() throws Exception {
        Set<String> wanted = new TreeSet<>();
        for (Path dashboard : Observability.dashboards()) {
            Observability.expressions(Json.tree(Files.readString(dashboard)))
                    .forEach(expr -> wanted.addAll(PromQl.metricNames(expr)));
        }
        Observability.alertExpressions().forEach(expr -> wanted.addAll(PromQl.metricNames(expr)));
        wanted.remove("up"); // Prometheus' own series for each scrape target
        assertThat(wanted).contains("enricher_queue_waiting", "enricher_dead_letters", "trading_fills_total",
                "trading_margin_used",
                "socket_messages_sent_total", "jvm_gc_pause_seconds_count", "http_server_requests_seconds_count",
                "store_write_seconds_count", "store_file_bytes");

        HttpJson api = new HttpJson(running.get("api-gateway").baseUrl());
        // registered at auth itself, as the gateway would forward it: bcrypt at compose's cost can outlast the
        // gateway's timeout on a busy machine (504), which is not what this test is about
        HttpJson.Response registered = new HttpJson(running.get("auth").baseUrl()).post("/register",
                Map.of("email", "ops" + System.nanoTime() + "@example.com", "password", "test123"),
                Credential.INTERNAL_HEADER, ComposeStack.DOTENV.get("INTERNAL_TOKEN"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String token = registered.json().path("token").asText();
        assertThat(api.get("/api/trade/portfolio", "Authorization", "Bearer " + token).status()).isEqualTo(200);
        try (SocketIoConnection connection = SocketIoConnection.create(running.get("socket-gateway").baseUrl(),
                "websocket", b -> { })) {
            Socket socket = connection.socket();
            socket.on("connected", args -> socket.emit("subscribe",
                    new JSONObject(Map.of("type", "product", "symbol", "NIFTY"))));
            socket.connect();
            System.gc();
            Set<String> missing = new TreeSet<>(wanted);
            Eventually.until("every dashboard and alert metric exported", () -> {
                missing.removeAll(exported());
                return missing.isEmpty();
            });
            assertThat(missing).isEmpty();
        }
    }

    private static Set<String> exported() {
        Set<String> names = new TreeSet<>();
        for (RunningService s : running.values()) {
            for (String line : new HttpJson(s.baseUrl()).get("/metrics").body().split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.split("[{ ]", 2)[0]);
                }
            }
        }
        return names;
    }

    @Test
    void grafanaIsProvisionedWithTheDashboardsAndTheirDataSources() throws IOException {
        List<Object> volumes = Yaml.list(Yaml.map(services.get("grafana")).get("volumes"));
        Map<String, Object> providers = Yaml.load(ROOT.resolve(
                "observability/grafana/provisioning/dashboards/dashboards.yml"));
        String path = String.valueOf(Yaml.map(Yaml.map(Yaml.list(providers.get("providers")).getFirst()).get("options"))
                .get("path"));
        assertThat(volumes).contains("./observability/grafana/dashboards:" + path + ":ro",
                "./observability/grafana/provisioning:/etc/grafana/provisioning:ro");
        Set<String> uids = new TreeSet<>();
        Yaml.list(Yaml.load(ROOT.resolve("observability/grafana/provisioning/datasources/datasources.yml"))
                .get("datasources")).forEach(d -> uids.add(String.valueOf(Yaml.map(d).get("uid"))));
        List<Path> dashboards = Observability.dashboards();
        assertThat(dashboards).extracting(p -> p.getFileName().toString())
                .contains("pipeline.json", "http.json", "socketio.json", "trading.json", "jvm.json", "store.json");
        Set<String> dashboardUids = new TreeSet<>();
        for (Path d : dashboards) {
            JsonNode json = Json.tree(Files.readString(d));
            assertThat(dashboardUids.add(json.path("uid").asText())).as("unique uid " + d).isTrue();
            assertThat(json.path("panels")).as(d + " panels").isNotEmpty();
            for (JsonNode panel : json.path("panels")) {
                assertThat(uids).as(d + " panel " + panel.path("title").asText())
                        .contains(panel.path("datasource").path("uid").asText());
                assertThat(panel.path("targets")).as(d + " " + panel.path("title").asText()).isNotEmpty();
            }
        }
    }
}
