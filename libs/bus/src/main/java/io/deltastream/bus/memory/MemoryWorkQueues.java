package io.deltastream.bus.memory;

import io.deltastream.bus.BusConfig;
import io.deltastream.bus.ConsumerSpec;
import io.deltastream.bus.ConsumerThreads;
import io.deltastream.bus.DeadLetter;
import io.deltastream.bus.Delivery;
import io.deltastream.bus.QueueDepth;
import io.deltastream.bus.WorkConsumer;
import io.deltastream.bus.WorkHandler;
import io.deltastream.bus.WorkMessage;
import io.deltastream.bus.WorkQueues;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process work queues with the semantics of the Redis adapter: one consumer group per queue, messages in flight
 * until settled, redelivered when unsettled past the visibility timeout, retries after a backoff, dead letters,
 * and effects applied once per message id. One lock guards all state: contention is negligible next to the
 * handlers' work.
 *
 * <p>Bounds, so that a consumer that falls behind cannot fill the heap or let latency grow without limit: a snapshot
 * ({@link WorkMessage#snapshotOf()}) replaces the waiting snapshot of the same key in its place in the queue (the
 * newest state wins, delivered no later than the one it replaced would have been), so a queue of snapshots holds at
 * most one waiting message per key; any queue holds at most {@code BUS_QUEUE_MAXLEN} waiting messages, the oldest
 * dropped beyond that. Both are counted in {@link #depth}. Payloads are handed over as they were sent: an object body
 * reaches the consumer without being encoded.
 */
final class MemoryWorkQueues implements WorkQueues {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryWorkQueues.class);
    private static final long FETCH_WAIT_MS = 500;

    private record Entry(long seq, String queue, WorkMessage message, int attempt) {
    }

    private record InFlight(Entry entry, long deadlineNanos) {
    }

    private record Retry(long dueNanos, Entry entry) {
    }

    /** A place in a queue; a newer snapshot of its key takes over the place while it waits. */
    private static final class Slot {
        private Entry entry;

        Slot(Entry entry) {
            this.entry = entry;
        }
    }

    /** One queue: its waiting slots in order, the slots of waiting snapshots by key, and what its bounds cost. */
    private static final class Queue {
        private final Deque<Slot> waiting = new ArrayDeque<>();
        private final Map<String, Slot> snapshots = new HashMap<>();
        private long replaced;
        private long dropped;

        Slot poll() {
            Slot s = waiting.pollFirst();
            if (s != null && s.entry.message.snapshotOf() != null) {
                snapshots.remove(s.entry.message.snapshotOf(), s);
            }
            return s;
        }
    }

    private final BusConfig config;
    private final MemoryCache cache;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final Map<String, Queue> queues = new HashMap<>();
    private final Map<String, String> groups = new HashMap<>();
    private final Map<Long, InFlight> inFlight = new HashMap<>();
    private final PriorityQueue<Retry> retries = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    private final Map<String, Deque<DeadLetter>> deadLetters = new HashMap<>();
    /** Processed message ids and when to forget them (insertion order = expiry order: the TTL is fixed). */
    private final LinkedHashMap<String, Long> done = new LinkedHashMap<>();
    private long seq;

    MemoryWorkQueues(BusConfig config, MemoryCache cache) {
        this.config = config;
        this.cache = cache;
    }

    @Override
    public void send(String queue, List<WorkMessage> messages) {
        lock.lock();
        try {
            Queue q = queue(queue);
            for (WorkMessage m : messages) {
                Entry e = new Entry(++seq, queue, m, 1);
                Slot waiting = m.snapshotOf() == null ? null : q.snapshots.get(m.snapshotOf());
                if (waiting != null) {
                    waiting.entry = e;
                    q.replaced++;
                    continue;
                }
                if (q.waiting.size() >= config.queueMaxLength()) {
                    q.poll();
                    if (q.dropped++ % 1000 == 0) {
                        LOG.warn("queue {} is full ({} messages): dropped the oldest, {} so far", queue,
                                q.waiting.size(), q.dropped);
                    }
                }
                Slot s = new Slot(e);
                q.waiting.addLast(s);
                if (m.snapshotOf() != null) {
                    q.snapshots.put(m.snapshotOf(), s);
                }
            }
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public WorkConsumer consume(ConsumerSpec spec, WorkHandler handler) {
        lock.lock();
        try {
            for (String q : spec.queues()) {
                String existing = groups.putIfAbsent(q, spec.group());
                if (existing != null && !existing.equals(spec.group())) {
                    throw new IllegalStateException("in-process queue " + q + " already has consumer group " + existing);
                }
            }
        } finally {
            lock.unlock();
        }
        return new ConsumerThreads("consumer-" + spec.group(), spec.concurrency(), spec.batchSize(),
                i -> take(spec, FETCH_WAIT_MS), handler, batch -> settle(batch, spec.deadLetterQueue()), null,
                Duration.ZERO);
    }

    /** Takes up to a batch, one message per queue in turn, waiting up to {@code waitMs} for the first. */
    private List<Delivery> take(ConsumerSpec spec, long waitMs) throws InterruptedException {
        lock.lock();
        try {
            long waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMs);
            while (spec.queues().stream().allMatch(q -> !queues.containsKey(q) || queues.get(q).waiting.isEmpty())) {
                if (waitNanos <= 0) {
                    return List.of();
                }
                waitNanos = ready.awaitNanos(waitNanos);
            }
            List<Delivery> batch = new ArrayList<>();
            long deadline = System.nanoTime() + config.visibilityTimeout().toNanos();
            boolean took = true;
            while (batch.size() < spec.batchSize() && took) {
                took = false;
                for (String q : spec.queues()) {
                    Queue d = queues.get(q);
                    if (d == null || d.waiting.isEmpty() || batch.size() >= spec.batchSize()) {
                        continue;
                    }
                    Entry e = d.poll().entry;
                    inFlight.put(e.seq, new InFlight(e, deadline));
                    batch.add(new Delivery(e.queue, e.message.id(), e.message.body(), e.attempt, e,
                            e.message.traceparent()));
                    took = true;
                }
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void settle(List<Delivery> batch, String deadLetterQueue) {
        lock.lock();
        try {
            long now = System.nanoTime();
            for (Delivery d : batch) {
                Entry e = (Entry) d.receipt();
                if (inFlight.remove(e.seq) == null) {
                    continue; // settled by the consumer it was redelivered to
                }
                switch (d.outcome()) {
                    case ACK -> {
                        if (markDone(e.message.id())) {
                            cache.apply(d.effects());
                        }
                    }
                    case RETRY -> {
                        if (config.retry().retries(e.attempt)) {
                            retries.add(new Retry(now + config.retry().delayAfter(e.attempt).toNanos(),
                                    new Entry(++seq, e.queue, e.message, e.attempt + 1)));
                        } else {
                            deadLetter(deadLetterQueue, e, d.error());
                        }
                    }
                    case REJECT -> deadLetter(deadLetterQueue, e, d.error());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Remembers {@code id} as processed; false if it already was. */
    private boolean markDone(String id) {
        long now = System.currentTimeMillis();
        for (Iterator<Map.Entry<String, Long>> it = done.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() > now) {
                break;
            }
            it.remove();
        }
        return done.putIfAbsent(id, now + config.dedupTtl().toMillis()) == null;
    }

    private void deadLetter(String dlq, Entry e, String error) {
        Deque<DeadLetter> d = deadLetters.computeIfAbsent(dlq, k -> new ArrayDeque<>());
        if (d.size() >= config.deadLetterMaxLength()) {
            d.pollFirst();
        }
        d.addLast(new DeadLetter("memory-" + (++seq), e.message.id(), e.queue, error, e.attempt, e.message.payload(),
                Instant.now(), e.message.traceparent()));
        LOG.warn("dead-lettered message {} of {} after {} attempt(s): {}", e.message.id(), e.queue, e.attempt, error);
    }

    /** Moves due retries back to their queues and redelivers messages unsettled past the visibility timeout. */
    void maintain() {
        lock.lock();
        try {
            long now = System.nanoTime();
            boolean moved = false;
            while (!retries.isEmpty() && retries.peek().dueNanos <= now) {
                Entry e = retries.poll().entry;
                queue(e.queue).waiting.addLast(new Slot(e));
                moved = true;
            }
            for (Iterator<InFlight> it = inFlight.values().iterator(); it.hasNext(); ) {
                InFlight f = it.next();
                if (f.deadlineNanos <= now) {
                    it.remove();
                    queue(f.entry.queue).waiting.addFirst(new Slot(f.entry));
                    moved = true;
                }
            }
            if (moved) {
                ready.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private Queue queue(String name) {
        return queues.computeIfAbsent(name, k -> new Queue());
    }

    @Override
    public QueueDepth depth(String queue, String group) {
        lock.lock();
        try {
            Queue q = queues.get(queue);
            long flying = inFlight.values().stream().filter(f -> f.entry.queue.equals(queue)).count();
            return q == null ? new QueueDepth(0, flying, retries.size())
                    : new QueueDepth(q.waiting.size(), flying, retries.size(), q.replaced, q.dropped);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long deadLetterCount(String deadLetterQueue) {
        lock.lock();
        try {
            Deque<DeadLetter> d = deadLetters.get(deadLetterQueue);
            return d == null ? 0 : d.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<DeadLetter> deadLetters(String deadLetterQueue, int limit) {
        lock.lock();
        try {
            return deadLetters.getOrDefault(deadLetterQueue, new ArrayDeque<>()).stream().limit(limit).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int replay(String deadLetterQueue, Optional<String> entryId) {
        List<DeadLetter> chosen = new ArrayList<>();
        lock.lock();
        try {
            Deque<DeadLetter> d = deadLetters.getOrDefault(deadLetterQueue, new ArrayDeque<>());
            for (Iterator<DeadLetter> it = d.iterator(); it.hasNext(); ) {
                DeadLetter l = it.next();
                if (entryId.isEmpty() || entryId.get().equals(l.entryId())) {
                    chosen.add(l);
                    it.remove();
                }
            }
            for (DeadLetter l : chosen) {
                send(l.queue(), List.of(new WorkMessage(l.messageId(), l.payload(), l.traceparent())));
            }
            return chosen.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long purge(String deadLetterQueue) {
        lock.lock();
        try {
            Deque<DeadLetter> d = deadLetters.remove(deadLetterQueue);
            return d == null ? 0 : d.size();
        } finally {
            lock.unlock();
        }
    }
}
