package io.deltastream.trading.persistence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.store.Documents;
import io.deltastream.store.DuplicateKeyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the engine's changes on one thread, in the order they were made, merging whatever has queued up meanwhile:
 * per partition, one {@link JournalEntry} (the commit point, one document) holding the latest document per order,
 * position and portfolio and all new trades; then those documents into their collections (the projections), each
 * only over an older version. Callers wait for their change set's future before answering, so an acknowledged
 * operation is durable; under load many operations share one round of writes (group commit), and the engine's lock
 * is not held while the store works.
 *
 * <p>A partition is written only while it is {@linkplain #open opened} here and its lease is still held at commit
 * time; a journal entry that another owner already wrote (a successor's takeover) ends the partition here: its
 * callers fail and {@code fenced} is told, so that nothing a stale owner decided reaches the store. A crash between
 * an entry and its projections is repaired by the next owner, which re-applies the partition's last entry before
 * serving it.
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    /**
     * One operation's changes.
     *
     * @param partition  the partition of the users they concern
     * @param orders     order documents by order id
     * @param trades     new trade documents
     * @param positions  position documents by "user_id NUL symbol" (quantity 0 once flat)
     * @param portfolios portfolio documents by user id
     * @param after      runs once the changes are durable (event publishing)
     */
    public record Changes(int partition, Map<String, ObjectNode> orders, List<ObjectNode> trades,
                          Map<String, ObjectNode> positions, Map<String, ObjectNode> portfolios, Runnable after,
                          CompletableFuture<Void> done) {
    }

    /** Thrown to the callers of a partition this instance may no longer write (its lease moved on). */
    public static final class FencedException extends IllegalStateException {
        FencedException(int partition) {
            super("partition " + partition + " is owned by another instance now");
        }
    }

    /** Where a partition's journal stands here: the last entry's number and time. */
    private record Cursor(long seq, Instant at) {
    }

    /** Tries per round before the callers are told the store failed (100 ms, 200 ms, ... between tries). */
    private static final int ATTEMPTS = 5;

    private final TradingStore store;
    private final Clock clock;
    private final String owner;
    private final IntPredicate leaseHeld;
    private final IntConsumer fenced;
    private final Map<Integer, Cursor> cursors = new ConcurrentHashMap<>();
    private final BlockingQueue<Changes> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** Projections of committed entries not yet written (the store failed): written before the next ones. */
    private final Projections behind = new Projections();
    private volatile boolean closed;
    private static final Duration PRUNE_EVERY = Duration.ofSeconds(10);
    private Instant lastPrune = Instant.EPOCH;

    /**
     * @param owner     this writer's name in the journal (the lease holder's token)
     * @param leaseHeld whether a partition's lease is still held (checked at commit time)
     * @param fenced    told of a partition found written by another owner, or whose commit failed (to be reloaded)
     */
    public GroupCommitWriter(TradingStore store, Clock clock, String owner, IntPredicate leaseHeld,
                             IntConsumer fenced, Function<Runnable, Thread> threads) {
        this.store = store;
        this.clock = clock;
        this.owner = owner;
        this.leaseHeld = leaseHeld;
        this.fenced = fenced;
        this.thread = threads.apply(this::run);
        this.thread.start();
    }

    /**
     * Takes over {@code partition}'s journal: re-applies its last entry (its writer may have died before its
     * projections), then appends a takeover entry, after which a previous owner can commit nothing more. Call after
     * winning the partition's lease and before reading its documents.
     */
    public void open(int partition) {
        for (int attempt = 0; ; attempt++) {
            Optional<JournalEntry> last = store.lastJournalEntry(partition).map(JournalEntry::of);
            last.ifPresent(this::reapply);
            long seq = last.map(e -> e.seq() + 1).orElse(1L);
            Instant at = after(last.map(JournalEntry::at).orElse(Instant.EPOCH));
            try {
                store.append(JournalEntry.takeover(partition, seq, at, owner).document());
                cursors.put(partition, new Cursor(seq, at));
                return;
            } catch (DuplicateKeyException e) {
                // the previous owner committed once more meanwhile: apply that entry too, then try again
                if (attempt > 100) {
                    throw new IllegalStateException("cannot take over partition " + partition, e);
                }
            }
        }
    }

    private void reapply(JournalEntry e) {
        store.project(e.orders(), e.trades(), e.positions(), e.portfolios());
    }

    /** Stops writing {@code partition} (it was lost or handed over); its queued changes fail. */
    public void close(int partition) {
        cursors.remove(partition);
    }

    /**
     * Deletes the journal entries of the open partitions older than {@code keep} before their last one; at most once
     * every 10 s, however often it is called.
     */
    public void pruneJournals(Duration keep) {
        Instant now = clock.instant();
        if (now.isBefore(lastPrune.plus(PRUNE_EVERY))) {
            return;
        }
        lastPrune = now;
        cursors.forEach((p, c) -> store.pruneJournal(p, c.at().minus(keep)));
    }

    /** Queues {@code changes}; completes its future once written. */
    public CompletableFuture<Void> submit(Changes changes) {
        if (closed) {
            changes.done().completeExceptionally(new IllegalStateException("the trade store writer is closed"));
            return changes.done();
        }
        queue.add(changes);
        return changes.done();
    }

    /** Completes once everything queued before it has been written (or has failed). */
    public CompletableFuture<Void> barrier(int partition) {
        return submit(new Changes(partition, Map.of(), List.of(), Map.of(), Map.of(), () -> { },
                new CompletableFuture<>()));
    }

    private void run() {
        List<Changes> round = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Changes first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                round.add(first);
                queue.drainTo(round);
                write(round);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                round.clear();
            }
        }
    }

    private void write(List<Changes> round) {
        Map<Integer, List<Changes>> byPartition = new LinkedHashMap<>();
        for (Changes c : round) {
            byPartition.computeIfAbsent(c.partition(), p -> new ArrayList<>()).add(c);
        }
        List<Changes> committed = new ArrayList<>();
        for (Map.Entry<Integer, List<Changes>> e : byPartition.entrySet()) {
            if (commit(e.getKey(), e.getValue())) {
                committed.addAll(e.getValue());
            }
        }
        if (committed.isEmpty()) {
            return;
        }
        RuntimeException failure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                // Idempotent as a whole: trades already written are skipped by id, the rest are versioned upserts.
                store.project(behind.orders.values(), behind.trades, behind.positions.values(),
                        behind.portfolios.values());
                behind.clear();
                failure = null;
                break;
            } catch (RuntimeException ex) {
                failure = ex;
                LOG.warn("writing the documents of {} change sets failed (attempt {} of {}): {}", committed.size(),
                        attempt + 1, ATTEMPTS, ex.getMessage());
                pause(100L << attempt);
            }
        }
        if (failure != null) {
            // Committed in the journal, so not lost: they stay behind and go out before the next round's documents.
            LOG.error("the documents of {} committed change sets wait for the store", committed.size(), failure);
        }
        for (Changes c : committed) {
            try {
                c.after().run();
            } catch (RuntimeException ex) {
                LOG.warn("publishing events failed", ex);
            }
            c.done().complete(null);
        }
    }

    /** Appends one journal entry for the change sets of {@code partition}; true when committed. */
    private boolean commit(int partition, List<Changes> sets) {
        Cursor cursor = cursors.get(partition);
        if (cursor == null || !leaseHeld.test(partition)) {
            fail(sets, new FencedException(partition));
            return false;
        }
        Projections mine = new Projections();
        sets.forEach(mine::add);
        if (mine.isEmpty()) {
            return true;
        }
        JournalEntry entry = new JournalEntry(partition, cursor.seq() + 1, after(cursor.at()), owner,
                List.copyOf(mine.orders.values()), mine.trades, List.copyOf(mine.positions.values()),
                List.copyOf(mine.portfolios.values()));
        ObjectNode doc = entry.document();
        RuntimeException failure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                store.append(doc);
                failure = null;
                break;
            } catch (DuplicateKeyException ex) {
                if (!ours(entry)) {
                    LOG.warn("partition {} was taken over (entry {} exists): its {} change sets are dropped",
                            partition, entry.seq(), sets.size());
                    lose(partition, sets, new FencedException(partition));
                    return false;
                }
                failure = null;
                break;
            } catch (RuntimeException ex) {
                failure = ex;
                LOG.warn("committing {} change sets of partition {} failed (attempt {} of {}): {}", sets.size(),
                        partition, attempt + 1, ATTEMPTS, ex.getMessage());
                pause(100L << attempt);
            }
        }
        if (failure != null) {
            // The engine's state holds changes the store may lack: the partition is reloaded from the store.
            LOG.error("giving up committing {} change sets of partition {}", sets.size(), partition, failure);
            lose(partition, sets, failure);
            return false;
        }
        cursors.put(partition, new Cursor(entry.seq(), entry.at()));
        behind.add(JournalEntry.of(doc));
        return true;
    }

    /** True when the entry at {@code entry}'s number is this writer's own (an earlier try did go through). */
    private boolean ours(JournalEntry entry) {
        return store.journalEntry(entry.partition(), entry.seq())
                .map(d -> owner.equals(d.path("owner").asText()) && d.get("at").textValue()
                        .equals(Documents.format(entry.at())))
                .orElse(false);
    }

    private void lose(int partition, List<Changes> sets, RuntimeException cause) {
        cursors.remove(partition);
        fenced.accept(partition);
        fail(sets, cause);
    }

    private static void fail(List<Changes> sets, RuntimeException cause) {
        sets.forEach(c -> c.done().completeExceptionally(cause));
    }

    /** A time after {@code previous}, so that entry times grow with their numbers whatever the clocks say. */
    private Instant after(Instant previous) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant next = previous.plusMillis(1);
        return now.isAfter(next) ? now : next;
    }

    /** The latest document per key of some change sets, and their trades. */
    private static final class Projections {
        final Map<String, ObjectNode> orders = new LinkedHashMap<>();
        final List<ObjectNode> trades = new ArrayList<>();
        final Map<String, ObjectNode> positions = new LinkedHashMap<>();
        final Map<String, ObjectNode> portfolios = new LinkedHashMap<>();

        void add(Changes c) {
            orders.putAll(c.orders());
            trades.addAll(c.trades());
            positions.putAll(c.positions());
            portfolios.putAll(c.portfolios());
        }

        void add(JournalEntry e) {
            e.orders().forEach(d -> orders.put(d.get("order_id").textValue(), d));
            trades.addAll(e.trades());
            e.positions().forEach(d -> positions.put(d.get("user_id").textValue() + "\u0000"
                    + d.get("symbol").textValue(), d));
            e.portfolios().forEach(d -> portfolios.put(d.get("user_id").textValue(), d));
        }

        boolean isEmpty() {
            return orders.isEmpty() && trades.isEmpty() && positions.isEmpty() && portfolios.isEmpty();
        }

        void clear() {
            orders.clear();
            trades.clear();
            positions.clear();
            portfolios.clear();
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
