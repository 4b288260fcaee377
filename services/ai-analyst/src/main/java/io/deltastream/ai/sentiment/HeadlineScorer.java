package io.deltastream.ai.sentiment;

import io.deltastream.ai.sentiment.HeadlineClassifier.Reading;

/**
 * Reads a headline's sentiment offline, without the language model: the lexicon ({@link HeadlineClassifier}) or a
 * classifier on sentence embeddings ({@link EmbeddingHeadlineClassifier}), chosen by {@code AI_SENTIMENT_CLASSIFIER}.
 */
public interface HeadlineScorer {
    /** The reading of {@code headline}: a score in [-1, 1] and a class. */
    Reading read(String headline);

    /** As reported in {@code /api/ai/sentiment}'s {@code classifier}: {@code lexicon} or {@code embeddings}. */
    String name();
}
