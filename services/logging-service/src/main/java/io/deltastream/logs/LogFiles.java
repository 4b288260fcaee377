package io.deltastream.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One append-only JSON-lines file per service under a directory, rotated by size ({@code <service>.log},
 * then {@code <service>.log.1} ... {@code .log.<keep>}, oldest dropped). Service names are validated so a
 * name can never leave the directory (the reference appended to any path named in the request).
 */
final class LogFiles {
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final int READ_CHUNK = 64 * 1024;

    private final Path dir;
    private final long maxFileBytes;
    private final int keepFiles;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param dir          where the files live (created if missing)
     * @param maxFileBytes size in bytes at which the current file is rotated
     * @param keepFiles    how many rotated files to keep besides the current one
     */
    LogFiles(Path dir, long maxFileBytes, int keepFiles) {
        this.dir = dir;
        this.maxFileBytes = maxFileBytes;
        this.keepFiles = keepFiles;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create log directory " + dir, e);
        }
    }

    static boolean isValidService(String service) {
        return service != null && SERVICE.matcher(service).matches();
    }

    /** Appends one line (without its newline) to {@code service}'s file, rotating first if it would overflow. */
    void append(String service, String line) throws IOException {
        requireValid(service);
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (locks.computeIfAbsent(service, s -> new Object())) {
            Path current = file(service, 0);
            if (Files.exists(current) && Files.size(current) > 0 && Files.size(current) + bytes.length > maxFileBytes) {
                rotate(service);
            }
            Files.write(current, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** The last {@code limit} lines of {@code service}, oldest first, reading rotated files when needed. */
    List<String> tail(String service, int limit) throws IOException {
        requireValid(service);
        List<String> newestFirst = new ArrayList<>(limit);
        synchronized (locks.computeIfAbsent(service, s -> new Object())) {
            for (int i = 0; i <= keepFiles && newestFirst.size() < limit; i++) {
                Path f = file(service, i);
                if (Files.exists(f)) {
                    readBackwards(f, limit - newestFirst.size(), newestFirst);
                }
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The services that have a current log file, sorted. */
    List<String> services() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".log"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .filter(LogFiles::isValidService)
                    .sorted()
                    .toList();
        }
    }

    private void rotate(String service) throws IOException {
        Files.deleteIfExists(file(service, keepFiles));
        for (int i = keepFiles - 1; i >= 0; i--) {
            Path from = file(service, i);
            if (Files.exists(from)) {
                Files.move(from, file(service, i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private Path file(String service, int generation) {
        return dir.resolve(generation == 0 ? service + ".log" : service + ".log." + generation);
    }

    /** Adds up to {@code wanted} non-empty lines of {@code f} to {@code out}, newest first, reading only the tail. */
    private static void readBackwards(Path f, int wanted, List<String> out) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(f.toFile(), "r")) {
            long end = file.length();
            byte[] carry = new byte[0];
            int found = 0;
            while (end > 0 && found < wanted) {
                int size = (int) Math.min(READ_CHUNK, end);
                long start = end - size;
                byte[] block = new byte[size + carry.length];
                file.seek(start);
                file.readFully(block, 0, size);
                System.arraycopy(carry, 0, block, size, carry.length);
                int lineEnd = block.length;
                for (int i = block.length - 1; i >= 0 && found < wanted; i--) {
                    if (block[i] == '\n') {
                        found += addLine(block, i + 1, lineEnd, out);
                        lineEnd = i;
                    }
                }
                carry = Arrays.copyOfRange(block, 0, lineEnd);
                end = start;
            }
            if (end == 0 && found < wanted) {
                addLine(carry, 0, carry.length, out);
            }
        }
    }

    private static int addLine(byte[] block, int from, int to, List<String> out) {
        if (to <= from) {
            return 0;
        }
        out.add(new String(block, from, to - from, StandardCharsets.UTF_8));
        return 1;
    }

    private static void requireValid(String service) {
        if (!isValidService(service)) {
            throw new IllegalArgumentException("invalid service name: " + service);
        }
    }
}
