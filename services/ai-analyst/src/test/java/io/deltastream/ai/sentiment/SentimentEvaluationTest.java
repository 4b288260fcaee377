package io.deltastream.ai.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.ai.sentiment.HeadlineClassifier.Label;
import io.deltastream.platform.json.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lexicon classifier against the team's 184 labelled headlines ({@code eval/sentiment-labelled.jsonl}).
 * The lexicon was first written without the set (accuracy 0.739 on all of it), then tuned on the even-numbered lines
 * only; the odd-numbered lines are the held-out half, and the floor is asserted on them: accuracy and macro-F1 of at
 * least 0.75 (measured: 0.804 and 0.808; the three classes are about equally frequent, so chance is ~0.33).
 */
class SentimentEvaluationTest {
    static final double FLOOR = 0.75;

    record Labelled(String headline, Label label) {
    }

    /** accuracy and macro-F1 of the classifier over {@code set}. */
    record Scores(double accuracy, double macroF1) {
    }

    static List<Labelled> load() throws Exception {
        List<Labelled> out = new ArrayList<>();
        try (InputStream in = SentimentEvaluationTest.class.getResourceAsStream("/eval/sentiment-labelled.jsonl")) {
            assertThat(in).as("eval/sentiment-labelled.jsonl").isNotNull();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    JsonNode n = Json.mapper().readTree(line);
                    out.add(new Labelled(n.get("headline").asText(),
                            Label.valueOf(n.get("label").asText().toUpperCase(Locale.ROOT))));
                }
            }
        }
        return out;
    }

    static Scores score(List<Labelled> set) {
        HeadlineClassifier c = new HeadlineClassifier();
        Map<Label, int[]> byLabel = new EnumMap<>(Label.class);
        for (Label l : Label.values()) {
            byLabel.put(l, new int[3]);
        }
        int correct = 0;
        for (Labelled x : set) {
            Label got = c.read(x.headline()).label();
            correct += got == x.label() ? 1 : 0;
            byLabel.get(x.label())[0] += got == x.label() ? 1 : 0;
            byLabel.get(x.label())[1]++;
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

    @Test
    void theHeldOutHalfClearsTheFloor() throws Exception {
        List<Labelled> all = load();
        assertThat(all).hasSizeGreaterThanOrEqualTo(150);
        List<Labelled> tuned = new ArrayList<>();
        List<Labelled> heldOut = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (i % 2 == 0 ? tuned : heldOut).add(all.get(i));
        }
        Scores held = score(heldOut);
        System.out.printf(Locale.ROOT, "sentiment lexicon: held-out (odd lines, %d) accuracy %.3f macro-F1 %.3f; "
                        + "tuning half (even lines) %s; all %d %s%n", heldOut.size(), held.accuracy(), held.macroF1(),
                score(tuned), all.size(), score(all));
        assertThat(held.accuracy()).isGreaterThanOrEqualTo(FLOOR);
        assertThat(held.macroF1()).isGreaterThanOrEqualTo(FLOOR);
    }
}
