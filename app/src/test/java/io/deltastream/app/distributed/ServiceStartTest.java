package io.deltastream.app.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.testkit.EmbeddedRedis;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.FreePorts;
import io.deltastream.testkit.HttpJson;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Services started alone through {@code ./deltastream service NAME}, as separate processes: what an operator sees
 * when a port is taken, when {@code .env} and the command line disagree, and while Redis is down.
 */
class ServiceStartTest {
    private static final String SECRET = "a-test-secret-that-is-long-enough-for-distributed-mode";
    private static final Duration START = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void aPortInUseEndsTheServiceWithOneLineAndANonZeroExit() throws Exception {
        Launcher launcher = Launcher.in(dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            List<String> services = List.of("storage", "worker-enricher", "socket-gateway");
            List<Launcher.Run> runs = new ArrayList<>();
            for (String service : services) {
                String variable = service.toUpperCase().replace('-', '_') + "_PORT";
                runs.add(launcher.start(Map.of(variable, Integer.toString(port),
                        "DATA_DIR", dir.resolve("data-" + service).toString()), "service", service));
            }
            for (int i = 0; i < services.size(); i++) {
                Launcher.Run run = runs.get(i);
                String variable = services.get(i).toUpperCase().replace('-', '_') + "_PORT";
                boolean exited = run.process().waitFor(START.toSeconds(), TimeUnit.SECONDS);
                if (!exited) {
                    run.process().destroyForcibly().waitFor();
                }
                assertThat(exited).as(services.get(i) + " exits (stdout: " + run.stdout() + ")").isTrue();
                assertThat(run.process().exitValue()).as(run.stderr() + run.stdout()).isEqualTo(2);
                List<String> errorLines = run.stderr().lines().filter(l -> !l.isBlank()).toList();
                assertThat(errorLines).hasSize(1);
                assertThat(errorLines.getFirst()).startsWith("deltastream: configuration error: " + services.get(i)
                        + " cannot listen on 127.0.0.1:" + port).contains(variable);
                assertThat(run.stdout()).doesNotContain("started on").doesNotContain("\tat ");
            }
            // Alone and without REDIS_URL a service says it is cut off from the others.
            assertThat(runs.getFirst().stdoutLines("isolated: REDIS_URL is not set")).singleElement()
                    .asString().contains("\"service\":\"storage\"");
        }
    }

    @Test
    void theCommandLineWinsOverDotEnvAndHealthNamesRedisWhileItIsDown() throws Exception {
        Launcher launcher = Launcher.in(dir);
        int port = FreePorts.next();
        int dotEnvPort = FreePorts.next();
        // The shipped example as .env (REDIS_URL blank there), with its worker port moved off the reserved range.
        String example = Files.readString(Path.of("").toAbsolutePath().getParent().resolve(".env.example"));
        assertThat(example).contains("\nREDIS_URL=\n").contains("\nWORKER_ENRICHER_PORT=8009\n");
        Files.writeString(launcher.root().resolve(".env"),
                example.replace("\nWORKER_ENRICHER_PORT=8009\n", "\nWORKER_ENRICHER_PORT=" + dotEnvPort + "\n"));
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            Launcher.Run worker = launcher.start(Map.of("REDIS_URL", redis.url(),
                    "WORKER_ENRICHER_PORT", Integer.toString(port), "JWT_SECRET", SECRET, "INTERNAL_TOKEN", SECRET,
                    "DATA_DIR", dir.resolve("data").toString()), "service", "worker-enricher");
            try {
                Eventually.until("the worker's start line", START, () -> !worker.process().isAlive()
                        || !worker.stdoutLines("started on").isEmpty());
                assertThat(worker.process().isAlive()).as("worker alive: " + worker.stderr()).isTrue();
                String started = worker.stdoutLines("started on").getFirst();
                assertThat(started).contains("port " + port)
                        .contains("bus: redis 127.0.0.1:" + redis.port())
                        .contains("cache: redis 127.0.0.1:" + redis.port())
                        .contains("store: sqlite ")
                        .contains("\"service\":\"worker-enricher\"");
                assertThat(worker.stdout()).doesNotContain("isolated");
                HttpJson http = new HttpJson("http://127.0.0.1:" + port);
                HttpJson.Response up = http.get("/health");
                assertThat(up.status()).isEqualTo(200);
                assertThat(up.json().path("dependencies").path("redis").asText()).isEqualTo("up");

                redis.stop();
                for (int probe = 0; probe < 3; probe++) {
                    HttpJson.Response down = http.get("/health");
                    assertThat(down.status()).isEqualTo(503);
                    assertThat(down.header("Content-Type")).startsWith("application/json");
                    JsonNode body = down.json();
                    assertThat(body.path("error").asText()).startsWith("redis: down");
                    assertThat(body.path("queues").asText()).startsWith("unavailable");
                    assertThat(down.body()).doesNotContain("Exception").doesNotContain("\tat ");
                }
                assertThat(worker.stdoutLines("unhealthy: redis")).hasSize(1);
                assertThat(worker.stdout()).doesNotContain("unhandled error");

                redis.restart();
                Eventually.until("healthy again", () -> http.get("/health").status() == 200);
                assertThat(worker.stdoutLines("healthy again")).hasSize(1);
                // Every line names the service, the bus threads' complaints while Redis was away included.
                assertThat(worker.stdoutLines("\"logger\":\"io.deltastream.bus.")).isNotEmpty();
                assertThat(worker.stdout().lines().filter(l -> l.startsWith("{")))
                        .allMatch(l -> l.contains("\"service\":\"worker-enricher\""));
            } finally {
                assertThat(worker.stop()).as(worker.stderr()).isZero();
            }
        }
    }
}
