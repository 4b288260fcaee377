package io.deltastream.ai.retrieval;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hybrid retrieval over the bundled corpus and the live market facts: BM25 and embedding similarity each rank the
 * passages, and weighted reciprocal rank fusion (Cormack et al., 2009) merges the two rankings by document — a
 * document scores {@code Σ weight/(k + rank)} over the rankings it appears in — so a document both methods rank
 * well wins, without having to make a BM25 score and a cosine comparable. Answers hold one passage per document.
 *
 * <p>The embeddings of the corpus take seconds to compute, so {@link #buildEmbeddings} runs after start-up (or loads
 * them from the cache); until it is done, searches answer from BM25 alone and say so ({@link Result#ranking()}).
 */
public final class HybridRetriever {
    private static final Logger LOG = LoggerFactory.getLogger(HybridRetriever.class);

    /**
     * The fusion's rank offset; 60 is the value of the original paper. Smaller offsets (1–30, which let a first place
     * count for more) were tried on the odd-numbered evaluation questions: they gained there and lost on the
     * even-numbered ones (see docs/performance.md).
     */
    static final int RRF_K = 60;
    /** How deep each ranking is read for the fusion. */
    static final int CANDIDATES = 50;
    /**
     * The weights of BM25's and the embeddings' ranking in the fusion. On this corpus the small embedding model is the
     * weaker ranking (recall@3 0.76 against BM25's 0.90), so its vote counts half. The value was chosen on the first
     * half of the evaluation questions and checked on the second (see docs/performance.md).
     */
    private static final double[] WEIGHTS = {1, 0.5};
    /** Passages embedded per model call. */
    private static final int BATCH = 32;
    /**
     * Questions whose embeddings are kept, least recently asked dropped first: the embedding is almost all of a
     * hybrid search's time, and questions repeat (the screen's suggested questions, a retry, the same question from
     * several users).
     */
    public static final int QUERY_CACHE = 1024;
    /**
     * The longest question text embedded, in characters (about 100 word pieces): the model's cost grows with the
     * length, a question's subject is in its first sentences, and BM25 still reads all of it.
     */
    static final int QUERY_CHARS = 500;

    /** Which ranking answered. */
    public enum Ranking {
        BM25("bm25"), EMBEDDINGS("embeddings"), FUSION("hybrid");

        private final String wire;

        Ranking(String wire) {
            this.wire = wire;
        }

        /** As reported in answers and {@code /health}: {@code bm25}, {@code embeddings} or {@code hybrid}. */
        public String wire() {
            return wire;
        }
    }

    /** The embedding side's progress: {@code building}, {@code ready} or {@code failed}. */
    public enum EmbeddingState {
        BUILDING, READY, FAILED
    }

    /** The hits of a search and the ranking that produced them. */
    public record Result(List<Hit> hits, Ranking ranking) {
    }

    private final List<Passage> corpus;
    private final Bm25Index bm25;
    private volatile EmbeddingModel model;
    private volatile EmbeddingIndex embeddings;
    private volatile EmbeddingState state = EmbeddingState.BUILDING;
    private volatile long buildMillis = -1;
    private volatile boolean fromCache;
    private volatile String failure;
    private final Map<String, float[]> questionVectors;

    /** @param corpus the fixed passages */
    public HybridRetriever(List<Passage> corpus) {
        this(corpus, QUERY_CACHE);
    }

    /**
     * @param corpus          the fixed passages
     * @param questionsCached how many questions' embeddings to keep (0: embed every question, as a benchmark of the
     *                        model's cost wants)
     */
    public HybridRetriever(List<Passage> corpus, int questionsCached) {
        if (questionsCached < 0) {
            throw new IllegalArgumentException("questionsCached must be >= 0, got " + questionsCached);
        }
        this.corpus = List.copyOf(corpus);
        this.bm25 = new Bm25Index(this.corpus);
        this.questionVectors = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > questionsCached;
            }
        });
    }

    public int size() {
        return corpus.size();
    }

    public EmbeddingState embeddingState() {
        return state;
    }

    /** How long the last {@link #buildEmbeddings} took, in milliseconds (-1 before it finished). */
    public long buildMillis() {
        return buildMillis;
    }

    /** Why the embeddings are {@link EmbeddingState#FAILED failed}: the error's class and message; empty otherwise. */
    public Optional<String> embeddingFailure() {
        return Optional.ofNullable(failure);
    }

    /** Whether the corpus embeddings came from the cache file rather than the model. */
    public boolean embeddingsFromCache() {
        return fromCache;
    }

    /**
     * Embeds the corpus with the model {@code modelFactory} makes (loading the model takes about a second), or
     * reads the vectors from {@code cache} when it holds this corpus; writes the cache after embedding. Blocking: run
     * it off the request path. A failure leaves the retriever on BM25, {@link EmbeddingState#FAILED} with its
     * {@link #embeddingFailure() reason}, logged once; it is not thrown, except an {@link Error} other than a
     * {@link LinkageError} (out of memory, stack overflow), which is rethrown after being recorded.
     *
     * @param modelName the model's identity in the cache key
     */
    public void buildEmbeddings(Supplier<EmbeddingModel> modelFactory, String modelName,
                                Optional<EmbeddingCache> cache) {
        long start = System.nanoTime();
        try {
            EmbeddingModel m = modelFactory.get();
            String key = EmbeddingCache.key(modelName, corpus);
            Optional<List<float[]>> cached = cache.flatMap(c -> c.read(key, corpus.size()));
            List<float[]> vectors = cached.orElseGet(() -> embedAll(m, corpus));
            if (cached.isEmpty()) {
                cache.ifPresent(c -> c.write(key, vectors));
            }
            fromCache = cached.isPresent();
            model = m;
            embeddings = new EmbeddingIndex(corpus, vectors);
            buildMillis = (System.nanoTime() - start) / 1_000_000;
            state = EmbeddingState.READY;
            LOG.info("embedded {} passages in {} ms ({})", corpus.size(), buildMillis,
                    fromCache ? "from the cache" : "computed");
        } catch (RuntimeException | LinkageError e) {
            // an ONNX runtime that cannot load on this platform must not take the service down: BM25 still answers
            fail(e);
        } catch (Error e) {
            // recorded before it propagates: the executor running this keeps it in a future nobody reads, which left
            // /health saying "building" for ever, with nothing in the log
            fail(e);
            throw e;
        }
    }

    private void fail(Throwable e) {
        failure = e.toString();
        state = EmbeddingState.FAILED;
        LOG.error("embeddings unavailable, retrieval stays on BM25: {}", failure);
    }

    /**
     * In batches, so that an interrupt (the service stopping) ends the work within one batch instead of after the
     * whole corpus.
     */
    private static List<float[]> embedAll(EmbeddingModel m, List<Passage> passages) {
        List<float[]> vectors = new ArrayList<>(passages.size());
        for (int from = 0; from < passages.size(); from += BATCH) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("stopped while embedding the corpus");
            }
            List<TextSegment> batch = passages.subList(from, Math.min(passages.size(), from + BATCH)).stream()
                    .map(p -> TextSegment.from(p.embeddingText())).toList();
            m.embedAll(batch).content().forEach(e -> vectors.add(EmbeddingIndex.normalized(e.vector())));
        }
        return vectors;
    }

    /** The unit-length embedding of {@code text}, once the model is loaded. */
    public Optional<float[]> embed(String text) {
        EmbeddingModel m = model;
        return m == null ? Optional.empty()
                : Optional.of(EmbeddingIndex.normalized(m.embed(text).content().vector()));
    }

    /**
     * The embedding of {@code question} as searched: white space collapsed and lower-cased (the model's tokenizer is
     * uncased, so this changes nothing but lets "What is vega?" and "what is  vega?" share a cache entry), cut to
     * {@value #QUERY_CHARS} characters, from the cache when it was asked recently.
     */
    float[] embedQuestion(String question) {
        String key = searchedText(question);
        float[] cached = questionVectors.get(key);
        if (cached != null) {
            return cached;
        }
        float[] vector = embed(key).orElseThrow();
        questionVectors.put(key, vector);
        return vector;
    }

    static String searchedText(String question) {
        String text = question.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return text.length() <= QUERY_CHARS ? text : text.substring(0, QUERY_CHARS);
    }

    /**
     * The best {@code limit} passages of the corpus and {@code live} by the fusion, or by BM25 alone while the
     * embeddings are not ready.
     *
     * @param live passages that change while the service runs, with their embeddings where computed
     */
    public Result search(String question, int limit, List<EmbeddedPassage> live) {
        Ranking ranking = state == EmbeddingState.READY ? Ranking.FUSION : Ranking.BM25;
        return new Result(search(question, limit, ranking, live), ranking);
    }

    /**
     * The best {@code limit} passages by one ranking. {@link Ranking#EMBEDDINGS} and {@link Ranking#FUSION} need
     * the embeddings ({@link IllegalStateException} before).
     */
    public List<Hit> search(String question, int limit, Ranking ranking, List<EmbeddedPassage> live) {
        List<Passage> livePassages = live.stream().map(EmbeddedPassage::passage).toList();
        if (ranking == Ranking.BM25) {
            return onePerDocument(bm25.search(question, CANDIDATES, livePassages), limit);
        }
        EmbeddingIndex index = embeddings;
        if (index == null) {
            throw new IllegalStateException("the embeddings are " + state.name().toLowerCase(Locale.ROOT));
        }
        float[] query = embedQuestion(question);
        List<Hit> semantic = index.search(query, CANDIDATES, live);
        if (ranking == Ranking.EMBEDDINGS) {
            return onePerDocument(semantic, limit);
        }
        return fuse(List.of(bm25.search(question, CANDIDATES, livePassages), semantic), WEIGHTS, limit);
    }

    /**
     * The first {@code limit} hits from different {@link Passage#document() documents}: three sections of one article
     * say less than the best section of three, and the answer should show the reader where else to look.
     */
    static List<Hit> onePerDocument(List<Hit> ranked, int limit) {
        List<Hit> out = new ArrayList<>(Math.min(limit, ranked.size()));
        Set<String> seen = new HashSet<>();
        for (Hit h : ranked) {
            if (out.size() == limit) {
                break;
            }
            if (seen.add(h.passage().document())) {
                out.add(h);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Reciprocal rank fusion of {@code rankings} by document: each ranking is first cut to its best passage per
     * document, then each document scores {@code Σ weight/(RRF_K + rank)}, rank from 1, over the rankings it appears
     * in, and is represented by the passage of the first ranking that has it. Fusing documents rather than passages
     * lets two rankings that agree on the article but prefer different sections of it reinforce each other. Ties keep
     * the order of first appearance (the first ranking first).
     *
     * @param weights one per ranking
     */
    static List<Hit> fuse(List<List<Hit>> rankings, double[] weights, int limit) {
        Map<String, double[]> scores = new HashMap<>();
        Map<String, Passage> representative = new LinkedHashMap<>();
        for (int r = 0; r < rankings.size(); r++) {
            List<Hit> ranking = onePerDocument(rankings.get(r), Integer.MAX_VALUE);
            for (int i = 0; i < ranking.size(); i++) {
                Passage p = ranking.get(i).passage();
                representative.putIfAbsent(p.document(), p);
                scores.computeIfAbsent(p.document(), k -> new double[1])[0] += weights[r] / (RRF_K + i + 1);
            }
        }
        List<Hit> fused = new ArrayList<>(representative.size());
        representative.forEach((document, p) -> fused.add(new Hit(p, scores.get(document)[0])));
        fused.sort(Comparator.comparingDouble(Hit::score).reversed());
        return List.copyOf(fused.subList(0, Math.min(limit, fused.size())));
    }
}
