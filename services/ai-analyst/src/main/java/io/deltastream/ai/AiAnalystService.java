package io.deltastream.ai;

import io.deltastream.bus.Bus;
import io.deltastream.bus.Buses;
import io.deltastream.bus.Cache;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiRequest;
import io.deltastream.platform.http.Reply;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Explains the market state in words. {@code GET /api/ai/pulse?product=} (default NIFTY) reads the product's nearest
 * live chain from the enricher's cache and answers the reference's shape, {@code {"product", "analysis", "data"}},
 * with a rule-based reading ({@link MarketPulse}) instead of a language model. {@code POST /api/ai/chat}
 * {@code {"query"}} answers with the passages of the project docs that match the question best ({@link DocsIndex}).
 * The reference's news sentiment is not built.
 */
public final class AiAnalystService implements Service {
    public static final String NAME = "ai-analyst";
    static final String DEFAULT_PRODUCT = "NIFTY";
    static final int MAX_QUERY_CHARS = 1000;
    static final int PASSAGES_PER_ANSWER = 3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8006;
    }

    @Override
    public void install(ServiceContext ctx) {
        ProductUniverse universe = ProductUniverse.from(ctx.env());
        Bus bus = Buses.open(ctx);
        Clock clock = Clock.systemUTC();
        DocsIndex docs = DocsIndex.bundled();
        ctx.routes().get("/api/ai/pulse", req -> pulse(req, universe, bus.cache(), clock));
        ctx.routes().post("/api/ai/chat", req -> chat(req, docs));
    }

    /**
     * {@code {"answer", "sources": [{"document", "section", "score"}], "source": "retrieval"}}: the best passages
     * quoted, each introduced by where it comes from. 400 {@code Query required} without a question, as the reference.
     */
    private static Reply chat(ApiRequest req, DocsIndex docs) {
        String query = req.jsonBody().allowOnly(Set.of("query")).optionalString("query").map(String::strip)
                .orElse("");
        if (query.isEmpty()) {
            throw ApiException.badRequest("Query required");
        }
        if (query.length() > MAX_QUERY_CHARS) {
            throw ApiException.badRequest("query is longer than " + MAX_QUERY_CHARS + " characters")
                    .with("field", "query");
        }
        List<DocsIndex.Hit> hits = docs.search(query, PASSAGES_PER_ANSWER);
        List<Map<String, Object>> sources = new ArrayList<>();
        StringBuilder answer = new StringBuilder();
        for (DocsIndex.Hit h : hits) {
            DocsIndex.Passage p = h.passage();
            if (!answer.isEmpty()) {
                answer.append("\n\n");
            }
            answer.append("From ").append(p.document()).append(p.section().isEmpty() ? "" : ", " + p.section())
                    .append(":\n").append(p.text());
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("document", p.document());
            source.put("section", p.section());
            source.put("score", Math.round(h.score() * 1000) / 1000.0);
            sources.add(source);
        }
        if (hits.isEmpty()) {
            answer.append("No passage of the DeltaStream docs matches that question. They cover running and "
                    + "configuring the platform, its API, how it differs from the reference, and its performance.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("answer", answer.toString());
        body.put("sources", sources);
        body.put("source", "retrieval");
        return Reply.ok(body);
    }

    private static Reply pulse(ApiRequest req, ProductUniverse universe, Cache cache, Clock clock) {
        String product = universe.requireListed(req.query("product").orElse(DEFAULT_PRODUCT)).name();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product", product);
        Optional<EnrichedChain> chain = nearestLiveChain(cache, product, clock);
        if (chain.isEmpty()) {
            body.put("analysis", "No live option chain for " + product + " yet: the pulse is read from the enricher's "
                    + "latest chains, which appear within seconds of the feed starting.");
            body.put("data", Map.of());
            return Reply.ok(body);
        }
        MarketPulse pulse = MarketPulse.of(chain.get());
        body.put("analysis", pulse.analysis());
        body.put("data", pulse.data());
        body.put("source", "rules");
        return Reply.ok(body);
    }

    /** The chain of the earliest expiry that has one in the cache, skipping any entry that fails to decode. */
    private static Optional<EnrichedChain> nearestLiveChain(Cache cache, String product, Clock clock) {
        double since = clock.millis() - CacheKeys.LATEST_TTL.toMillis();
        return cache.indexMembers(CacheKeys.expiriesIndex(product), since).stream().sorted()
                .map(expiry -> cache.get(CacheKeys.latestChain(product, LocalDate.parse(expiry))))
                .flatMap(Optional::stream)
                .flatMap(json -> decode(json).stream())
                .filter(c -> c.strikes().length > 0)
                .findFirst();
    }

    private static Optional<EnrichedChain> decode(String json) {
        try {
            return Optional.of(WireCodec.decodeEnrichedChain(json));
        } catch (MalformedMessageException e) {
            return Optional.empty();
        }
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new AiAnalystService());
    }
}
