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

    private final BusConfig config;
    private final MemoryCache cache;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final Map<String, Deque<Entry>> queues = new HashMap<>();
    private final Map<String, String> groups = new HashMap<>();
    private final Map<Long, InFlight> inFlight = new HashMap<>();
    private final PriorityQueue<Retry> retries = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    private final Map<String, Deque<DeadLetter>> deadLetters = new HashMap<>();
    /** Processed message ids and when to forget them (insertion order = expiry order: the TTL is fixed). */
    private final LinkedHashMap<String, Long> done = new LinkedHashMap<>();
    private long seq;
    private long dropped;

    MemoryWorkQueues(BusConfig config, MemoryCache cache) {
        this.config = config;
        this.cache = cache;
    }

    @Override
    public void send(String queue, List<WorkMessage> messages) {
        lock.lock();
        try {
            Deque<Entry> q = queues.computeIfAbsent(queue, k -> new ArrayDeque<>());
            for (WorkMessage m : messages) {
                if (q.size() >= config.queueMaxLength()) {
                    q.pollFirst();
                    if (dropped++ % 1000 == 0) {
                        LOG.warn("queue {} is full ({} messages): dropped the oldest, {} so far", queue, q.size(), dropped);
                    }
                }
                q.addLast(new Entry(++seq, queue, m, 1));
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
            while (spec.queues().stream().allMatch(q -> queues.getOrDefault(q, new ArrayDeque<>()).isEmpty())) {
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
                    Deque<Entry> d = queues.get(q);
                    Entry e = d == null ? null : d.pollFirst();
                    if (e != null && batch.size() < spec.batchSize()) {
                        inFlight.put(e.seq, new InFlight(e, deadline));
                        batch.add(new Delivery(e.queue, e.message.id(), e.message.payload(), e.attempt, e,
                                e.message.traceparent()));
                        took = true;
                    } else if (e != null) {
                        d.addFirst(e);
                    }
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
                queues.computeIfAbsent(e.queue, k -> new ArrayDeque<>()).addLast(e);
                moved = true;
            }
            for (Iterator<InFlight> it = inFlight.values().iterator(); it.hasNext(); ) {
                InFlight f = it.next();
                if (f.deadlineNanos <= now) {
                    it.remove();
                    queues.computeIfAbsent(f.entry.queue, k -> new ArrayDeque<>()).addFirst(f.entry);
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

    @Override
    public QueueDepth depth(String queue, String group) {
        lock.lock();
        try {
            Deque<Entry> q = queues.get(queue);
            long flying = inFlight.values().stream().filter(f -> f.entry.queue.equals(queue)).count();
            return new QueueDepth(q == null ? 0 : q.size(), flying, retries.size());
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
