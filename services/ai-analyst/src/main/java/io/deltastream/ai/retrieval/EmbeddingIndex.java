package io.deltastream.ai.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Nearest passages by cosine similarity of unit-length embeddings, by scanning them all: at a few thousand
 * passages of 384 dimensions a scan takes well under a millisecond, so no approximate index is needed.
 */
public final class EmbeddingIndex {
    private final List<Passage> passages;
    private final float[][] vectors;

    /** @param vectors one unit-length vector per passage, in the same order */
    public EmbeddingIndex(List<Passage> passages, List<float[]> vectors) {
        if (passages.size() != vectors.size()) {
            throw new IllegalArgumentException(passages.size() + " passages but " + vectors.size() + " vectors");
        }
        this.passages = List.copyOf(passages);
        this.vectors = vectors.toArray(new float[0][]);
    }

    public int size() {
        return passages.size();
    }

    /**
     * The {@code limit} passages of this index and of {@code extra} (those with a vector) most similar to
     * {@code query}, best first; the score is the cosine similarity in [-1, 1].
     */
    public List<Hit> search(float[] query, int limit, List<EmbeddedPassage> extra) {
        List<Hit> hits = new ArrayList<>(passages.size() + extra.size());
        for (int i = 0; i < vectors.length; i++) {
            hits.add(new Hit(passages.get(i), dot(query, vectors[i])));
        }
        for (EmbeddedPassage e : extra) {
            if (e.vector() != null) {
                hits.add(new Hit(e.passage(), dot(query, e.vector())));
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        return List.copyOf(hits.subList(0, Math.min(limit, hits.size())));
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** {@code v} scaled to unit length (a zero vector stays zero). */
    public static float[] normalized(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
        }
        return out;
    }
}
