package io.deltastream.bench.pipeline;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineOptionsTest {

    private static final String USAGE = "market-scale [--minutes 30] [--rest-per-second 10] [--keep DIR]";

    @Test
    void takesTheOptionsItsUsageNames() {
        assertThat(PipelineLoad.options(new String[]{"--minutes", "5", "--rest-per-second", "20"}, USAGE))
                .isEqualTo(Map.of("minutes", "5", "rest-per-second", "20"));
        assertThat(PipelineLoad.options(new String[0], USAGE)).isEmpty();
    }

    @Test
    void aMistypedOrIncompleteOptionIsAnErrorThatQuotesTheUsage() {
        // before, "--minute 5" was ignored and the driver ran for its default 30 minutes
        assertThatThrownBy(() -> PipelineLoad.options(new String[]{"--minute", "5"}, USAGE))
                .hasMessageContaining("unknown option --minute").hasMessageContaining(USAGE);
        assertThatThrownBy(() -> PipelineLoad.options(new String[]{"--minutes"}, USAGE))
                .hasMessageContaining("--minutes needs a value");
        assertThatThrownBy(() -> PipelineLoad.options(new String[]{"5", "--minutes"}, USAGE))
                .hasMessageContaining("expected --name value, got 5");
    }

    @Test
    void helpPrintsTheUsageAndRunsNothing() {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(PipelineLoad.options(new String[]{"--help"}, USAGE)).isNull();
            assertThat(PipelineLoad.options(new String[]{"--minutes", "5", "-h"}, USAGE)).isNull();
        } finally {
            System.setOut(out);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("usage: ./deltastream bench " + USAGE);
    }
}
