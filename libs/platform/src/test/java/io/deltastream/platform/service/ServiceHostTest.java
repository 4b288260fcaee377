package io.deltastream.platform.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.health.HealthCheck;
import io.deltastream.platform.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServiceHostTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record TestService(String name, AtomicBoolean dependencyUp, AtomicInteger stops) implements Service {
        @Override
        public int defaultPort() {
            return 0;
        }

        @Override
        public void install(ServiceContext ctx) {
            ctx.healthCheck(HealthCheck.of("store", () -> {
                if (!dependencyUp.get()) {
                    throw new IllegalStateException("disk unplugged");
                }
            }));
            ctx.healthDetail("clients", () -> 3);
            ctx.onStop(stops::incrementAndGet);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthTurns503NamingTheFailingDependency() throws Exception {
        AtomicBoolean up = new AtomicBoolean(true);
        AtomicInteger stops = new AtomicInteger();
        try (SharedResources shared = new SharedResources();
             RunningService s = ServiceHost.start(new TestService("probe", up, stops),
                     Env.of(Map.of("PROBE_PORT", "0")), shared, true)) {
            HttpResponse<String> healthy = get(s.baseUrl() + "/health");
            assertThat(healthy.statusCode()).isEqualTo(200);
            JsonNode body = Json.tree(healthy.body());
            assertThat(body.path("status").asText()).isEqualTo("healthy");
            assertThat(body.path("clients").asInt()).isEqualTo(3);

            up.set(false);
            HttpResponse<String> unhealthy = get(s.baseUrl() + "/health");
            assertThat(unhealthy.statusCode()).isEqualTo(503);
            JsonNode bad = Json.tree(unhealthy.body());
            assertThat(bad.path("status").asText()).isEqualTo("unhealthy");
            assertThat(bad.path("error").asText()).contains("store").contains("disk unplugged");
        }
        assertThat(stops.get()).isEqualTo(1);
    }

    @Test
    void badPortStopsStartUpNamingTheVariable() {
        try (SharedResources shared = new SharedResources()) {
            assertThatThrownBy(() -> ServiceHost.start(new TestService("probe", new AtomicBoolean(true),
                    new AtomicInteger()), Env.of(Map.of("PORT", "abc")), shared, false))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("PORT must be an integer");
        }
    }

    @Test
    void aKubernetesServiceLinkInTheServiceVariableIsNotTakenForThePort() {
        Map<String, String> link = Map.of("PROBE_PORT", "tcp://10.96.12.7:8001", "PORT", "8123");
        TestService probe = new TestService("probe", new AtomicBoolean(true), new AtomicInteger());
        assertThat(ServiceHost.port(probe, Env.of(link), false)).isEqualTo(8123);
        assertThat(ServiceHost.port(probe, Env.of(Map.of("PROBE_PORT", "tcp://10.96.12.7:8001")), false)).isZero();
        assertThat(ServiceHost.port(probe, Env.of(link), true)).isZero();
        assertThat(ServiceHost.port(probe, Env.of(Map.of("PROBE_PORT", "8124", "PORT", "8123")), false))
                .isEqualTo(8124);
        assertThatThrownBy(() -> ServiceHost.port(probe, Env.of(Map.of("PROBE_PORT", "tcp://nonsense")), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PROBE_PORT must be an integer");
    }

    @Test
    void aServiceStartsBesideKubernetesServiceLinkVariables() throws Exception {
        Map<String, String> linked = Map.of("PROBE_PORT", "tcp://10.96.12.7:8001",
                "PROBE_PORT_8001_TCP", "tcp://10.96.12.7:8001", "PROBE_SERVICE_HOST", "10.96.12.7", "PORT", "0");
        try (SharedResources shared = new SharedResources();
             RunningService s = ServiceHost.start(new TestService("probe", new AtomicBoolean(true),
                     new AtomicInteger()), Env.of(linked), shared, false)) {
            assertThat(get(s.baseUrl() + "/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void badLogLevelIsRefused() {
        try (SharedResources shared = new SharedResources()) {
            assertThatThrownBy(() -> ServiceHost.start(new TestService("probe", new AtomicBoolean(true),
                    new AtomicInteger()), Env.of(Map.of("PROBE_PORT", "0", "LOG_LEVEL", "loud")), shared, true))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("LOG_LEVEL must be one of");
        }
    }

    @Test
    void servicesListenOnLoopbackUnlessDistributedOrToldOtherwise() throws Exception {
        assertThat(ServiceHost.bindAddress(Env.of(Map.of())).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(ServiceHost.bindAddress(Env.of(Map.of("REDIS_URL", "redis://r:6379/0"))).isAnyLocalAddress())
                .isTrue();
        assertThat(ServiceHost.bindAddress(Env.of(Map.of("BIND_ADDRESS", "0.0.0.0"))).isAnyLocalAddress()).isTrue();
        assertThatThrownBy(() -> ServiceHost.bindAddress(Env.of(Map.of("BIND_ADDRESS", "example.com"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BIND_ADDRESS");
    }

    @Test
    void failedInstallReleasesWhatWasRegistered() {
        AtomicInteger closed = new AtomicInteger();
        Service broken = new Service() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public int defaultPort() {
                return 0;
            }

            @Override
            public void install(ServiceContext ctx) {
                ctx.onStop(closed::incrementAndGet);
                throw new IllegalStateException("cannot open store");
            }
        };
        try (SharedResources shared = new SharedResources()) {
            assertThatThrownBy(() -> ServiceHost.start(broken, Env.of(Map.of("BROKEN_PORT", "0")), shared, true))
                    .hasMessage("cannot open store");
        }
        assertThat(closed.get()).isEqualTo(1);
    }
}
