package io.deltastream.ai.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
    private static final List<Passage> CORPUS = List.of(Passage.of("a.md", "A", "", "alpha text"),
            Passage.of("b.md", "B", "", "beta text"));

    @Test
    void vectorsRoundTripUnderTheCorpusKey(@TempDir Path dir) {
        EmbeddingCache cache = new EmbeddingCache(dir);
        String key = EmbeddingCache.key("m", CORPUS);
        cache.write(key, List.of(new float[] {0.6f, 0.8f}, new float[] {1, 0}));
        assertThat(cache.read(key, 2)).hasValueSatisfying(v -> {
            assertThat(v.get(0)).containsExactly(0.6f, 0.8f);
            assertThat(v.get(1)).containsExactly(1f, 0f);
        });
        assertThat(cache.read(key, 3)).as("another passage count").isEmpty();
    }

    @Test
    void theKeyChangesWithAnyPassageOrTheModel() {
        String key = EmbeddingCache.key("m", CORPUS);
        assertThat(key).hasSize(32).isEqualTo(EmbeddingCache.key("m", List.copyOf(CORPUS)));
        assertThat(EmbeddingCache.key("other", CORPUS)).isNotEqualTo(key);
        assertThat(EmbeddingCache.key("m", List.of(CORPUS.get(0), Passage.of("b.md", "B", "", "beta text!"))))
                .isNotEqualTo(key);
    }

    @Test
    void aNewCorpusReplacesTheOldFileAndATruncatedFileIsIgnored(@TempDir Path dir) throws Exception {
        EmbeddingCache cache = new EmbeddingCache(dir);
        cache.write("old", List.of(new float[] {1}));
        cache.write("new", List.of(new float[] {1}));
        assertThat(Files.exists(cache.file("old"))).isFalse();
        byte[] whole = Files.readAllBytes(cache.file("new"));
        Files.write(cache.file("new"), java.util.Arrays.copyOf(whole, whole.length - 2));
        assertThat(cache.read("new", 1)).isEmpty();
        assertThat(cache.read("missing", 1)).isEmpty();
    }
}
