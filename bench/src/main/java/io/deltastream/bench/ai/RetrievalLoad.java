package io.deltastream.bench.ai;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.deltastream.ai.AiAnalystService;
import io.deltastream.ai.retrieval.BundledCorpus;
import io.deltastream.ai.retrieval.EmbeddingCache;
import io.deltastream.ai.retrieval.HybridRetriever;
import io.deltastream.ai.retrieval.HybridRetriever.Ranking;
import io.deltastream.ai.retrieval.Passage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * {@code ./deltastream bench ai-retrieval [--queries 2000] [--warmup 300]}: the ai-analyst's index build and search
 * latency, in process (no HTTP). Prints the time to split the bundled corpus and build BM25, to embed every passage
 * with all-MiniLM-L6-v2 from scratch (model load included), to load the same vectors from the cache file (model load
 * included), and the latency of one search — one caller, one question at a time, cycling through 24 questions — by
 * BM25 alone and by the hybrid fusion: with every question embedded (the question cache off: the model's full cost,
 * what a question never asked before costs) and as the service runs it (the question cache on: the 24 questions
 * repeat, so their embeddings are reused after the first round).
 */
public final class RetrievalLoad {
    private static final List<String> QUESTIONS = List.of(
            "how fast does an option lose value each day near expiry",
            "what does a put-call ratio above 1.2 mean",
            "at which strike do option buyers lose the most at expiry",
            "price falling while open interest rises",
            "how do I profit from a big move without knowing the direction",
            "protect a stock holding against a crash",
            "why do out of the money puts trade at a higher implied volatility",
            "how many shares does one AAPL contract cover",
            "what is the lot size of BANKNIFTY",
            "difference between SL and SL-M orders",
            "what does IOC mean",
            "how much margin is blocked when I sell a strangle",
            "expected move from the straddle price",
            "is implied volatility cheap compared with the past year",
            "how do I run the whole test suite",
            "which port does the socket gateway use",
            "how fast is the enrichment pipeline",
            "covered call income",
            "sensitivity of option price to interest rates",
            "what is vega",
            "how does the SVI fit work",
            "iron condor maximum loss",
            "what is the daily loss limit of the paper trading account",
            "how do I replay the dead letter queue");

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private RetrievalLoad() {
    }

    private static void measure(String what, HybridRetriever retriever, Ranking ranking, int warmup, int queries) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        long cpuAtStart = 0;
        for (int i = 0; i < warmup + queries; i++) {
            if (i == warmup) {
                cpuAtStart = PROCESS.getProcessCpuTime();
            }
            String q = QUESTIONS.get(i % QUESTIONS.size());
            long start = System.nanoTime();
            int hits = retriever.search(q, 3, ranking, List.of()).size();
            long took = System.nanoTime() - start;
            if (hits == 0) {
                throw new IllegalStateException("no hit for " + q);
            }
            if (i >= warmup) {
                h.recordValue(took);
            }
        }
        // what a search costs in CPU, all the process's threads (the ONNX runtime's included), whatever the machine's
        // load: the wait for a core is what the load adds to it
        double cpuPerSearch = (PROCESS.getProcessCpuTime() - cpuAtStart) / 1e6 / queries;
        System.out.printf(Locale.ROOT, "search %s (%d questions after %d warm-up): p50 %.2f ms, p99 %.2f ms, "
                        + "p99.9 %.2f ms, max %.2f ms; process CPU %.2f ms per search (load average %.2f)%n", what,
                queries, warmup, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6, cpuPerSearch,
                PROCESS.getSystemLoadAverage());
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int queries = Integer.parseInt(opts.getOrDefault("queries", "2000"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "300"));

        long t0 = System.nanoTime();
        List<Passage> corpus = BundledCorpus.passages();
        HybridRetriever computed = new HybridRetriever(corpus);
        long bm25Ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(Locale.ROOT, "corpus: %d passages from %d documents; split + BM25 index: %d ms%n",
                corpus.size(), corpus.stream().map(Passage::source).distinct().count(), bm25Ms);

        Path dir = Files.createTempDirectory("deltastream-ai-bench");
        EmbeddingCache cache = new EmbeddingCache(dir);
        computed.buildEmbeddings(AllMiniLmL6V2EmbeddingModel::new, AiAnalystService.EMBEDDING_MODEL,
                Optional.of(cache));
        System.out.printf(Locale.ROOT, "embeddings computed (model load + %d passages): %d ms%n", corpus.size(),
                computed.buildMillis());
        // the question cache off: every search embeds its question, the model's full cost
        HybridRetriever cached = new HybridRetriever(corpus, 0);
        cached.buildEmbeddings(AllMiniLmL6V2EmbeddingModel::new, AiAnalystService.EMBEDDING_MODEL,
                Optional.of(cache));
        System.out.printf(Locale.ROOT, "embeddings from the cache file (model load included): %d ms "
                + "(from cache: %s)%n", cached.buildMillis(), cached.embeddingsFromCache());

        measure("bm25", cached, Ranking.BM25, warmup, queries);
        measure("hybrid, every question embedded", cached, Ranking.FUSION, warmup, queries);
        // the service's retriever: the 24 questions repeat, so after the first round their embeddings are cached
        measure("hybrid, repeated questions (question cache on)", computed, Ranking.FUSION, warmup, queries);
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }
}
