package io.deltastream.feed.replay;

import io.deltastream.feed.provider.FeedMessage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code FEED_RECORD=file}: appends every published message to a recording that {@code FEED_PROVIDER=replay} plays
 * back. Each batch is flushed, so a recording cut short by a crash loses at most the batch being written.
 */
public final class Recorder implements AutoCloseable {
    private final Path file;
    private final BufferedWriter out;

    public Recorder(Path file) throws IOException {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public Path file() {
        return file;
    }

    public synchronized void write(List<FeedMessage> batch) {
        try {
            for (FeedMessage m : batch) {
                out.write(Recording.line(m));
                out.newLine();
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write recording " + file, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
