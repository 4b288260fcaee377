package io.deltastream.bus.memory;

import io.deltastream.bus.Cache;
import io.deltastream.bus.Effects;
import io.deltastream.bus.Payload;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-process cache: one map under a read-write lock, so that {@link #apply} is atomic for readers too. Expired
 * entries read as absent and are swept periodically so that memory stays bounded.
 */
final class MemoryCache implements Cache {
    private static final long NEVER = Long.MAX_VALUE;

    /**
     * A value: a String, a {@link Payload} (a string value set through {@link Effects}, kept as given so that an
     * object's text is made only when first read), a hash (Map of String) or an index (Map of member to score).
     */
    private record Entry(Object value, long expiresAt) {
        boolean live(long now) {
            return expiresAt > now;
        }
    }

    private final Map<String, Entry> map = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final MemoryTopics topics;

    MemoryCache(MemoryTopics topics) {
        this.topics = topics;
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private Entry live(String key, long now) {
        Entry e = map.get(key);
        return e != null && e.live(now) ? e : null;
    }

    /** The text of a string value; null for a hash or an index. Made outside the lock: encoding may take a while. */
    private static String text(Object value) {
        return switch (value) {
            case String s -> s;
            case Payload p -> p.text();
            default -> null;
        };
    }

    @Override
    public Optional<String> get(String key) {
        Object value;
        lock.readLock().lock();
        try {
            Entry e = live(key, now());
            if (e == null) {
                return Optional.empty();
            }
            value = e.value();
        } finally {
            lock.readLock().unlock();
        }
        return Optional.of(string(key, value));
    }

    private static String string(String key, Object value) {
        String s = text(value);
        if (s == null) {
            throw new IllegalStateException("key holds a hash or index, not a string: " + key);
        }
        return s;
    }

    @Override
    public Map<String, String> getAll(Collection<String> keys) {
        Map<String, Object> values = new LinkedHashMap<>();
        lock.readLock().lock();
        try {
            long now = now();
            for (String k : keys) {
                Entry e = live(k, now);
                if (e != null && (e.value() instanceof String || e.value() instanceof Payload)) {
                    values.put(k, e.value());
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, text(v)));
        return out;
    }

    @Override
    public void set(String key, String value, Duration ttl) {
        apply(new Effects().set(key, value, ttl));
    }

    @Override
    public boolean setIfAbsent(String key, String value, Duration ttl) {
        lock.writeLock().lock();
        try {
            long now = now();
            if (live(key, now) != null) {
                return false;
            }
            map.put(key, new Entry(value, now + ttl.toMillis()));
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean expireIfEquals(String key, String expected, Duration ttl) {
        lock.writeLock().lock();
        try {
            long now = now();
            Entry e = live(key, now);
            if (e == null || !expected.equals(text(e.value()))) {
                return false;
            }
            map.put(key, new Entry(e.value(), now + ttl.toMillis()));
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean deleteIfEquals(String key, String expected) {
        lock.writeLock().lock();
        try {
            Entry e = live(key, now());
            if (e == null || !expected.equals(text(e.value()))) {
                return false;
            }
            map.remove(key);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public long increment(String key, Duration ttl) {
        lock.writeLock().lock();
        try {
            long now = now();
            Entry e = live(key, now);
            long count = e == null ? 1 : Long.parseLong(string(key, e.value())) + 1;
            map.put(key, new Entry(Long.toString(count), e == null ? now + ttl.toMillis() : e.expiresAt()));
            return count;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean delete(String key) {
        lock.writeLock().lock();
        try {
            Entry e = map.remove(key);
            return e != null && e.live(now());
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<Duration> ttl(String key) {
        lock.readLock().lock();
        try {
            long now = now();
            Entry e = live(key, now);
            return e == null || e.expiresAt() == NEVER ? Optional.empty() : Optional.of(Duration.ofMillis(e.expiresAt() - now));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, String> hashGetAll(String key) {
        lock.readLock().lock();
        try {
            Entry e = live(key, now());
            return e == null ? Map.of() : Map.copyOf((Map<String, String>) e.value());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> indexMembers(String key, double minScore) {
        lock.readLock().lock();
        try {
            Entry e = live(key, now());
            if (e == null) {
                return List.of();
            }
            return ((Map<String, Double>) e.value()).entrySet().stream().filter(m -> m.getValue() >= minScore)
                    .map(Map.Entry::getKey).sorted().toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void apply(Effects effects) {
        lock.writeLock().lock();
        try {
            long now = now();
            for (Effects.Op op : effects.ops()) {
                applyOne(op, now);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private void applyOne(Effects.Op op, long now) {
        switch (op) {
            case Effects.Publish p -> topics.publish(p.topic(), p.body());
            case Effects.Set s -> map.put(s.key(), new Entry(s.body(), now + s.ttl().toMillis()));
            case Effects.HashPut h -> {
                Entry e = live(h.key(), now);
                Map<String, String> hash = e == null ? new HashMap<>() : (Map<String, String>) e.value();
                hash.put(h.field(), h.value());
                map.put(h.key(), new Entry(hash, now + h.ttl().toMillis()));
            }
            case Effects.IndexPut i -> {
                Entry e = live(i.key(), now);
                Map<String, Double> index = e == null ? new HashMap<>() : (Map<String, Double>) e.value();
                index.put(i.member(), i.score());
                map.put(i.key(), new Entry(index, NEVER));
            }
            case Effects.IndexRemoveBelow r -> {
                Entry e = live(r.key(), now);
                if (e != null) {
                    ((Map<String, Double>) e.value()).values().removeIf(score -> score < r.score());
                }
            }
        }
    }

    /** Drops expired entries. */
    void sweep() {
        lock.writeLock().lock();
        try {
            long now = now();
            for (Iterator<Entry> it = map.values().iterator(); it.hasNext(); ) {
                if (!it.next().live(now)) {
                    it.remove();
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return map.size();
        } finally {
            lock.readLock().unlock();
        }
    }
}
