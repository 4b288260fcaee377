package io.deltastream.ai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.ai.model.ConversationMemory;
import io.deltastream.ai.model.LanguageModel;
import io.deltastream.ai.model.Tools;
import io.deltastream.ai.retrieval.Hit;
import io.deltastream.ai.retrieval.HybridRetriever;
import io.deltastream.ai.retrieval.Passage;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiRequest;
import io.deltastream.platform.http.JsonBody;
import io.deltastream.platform.http.Reply;
import io.deltastream.platform.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/ai/chat {"query", "conversation_id"?, "product"?}}: the passages of the docs, the knowledge base
 * and the live market facts that answer the question best, by hybrid retrieval, with the live facts of the product
 * asked about (named in {@code product} or in the question). With a language model configured, the model answers from
 * that material ({@code source: "llm"}); without one, or when the model fails, the answer quotes the material and says
 * why ({@code source: "retrieval"}).
 */
final class ChatRoute {
    static final int MAX_QUERY_CHARS = 1000;
    static final int PASSAGES_PER_ANSWER = 3;
    private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Set<String> FIELDS = Set.of("query", "conversation_id", "product");
    private static final Logger LOG = LoggerFactory.getLogger(ChatRoute.class);

    private final HybridRetriever retriever;
    private final LiveMarketFacts live;
    private final ProductUniverse universe;
    private final AccessTokens tokens;
    private final ChatRateLimit limit;
    private final Optional<LanguageModel> model;
    private final ConversationMemory memory;
    private final Tools tools;

    /**
     * @param live  the live snapshots, retrieved with the corpus and quoted for the product asked about
     * @param model  the configured language model, if any
     * @param memory the model's conversations (with a {@code conversation_id})
     */
    ChatRoute(HybridRetriever retriever, LiveMarketFacts live, ProductUniverse universe, AccessTokens tokens,
              ChatRateLimit limit, Optional<LanguageModel> model, ConversationMemory memory) {
        this.model = model;
        this.memory = memory;
        this.tools = new AnalystTools(live).tools();
        this.retriever = retriever;
        this.live = live;
        this.universe = universe;
        this.tokens = tokens;
        this.limit = limit;
    }

    /** The validated body of a chat request. */
    record Question(String query, Optional<String> conversationId, Optional<String> product) {
    }

    /**
     * The question of a request body. 400 for a missing or blank query ({@code Query required}, as the reference),
     * one over {@value #MAX_QUERY_CHARS} characters, a malformed {@code conversation_id}, a product the platform
     * does not list, or an unknown field.
     */
    Question parse(JsonBody body) {
        body.allowOnly(FIELDS);
        String query = body.optionalString("query").map(String::strip).orElse("");
        if (query.isEmpty()) {
            throw ApiException.badRequest("Query required").with("field", "query");
        }
        if (query.length() > MAX_QUERY_CHARS) {
            throw ApiException.badRequest("query is longer than " + MAX_QUERY_CHARS + " characters")
                    .with("field", "query");
        }
        Optional<String> conversation = body.optionalString("conversation_id");
        if (conversation.isPresent() && !CONVERSATION_ID.matcher(conversation.get()).matches()) {
            throw ApiException.badRequest("conversation_id must be 1 to 64 letters, digits or . _ : -")
                    .with("field", "conversation_id");
        }
        Optional<String> product = body.optionalString("product").map(p -> p.strip().toUpperCase(Locale.ROOT));
        if (product.isPresent() && universe.find(product.get()).isEmpty()) {
            throw ApiException.badRequest("Unknown product '" + product.get() + "'").with("field", "product");
        }
        return new Question(query, conversation, product.or(() -> mentionedProduct(query)));
    }

    Reply handle(ApiRequest req) {
        Question q = parse(req.jsonBody());
        String caller = caller(req.header("Authorization"), req.header("X-Forwarded-For"), req.clientAddress());
        limit.acquire(caller);
        return Reply.ok(answer(q, caller, null));
    }

    /**
     * {@code GET /api/ai/chat/stream?query=&product=&conversation_id=}: the same answer as Server-Sent Events —
     * {@code token} events ({@code {"text"}}) as the model writes, then one {@code done} event with the whole answer
     * body of {@code POST /api/ai/chat}. Without a model the quoted answer is one token. A model that fails mid-way
     * sends an {@code error} event ({@code {"error"}}), then {@code done} with the retrieval answer. Bad parameters and
     * the rate limit are JSON errors, before any event.
     */
    void stream(ServerRequest req, ServerResponse res) throws IOException {
        ObjectNode params = Json.object();
        for (String field : FIELDS) {
            req.query().first(field).ifPresent(v -> params.put(field, v));
        }
        Question q = parse(JsonBody.of(params));
        String caller = caller(req.headers().first(HeaderNames.AUTHORIZATION),
                req.headers().first(HeaderNames.create("X-Forwarded-For")), req.remotePeer().host());
        limit.acquire(caller);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        try (OutputStream out = res.outputStream()) {
            Map<String, Object> body = answer(q, caller, token -> event(out, "token", Map.of("text", token)));
            if (body.get("data") instanceof Map<?, ?> data && data.get("model_error") instanceof String reason
                    && model.isPresent()) {
                event(out, "error", Map.of("error", reason));
            }
            event(out, "done", body);
        }
    }

    private static void event(OutputStream out, String name, Object data) {
        try {
            out.write(("event: " + name + "\ndata: " + Json.string(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away", e);
        }
    }

    /**
     * Who asks, for the rate limit: the user of a valid access token, else the client address the gateway appended
     * last to {@code X-Forwarded-For} (the service's own port is internal), else the peer.
     */
    private String caller(Optional<String> authorization, Optional<String> forwardedFor, String peer) {
        if (authorization.isPresent()) {
            try {
                return "user:" + tokens.authenticateHeader(authorization.get()).userId();
            } catch (ApiException e) {
                // market-data routes accept anonymous callers; a bad token only loses its per-user bucket
            }
        }
        String forwarded = forwardedFor.orElse("");
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
        return "client:" + (last.isEmpty() ? peer : last);
    }

    /**
     * @param caller who asks (see {@link #caller}): conversations are kept per caller
     * @param tokens where the answer's text goes as it is written (streaming), or null
     */
    Map<String, Object> answer(Question q, String caller, Consumer<String> tokens) {
        HybridRetriever.Result result = retriever.search(q.query(), PASSAGES_PER_ANSWER, live.passages());
        List<Passage> material = new ArrayList<>(result.hits().stream().map(Hit::passage).toList());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("retrieval", result.ranking().wire());
        q.product().ifPresent(product -> {
            data.put("product", product);
            live.nearest(product).ifPresent(chain -> {
                data.put("market", MarketPulse.of(chain).data());
                data.put("as_of", chain.timestamp().toString());
                Passage facts = LiveMarketFacts.passage(chain);
                if (material.stream().noneMatch(p -> p.source().equals(facts.source()))) {
                    material.add(facts);
                }
            });
        });

        Map<String, Object> body = new LinkedHashMap<>();
        String failure = null;
        if (model.isPresent()) {
            try {
                List<ConversationMemory.Turn> history = q.conversationId()
                        .map(id -> memory.turns(caller, id)).orElse(List.of());
                String text = tokens == null ? model.get().answer(q.query(), material, history, tools)
                        : model.get().stream(q.query(), material, history, tokens);
                q.conversationId().ifPresent(id ->
                        memory.add(caller, id, new ConversationMemory.Turn(q.query(), text)));
                body.put("answer", text);
                data.put("model", model.get().name());
            } catch (LanguageModel.ModelFailure e) {
                failure = e.getMessage();
                data.put("model_error", failure);
                LOG.warn("chat falls back to retrieval: {}", failure);
            }
        }
        if (!body.containsKey("answer")) {
            body.put("answer", quoted(result, material, failure));
            if (tokens != null) {
                tokens.accept((String) body.get("answer"));
            }
        }
        body.put("sources", result.hits().stream().map(ChatRoute::source).toList());
        body.put("data", data);
        body.put("source", failure == null && model.isPresent() ? "llm" : "retrieval");
        q.conversationId().ifPresent(id -> body.put("conversation_id", id));
        return body;
    }

    /** The answer without a model: the passages quoted, each introduced by where it comes from. */
    private static String quoted(HybridRetriever.Result result, List<Passage> material, String failure) {
        StringBuilder answer = new StringBuilder(failure == null
                ? "No language model is configured (LLM_PROVIDER=none), so this answer quotes the passages that "
                        + "match the question best"
                : "The language model did not answer (" + failure + "), so this answer quotes the passages that "
                        + "match the question best");
        answer.append(result.ranking() == HybridRetriever.Ranking.FUSION ? "."
                : " by keywords only: the embedding index is still being built.");
        if (result.hits().isEmpty()) {
            answer.append("\n\nNothing in the docs or the knowledge base matches that question. They cover options "
                    + "(Greeks, volatility, PCR, max pain, open interest, strategies, margin and risk) and running and "
                    + "using DeltaStream.");
        }
        for (Passage p : material) {
            answer.append("\n\nFrom \"").append(p.title()).append('"')
                    .append(p.heading().isEmpty() ? "" : ", " + p.heading())
                    .append(" (").append(p.source()).append("):\n").append(p.text());
        }
        return answer.toString();
    }

    private static Map<String, Object> source(Hit h) {
        Passage p = h.passage();
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("source", p.source());
        source.put("title", p.title());
        if (!p.heading().isEmpty()) {
            source.put("heading", p.heading());
        }
        source.put("score", Math.round(h.score() * 10_000) / 10_000.0);
        return source;
    }

    /** The first listed product named in the question as a word ("nifty" or "NIFTY"), if any. */
    private Optional<String> mentionedProduct(String query) {
        String upper = " " + query.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", " ") + " ";
        return universe.names().stream().filter(n -> upper.contains(" " + n + " ")).findFirst();
    }
}
