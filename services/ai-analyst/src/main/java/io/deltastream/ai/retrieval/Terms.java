package io.deltastream.ai.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The words BM25 matches on: lower case, letters and digits, stop words dropped, plurals folded. */
public final class Terms {
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "can",
            "do", "does", "for", "from", "how", "i", "in", "is", "it", "its", "of", "on", "or", "the", "to", "what",
            "when", "where", "which", "who", "why", "with", "you", "my", "me", "this", "that", "there", "if", "should",
            "would", "will", "we", "our", "your", "about", "into", "than", "then", "so", "not", "no", "was", "were");

    private Terms() {
    }

    /** The terms of {@code text} in order, repeats kept. */
    public static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")) {
            if (word.length() >= 2 && !STOP_WORDS.contains(word)) {
                out.add(fold(word));
            }
        }
        return out;
    }

    /**
     * A plural's singular by the regular English rules ("options" → "option", "strategies" → "strategy"), so a
     * question and a passage that differ only in number still match. Words ending in "ss", "us" or "is" ("loss",
     * "bonus", "basis") and short words are kept as they are.
     */
    static String fold(String word) {
        if (word.length() <= 3 || !word.endsWith("s") || word.endsWith("ss") || word.endsWith("us")
                || word.endsWith("is")) {
            return word;
        }
        if (word.endsWith("ies") && word.length() > 4) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("ches") || word.endsWith("shes") || word.endsWith("xes")) {
            return word.substring(0, word.length() - 2);
        }
        return word.substring(0, word.length() - 1);
    }
}
