package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.platform.json.Json;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.ScriptedModelServer;
import io.deltastream.testkit.ScriptedModelServer.Reply;
import io.deltastream.testkit.TestServices;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code LLM_PROVIDER=ollama} without a key: the OpenAI client against Ollama's {@code /v1}, here scripted. */
class OllamaChatTest {
    @Test
    void ollamaAnswersThroughItsOpenAiCompatibleApiWithoutAKey() throws Exception {
        try (ScriptedModelServer model = new ScriptedModelServer();
             TestServices services = new TestServices().env("JWT_SECRET", ModelChatTest.SECRET).env("AI_EMBEDDINGS", "false").env("LLM_PROVIDER", "ollama")
                     .env("LLM_BASE_URL", model.baseUrl()).env("LLM_MODEL", "llama3.2")) {
            HttpJson api = TestServices.http(services.start(new AiAnalystService()));
            model.script(Reply.answer("Vega is the sensitivity to volatility [knowledge/vega.md]."));
            HttpJson.Response r = api.post("/api/ai/chat", Map.of("query", "what is vega"));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("source").asText()).isEqualTo("llm");
            assertThat(r.json().get("data").get("model").asText()).isEqualTo("llama3.2");
            ScriptedModelServer.Received sent = model.received().get(0);
            assertThat(sent.path()).isEqualTo("/v1/chat/completions");
            assertThat(Json.mapper().readTree(sent.body()).get("model").asText()).isEqualTo("llama3.2");
        }
    }
}
