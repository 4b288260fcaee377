package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.ai.model.ScriptedModelServer;
import io.deltastream.ai.model.ScriptedModelServer.Reply;
import io.deltastream.platform.json.Json;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code LLM_PROVIDER=anthropic}: the real LangChain4j Anthropic client over real HTTP against a server scripted in
 * the Messages API — the answer, the key in {@code x-api-key}, a tool call and its result, an error falling back.
 */
class AnthropicChatTest {
    static ScriptedModelServer model;
    static TestServices services;
    static HttpJson api;

    @BeforeAll
    static void start() throws Exception {
        model = new ScriptedModelServer();
        services = new TestServices().env("JWT_SECRET", ModelChatTest.SECRET).env("AI_EMBEDDINGS", "false").env("AI_CHAT_BURST", "1000");
        model.anthropicEnv("sk-ant-test", 2).forEach(services::env);
        ModelChatTest.cacheLiveChain(services);
        api = TestServices.http(services.start(new AiAnalystService()));
    }

    @AfterAll
    static void stop() {
        services.close();
        model.close();
    }

    @Test
    void claudeAnswersFromThePassagesWithTheKeyInItsHeader() throws Exception {
        model.script(Reply.anthropicAnswer("Max pain is where option holders lose most [knowledge/max-pain.md]."));
        JsonNode body = ModelChatTest.ask(api, "what is max pain");
        assertThat(body.get("source").asText()).isEqualTo("llm");
        assertThat(body.get("answer").asText())
                .isEqualTo("Max pain is where option holders lose most [knowledge/max-pain.md].");
        ScriptedModelServer.Received sent = model.received().get(0);
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.apiKey()).isEqualTo("sk-ant-test");
        JsonNode request = Json.mapper().readTree(sent.body());
        assertThat(request.get("model").asText()).isEqualTo("test-model");
        assertThat(request.get("max_tokens").asInt()).isEqualTo(200);
        assertThat(request.toString()).contains("<data").contains("max-pain");
    }

    @Test
    void aToolCallRunsAndItsResultGoesBackAsAToolResultBlock() throws Exception {
        model.script(Reply.anthropicToolCall("chain_metrics", "{\"product\":\"NIFTY\"}"),
                Reply.anthropicAnswer("NIFTY's PCR(OI) is 1.31."));
        JsonNode body = ModelChatTest.ask(api, "what is the NIFTY PCR right now?");
        assertThat(body.get("answer").asText()).isEqualTo("NIFTY's PCR(OI) is 1.31.");
        JsonNode first = Json.mapper().readTree(model.received().get(0).body());
        assertThat(first.get("tools").findValuesAsText("name")).contains("chain_metrics", "pcr_history");
        JsonNode messages = Json.mapper().readTree(model.received().get(1).body()).get("messages");
        JsonNode result = messages.get(messages.size() - 1).get("content").get(0);
        assertThat(result.get("type").asText()).isEqualTo("tool_result");
        assertThat(result.get("tool_use_id").asText()).isEqualTo("toolu_1");
        assertThat(result.get("content").toString()).contains("<data tool=\\\"chain_metrics\\\">")
                .contains("\\\"pcr_oi\\\":1.31");
    }

    @Test
    void anOverloadedModelFallsBackToRetrievalWithTheReason() {
        model.script(Reply.anthropicError(529), Reply.anthropicError(529));
        JsonNode body = ModelChatTest.ask(api, "what is gamma");
        assertThat(body.get("source").asText()).isEqualTo("retrieval");
        assertThat(body.get("data").get("model_error").asText()).startsWith("the model server");
        assertThat(body.get("answer").asText()).startsWith("The language model did not answer (the model server");
    }
}
