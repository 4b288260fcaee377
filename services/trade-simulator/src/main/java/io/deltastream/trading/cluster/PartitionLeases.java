package io.deltastream.trading.cluster;

import io.deltastream.bus.Cache;
import io.deltastream.bus.Effects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which partitions of the users this instance owns. Users are hashed onto a fixed number of partitions; each
 * partition is a lease in the cache ({@code trading:lease:{p}}, set if absent with a time to live, renewed only by
 * its holder through an owner-checked script, released on a clean stop). Instances announce themselves in
 * {@code trading:instances} (scored by when their announcement expires) so that each takes about its share: one
 * holding more than {@code ceil(partitions / live instances)} hands the rest over, and a partition whose holder died
 * is free once its lease expires, to be taken at the next {@link #tick}.
 *
 * <p>A lease is counted as held only until {@code 0.8 × ttl} after the start of its last successful renewal (see
 * {@link #holds}): the commit path checks it, and the journal's unique entry numbers stop a holder that was paused
 * past that point anyway.
 */
public final class PartitionLeases implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionLeases.class);
    static final String LEASE_KEY = "trading:lease:";
    static final String INSTANCES = "trading:instances";
    /** A lost partition is taken back at the next tick, even under a long lease (embedded mode leases for a day). */
    private static final Duration MAX_RENEW_EVERY = Duration.ofSeconds(2);
    private static final Duration MAX_PATIENCE = Duration.ofSeconds(30);

    /** The side that serves the partitions (the engine). */
    public interface Holder {
        /** Load these newly leased partitions before serving them. */
        void gained(Set<Integer> partitions);

        /** Stop serving {@code partition} now: its lease is gone. */
        void lost(int partition);

        /** Stop serving {@code partition} and return once its accepted changes are durable (before a release). */
        void handOver(int partition);
    }

    private final Cache cache;
    private final int partitions;
    private final String token;
    private final Duration ttl;
    private final LongSupplier nanos;
    private final LongSupplier wallMillis;
    /** The monotonic time (ns) until which each held lease is surely still this instance's. */
    private final Map<Integer, Long> deadlines = new ConcurrentHashMap<>();
    private Holder holder;

    /**
     * @param partitions the fixed number of partitions (the same on every instance)
     * @param instanceId this instance's unique name
     * @param url        where other instances reach this one (forwarded calls)
     * @param ttl        lease time to live; renewed every third of it
     */
    public PartitionLeases(Cache cache, int partitions, String instanceId, String url, Duration ttl,
                           LongSupplier nanos, LongSupplier wallMillis) {
        this.cache = cache;
        this.partitions = partitions;
        this.token = instanceId + " " + url;
        this.ttl = ttl;
        this.nanos = nanos;
        this.wallMillis = wallMillis;
    }

    /** The partition of {@code userId}, among {@code partitions} (stable across processes and restarts). */
    public static int partitionOf(String userId, int partitions) {
        return Math.floorMod(userId.hashCode(), partitions);
    }

    public int partitionOf(String userId) {
        return partitionOf(userId, partitions);
    }

    public int partitions() {
        return partitions;
    }

    /** The value of this instance's leases: its id and URL, which other instances forward to. */
    public String token() {
        return token;
    }

    /** How often {@link #tick} should run: every third of the lease time, at least every 2 s. */
    public Duration renewEvery() {
        Duration third = ttl.dividedBy(3);
        return third.compareTo(MAX_RENEW_EVERY) < 0 ? third : MAX_RENEW_EVERY;
    }

    /** How long a call may wait for a partition between holders: twice the lease time, at most 30 s. */
    public Duration handOverPatience() {
        Duration twice = ttl.multipliedBy(2);
        return twice.compareTo(MAX_PATIENCE) < 0 ? twice : MAX_PATIENCE;
    }

    /** Starts serving: takes this instance's share of the free partitions at once. */
    public void start(Holder h) {
        this.holder = h;
        tick();
    }

    /** True while {@code partition}'s lease is surely held here (checked again at each commit). */
    public boolean holds(int partition) {
        Long d = deadlines.get(partition);
        return d != null && d - nanos.getAsLong() > 0;
    }

    /** The partitions held here. */
    public Set<Integer> held() {
        return new TreeSet<>(deadlines.keySet());
    }

    /** The URL of {@code partition}'s holder, if any instance holds it. */
    public Optional<String> ownerUrl(int partition) {
        return cache.get(LEASE_KEY + partition).map(v -> v.substring(v.indexOf(' ') + 1));
    }

    /** Renews the held leases, hands over partitions above this instance's share, takes free ones up to it. */
    public synchronized void tick() {
        long started = nanos.getAsLong();
        long wall = wallMillis.getAsLong();
        try {
            cache.apply(new Effects().indexPut(INSTANCES, token, wall + ttl.toMillis())
                    .indexRemoveBelow(INSTANCES, wall - ttl.toMillis()));
            int live = Math.max(1, cache.indexMembers(INSTANCES, wall).size());
            int share = (partitions + live - 1) / live;
            renew(started);
            List<Integer> mine = new ArrayList<>(held());
            for (int i = mine.size() - 1; i >= share; i--) {
                release(mine.get(i));
            }
            acquire(share, started);
        } catch (RuntimeException e) {
            LOG.warn("lease round failed: {}", e.getMessage());
        }
        for (int p : held()) {
            if (!holds(p)) {
                LOG.warn("lease of partition {} ran out before it could be renewed", p);
                drop(p);
            }
        }
    }

    private void renew(long started) {
        for (int p : held()) {
            if (cache.expireIfEquals(LEASE_KEY + p, token, ttl)) {
                deadlines.put(p, started + ttl.toNanos() * 4 / 5);
            } else {
                LOG.warn("lease of partition {} was lost", p);
                drop(p);
            }
        }
    }

    private void acquire(int share, long started) {
        Set<Integer> gained = new LinkedHashSet<>();
        int offset = Math.floorMod(token.hashCode(), partitions);
        for (int i = 0; i < partitions && deadlines.size() + gained.size() < share; i++) {
            int p = (offset + i) % partitions;
            if (!deadlines.containsKey(p) && cache.setIfAbsent(LEASE_KEY + p, token, ttl)) {
                gained.add(p);
            }
        }
        if (gained.isEmpty()) {
            return;
        }
        gained.forEach(p -> deadlines.put(p, started + ttl.toNanos() * 4 / 5));
        try {
            holder.gained(gained);
        } catch (RuntimeException e) {
            LOG.error("loading partitions {} failed; releasing them", gained, e);
            for (int p : gained) {
                holder.lost(p);
                deadlines.remove(p);
                cache.deleteIfEquals(LEASE_KEY + p, token);
            }
            return;
        }
        // loading took time: renew at once so that a slow load does not eat the lease
        renew(nanos.getAsLong());
        LOG.info("took partitions {}", gained);
    }

    private void release(int p) {
        holder.handOver(p);
        deadlines.remove(p);
        cache.deleteIfEquals(LEASE_KEY + p, token);
        LOG.info("handed over partition {}", p);
    }

    /** Stops serving {@code partition} without waiting (its lease is gone, or its writes failed). */
    public synchronized void drop(int partition) {
        if (deadlines.remove(partition) != null) {
            holder.lost(partition);
            try {
                cache.deleteIfEquals(LEASE_KEY + partition, token);
            } catch (RuntimeException e) {
                LOG.warn("releasing the lease of partition {} failed: {}", partition, e.getMessage());
            }
        }
    }

    /** A clean stop: hands every partition over and releases its lease, then leaves the instance list. */
    @Override
    public synchronized void close() {
        if (holder == null) {
            return;
        }
        for (int p : held()) {
            try {
                release(p);
            } catch (RuntimeException e) {
                LOG.warn("releasing partition {} failed: {}", p, e.getMessage());
            }
        }
        try {
            cache.apply(new Effects().indexPut(INSTANCES, token, 0).indexRemoveBelow(INSTANCES, 1));
        } catch (RuntimeException e) {
            LOG.warn("leaving the instance list failed: {}", e.getMessage());
        }
    }
}
