package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.ai.model.GroundedPrompt;
import io.deltastream.ai.model.ScriptedOpenAiServer;
import io.deltastream.ai.model.ScriptedOpenAiServer.Reply;
import io.deltastream.platform.json.Json;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chat through a language model: the service's real LangChain4j OpenAI client over real HTTP against a scripted
 * OpenAI-compatible server — the answer, what the model is sent, retries, and every failure falling back to the
 * retrieval answer with its reason.
 */
class ModelChatTest {
    static final String KEY = "sk-test-5ecret";
    static ScriptedOpenAiServer model;
    static TestServices services;
    static HttpJson api;

    @BeforeAll
    static void start() throws Exception {
        model = new ScriptedOpenAiServer();
        services = new TestServices().env("AI_EMBEDDINGS", "false").env("AI_CHAT_BURST", "1000");
        model.env(KEY, 1).forEach(services::env);
        api = TestServices.http(services.start(new AiAnalystService()));
    }

    @AfterAll
    static void stop() {
        services.close();
        model.close();
    }

    private static JsonNode ask(String question) {
        HttpJson.Response r = api.post("/api/ai/chat", Map.of("query", question));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void theModelAnswersFromTheRetrievedPassagesSentAsData() throws Exception {
        model.script(Reply.answer("Max pain is the strike where option holders receive the least "
                + "[knowledge/max-pain.md]."));
        JsonNode body = ask("what is max pain");
        assertThat(body.get("source").asText()).isEqualTo("llm");
        assertThat(body.get("answer").asText()).isEqualTo("Max pain is the strike where option holders receive the "
                + "least [knowledge/max-pain.md].");
        assertThat(body.get("data").get("model").asText()).isEqualTo("test-model");
        assertThat(body.get("sources").findValuesAsText("source")).contains("knowledge/max-pain.md");

        assertThat(model.received()).singleElement().satisfies(r -> {
            assertThat(r.authorization()).isEqualTo("Bearer " + KEY);
            JsonNode sent = Json.mapper().readTree(r.body());
            assertThat(sent.get("model").asText()).isEqualTo("test-model");
            assertThat(sent.get("max_tokens").asInt()).isEqualTo(200);
            JsonNode messages = sent.get("messages");
            assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
            assertThat(messages.get(0).get("content").asText()).isEqualTo(GroundedPrompt.SYSTEM);
            assertThat(messages.get(1).get("role").asText()).isEqualTo("user");
            assertThat(messages.get(1).get("content").asText()).contains("<data source=\"knowledge/max-pain.md\"")
                    .endsWith("\nQuestion: what is max pain");
        });
    }

    @Test
    void aServerErrorIsRetriedOnce() {
        model.script(Reply.error(503), Reply.answer("Gamma is the rate of change of delta [knowledge/gamma.md]."));
        JsonNode body = ask("what is gamma");
        assertThat(body.get("source").asText()).isEqualTo("llm");
        assertThat(body.get("answer").asText()).startsWith("Gamma is the rate of change of delta");
        assertThat(model.received()).hasSize(2);
    }

    @Test
    void aModelThatKeepsFailingGivesTheRetrievalAnswerWithTheReason() {
        model.script(Reply.error(429), Reply.error(429));
        JsonNode limited = ask("what is theta");
        assertThat(limited.get("source").asText()).isEqualTo("retrieval");
        assertThat(limited.get("data").get("model_error").asText())
                .isEqualTo("the model server is rate limiting (429)");
        assertThat(limited.get("answer").asText())
                .startsWith("The language model did not answer (the model server is rate limiting (429)), so this "
                        + "answer quotes the passages")
                .contains("(knowledge/theta.md)");

        model.script(Reply.error(500), Reply.error(500));
        assertThat(ask("what is vega").get("data").get("model_error").asText())
                .isEqualTo("the model server failed (5xx)");
    }

    @Test
    void aModelTooSlowForTheTimeoutGivesTheRetrievalAnswer() {
        model.script(new Reply(200, "{}", 3_000), new Reply(200, "{}", 3_000));
        JsonNode body = ask("what is an iron condor");
        assertThat(body.get("source").asText()).isEqualTo("retrieval");
        assertThat(body.get("data").get("model_error").asText()).isEqualTo("the model timed out");
        assertThat(body.get("answer").asText()).contains("(knowledge/iron-condor.md)");
    }

    @Test
    void aMalformedOrEmptyReplyGivesTheRetrievalAnswer() {
        model.script(new Reply(200, "this is not json", 0), new Reply(200, "this is not json", 0));
        JsonNode malformed = ask("what is a covered call");
        assertThat(malformed.get("source").asText()).isEqualTo("retrieval");
        assertThat(malformed.get("data").get("model_error").asText()).startsWith("the model's reply could not be used");

        model.script(Reply.answer("   "));
        assertThat(ask("what is a covered call").get("data").get("model_error").asText())
                .isEqualTo("the model returned an empty answer");
    }
}
