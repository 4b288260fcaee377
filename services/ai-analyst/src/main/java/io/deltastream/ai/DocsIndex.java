package io.deltastream.ai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The project's documentation split into passages and ranked against a question by Okapi BM25 (k1 = 1.2,
 * b = 0.75), the standard lexical retrieval score: a passage scores for each question word it contains, more for
 * words that are rare across passages, less the longer it is. No embeddings and no model: the answer is the
 * documentation's own text, and the ranking is reproducible.
 */
final class DocsIndex {
    /** The bundled documents (see this module's pom), under {@code ai-docs/} on the class path. */
    static final List<String> DOCUMENTS = List.of("README.md", "compatibility.md", "performance.md");
    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final int MIN_PASSAGE_CHARS = 50;
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "can",
            "do", "does", "for", "from", "how", "i", "in", "is", "it", "its", "of", "on", "or", "the", "to", "what",
            "when", "where", "which", "who", "why", "with", "you");

    /** One passage: the paragraph's text, its document and the heading it sits under. */
    record Passage(String document, String section, String text, Map<String, Integer> termCounts, int length) {
    }

    /** A passage and its score for one question. */
    record Hit(Passage passage, double score) {
    }

    private final List<Passage> passages;
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final double averageLength;

    DocsIndex(List<Passage> passages) {
        this.passages = List.copyOf(passages);
        long total = 0;
        for (Passage p : passages) {
            p.termCounts().keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            total += p.length();
        }
        this.averageLength = passages.isEmpty() ? 1 : (double) total / passages.size();
    }

    /** The bundled documents; fails if one is missing, so a renamed document cannot go unnoticed. */
    static DocsIndex bundled() {
        List<Passage> all = new ArrayList<>();
        for (String name : DOCUMENTS) {
            try (InputStream in = DocsIndex.class.getClassLoader().getResourceAsStream("ai-docs/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("bundled document ai-docs/" + name + " is missing");
                }
                all.addAll(split(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new DocsIndex(all);
    }

    /**
     * Paragraphs (blank-line separated) and table rows of at least 50 characters, each labelled with the heading
     * above it.
     */
    static List<Passage> split(String document, String markdown) {
        List<Passage> out = new ArrayList<>();
        String section = "";
        for (String block : markdown.split("\\n\\s*\\n")) {
            String text = block.strip();
            if (text.startsWith("#")) {
                int end = text.indexOf('\n');
                section = (end < 0 ? text : text.substring(0, end)).replaceFirst("^#+\\s*", "");
                text = end < 0 ? "" : text.substring(end + 1).strip();
            }
            if (text.startsWith("|")) {
                // a table: each row is a passage under the table's header row, so an answer quotes one row, not 30
                String[] rows = text.split("\n");
                for (int i = 2; i < rows.length; i++) {
                    add(out, document, section, rows[0] + "\n" + rows[i]);
                }
            } else {
                add(out, document, section, text);
            }
        }
        return out;
    }

    private static void add(List<Passage> out, String document, String section, String text) {
        if (text.length() >= MIN_PASSAGE_CHARS) {
            List<String> terms = terms(section + " " + text);
            Map<String, Integer> counts = new HashMap<>();
            terms.forEach(t -> counts.merge(t, 1, Integer::sum));
            out.add(new Passage(document, section, text, Map.copyOf(counts), terms.size()));
        }
    }

    /** Lower-case words of two or more letters or digits, without stop words. */
    static List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")) {
            if (word.length() >= 2 && !STOP_WORDS.contains(word)) {
                out.add(word);
            }
        }
        return out;
    }

    int size() {
        return passages.size();
    }

    /** The best {@code limit} passages with a positive score, best first (ties in document order). */
    List<Hit> search(String question, int limit) {
        List<String> query = terms(question).stream().distinct().toList();
        List<Hit> hits = new ArrayList<>();
        for (Passage p : passages) {
            double score = 0;
            for (String term : query) {
                Integer tf = p.termCounts().get(term);
                if (tf != null) {
                    int df = documentFrequency.get(term);
                    double idf = Math.log(1 + (passages.size() - df + 0.5) / (df + 0.5));
                    score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * p.length() / averageLength));
                }
            }
            if (score > 0) {
                hits.add(new Hit(p, score));
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        return hits.subList(0, Math.min(limit, hits.size()));
    }
}
