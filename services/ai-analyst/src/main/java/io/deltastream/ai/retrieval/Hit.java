package io.deltastream.ai.retrieval;

/**
 * A passage and its score for one question: the BM25 score, the cosine similarity of the embeddings, or the
 * reciprocal-rank-fusion score, depending on the ranking that produced it (higher is better in each).
 */
public record Hit(Passage passage, double score) {
}
