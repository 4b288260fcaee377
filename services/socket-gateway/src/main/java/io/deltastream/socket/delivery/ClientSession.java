package io.deltastream.socket.delivery;

import io.deltastream.platform.auth.AuthenticatedUser;
import io.deltastream.socket.delivery.DeliveryMetrics.DropReason;
import io.deltastream.socket.delivery.DeliveryMetrics.SlowReason;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One connected client: its rooms, its user (when it presented a valid token) and its bounded outbox.
 *
 * <p>A message goes straight to the connection while the connection is {@link ClientConnection#ready() ready} and
 * nothing is waiting; otherwise it waits in the outbox, in order. Latest-value messages (see
 * {@link Outgoing#latestKey()}) replace a waiting one with the same key in place ("conflation": a slow client gets
 * the newest chain, not every chain), and one that is not newer than the last accepted for its key is dropped, so a
 * cached snapshot never overwrites fresher live data and a re-published duplicate is not delivered twice. When more
 * than {@code capacity} messages wait, or the outbox has not emptied for the slow-client timeout, the client is
 * disconnected: it reconnects and gets fresh snapshots, rather than holding memory without bound.
 */
public final class ClientSession {
    private final String id;
    private final ClientConnection connection;
    private final int capacity;
    private final DeliveryMetrics metrics;
    private final Consumer<ClientSession> onBehind;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private volatile AuthenticatedUser user;

    // Guarded by this.
    private final LinkedHashMap<Object, Outgoing> waiting = new LinkedHashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private long sequence;
    private long behindSinceNanos;
    private boolean closed;

    /**
     * @param capacity most messages that may wait for this client
     * @param onBehind told when messages start waiting, so that someone calls {@link #drain} later
     */
    public ClientSession(String id, ClientConnection connection, int capacity, DeliveryMetrics metrics,
                         Consumer<ClientSession> onBehind) {
        this.id = id;
        this.connection = connection;
        this.capacity = capacity;
        this.metrics = metrics;
        this.onBehind = onBehind;
    }

    /** The Socket.IO session id (the client's {@code socket.id}). */
    public String id() {
        return id;
    }

    /** The rooms this client is in (a live view). */
    public Set<String> rooms() {
        return rooms;
    }

    public Optional<AuthenticatedUser> user() {
        return Optional.ofNullable(user);
    }

    public void user(AuthenticatedUser authenticated) {
        this.user = authenticated;
    }

    /** See {@link ClientConnection#executor()}. */
    public Executor executor() {
        return connection.executor();
    }

    /**
     * Runs {@code register}, which makes this client reachable to other threads' offers (puts it in rooms), then
     * offers {@code first}; those offers wait until both are done, so {@code first} is the first message delivered.
     */
    public synchronized void begin(Runnable register, Outgoing first) {
        register.run();
        offer(first);
    }

    /** Delivers {@code m} now, queues it, replaces an older waiting value, or drops it as stale. */
    public void offer(Outgoing m) {
        boolean nowBehind = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            String key = m.latestKey();
            if (key != null) {
                Long last = versions.get(key);
                if (last != null && m.version() <= last) {
                    metrics.dropped(DropReason.STALE, 1);
                    return;
                }
                versions.put(key, m.version());
            }
            if (waiting.isEmpty() && connection.ready()) {
                write(m, System.nanoTime());
                return;
            }
            if (key != null && waiting.containsKey(key)) {
                waiting.put(key, m);
                metrics.conflated(m.event());
                return;
            }
            waiting.put(key != null ? key : Long.valueOf(sequence++), m);
            if (waiting.size() > capacity) {
                disconnectSlow(SlowReason.BUFFER_FULL);
                return;
            }
            if (behindSinceNanos == 0) {
                behindSinceNanos = System.nanoTime();
                nowBehind = true;
            }
        }
        if (nowBehind) {
            onBehind.accept(this);
        }
    }

    /**
     * Moves waiting messages to the connection while it is ready.
     *
     * @return true while messages still wait
     */
    public synchronized boolean drain(long nowNanos, long slowTimeoutNanos) {
        if (closed) {
            return false;
        }
        Iterator<Outgoing> it = waiting.values().iterator();
        while (it.hasNext() && connection.ready()) {
            Outgoing m = it.next();
            it.remove();
            write(m, nowNanos);
        }
        if (waiting.isEmpty()) {
            behindSinceNanos = 0;
            return false;
        }
        if (nowNanos - behindSinceNanos > slowTimeoutNanos) {
            disconnectSlow(SlowReason.TIMEOUT);
            return false;
        }
        return true;
    }

    /** Messages waiting for this client. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** Stops delivery (the client is gone); waiting messages are discarded. */
    public synchronized void closed() {
        if (!closed) {
            closed = true;
            if (!waiting.isEmpty()) {
                metrics.dropped(DropReason.DISCONNECTED, waiting.size());
                waiting.clear();
            }
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private void write(Outgoing m, long nowNanos) {
        connection.send(m);
        metrics.sent(m.event(), m.receivedNanos(), nowNanos);
    }

    private void disconnectSlow(SlowReason reason) {
        metrics.slowDisconnect(reason);
        closed();
        connection.close();
    }

    @Override
    public String toString() {
        return "client " + id;
    }
}
