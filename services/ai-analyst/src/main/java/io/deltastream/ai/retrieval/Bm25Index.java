package io.deltastream.ai.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Okapi BM25 (k1 = 1.2, b = 0.75), the standard lexical score: a passage scores for each question term it contains,
 * more for terms that are rare across passages, less the longer it is. The corpus statistics of the fixed passages are
 * computed once; passages that change while the service runs (live market facts) are passed to each search and
 * scored as members of the same corpus, so the ranking is exactly that of an index holding all of them.
 */
public final class Bm25Index {
    private static final double K1 = 1.2;
    private static final double B = 0.75;

    private final List<Passage> passages;
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final long totalLength;

    public Bm25Index(List<Passage> passages) {
        this.passages = List.copyOf(passages);
        long total = 0;
        for (Passage p : this.passages) {
            p.termCounts().keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            total += p.length();
        }
        this.totalLength = total;
    }

    public int size() {
        return passages.size();
    }

    /** The best {@code limit} passages with a positive score, best first (ties in corpus order). */
    public List<Hit> search(String question, int limit) {
        return search(question, limit, List.of());
    }

    /**
     * The best {@code limit} passages of the fixed corpus and {@code extra} together, with a positive score, best
     * first (ties in corpus order, {@code extra} last).
     */
    public List<Hit> search(String question, int limit, List<Passage> extra) {
        List<String> query = Terms.of(question).stream().distinct().toList();
        int n = passages.size() + extra.size();
        long length = totalLength;
        for (Passage p : extra) {
            length += p.length();
        }
        double averageLength = n == 0 ? 1 : (double) length / n;
        Map<String, Double> idf = new HashMap<>();
        for (String term : query) {
            int df = documentFrequency.getOrDefault(term, 0);
            for (Passage p : extra) {
                df += p.termCounts().containsKey(term) ? 1 : 0;
            }
            idf.put(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
        }
        List<Hit> hits = new ArrayList<>();
        score(passages, query, idf, averageLength, hits);
        score(extra, query, idf, averageLength, hits);
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        return List.copyOf(hits.subList(0, Math.min(limit, hits.size())));
    }

    private static void score(List<Passage> candidates, List<String> query, Map<String, Double> idf,
                              double averageLength, List<Hit> hits) {
        for (Passage p : candidates) {
            double score = 0;
            for (String term : query) {
                Integer tf = p.termCounts().get(term);
                if (tf != null) {
                    score += idf.get(term) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * p.length() / averageLength));
                }
            }
            if (score > 0) {
                hits.add(new Hit(p, score));
            }
        }
    }
}
