package io.deltastream.ai;

import io.deltastream.ai.retrieval.EmbeddedPassage;
import io.deltastream.ai.retrieval.Hit;
import io.deltastream.ai.retrieval.HybridRetriever;
import io.deltastream.ai.retrieval.Passage;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiRequest;
import io.deltastream.platform.http.JsonBody;
import io.deltastream.platform.http.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /api/ai/chat {"query", "conversation_id"?, "product"?}}: the passages of the docs, the knowledge base
 * and the live market facts that answer the question best, by hybrid retrieval. No language model is configured, so
 * the answer quotes them, says so, and adds the live facts of the product asked about (named in {@code product} or in
 * the question).
 */
final class ChatRoute {
    static final int MAX_QUERY_CHARS = 1000;
    static final int PASSAGES_PER_ANSWER = 3;
    private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Set<String> FIELDS = Set.of("query", "conversation_id", "product");

    private final HybridRetriever retriever;
    private final LiveMarketFacts live;
    private final ProductUniverse universe;
    private final AccessTokens tokens;
    private final ChatRateLimit limit;

    /** @param live the live snapshots, retrieved with the corpus and quoted for the product asked about */
    ChatRoute(HybridRetriever retriever, LiveMarketFacts live, ProductUniverse universe, AccessTokens tokens,
              ChatRateLimit limit) {
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
        limit.acquire(caller(req));
        return Reply.ok(answer(q));
    }

    /**
     * Who asks, for the rate limit: the user of a valid access token, else the client address the gateway appended
     * last to {@code X-Forwarded-For} (the service's own port is internal), else the peer.
     */
    private String caller(ApiRequest req) {
        Optional<String> authorization = req.header("Authorization");
        if (authorization.isPresent()) {
            try {
                return "user:" + tokens.authenticateHeader(authorization.get()).userId();
            } catch (ApiException e) {
                // market-data routes accept anonymous callers; a bad token only loses its per-user bucket
            }
        }
        String forwarded = req.header("X-Forwarded-For").orElse("");
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
        return "client:" + (last.isEmpty() ? req.clientAddress() : last);
    }

    Map<String, Object> answer(Question q) {
        List<EmbeddedPassage> facts = live.passages();
        HybridRetriever.Result result = retriever.search(q.query(), PASSAGES_PER_ANSWER, facts);
        StringBuilder answer = new StringBuilder("No language model is configured (LLM_PROVIDER=none), so this "
                + "answer quotes the passages that match the question best");
        answer.append(result.ranking() == HybridRetriever.Ranking.FUSION ? "."
                : " by keywords only: the embedding index is still being built.");
        List<Map<String, Object>> sources = new ArrayList<>();
        for (Hit h : result.hits()) {
            Passage p = h.passage();
            answer.append("\n\nFrom \"").append(p.title()).append('"')
                    .append(p.heading().isEmpty() ? "" : ", " + p.heading())
                    .append(" (").append(p.source()).append("):\n").append(p.text());
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("source", p.source());
            source.put("title", p.title());
            if (!p.heading().isEmpty()) {
                source.put("heading", p.heading());
            }
            source.put("score", Math.round(h.score() * 10_000) / 10_000.0);
            sources.add(source);
        }
        if (result.hits().isEmpty()) {
            answer.append("\n\nNothing in the docs or the knowledge base matches that question. They cover options "
                    + "(Greeks, volatility, PCR, max pain, open interest, strategies, margin and risk) and running and "
                    + "using DeltaStream.");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("retrieval", result.ranking().wire());
        q.product().ifPresent(product -> {
            data.put("product", product);
            live.nearest(product).ifPresent(chain -> {
                data.put("market", MarketPulse.of(chain).data());
                data.put("as_of", chain.timestamp().toString());
                boolean quoted = result.hits().stream()
                        .anyMatch(h -> h.passage().source().equals("live/" + product + "/" + chain.expiry()));
                if (!quoted) {
                    answer.append("\n\nLive facts: ").append(LiveMarketFacts.describe(chain));
                }
            });
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("answer", answer.toString());
        body.put("sources", sources);
        body.put("data", data);
        body.put("source", "retrieval");
        q.conversationId().ifPresent(id -> body.put("conversation_id", id));
        return body;
    }

    /** The first listed product named in the question as a word ("nifty" or "NIFTY"), if any. */
    private Optional<String> mentionedProduct(String query) {
        String upper = " " + query.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", " ") + " ";
        return universe.names().stream().filter(n -> upper.contains(" " + n + " ")).findFirst();
    }
}
