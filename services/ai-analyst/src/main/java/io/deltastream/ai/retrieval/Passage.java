package io.deltastream.ai.retrieval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One retrievable unit: a section (or part of one) of a document, or one live market snapshot.
 *
 * @param source     where it comes from: a repository path ({@code README.md}, {@code docs/performance.md},
 *                   {@code knowledge/delta.md}) or {@code live/PRODUCT/EXPIRY} for a market snapshot
 * @param title      the document's title (its first {@code # } heading)
 * @param heading    the heading the text sits under, empty for a document's opening text
 * @param text       the passage itself, as written
 * @param termCounts how often each {@link Terms term} occurs in the text, with the title's and the heading's terms
 *                   counted twice (BM25's term frequencies, weighted towards what a section is about)
 * @param length     the number of terms (BM25's document length)
 */
public record Passage(String source, String title, String heading, String text, Map<String, Integer> termCounts,
                      int length) {
    public Passage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(heading, "heading");
        Objects.requireNonNull(text, "text");
        termCounts = Map.copyOf(termCounts);
    }

    /**
     * A passage with its terms counted over title, heading and text, so that a title word matches every section.
     * Title and heading count twice, in the manner of BM25F's field weights: a word in the title says more about what
     * the passage answers than the same word in passing.
     */
    public static Passage of(String source, String title, String heading, String text) {
        String label = title + " " + heading + " ";
        List<String> terms = Terms.of(label + label + text);
        Map<String, Integer> counts = new HashMap<>();
        terms.forEach(t -> counts.merge(t, 1, Integer::sum));
        return new Passage(source, title, heading, text, counts, terms.size());
    }

    /** What the embedding model reads: title and heading prepended, so a section keeps its subject. */
    public String embeddingText() {
        return title + (heading.isEmpty() ? "" : " — " + heading) + "\n" + text;
    }
}
