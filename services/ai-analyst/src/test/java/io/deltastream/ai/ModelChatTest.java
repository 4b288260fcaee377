package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.ai.model.GroundedPrompt;
import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.bus.Effects;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.json.Json;
import io.deltastream.testkit.ScriptedModelServer;
import io.deltastream.testkit.ScriptedModelServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chat through a language model: the service's real LangChain4j OpenAI client over real HTTP against a scripted
 * OpenAI-compatible server — the answer, what the model is sent, retries, every failure falling back to the
 * retrieval answer with its reason, and the pulse's narrative checked against its data.
 */
class ModelChatTest {
    static final String SECRET = "ai-analyst-test-secret-of-at-least-32-characters";
    static final String KEY = "sk-test-5ecret";
    static ScriptedModelServer model;
    static TestServices services;
    static HttpJson api;
    static String baseUrl;

    @BeforeAll
    static void start() throws Exception {
        model = new ScriptedModelServer();
        services = new TestServices().env("JWT_SECRET", SECRET).env("AI_EMBEDDINGS", "false")
                .env("AI_CHAT_BURST", "1000");
        model.env(KEY, 1).forEach(services::env);
        cacheLiveChain(services);
        RunningService ai = services.start(new AiAnalystService());
        baseUrl = ai.baseUrl();
        api = TestServices.http(ai);
    }

    @AfterAll
    static void stop() {
        services.close();
        model.close();
    }

    /** A NIFTY chain (PCR 1.31) cached as the enricher caches it, for the pulse and the tools; returned. */
    static EnrichedChain cacheLiveChain(TestServices services) {
        EnrichedChain chain = MarketPulseTest.chain(1.31, new long[] {10, 20, 90}, new long[] {70, 30, 5});
        Bus bus = services.shared().get("bus:memory", Bus.class, () -> Buses.open(BusConfig.DEFAULTS));
        bus.cache().apply(new Effects()
                .set(CacheKeys.latestChain("NIFTY", chain.expiry()), WireCodec.encode(chain), CacheKeys.LATEST_TTL)
                .indexPut(CacheKeys.expiriesIndex("NIFTY"), chain.expiry().toString(), System.currentTimeMillis()));
        return chain;
    }

    /** The 200 answer of {@code api} to {@code question}. */
    static JsonNode ask(HttpJson api, String question) {
        HttpJson.Response r = api.post("/api/ai/chat", Map.of("query", question));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void theModelAnswersFromTheRetrievedPassagesSentAsData() throws Exception {
        model.script(Reply.answer("Max pain is the strike where option holders receive the least "
                + "[knowledge/max-pain.md]."));
        JsonNode body = ask(api, "what is max pain");
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
    void thePulseGainsTheModelsNarrativeOnlyWhenEveryFigureInItIsInData() throws Exception {
        String narrative = "NIFTY's PCR(OI) of 1.31 reads Bullish; max pain at 21,450.00 sits below spot 21,500.00, "
                + "and ATM IV is 15.1%.";
        model.script(Reply.answer(narrative));
        JsonNode pulse = api.get("/api/ai/pulse?product=NIFTY").json();
        assertThat(pulse.get("narrative").asText()).isEqualTo(narrative);
        assertThat(pulse.get("source").asText()).isEqualTo("rules");
        // every figure of the narrative, checked against data independently of the service's own check
        Matcher figures = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?").matcher(narrative);
        java.util.List<Double> values = new java.util.ArrayList<>();
        pulse.get("data").forEach(v -> {
            if (v.isNumber()) {
                values.add(v.asDouble());
            }
        });
        int count = 0;
        while (figures.find()) {
            double figure = Double.parseDouble(figures.group().replace(",", ""));
            assertThat(values).as(figures.group()).anySatisfy(v -> assertThat(
                    Math.abs(v - figure) < 1e-9 || Math.abs(100 * v - figure) < 0.05).isTrue());
            count++;
        }
        assertThat(count).isEqualTo(4);
        JsonNode sent = Json.mapper().readTree(model.received().getFirst().body()).get("messages");
        assertThat(sent.get(0).get("content").asText()).isEqualTo(GroundedPrompt.NARRATIVE);
        assertThat(sent.get(1).get("content").asText()).startsWith("<data>\n{").contains("\"pcr_oi\":1.31");

        model.script(Reply.answer("Max pain sits 50 points below spot at 21,450.00."));
        JsonNode invented = api.get("/api/ai/pulse?product=NIFTY").json();
        assertThat(invented.has("narrative")).isFalse();
        assertThat(invented.get("narrative_error").asText())
                .isEqualTo("the model's narrative cited figures not in data: 50");
        assertThat(invented.get("analysis").asText()).startsWith("NIFTY, expiry 2026-12-10");
    }

    @Test
    void aFollowUpReachesTheModelWithTheEarlierTurnsOfTheSameCallersConversation() throws Exception {
        model.script(Reply.answer("Theta is time decay [knowledge/theta.md]."), Reply.answer("Faster near expiry."),
                Reply.answer("Theta is time decay."));
        String[] alice = {"Authorization", "Bearer " + token("alice")};
        api.post("/api/ai/chat", Map.of("query", "what is theta", "conversation_id", "c-7"), alice);
        api.post("/api/ai/chat", Map.of("query", "and near expiry?", "conversation_id", "c-7"), alice);
        api.post("/api/ai/chat", Map.of("query", "what is theta", "conversation_id", "c-7"),
                "Authorization", "Bearer " + token("mallory"));
        JsonNode followUp = Json.mapper().readTree(model.received().get(1).body()).get("messages");
        assertThat(followUp).hasSize(4);
        assertThat(followUp.get(1).get("content").asText()).isEqualTo("what is theta");
        assertThat(followUp.get(2).get("role").asText()).isEqualTo("assistant");
        assertThat(followUp.get(2).get("content").asText()).isEqualTo("Theta is time decay [knowledge/theta.md].");
        assertThat(followUp.get(3).get("content").asText()).endsWith("Question: and near expiry?");
        JsonNode otherUser = Json.mapper().readTree(model.received().get(2).body()).get("messages");
        assertThat(otherUser).as("the same conversation id from another user starts afresh").hasSize(2);
    }

    static String token(String user) {
        return new AccessTokens(SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5), Clock.systemUTC())
                .issue(user, user + "@example.com", "session-of-" + user).token();
    }

    @Test
    void theModelCallsAToolAndItsResultGoesBackAsData() throws Exception {
        model.script(Reply.toolCall("chain_metrics", "{\"product\":\"NIFTY\"}"),
                Reply.answer("NIFTY's PCR(OI) is 1.31 [chain_metrics]."));
        JsonNode body = ask(api, "what is the NIFTY PCR right now?");
        assertThat(body.get("source").asText()).isEqualTo("llm");
        assertThat(body.get("answer").asText()).isEqualTo("NIFTY's PCR(OI) is 1.31 [chain_metrics].");
        JsonNode first = Json.mapper().readTree(model.received().get(0).body());
        assertThat(first.get("tools").findValuesAsText("name"))
                .containsExactly("chain_metrics", "volatility_smile", "option_price", "pcr_history", "candles", "volatility_surface");
        JsonNode messages = Json.mapper().readTree(model.received().get(1).body()).get("messages");
        JsonNode call = messages.get(messages.size() - 2);
        assertThat(call.get("role").asText()).isEqualTo("assistant");
        assertThat(call.get("tool_calls").get(0).get("function").get("name").asText()).isEqualTo("chain_metrics");
        JsonNode result = messages.get(messages.size() - 1);
        assertThat(result.get("role").asText()).isEqualTo("tool");
        assertThat(result.get("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(result.get("content").asText()).startsWith("<data tool=\"chain_metrics\">\n{")
                .contains("\"pcr_oi\":1.31").contains("\"product\":\"NIFTY\"").endsWith("}\n</data>");
    }

    @Test
    void aMalformedToolCallIsAnErrorTheModelReadsAndEndlessCallsFallBack() throws Exception {
        model.script(Reply.toolCall("chain_metrics", "not json"), Reply.toolCall("launch_rockets", "{}"),
                Reply.answer("I could not read the chain."));
        JsonNode body = ask(api, "what is the NIFTY PCR?");
        assertThat(body.get("source").asText()).isEqualTo("llm");
        JsonNode messages = Json.mapper().readTree(model.received().get(2).body()).get("messages");
        assertThat(messages.get(messages.size() - 3).get("content").asText())
                .contains("arguments must be a JSON object");
        assertThat(messages.get(messages.size() - 1).get("content").asText()).contains("unknown tool 'launch_rockets'");

        Reply loop = Reply.toolCall("chain_metrics", "{\"product\":\"NIFTY\"}");
        model.script(loop, loop, loop, loop);
        JsonNode gaveUp = ask(api, "what is the NIFTY PCR?");
        assertThat(gaveUp.get("source").asText()).isEqualTo("retrieval");
        assertThat(gaveUp.get("data").get("model_error").asText())
                .isEqualTo("the model kept calling tools without answering");
        assertThat(model.received()).hasSize(4);
    }

    @Test
    void theStreamSendsTheModelsTokensThenTheWholeAnswer() throws Exception {
        model.script(Reply.stream("Max pain ", "is the strike ", "[knowledge/max-pain.md]."));
        List<String> lines = streamLines("/api/ai/chat/stream?query=what+is+max+pain&conversation_id=s-1");
        assertThat(lines).containsSubsequence("event: token", "data: {\"text\":\"Max pain \"}", "event: token",
                "data: {\"text\":\"is the strike \"}", "event: token",
                "data: {\"text\":\"[knowledge/max-pain.md].\"}", "event: done");
        JsonNode done = Json.mapper().readTree(lines.get(lines.indexOf("event: done") + 1).substring(6));
        assertThat(done.get("answer").asText()).isEqualTo("Max pain is the strike [knowledge/max-pain.md].");
        assertThat(done.get("source").asText()).isEqualTo("llm");
        assertThat(done.get("conversation_id").asText()).isEqualTo("s-1");
        assertThat(Json.mapper().readTree(model.received().getFirst().body()).get("stream").asBoolean()).isTrue();
    }

    @Test
    void theStreamedModelCallsAToolThenStreamsItsAnswer() throws Exception {
        model.script(Reply.streamToolCall("chain_metrics", "{\"product\":\"NIFTY\"}"),
                Reply.stream("NIFTY's PCR(OI) ", "is 1.31 [chain_metrics]."));
        List<String> lines = streamLines("/api/ai/chat/stream?query=what+is+the+NIFTY+PCR");
        assertThat(lines).containsSubsequence("data: {\"text\":\"NIFTY's PCR(OI) \"}",
                "data: {\"text\":\"is 1.31 [chain_metrics].\"}", "event: done");
        JsonNode done = Json.mapper().readTree(lines.get(lines.indexOf("event: done") + 1).substring(6));
        assertThat(done.get("answer").asText()).isEqualTo("NIFTY's PCR(OI) is 1.31 [chain_metrics].");
        assertThat(done.get("source").asText()).isEqualTo("llm");
        assertThat(Json.mapper().readTree(model.received().get(0).body()).get("tools").findValuesAsText("name"))
                .contains("chain_metrics");
        JsonNode messages = Json.mapper().readTree(model.received().get(1).body()).get("messages");
        JsonNode call = messages.get(messages.size() - 2);
        assertThat(call.get("tool_calls").get(0).get("function").get("arguments").asText())
                .isEqualTo("{\"product\":\"NIFTY\"}");
        JsonNode result = messages.get(messages.size() - 1);
        assertThat(result.get("role").asText()).isEqualTo("tool");
        assertThat(result.get("content").asText()).startsWith("<data tool=\"chain_metrics\">")
                .contains("\"pcr_oi\":1.31");

        Reply loop = Reply.streamToolCall("chain_metrics", "{\"product\":\"NIFTY\"}");
        model.script(loop, loop, loop, loop);
        List<String> gaveUp = streamLines("/api/ai/chat/stream?query=what+is+the+NIFTY+PCR");
        JsonNode error = Json.mapper().readTree(gaveUp.get(gaveUp.indexOf("event: error") + 1).substring(6));
        assertThat(error.get("error").asText()).isEqualTo("the model kept calling tools without answering");
    }

    @Test
    void aFailingStreamSaysSoThenGivesTheRetrievalAnswerAndBadParametersAreJsonErrors() throws Exception {
        model.script(Reply.error(500));
        List<String> lines = streamLines("/api/ai/chat/stream?query=what+is+vega");
        assertThat(lines).containsSubsequence("event: token", "event: error", "event: done");
        JsonNode error = Json.mapper().readTree(lines.get(lines.indexOf("event: error") + 1).substring(6));
        assertThat(error.get("error").asText()).isEqualTo("the model server failed (5xx)");
        JsonNode done = Json.mapper().readTree(lines.get(lines.indexOf("event: done") + 1).substring(6));
        assertThat(done.get("source").asText()).isEqualTo("retrieval");

        HttpJson.Response missing = api.get("/api/ai/chat/stream");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).isEqualTo("Query required");
        assertThat(api.get("/api/ai/chat/stream?query=x&product=NOPE").status()).isEqualTo(400);
    }

    private static List<String> streamLines(String path) throws Exception {
        return streamLines(baseUrl, path);
    }

    /** The lines of the event stream the service at {@code baseUrl} answers {@code path} with. */
    static List<String> streamLines(String baseUrl, String path) throws Exception {
        java.net.http.HttpResponse<java.util.stream.Stream<String>> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl
                        + path)).build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/event-stream"));
        return r.body().toList();
    }

    @Test
    void aServerErrorIsRetriedOnce() {
        model.script(Reply.error(503), Reply.answer("Gamma is the rate of change of delta [knowledge/gamma.md]."));
        JsonNode body = ask(api, "what is gamma");
        assertThat(body.get("source").asText()).isEqualTo("llm");
        assertThat(body.get("answer").asText()).startsWith("Gamma is the rate of change of delta");
        assertThat(model.received()).hasSize(2);
    }

    @Test
    void aModelThatKeepsFailingGivesTheRetrievalAnswerWithTheReason() {
        model.script(Reply.error(429), Reply.error(429));
        JsonNode limited = ask(api, "what is theta");
        assertThat(limited.get("source").asText()).isEqualTo("retrieval");
        assertThat(limited.get("data").get("model_error").asText())
                .isEqualTo("the model server is rate limiting (429)");
        assertThat(limited.get("answer").asText())
                .startsWith("The language model did not answer (the model server is rate limiting (429)), so this "
                        + "answer quotes the passages")
                .contains("(knowledge/theta.md)");

        model.script(Reply.error(500), Reply.error(500));
        assertThat(ask(api, "what is vega").get("data").get("model_error").asText())
                .isEqualTo("the model server failed (5xx)");
    }

    @Test
    void aModelTooSlowForTheTimeoutGivesTheRetrievalAnswer() {
        model.script(new Reply(200, "{}", 3_000), new Reply(200, "{}", 3_000));
        JsonNode body = ask(api, "what is an iron condor");
        assertThat(body.get("source").asText()).isEqualTo("retrieval");
        assertThat(body.get("data").get("model_error").asText()).isEqualTo("the model timed out");
        assertThat(body.get("answer").asText()).contains("(knowledge/iron-condor.md)");
    }

    @Test
    void aMalformedOrEmptyReplyGivesTheRetrievalAnswer() {
        model.script(new Reply(200, "this is not json", 0), new Reply(200, "this is not json", 0));
        JsonNode malformed = ask(api, "what is a covered call");
        assertThat(malformed.get("source").asText()).isEqualTo("retrieval");
        assertThat(malformed.get("data").get("model_error").asText()).startsWith("the model's reply could not be used");

        model.script(Reply.answer("   "));
        assertThat(ask(api, "what is a covered call").get("data").get("model_error").asText())
                .isEqualTo("the model returned an empty answer");
    }
}
