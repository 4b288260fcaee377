package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.ScriptedModelServer;
import io.deltastream.testkit.ScriptedModelServer.Reply;
import io.deltastream.testkit.TestServices;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code LLM_PROVIDER=anthropic}: the real LangChain4j Anthropic client over real HTTP against a server scripted in
 * the Messages API — the answer, the key in {@code x-api-key}, a tool call and its result, an error falling back —
 * and the same over the Messages API's event stream (text deltas, a streamed {@code tool_use} block, an {@code error}
 * event in mid-answer).
 */
class AnthropicChatTest {
    static ScriptedModelServer model;
    static TestServices services;
    static HttpJson api;
    static String baseUrl;

    @BeforeAll
    static void start() throws Exception {
        model = new ScriptedModelServer();
        services = new TestServices().env("JWT_SECRET", ModelChatTest.SECRET).env("AI_EMBEDDINGS", "false").env("AI_CHAT_BURST", "1000");
        model.anthropicEnv("sk-ant-test", 2).forEach(services::env);
        ModelChatTest.cacheLiveChain(services);
        RunningService ai = services.start(new AiAnalystService());
        baseUrl = ai.baseUrl();
        api = TestServices.http(ai);
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

    @Test
    void theStreamSendsClaudesTextDeltasThenTheWholeAnswer() throws Exception {
        model.script(Reply.anthropicStream("Gamma is ", "the rate of change ", "of delta [knowledge/gamma.md]."));
        List<String> lines = ModelChatTest.streamLines(baseUrl, "/api/ai/chat/stream?query=what+is+gamma");
        assertThat(lines).containsSubsequence("event: token", "data: {\"text\":\"Gamma is \"}", "event: token",
                "data: {\"text\":\"the rate of change \"}", "event: token",
                "data: {\"text\":\"of delta [knowledge/gamma.md].\"}", "event: done");
        assertThat(lines).doesNotContain("event: error");
        JsonNode done = doneEvent(lines);
        assertThat(done.get("answer").asText()).isEqualTo("Gamma is the rate of change of delta [knowledge/gamma.md].");
        assertThat(done.get("source").asText()).isEqualTo("llm");
        ScriptedModelServer.Received sent = model.received().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.apiKey()).isEqualTo("sk-ant-test");
        assertThat(Json.mapper().readTree(sent.body()).get("stream").asBoolean()).isTrue();
    }

    @Test
    void aStreamedToolUseBlockRunsTheToolAndTheNextRoundStreamsTheAnswer() throws Exception {
        model.script(Reply.anthropicStreamToolCall("Let me look. ", "chain_metrics", "{\"product\":\"NIFTY\"}"),
                Reply.anthropicStream("NIFTY's PCR(OI) ", "is 1.31 [chain_metrics]."));
        List<String> lines = ModelChatTest.streamLines(baseUrl, "/api/ai/chat/stream?query=what+is+the+NIFTY+PCR");
        assertThat(lines).containsSubsequence("data: {\"text\":\"Let me look. \"}",
                "data: {\"text\":\"NIFTY's PCR(OI) \"}", "data: {\"text\":\"is 1.31 [chain_metrics].\"}",
                "event: done");
        JsonNode done = doneEvent(lines);
        assertThat(done.get("answer").asText()).isEqualTo("Let me look. NIFTY's PCR(OI) is 1.31 [chain_metrics].");
        assertThat(done.get("source").asText()).isEqualTo("llm");
        JsonNode messages = Json.mapper().readTree(model.received().get(1).body()).get("messages");
        JsonNode call = messages.get(messages.size() - 2).get("content");
        assertThat(call.findValuesAsText("type")).contains("tool_use");
        JsonNode toolUse = call.get(call.size() - 1);
        assertThat(toolUse.get("id").asText()).isEqualTo("toolu_2");
        assertThat(toolUse.get("name").asText()).isEqualTo("chain_metrics");
        assertThat(toolUse.get("input").get("product").asText()).isEqualTo("NIFTY");
        JsonNode result = messages.get(messages.size() - 1).get("content").get(0);
        assertThat(result.get("type").asText()).isEqualTo("tool_result");
        assertThat(result.get("tool_use_id").asText()).isEqualTo("toolu_2");
        assertThat(result.get("content").toString()).contains("\\\"pcr_oi\\\":1.31");
    }

    @Test
    void anErrorEventInMidAnswerOrAnOverloadedServerEndsTheStreamWithTheRetrievalAnswer() throws Exception {
        for (Reply failing : new Reply[] {Reply.anthropicStreamError("Vega is "), Reply.anthropicError(529)}) {
            model.script(failing);
            List<String> lines = ModelChatTest.streamLines(baseUrl, "/api/ai/chat/stream?query=what+is+vega");
            assertThat(lines).containsSubsequence("event: error", "event: done");
            JsonNode error = Json.mapper().readTree(lines.get(lines.indexOf("event: error") + 1).substring(6));
            assertThat(error.get("error").asText()).startsWith("the model");
            JsonNode done = doneEvent(lines);
            assertThat(done.get("source").asText()).isEqualTo("retrieval");
            assertThat(done.get("answer").asText()).contains("vega");
        }
    }

    private static JsonNode doneEvent(List<String> lines) throws Exception {
        return Json.mapper().readTree(lines.get(lines.indexOf("event: done") + 1).substring(6));
    }
}
