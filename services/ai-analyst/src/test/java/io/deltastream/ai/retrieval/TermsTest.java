package io.deltastream.ai.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TermsTest {
    @Test
    void termsAreLowerCaseWordsWithoutStopWordsAndPluralsFolded() {
        assertThat(Terms.of("How do I run the TESTS, e.g. with ./deltastream 2?"))
                .containsExactly("run", "test", "deltastream");
    }

    @Test
    void regularPluralsFoldToTheSingularAndOtherWordsStay() {
        assertThat(Terms.fold("options")).isEqualTo("option");
        assertThat(Terms.fold("strategies")).isEqualTo("strategy");
        assertThat(Terms.fold("crashes")).isEqualTo("crash");
        assertThat(Terms.fold("loss")).isEqualTo("loss");
        assertThat(Terms.fold("basis")).isEqualTo("basis");
        assertThat(Terms.fold("bonus")).isEqualTo("bonus");
        assertThat(Terms.fold("pcs")).isEqualTo("pcs");
        assertThat(Terms.fold("gamma")).isEqualTo("gamma");
    }
}
