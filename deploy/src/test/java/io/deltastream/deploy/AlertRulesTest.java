package io.deltastream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * observability/alerts.yml checked by Prometheus' own tool where it is installed (Debian package {@code prometheus};
 * .ci/run installs it): the rules parse, and the unit tests in alerts.test.yml fire (and stay silent) as expected.
 * The scrape configurations: {@link PrometheusConfigTest}.
 */
class AlertRulesTest {
    private static final Path DIR = ComposeStackTest.ROOT.resolve("observability");

    private static String run(String... command) throws Exception {
        return promtool(DIR, command);
    }

    /** Runs {@code command} (promtool ...) in {@code dir}, expecting success; skips the test without promtool. */
    static String promtool(Path dir, String... command) throws Exception {
        assumeTrue(Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "promtool"))), "promtool is not installed here");
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void rulesParse() throws Exception {
        assertThat(run("promtool", "check", "rules", "alerts.yml")).contains("SUCCESS");
    }

    @Test
    void ruleUnitTestsPass() throws Exception {
        assertThat(run("promtool", "test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }
}
