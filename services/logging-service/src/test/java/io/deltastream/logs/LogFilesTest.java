package io.deltastream.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {
    @TempDir
    Path dir;

    @Test
    void tailReturnsTheNewestLinesOldestFirst() throws Exception {
        LogFiles files = new LogFiles(dir, 1 << 20, 2);
        for (int i = 0; i < 10; i++) {
            files.append("auth", "{\"n\":" + i + "}");
        }
        assertThat(files.tail("auth", 3)).containsExactly("{\"n\":7}", "{\"n\":8}", "{\"n\":9}");
        assertThat(files.tail("auth", 100)).hasSize(10).first().isEqualTo("{\"n\":0}");
        assertThat(files.tail("nobody", 5)).isEmpty();
    }

    @Test
    void tailReadsAcrossChunkBoundariesWithoutSplittingLines() throws Exception {
        LogFiles files = new LogFiles(dir, 64L << 20, 0);
        String pad = "x".repeat(10_000);
        for (int i = 0; i < 50; i++) {
            files.append("big", i + ":" + pad);
        }
        List<String> tail = files.tail("big", 20);
        assertThat(tail).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(tail.get(i)).isEqualTo((30 + i) + ":" + pad);
        }
    }

    @Test
    void rotatesBySizeKeepsTheConfiguredNumberOfFilesAndTailSpansThem() throws Exception {
        LogFiles files = new LogFiles(dir, 100, 2);
        for (int i = 0; i < 40; i++) {
            files.append("feed", String.format("{\"line\":%04d}", i));
        }
        assertThat(Files.size(dir.resolve("feed.log"))).isLessThanOrEqualTo(100);
        assertThat(dir.resolve("feed.log.1")).exists();
        assertThat(dir.resolve("feed.log.2")).exists();
        assertThat(dir.resolve("feed.log.3")).doesNotExist();
        List<String> tail = files.tail("feed", 12);
        assertThat(tail).hasSize(12);
        for (int i = 0; i < 12; i++) {
            assertThat(tail.get(i)).isEqualTo(String.format("{\"line\":%04d}", 28 + i));
        }
    }

    @Test
    void concurrentAppendsKeepEveryLineWhole() throws Exception {
        LogFiles files = new LogFiles(dir, 1 << 20, 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    files.append("api-gateway", "{\"t\":" + thread + ",\"i\":" + i + ",\"pad\":\"" + "y".repeat(100) + "\"}");
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        List<String> lines = files.tail("api-gateway", 1000);
        assertThat(lines).hasSize(1000);
        List<String> all = Files.readAllLines(dir.resolve("api-gateway.log"));
        assertThat(all).hasSize(1600).allMatch(l -> l.matches("\\{\"t\":\\d,\"i\":\\d+,\"pad\":\"y{100}\"}"));
        Set<String> unique = new HashSet<>(all);
        assertThat(unique).hasSize(1600);
    }

    @Test
    void namesThatCouldLeaveTheDirectoryAreRefused() {
        LogFiles files = new LogFiles(dir, 1 << 20, 0);
        for (String bad : List.of("../../etc/x", "/abs", "a/b", "", ".hidden", "a\\b", "x".repeat(65))) {
            assertThat(LogFiles.isValidService(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> files.append(bad, "{}")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(LogFiles.isValidService("worker-enricher_2.a")).isTrue();
    }
}
