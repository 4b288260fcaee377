package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Passage splitting and BM25 ranking, against a corpus small enough to score by hand. */
class DocsIndexTest {
    private static final String DOC = """
            # Running

            Start everything with ./deltastream run, which needs no Redis and no MongoDB at all.

            short line

            ## Tests

            Run the whole test suite with ./deltastream test; it builds first when sources changed.

            ## Ports

            | service | port | what it serves to its clients |
            |---|---|---|
            | api-gateway | 8000 | every REST route, with authentication at the edge |
            | auth | 8001 | tokens |

            ## Redis

            In distributed mode every service reads REDIS_URL and MONGO_URL from the environment, Redis Redis.
            """;

    @Test
    void splitsOnBlankLinesKeepsTheHeadingAndDropsShortBlocks() {
        List<DocsIndex.Passage> passages = DocsIndex.split("guide.md", DOC);
        assertThat(passages).extracting(DocsIndex.Passage::section).containsExactly("Running", "Tests", "Ports",
                "Ports", "Redis");
        assertThat(passages.get(1).text()).startsWith("Run the whole test suite");
        // each table row is a passage under the table's header row
        assertThat(passages.get(2).text()).isEqualTo("| service | port | what it serves to its clients |\n"
                + "| api-gateway | 8000 | every REST route, with authentication at the edge |");
        assertThat(passages).allSatisfy(p -> assertThat(p.document()).isEqualTo("guide.md"));
    }

    @Test
    void termsAreLowerCaseWordsWithoutStopWords() {
        assertThat(DocsIndex.terms("How do I run the TESTS, e.g. with ./deltastream 2?"))
                .containsExactly("run", "tests", "deltastream");
    }

    @Test
    void scoresAreBm25AndTheBestPassageComesFirst() {
        DocsIndex index = new DocsIndex(DocsIndex.split("guide.md", DOC));
        List<DocsIndex.Hit> hits = index.search("how do I run the test suite?", 3);
        assertThat(hits.get(0).passage().section()).isEqualTo("Tests");

        // by hand: "suite" occurs once, in one passage of five; k1 = 1.2, b = 0.75
        List<DocsIndex.Passage> passages = DocsIndex.split("guide.md", DOC);
        double average = passages.stream().mapToInt(DocsIndex.Passage::length).average().orElseThrow();
        DocsIndex.Passage tests = passages.get(1);
        double idf = Math.log(1 + (5 - 1 + 0.5) / (1 + 0.5));
        double expected = idf * 1 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * tests.length() / average));
        assertThat(index.search("suite", 3)).singleElement()
                .satisfies(h -> assertThat(h.score()).isCloseTo(expected, within(1e-12)));
    }

    @Test
    void repeatedTermsScoreMoreButWithDiminishingReturns() {
        DocsIndex index = new DocsIndex(List.of(
                new DocsIndex.Passage("a", "", "", Map.of("redis", 1, "x", 9), 10),
                new DocsIndex.Passage("b", "", "", Map.of("redis", 3, "x", 7), 10),
                new DocsIndex.Passage("c", "", "", Map.of("y", 10), 10)));
        List<DocsIndex.Hit> hits = index.search("redis", 3);
        assertThat(hits).extracting(h -> h.passage().document()).containsExactly("b", "a");
        assertThat(hits.get(0).score()).isLessThan(3 * hits.get(1).score());
    }

    @Test
    void aQuestionWithNothingInCommonFindsNothing() {
        DocsIndex index = new DocsIndex(DocsIndex.split("guide.md", DOC));
        assertThat(index.search("the of and", 3)).isEmpty();
        assertThat(index.search("kubernetes helm", 3)).isEmpty();
    }

    @Test
    void theBundledDocumentsAreAllThere() {
        DocsIndex bundled = DocsIndex.bundled();
        assertThat(bundled.size()).isGreaterThan(200);
        assertThat(bundled.search("deltastream test", 1).get(0).passage().text()).contains("./deltastream test");
    }
}
