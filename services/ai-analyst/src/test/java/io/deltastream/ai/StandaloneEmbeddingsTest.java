package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.service.RunningService;
import io.deltastream.platform.service.ServiceHost;
import io.deltastream.platform.service.SharedResources;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.HttpJson;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ai-analyst started alone, as {@code ./deltastream service ai-analyst} starts it (not embedded: no sample
 * headlines, its own in-process bus), builds its embedding index and says so on {@code /health}. A report had it
 * stay at {@code embeddings: building}; this is the guard that it does not.
 */
class StandaloneEmbeddingsTest {

    @Test
    void aloneItReachesHybridRetrieval() throws Exception {
        Map<String, String> env = Map.of(
                // the corpus embeddings AiAnalystServiceTest caches (computed here when this test runs first)
                "DATA_DIR", AiAnalystServiceTest.DATA_DIR.toString(),
                ServiceHost.portVariable(new AiAnalystService()), "0");
        try (SharedResources shared = new SharedResources();
             RunningService service = ServiceHost.start(new AiAnalystService(), Env.of(env), shared, false)) {
            HttpJson api = new HttpJson(service.baseUrl());
            // a hang guard, not a speed limit: embedding the corpus takes about a minute on two busy cores
            Eventually.until("embeddings no longer building", Duration.ofMinutes(10), () -> !api.get("/health")
                    .json().path("retrieval").path("embeddings").asText().equals("building"));
            JsonNode retrieval = api.get("/health").json().get("retrieval");
            assertThat(retrieval.path("embeddings").asText()).as(retrieval.toString()).isEqualTo("ready");
            assertThat(retrieval.path("ranking").asText()).isEqualTo("hybrid");
            assertThat(retrieval.has("embeddings_error")).isFalse();
        }
    }
}
