package io.deltastream.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.store.sqlite.SqliteStore;
import io.deltastream.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An acknowledged write is never lost: a child JVM writes and reports acknowledgements, is killed
 * with SIGKILL mid-stream, and every acknowledged document must be readable afterwards.
 */
class CrashDurabilityTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"single", "batch"})
    void acknowledgedWritesSurviveKillMinus9(String mode) throws Exception {
        Path file = dir.resolve("crash.db");
        Process child = ChildJvm.start(DurabilityWriter.class, file.toString(), mode);
        List<String> acked = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (acked.size() < 500 && (line = out.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    acked.add(line.substring(4));
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(acked).hasSize(500);

        try (SqliteStore reopened = new SqliteStore(file, false)) {
            DocumentCollection c = reopened.collection(DocumentStoreContract.TICKS);
            List<String> missing = acked.stream().filter(id -> c.findById(id).isEmpty()).toList();
            assertThat(missing).as("acknowledged but lost").isEmpty();
            assertThat(c.count(Filter.all())).isGreaterThanOrEqualTo(acked.size());
        }
    }
}
