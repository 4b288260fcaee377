package io.deltastream.store.sqlite;

import io.deltastream.platform.health.HealthCheck;
import io.deltastream.store.CollectionSpec;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: one SQLite database file in WAL mode. One writer connection (SQLite allows a
 * single writer; serializing here avoids busy-waits) and a small pool of reader connections, which
 * WAL lets run concurrently with the writer.
 *
 * <p>Durability: with {@code synchronous=NORMAL} a committed transaction survives a crash of this
 * process (kill -9); with {@code FULL} it also survives power loss, at a cost in write latency.
 */
public final class SqliteStore implements DocumentStore {
    private static final int READERS = 4;

    private final Path file;
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> all = new ArrayList<>();
    private final Map<String, SqliteCollection> collections = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final Connection checkpointer;
    private final ScheduledExecutorService checkpoints =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sqlite-checkpoint");
                t.setDaemon(true);
                return t;
            });

    /** SQLite's own default page size, which files of this store get unless a caller asks for another. */
    public static final int DEFAULT_PAGE_BYTES = 4096;

    /**
     * Opens (creating) {@code file} with SQLite's default page size.
     *
     * @param fullSync true for {@code synchronous=FULL} (survives power loss), false for NORMAL
     */
    public SqliteStore(Path file, boolean fullSync) {
        this(file, fullSync, DEFAULT_PAGE_BYTES);
    }

    /**
     * Opens (creating) {@code file}.
     *
     * @param fullSync  true for {@code synchronous=FULL} (survives power loss), false for NORMAL
     * @param pageBytes the page size of a file created now, in bytes (a power of two from 512 to 65,536); an existing
     *                  file keeps the size it was created with. Rows of a few kilobytes waste most of a 4 KB page
     *                  (one fits, the rest of the page stays empty); larger pages pack them
     */
    public SqliteStore(Path file, boolean fullSync, int pageBytes) {
        if (pageBytes < 512 || pageBytes > 65_536 || Integer.bitCount(pageBytes) != 1) {
            throw new IllegalArgumentException("SQLite page size must be a power of two from 512 to 65536 bytes: "
                    + pageBytes);
        }
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            writer = open(fullSync);
            try (Statement s = writer.createStatement()) {
                // Only takes effect before the file's first table exists (and WAL mode then fixes it).
                s.execute("PRAGMA page_size=" + pageBytes);
                s.execute("PRAGMA journal_mode=WAL");
                // SQLite counts the checkpoint threshold in pages: keep it at its default's 4 MB whatever the page
                // size, and truncate the WAL file back to 16 MB when a checkpoint resets it after a burst (otherwise
                // the file stays at its high-water mark for good).
                int pageSize;
                try (var rs = s.executeQuery("PRAGMA page_size")) {
                    rs.next();
                    pageSize = rs.getInt(1);
                }
                s.execute("PRAGMA wal_autocheckpoint=" + Math.max(1, WAL_CHECKPOINT_BYTES / pageSize));
                s.execute("PRAGMA journal_size_limit=" + WAL_KEPT_BYTES);
            }
            // A background connection copies committed WAL frames into the database every second without blocking
            // writers (PASSIVE), so that the checkpoint SQLite runs inside the commit that crosses the WAL threshold
            // (which also resets the WAL, keeping it bounded) finds little left to copy and stalls that commit less.
            checkpointer = open(fullSync);
            for (int i = 0; i < READERS; i++) {
                readers.add(open(fullSync));
            }
            checkpoints.scheduleWithFixedDelay(this::checkpoint, CHECKPOINT_EVERY_MS, CHECKPOINT_EVERY_MS,
                    TimeUnit.MILLISECONDS);
        } catch (SQLException | IOException e) {
            checkpoints.shutdownNow();
            closeQuietly();
            throw new StoreException("cannot open SQLite database " + file + ": " + e.getMessage(), e);
        }
    }

    private Connection open(boolean fullSync) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        all.add(c);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA synchronous=" + (fullSync ? "FULL" : "NORMAL"));
            s.execute("PRAGMA cache_size=-16000");
            s.execute("PRAGMA temp_store=MEMORY");
        }
        return c;
    }

    /** WAL size at which a commit checkpoints (SQLite's default: 1,000 pages of 4 KB). */
    private static final int WAL_CHECKPOINT_BYTES = 4_096_000;
    /** What a WAL file is truncated back to after a checkpoint resets it. */
    private static final long WAL_KEPT_BYTES = 16L << 20;

    /** Pause between background WAL checkpoints. */
    private static final long CHECKPOINT_EVERY_MS = 1_000;

    /** Copies committed WAL frames into the database without blocking writers (PASSIVE). */
    private void checkpoint() {
        if (closed) {
            return;
        }
        try (Statement s = checkpointer.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            if (!closed) {
                LOG.warn("WAL checkpoint of {} failed: {}", file,
                        e.getMessage());
            }
        }
    }

    public Path file() {
        return file;
    }

    /** The file's page size in bytes (the one it was created with). */
    public int pageBytes() {
        return read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA page_size")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Override
    public DocumentCollection collection(CollectionSpec spec) {
        return collections.computeIfAbsent(spec.name(), n -> new SqliteCollection(this, spec));
    }

    @Override
    public HealthCheck healthCheck() {
        return HealthCheck.of("store", () -> read(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            return null;
        }));
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one write transaction: committed when it returns, rolled back on failure. */
    <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen();
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw SqliteCollection.translate(e, file);
        } finally {
            writeLock.unlock();
        }
    }

    <T> T read(SqlWork<T> work) {
        ensureOpen();
        Connection c;
        try {
            c = readers.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a reader", e);
        }
        if (c == null) {
            throw new StoreException("no SQLite reader free within 30 s: " + file, null);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw SqliteCollection.translate(e, file);
        } finally {
            readers.add(c);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("store is closed: " + file, null);
        }
    }

    @Override
    public void close() {
        checkpoints.shutdownNow();
        writeLock.lock();
        try {
            closed = true;
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException ignored) {
                // the WAL is still valid; SQLite checkpoints it when the file is next opened
            }
            closeQuietly();
        } finally {
            writeLock.unlock();
        }
    }

    private void closeQuietly() {
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing: nothing more can be done for this connection
            }
        }
    }

    @Override
    public String toString() {
        return "SqliteStore[" + file + "]";
    }
}
