package io.deltastream.ai.sentiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.ai.sentiment.HeadlineClassifier.Label;
import io.deltastream.platform.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The team's labelled headlines ({@code news/sentiment-labelled.jsonl}, 184 of them, written for this and not part of
 * the bundled sample) and the scores of a classifier on them. The lines are split in two, once for every classifier:
 * the even-numbered lines, counting from 0 (indexes 0, 2, ...: the file's 1st, 3rd, ... line), are the <em>training
 * half</em>, which the lexicon was tuned on and the embedding classifier is trained on; the odd-numbered lines are
 * <em>held out</em>, and the figures to quote are theirs.
 */
public final class LabelledHeadlines {
    /** One headline and the class the team gave it. */
    public record Labelled(String headline, Label label) {
    }

    /**
     * How a classifier did on a set.
     *
     * @param accuracy the fraction labelled right, in [0, 1]
     * @param macroF1  the mean over the three classes of each class's F1, in [0, 1]
     */
    public record Scores(double accuracy, double macroF1) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "accuracy %.3f, macro-F1 %.3f", accuracy, macroF1);
        }
    }

    private static final List<Labelled> ALL = load();

    private LabelledHeadlines() {
    }

    /** Every labelled headline, in file order. */
    public static List<Labelled> all() {
        return ALL;
    }

    /** The even-numbered lines: what a classifier may be tuned or trained on. */
    public static List<Labelled> trainingHalf() {
        return half(0);
    }

    /** The odd-numbered lines: what a classifier is judged on. */
    public static List<Labelled> heldOutHalf() {
        return half(1);
    }

    private static List<Labelled> half(int parity) {
        List<Labelled> out = new ArrayList<>();
        for (int i = parity; i < ALL.size(); i += 2) {
            out.add(ALL.get(i));
        }
        return List.copyOf(out);
    }

    /** The scores of {@code scorer}'s labels of {@code set}. */
    public static Scores score(HeadlineScorer scorer, List<Labelled> set) {
        return score(set, set.stream().map(l -> scorer.read(l.headline()).label()).toList());
    }

    /** The scores of {@code predicted} (one label per headline of {@code set}, in its order). */
    public static Scores score(List<Labelled> set, List<Label> predicted) {
        if (set.size() != predicted.size() || set.isEmpty()) {
            throw new IllegalArgumentException(set.size() + " headlines but " + predicted.size() + " labels");
        }
        // per class: right, in the set, predicted
        Map<Label, int[]> byLabel = new EnumMap<>(Label.class);
        for (Label l : Label.values()) {
            byLabel.put(l, new int[3]);
        }
        int correct = 0;
        for (int i = 0; i < set.size(); i++) {
            Label truth = set.get(i).label();
            Label got = predicted.get(i);
            correct += got == truth ? 1 : 0;
            byLabel.get(truth)[0] += got == truth ? 1 : 0;
            byLabel.get(truth)[1]++;
            byLabel.get(got)[2]++;
        }
        double f1 = 0;
        for (int[] v : byLabel.values()) {
            double precision = v[2] == 0 ? 0 : (double) v[0] / v[2];
            double recall = v[1] == 0 ? 0 : (double) v[0] / v[1];
            f1 += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return new Scores((double) correct / set.size(), f1 / Label.values().length);
    }

    private static List<Labelled> load() {
        try (InputStream in = LabelledHeadlines.class.getResourceAsStream("/news/sentiment-labelled.jsonl")) {
            if (in == null) {
                throw new IllegalStateException("news/sentiment-labelled.jsonl is missing from the jar");
            }
            List<Labelled> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    JsonNode n = Json.mapper().readTree(line);
                    out.add(new Labelled(n.get("headline").asText(),
                            Label.valueOf(n.get("label").asText().toUpperCase(Locale.ROOT))));
                }
            }
            return List.copyOf(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("news/sentiment-labelled.jsonl has a line that is not JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
