package io.deltastream.ai.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BM25 against corpora small enough to score by hand. */
class Bm25IndexTest {
    private static Passage passage(String source, Map<String, Integer> counts, int length) {
        return new Passage(source, "", "", "", counts, length);
    }

    @Test
    void scoresAreBm25ByHand() {
        List<Passage> corpus = List.of(passage("a", Map.of("suite", 1, "x", 4), 5), passage("b", Map.of("y", 3), 3),
                passage("c", Map.of("z", 7), 7), passage("d", Map.of("w", 1), 1), passage("e", Map.of("v", 4), 4));
        double average = (5 + 3 + 7 + 1 + 4) / 5.0;
        // "suite" occurs once, in one passage of five; k1 = 1.2, b = 0.75
        double idf = Math.log(1 + (5 - 1 + 0.5) / (1 + 0.5));
        double expected = idf * 1 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 5 / average));
        assertThat(new Bm25Index(corpus).search("suite", 3)).singleElement()
                .satisfies(h -> assertThat(h.score()).isCloseTo(expected, within(1e-12)));
    }

    @Test
    void repeatedTermsScoreMoreButWithDiminishingReturns() {
        Bm25Index index = new Bm25Index(List.of(passage("a", Map.of("redis", 1, "x", 9), 10),
                passage("b", Map.of("redis", 3, "x", 7), 10), passage("c", Map.of("y", 10), 10)));
        List<Hit> hits = index.search("redis", 3);
        assertThat(hits).extracting(h -> h.passage().source()).containsExactly("b", "a");
        assertThat(hits.get(0).score()).isLessThan(3 * hits.get(1).score());
    }

    @Test
    void extraPassagesAreScoredExactlyAsIfTheIndexHeldThem() {
        List<Passage> fixed = MarkdownPassages.split("guide.md", """
                # Guide

                The put-call ratio divides put open interest by call open interest across the chain.

                ## Max pain

                Max pain is the strike where option holders together receive the least at expiry.
                """);
        Passage live = Passage.of("live/NIFTY/2026-12-10", "Live market facts: NIFTY 2026-12-10", "",
                "NIFTY put-call ratio by open interest 1.12, max pain 24,400.00.");
        List<Passage> all = new java.util.ArrayList<>(fixed);
        all.add(live);
        String question = "what is the NIFTY put-call ratio now";
        List<Hit> together = new Bm25Index(all).search(question, 5);
        List<Hit> split = new Bm25Index(fixed).search(question, 5, List.of(live));
        assertThat(split).hasSameSizeAs(together);
        for (int i = 0; i < together.size(); i++) {
            assertThat(split.get(i).passage()).isSameAs(together.get(i).passage());
            assertThat(split.get(i).score()).isCloseTo(together.get(i).score(), within(1e-12));
        }
        assertThat(split.get(0).passage()).isSameAs(live);
    }

    @Test
    void aQuestionWithNothingInCommonFindsNothing() {
        Bm25Index index = new Bm25Index(MarkdownPassages.split("guide.md", "# Guide\n\nRedis and MongoDB hold the "
                + "market data in distributed mode."));
        assertThat(index.search("the of and", 3)).isEmpty();
        assertThat(index.search("kubernetes helm", 3)).isEmpty();
    }
}
