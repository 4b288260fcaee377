package io.deltastream.ai.retrieval;

import java.util.Objects;

/**
 * A passage with its embedding, or without one while it waits to be embedded.
 *
 * @param vector the unit-length embedding of {@link Passage#embeddingText()}, or null
 */
public record EmbeddedPassage(Passage passage, float[] vector) {
    public EmbeddedPassage {
        Objects.requireNonNull(passage, "passage");
    }
}
