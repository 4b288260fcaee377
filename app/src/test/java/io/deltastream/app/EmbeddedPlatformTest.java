package io.deltastream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.platform.service.RunningService;
import io.deltastream.platform.service.Service;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded platform as `./deltastream run` assembles it: every service up, healthy, observable. */
class EmbeddedPlatformTest {
    @Test
    void everyServiceIsHealthyAndExposesPrometheusMetrics() {
        try (TestServices platform = new TestServices()) {
            List<RunningService> running = new ArrayList<>();
            for (Service s : ServiceCatalog.all()) {
                running.add(platform.start(s));
            }
            assertThat(running).extracting(RunningService::name).containsExactlyInAnyOrder(
                    "api-gateway", "auth", "socket-gateway", "storage", "analytics", "logging-service",
                    "ai-analyst", "trade-simulator", "feed-generator", "worker-enricher");
            for (RunningService s : running) {
                HttpJson.Response health = TestServices.http(s).get("/health");
                assertThat(health.status()).as(s.name()).isEqualTo(200);
                assertThat(health.json().path("service").asText()).isEqualTo(s.name());
                assertThat(health.json().path("status").asText()).isEqualTo("healthy");

                HttpJson.Response metrics = TestServices.http(s).get("/metrics");
                assertThat(metrics.status()).isEqualTo(200);
                assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("service=\"" + s.name() + "\"");
            }
        }
    }

    @Test
    void serviceNamesResolveAndUnknownNamesDoNot() {
        assertThat(ServiceCatalog.byName("storage")).isPresent();
        assertThat(ServiceCatalog.byName("nope")).isEmpty();
        int exit = DeltaStream.commandLine().execute("service", "nope");
        assertThat(exit).isEqualTo(2);
    }
}
