package io.deltastream.ai.retrieval;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The corpus embeddings in one file, {@code embeddings-<key>.bin} in a directory under {@code DATA_DIR}, where the
 * key is a SHA-256 of the model's name and every passage's embedding text: a changed document changes the key, so a
 * stale file is never read, and is deleted when the new one is written. Format: passage count and dimension
 * (big-endian ints), then the vectors' floats in passage order.
 */
public final class EmbeddingCache {
    private static final String PREFIX = "embeddings-";
    private static final String SUFFIX = ".bin";

    private final Path directory;

    public EmbeddingCache(Path directory) {
        this.directory = directory;
    }

    /** The key of {@code passages} embedded by {@code model}: 32 hex digits. */
    public static String key(String model, List<Passage> passages) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(model.getBytes(StandardCharsets.UTF_8));
            for (Passage p : passages) {
                sha.update((byte) 0);
                sha.update(p.source().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(p.embeddingText().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public Path file(String key) {
        return directory.resolve(PREFIX + key + SUFFIX);
    }

    /** The vectors stored under {@code key}, if there is a readable file of {@code count} vectors. */
    public Optional<List<float[]>> read(String key, int count) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            int dimension = in.readInt();
            if (n != count || dimension <= 0 || dimension > 4096) {
                return Optional.empty();
            }
            List<float[]> vectors = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                float[] v = new float[dimension];
                for (int j = 0; j < dimension; j++) {
                    v[j] = in.readFloat();
                }
                vectors.add(v);
            }
            return Optional.of(vectors);
        } catch (IOException e) {
            // a truncated or unreadable file is rebuilt, not fatal
            return Optional.empty();
        }
    }

    /** Writes the vectors under {@code key} (atomically: a crash leaves no half file) and deletes older keys' files. */
    public void write(String key, List<float[]> vectors) {
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, PREFIX, ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(vectors.size());
                out.writeInt(vectors.isEmpty() ? 0 : vectors.getFirst().length);
                for (float[] v : vectors) {
                    for (float f : v) {
                        out.writeFloat(f);
                    }
                }
            }
            Files.move(tmp, file(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
                for (Path p : old) {
                    if (!p.equals(file(key))) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedding cache in " + directory, e);
        }
    }
}
