package io.deltastream.ai.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting a document into passages by section. */
class MarkdownPassagesTest {
    private static final String DOC = """
            # Running DeltaStream

            Start everything with ./deltastream run, which needs no Redis and no MongoDB at all.

            short line

            ## Tests

            Run the whole test suite with ./deltastream test; it builds first when sources changed.

            ### Slow tests

            The browser tests need Chromium and are skipped without it, with a message saying so.

            ## Ports

            | service | port | what it serves to its clients |
            |---|---|---|
            | api-gateway | 8000 | every REST route, with authentication at the edge |
            | auth | 8001 | tokens, refresh tokens and the revocation list |

            ```
            # not a heading: a comment in a shell example
            ./deltastream run --port 9000
            ```
            """;

    @Test
    void theTitleIsTheFirstHeadingAndEachPassageCarriesItsHeadingPath() {
        List<Passage> passages = MarkdownPassages.split("guide.md", DOC);
        assertThat(passages).extracting(Passage::heading)
                .containsExactly("", "Tests", "Tests › Slow tests", "Ports");
        assertThat(passages).allSatisfy(p -> {
            assertThat(p.title()).isEqualTo("Running DeltaStream");
            assertThat(p.source()).isEqualTo("guide.md");
        });
        // "short line" is too short to stand alone but stays with its section's text
        assertThat(passages.get(0).text()).isEqualTo("Start everything with ./deltastream run, which needs no Redis "
                + "and no MongoDB at all.\n\nshort line");
        assertThat(passages.get(3).text()).contains("| auth | 8001 |").contains("# not a heading")
                .startsWith("| service | port |");
        assertThat(passages.get(1).embeddingText()).isEqualTo("Running DeltaStream — Tests\nRun the whole test "
                + "suite with ./deltastream test; it builds first when sources changed.");
    }

    @Test
    void aLongSectionIsCutBetweenParagraphsAndALongTableBetweenRowsUnderItsHeader() {
        String paragraph = "Open interest counts the contracts that are still open at the end of the day. ".repeat(4);
        StringBuilder doc = new StringBuilder("# Open interest\n\n## Long\n\n");
        for (int i = 0; i < 6; i++) {
            doc.append(paragraph).append("\n\n");
        }
        doc.append("## Table\n\n| strike | open interest of calls and puts at this strike |\n|---|---|\n");
        for (int i = 0; i < 40; i++) {
            doc.append("| ").append(21000 + 50 * i).append(" | ").append(1000 + i).append(" calls and puts |\n");
        }
        List<Passage> passages = MarkdownPassages.split("oi.md", doc.toString());
        List<Passage> prose = passages.stream().filter(p -> p.heading().equals("Long")).toList();
        List<Passage> table = passages.stream().filter(p -> p.heading().equals("Table")).toList();
        assertThat(prose).hasSizeGreaterThan(1).allSatisfy(p -> {
            assertThat(p.text().length()).isLessThanOrEqualTo(MarkdownPassages.MAX_CHARS);
            assertThat(p.text()).startsWith("Open interest counts").endsWith("end of the day.");
        });
        assertThat(String.join("\n\n", prose.stream().map(Passage::text).toList()))
                .isEqualTo((paragraph.strip() + "\n\n").repeat(6).strip());
        assertThat(table).hasSizeGreaterThan(1).allSatisfy(p -> {
            assertThat(p.text()).startsWith("| strike | open interest of calls and puts at this strike |\n| 2");
            assertThat(p.text().length()).isLessThanOrEqualTo(MarkdownPassages.MAX_CHARS);
        });
        assertThat(table.stream().mapToLong(p -> p.text().lines().count() - 1).sum()).isEqualTo(40);
    }

    @Test
    void aDocumentWithoutATitleIsNamedByItsPath() {
        assertThat(MarkdownPassages.split("notes.md", "Plain text without any heading, long enough to be kept."))
                .singleElement().satisfies(p -> {
                    assertThat(p.title()).isEqualTo("notes.md");
                    assertThat(p.heading()).isEmpty();
                });
    }
}
