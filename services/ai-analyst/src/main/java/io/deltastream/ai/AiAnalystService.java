package io.deltastream.ai;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.deltastream.ai.model.ConversationMemory;
import io.deltastream.ai.model.LanguageModel;
import io.deltastream.ai.model.ModelSettings;
import io.deltastream.ai.retrieval.BundledCorpus;
import io.deltastream.ai.retrieval.EmbeddingCache;
import io.deltastream.ai.retrieval.HybridRetriever;
import io.deltastream.ai.sentiment.EmbeddingHeadlineClassifier;
import io.deltastream.ai.sentiment.FeedSource;
import io.deltastream.ai.sentiment.HeadlineClassifier;
import io.deltastream.ai.sentiment.HeadlineScorer;
import io.deltastream.ai.sentiment.LabelledHeadlines;
import io.deltastream.ai.sentiment.ModelHeadlineScoring;
import io.deltastream.ai.sentiment.NewsPoller;
import io.deltastream.ai.sentiment.NewsSentiment;
import io.deltastream.ai.sentiment.NewsSource;
import io.deltastream.ai.sentiment.SampleHeadlines;
import io.deltastream.bus.Bus;
import io.deltastream.bus.Buses;
import io.deltastream.bus.Cache;
import io.deltastream.bus.Payload;
import io.deltastream.bus.TopicListener;
import io.deltastream.bus.TopicSubscription;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.live.LiveChains;
import io.deltastream.market.live.PublishedChain;
import io.deltastream.market.product.Product;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.http.ApiRequest;
import io.deltastream.platform.http.Reply;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import io.helidon.http.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains the market state in words. {@code GET /api/ai/pulse?product=} (default NIFTY) reads the product's nearest
 * live chain from the enricher's cache and answers the reference's shape, {@code {"product", "analysis", "data"}},
 * with a rule-based reading ({@link MarketPulse}). {@code POST /api/ai/chat} answers from the bundled docs, the
 * options knowledge base and the live market facts by hybrid retrieval, through the language model when one is
 * configured ({@link ChatRoute}, {@link ModelSettings}). {@code GET /api/ai/sentiment?product=} reads the news
 * headlines' sentiment ({@link NewsSentiment}): in embedded mode the bundled sample, replayed, and the RSS/Atom feeds
 * of {@code NEWS_FEEDS}, polled every {@code NEWS_POLL_SECONDS}.
 *
 * <p>Configuration: {@code AI_EMBEDDINGS} ({@code true}: embed the corpus with all-MiniLM-L6-v2 in the background,
 * cached in {@code DATA_DIR/ai-analyst}; {@code false}: BM25 only), {@code AI_CHAT_RATE_PER_MINUTE} and
 * {@code AI_CHAT_BURST} (the per-caller limit on chat questions), {@code AI_SENTIMENT_HALF_LIFE_HOURS} (how fast a
 * headline's weight decays), {@code AI_SENTIMENT_CLASSIFIER} ({@code lexicon} or {@code embeddings}: how headlines are
 * scored without a language model).
 */
public final class AiAnalystService implements Service {
    public static final String NAME = "ai-analyst";
    static final String DEFAULT_PRODUCT = "NIFTY";
    /** The embedding model's identity in the cache key: change it with the dependency. */
    public static final String EMBEDDING_MODEL = "langchain4j all-MiniLM-L6-v2 1.19.0-beta29";
    static final String LEXICON = "lexicon";
    static final String EMBEDDINGS = "embeddings";
    private static final Logger LOG = LoggerFactory.getLogger(AiAnalystService.class);

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
        boolean embeddings = ctx.env().bool("AI_EMBEDDINGS", true);
        String sentimentClassifier = ctx.env().choice("AI_SENTIMENT_CLASSIFIER", LEXICON, Set.of(LEXICON, EMBEDDINGS));
        double chatPerMinute = ctx.env().positiveNumber("AI_CHAT_RATE_PER_MINUTE", 20, 100_000);
        int chatBurst = ctx.env().integer("AI_CHAT_BURST", 5, 1, 10_000);
        Path cacheDir = Path.of(ctx.env().string("DATA_DIR", "./data")).resolve(NAME);
        ModelSettings modelSettings = ModelSettings.from(ctx.env());
        Optional<LanguageModel> model = modelSettings.enabled() ? Optional.of(LanguageModel.of(modelSettings))
                : Optional.empty();
        LOG.info("language model: {}", modelSettings);
        Bus bus = Buses.open(ctx);
        Clock clock = Clock.systemUTC();

        HybridRetriever retriever = new HybridRetriever(BundledCorpus.passages());
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ai-analyst-embeddings");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        ctx.onStop(background::shutdownNow);
        LiveMarketFacts live = new LiveMarketFacts(retriever::embed, background, clock);
        ChatRoute chat = new ChatRoute(retriever, live, universe, AccessTokens.fromEnv(ctx.env()),
                new ChatRateLimit(chatPerMinute, chatBurst, System::nanoTime), model, new ConversationMemory(clock),
                tools(live, ctx.env()));

        Duration halfLife = Duration.ofHours(ctx.env().integer("AI_SENTIMENT_HALF_LIFE_HOURS", 48, 1, 24 * 90));
        NewsSentiment news = new NewsSentiment(headlineScorer(sentimentClassifier), halfLife, clock,
                model.isPresent());
        List<NewsSource> sources = new ArrayList<>();
        SampleHeadlines sample = new SampleHeadlines(clock.instant());
        if (ctx.embedded()) {
            sources.add(sample);
        }
        HttpClient feeds = HttpClient.newBuilder().connectTimeout(FeedSource.TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        for (URI feed : newsFeeds(ctx.env())) {
            sources.add(new FeedSource(feed, universe.names(), feeds));
        }
        Duration poll = Duration.ofSeconds(ctx.env().integer("NEWS_POLL_SECONDS", 300, 30, 86_400));
        Consumer<Set<String>> publish = products -> publishSentiment(bus, news, products);
        Consumer<Set<String>> onNews = publish;
        if (model.isPresent()) {
            // the model scores new headlines on a thread of its own: neither polling nor start-up waits for it
            ExecutorService scoring = Executors.newSingleThreadExecutor(r -> ctx.thread("headline-scoring", r));
            ctx.onStop(scoring::shutdownNow);
            ModelHeadlineScoring byModel = new ModelHeadlineScoring(news, model.get(), universe.names(), publish);
            onNews = products -> {
                publish.accept(products);
                scoring.execute(byModel::scorePending);
            };
        }
        NewsPoller poller = new NewsPoller(sources, news, universe.names(), onNews);
        if (ctx.embedded()) {
            poller.pollNow(sample);
        }

        ctx.healthDetail("retrieval", () -> retrievalHealth(retriever, embeddings));
        ctx.healthDetail("headlines", news::size);
        ctx.routes().get("/api/ai/sentiment", req -> Reply.ok(news.summary(
                universe.requireListed(req.query("product").orElse(DEFAULT_PRODUCT)).name())));
        LatestPulses pulses = new LatestPulses(bus.cache(), clock);
        ctx.routes().get("/api/ai/pulse", req -> pulse(req, universe, pulses, model));
        ctx.routes().post("/api/ai/chat", chat::handle);
        ctx.routes().raw(Method.GET, "/api/ai/chat/stream", chat::stream);
        ctx.onStarted(() -> {
            if (!sources.isEmpty()) {
                background.scheduleWithFixedDelay(poller::pollOnce, 0, poll.toSeconds(),
                        TimeUnit.SECONDS);
            }
            if (embeddings) {
                background.execute(() -> retriever.buildEmbeddings(AllMiniLmL6V2EmbeddingModel::new,
                        EMBEDDING_MODEL, Optional.of(new EmbeddingCache(cacheDir))));
            }
            TopicSubscription subscription = bus.topics().subscribe(List.of(MarketTopics.ENRICHED_OPTION_CHAIN),
                    TopicListener.ofBodies((topic, body) -> decode(body).ifPresent(live::accept)));
            ctx.onStop(subscription);
            seed(live, universe, bus.cache(), clock);
        });
    }

    /**
     * {@code AI_SENTIMENT_CLASSIFIER}: the lexicon, or the classifier on sentence embeddings trained now on the
     * training half of the labelled headlines (a few seconds at start-up).
     */
    private static HeadlineScorer headlineScorer(String name) {
        if (name.equals(EMBEDDINGS)) {
            long start = System.nanoTime();
            // the model's ONNX session is loaded once per process, shared with the retrieval's instances
            HeadlineScorer scorer = new EmbeddingHeadlineClassifier(new AllMiniLmL6V2EmbeddingModel(),
                    LabelledHeadlines.trainingHalf());
            LOG.info("sentiment classifier on embeddings trained in {} ms", (System.nanoTime() - start) / 1_000_000);
            return scorer;
        }
        return new HeadlineClassifier();
    }

    /**
     * Each product's sentiment on {@code ai:sentiment} (the socket gateway's {@code sentiment_update}): product,
     * sentiment, score, counts, headlines (texts) and as_of.
     */
    private static void publishSentiment(Bus bus, NewsSentiment news, Set<String> products) {
        for (String product : products) {
            Map<String, Object> s = news.summary(product);
            Map<String, Object> update = new LinkedHashMap<>();
            for (String field : List.of("product", "sentiment", "score", "counts", "headlines", "as_of")) {
                update.put(field, s.get(field));
            }
            bus.topics().publish(MarketTopics.AI_SENTIMENT, Json.string(update));
        }
    }

    /**
     * The model's tools, reading the trade simulator, analytics and storage where the api-gateway finds them
     * ({@code TRADE_SERVICE_URL}, {@code ANALYTICS_SERVICE_URL}, {@code STORAGE_SERVICE_URL}, with the same
     * defaults), with the platform's internal credential (which a distributed deployment requires between services).
     */
    private static AnalystTools tools(LiveMarketFacts live, Env env) {
        Optional<String> internal = Optional.of(Credential.internal(env).token());
        HttpClient http = HttpClient.newBuilder().connectTimeout(ServiceReads.TIMEOUT).build();
        return new AnalystTools(live,
                new ServiceReads("the trade simulator", service(env, "TRADE_SERVICE_URL", 8007), internal, http),
                new ServiceReads("the analytics service", service(env, "ANALYTICS_SERVICE_URL", 8004), internal, http),
                new ServiceReads("the storage service", service(env, "STORAGE_SERVICE_URL", 8003), internal, http));
    }

    private static URI service(Env env, String variable, int port) {
        return env.uri(variable, Set.of("http", "https")).orElse(URI.create("http://localhost:" + port));
    }

    /** {@code NEWS_FEEDS}: comma-separated http(s) URLs of RSS or Atom feeds; anything else stops start-up. */
    static List<URI> newsFeeds(Env env) {
        List<URI> out = new ArrayList<>();
        for (String raw : env.list("NEWS_FEEDS", List.of())) {
            URI uri;
            try {
                uri = new URI(raw);
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !Set.of("http", "https").contains(uri.getScheme())) {
                throw new ConfigException("NEWS_FEEDS must be comma-separated http or https URLs, got '" + raw + "'");
            }
            out.add(uri);
        }
        return out;
    }

    private static Map<String, Object> retrievalHealth(HybridRetriever retriever, boolean embeddings) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("passages", retriever.size());
        h.put("embeddings", embeddings ? retriever.embeddingState().name().toLowerCase(java.util.Locale.ROOT)
                : "off");
        h.put("ranking", retriever.embeddingState() == HybridRetriever.EmbeddingState.READY ? "hybrid" : "bm25");
        retriever.embeddingFailure().ifPresent(reason -> h.put("embeddings_error", reason));
        if (retriever.buildMillis() >= 0) {
            h.put("embedding_build_ms", retriever.buildMillis());
            h.put("embeddings_from_cache", retriever.embeddingsFromCache());
        }
        return h;
    }

    /** The live facts the cache already holds, so chat knows the market before the next chain arrives. */
    private static void seed(LiveMarketFacts live, ProductUniverse universe, Cache cache, Clock clock) {
        for (Product p : universe.products()) {
            liveChains(cache, p.name(), clock).forEach(live::accept);
        }
    }

    /**
     * The pulse; with a model, also its {@code narrative} of {@code data}, kept only when every figure in it is in
     * {@code data} ({@code narrative_error} says why it is missing otherwise).
     */
    private static Reply pulse(ApiRequest req, ProductUniverse universe, LatestPulses pulses,
                               Optional<LanguageModel> model) {
        String product = universe.requireListed(req.query("product").orElse(DEFAULT_PRODUCT)).name();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product", product);
        Optional<MarketPulse> latest = pulses.of(product);
        if (latest.isEmpty()) {
            body.put("analysis", "No live option chain for " + product + " yet: the pulse is read from the enricher's "
                    + "latest chains, which appear within seconds of the feed starting.");
            body.put("data", Map.of());
            return Reply.ok(body);
        }
        MarketPulse pulse = latest.get();
        body.put("analysis", pulse.analysis());
        body.put("data", pulse.data());
        body.put("source", "rules");
        if (model.isPresent()) {
            try {
                body.put("narrative", model.get().narrate(pulse.data()));
            } catch (LanguageModel.ModelFailure e) {
                body.put("narrative_error", e.getMessage());
                LOG.warn("pulse without narrative: {}", e.getMessage());
            }
        }
        return Reply.ok(body);
    }

    /** The product's live chains in the cache with at least one strike, nearest expiry first. */
    private static List<EnrichedChain> liveChains(Cache cache, String product, Clock clock) {
        return LiveChains.cached(cache, clock).latestOfLiveExpiries(product).stream()
                .filter(c -> c.strikes().length > 0)
                .toList();
    }

    /** The published chain: the worker's object in embedded mode, decoded from the text over Redis. */
    static Optional<EnrichedChain> decode(Payload body) {
        try {
            return Optional.of(PublishedChain.read(body).chain());
        } catch (MalformedMessageException e) {
            LOG.debug("skipping a malformed enriched chain: {}", e.getMessage());
            return Optional.empty();
        }
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new AiAnalystService());
    }
}
