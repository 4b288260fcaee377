package io.deltastream.socket.delivery;

import io.deltastream.socket.protocol.Room;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The clients connected to this gateway instance and their rooms. Each instance delivers the bus's events to its
 * own clients only, and a message addressed to a set of rooms goes to each member once.
 */
public final class ClientDirectory {
    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientSession>> rooms = new ConcurrentHashMap<>();
    private final Set<ClientSession> behind = ConcurrentHashMap.newKeySet();
    private final Map<Executor, FanoutMailbox> mailboxes = new ConcurrentHashMap<>();
    private final DeliveryMetrics metrics;

    public ClientDirectory(DeliveryMetrics metrics) {
        this.metrics = metrics;
    }

    /** Registers a new client in {@link Room#GENERAL}. */
    public void add(ClientSession session) {
        sessions.put(session.id(), session);
        join(session, Room.GENERAL);
    }

    /** Forgets a disconnected client. */
    public void remove(ClientSession session) {
        session.closed();
        sessions.remove(session.id(), session);
        behind.remove(session);
        for (String room : session.rooms()) {
            removeMember(room, session);
        }
        session.rooms().clear();
    }

    public ClientSession get(String id) {
        return sessions.get(id);
    }

    /** @return false when the client was already in the room */
    public boolean join(ClientSession session, String room) {
        rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
        boolean added = session.rooms().add(room);
        if (session.isClosed()) {
            removeMember(room, session);
            session.rooms().remove(room);
        }
        return added;
    }

    /** @return false when the client was not in the room */
    public boolean leave(ClientSession session, String room) {
        boolean removed = session.rooms().remove(room);
        removeMember(room, session);
        return removed;
    }

    private void removeMember(String room, ClientSession session) {
        rooms.computeIfPresent(room, (r, members) -> {
            members.remove(session);
            return members.isEmpty() ? null : members;
        });
    }

    /** Delivers {@code m} to every client of this instance. */
    public void toAll(Outgoing m) {
        fanOut(sessions.values(), m);
    }

    /** Delivers {@code m} to the members of {@code room}. */
    public void toRoom(String room, Outgoing m) {
        Set<ClientSession> members = rooms.get(room);
        if (members != null) {
            fanOut(members, m);
        }
    }

    /**
     * Offers {@code m} to each target, from the target connection's own I/O thread where it has one: one task per I/O
     * thread and message instead of one cross-thread write per client, through a latest-value mailbox per thread (see
     * {@link FanoutMailbox}). Only latest-value messages go this way (two of them offered from different threads
     * could arrive out of order, and the older is then dropped as stale); ordered messages are offered here, in order.
     */
    private void fanOut(Collection<ClientSession> targets, Outgoing m) {
        if (m.latestKey() == null) {
            targets.forEach(s -> s.offer(m));
            return;
        }
        Map<Executor, List<ClientSession>> byThread = new IdentityHashMap<>();
        for (ClientSession s : targets) {
            Executor e = s.executor();
            if (e == null) {
                s.offer(m);
            } else {
                byThread.computeIfAbsent(e, k -> new ArrayList<>()).add(s);
            }
        }
        byThread.forEach((executor, group) -> mailboxes.computeIfAbsent(executor,
                e -> new FanoutMailbox(e, metrics)).post(new FanoutMailbox.Job(m, group)));
    }

    /** The members of {@code room} (a live view; empty when nobody is in it). */
    public Collection<ClientSession> members(String room) {
        Set<ClientSession> members = rooms.get(room);
        return members == null ? Set.of() : members;
    }

    /** Remembers that {@code session} has messages waiting. */
    public void behind(ClientSession session) {
        behind.add(session);
    }

    /** Gives every client with waiting messages a chance to catch up (and disconnects those too slow). */
    public void drainBehind(long nowNanos, long slowTimeoutNanos) {
        for (ClientSession s : behind) {
            if (!s.drain(nowNanos, slowTimeoutNanos)) {
                behind.remove(s);
                if (s.waiting() > 0) {
                    behind.add(s);
                }
            }
        }
    }

    /** Connected clients of this instance. */
    public int size() {
        return sessions.size();
    }

    /** Clients with messages waiting. */
    public int behindCount() {
        return behind.size();
    }

    /** Members per room; user rooms are summed under {@code user:*} (one per user would be unbounded). */
    public Map<String, Integer> roomSizes() {
        Map<String, Integer> out = new TreeMap<>();
        rooms.forEach((room, members) -> {
            String name = room.startsWith("user:") ? "user:*" : room;
            out.merge(name, members.size(), Integer::sum);
        });
        return out;
    }
}
