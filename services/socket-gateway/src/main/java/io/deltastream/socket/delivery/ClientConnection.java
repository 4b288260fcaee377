package io.deltastream.socket.delivery;

import java.util.concurrent.Executor;

/** The transport end of one client, as the delivery logic needs it. */
public interface ClientConnection {
    /**
     * True when a message written now goes out without piling up in memory: the connection's write buffer is below
     * its high-water mark and few packets wait for the I/O thread.
     */
    boolean ready();

    /** Writes one event (asynchronously; never blocks). */
    void send(Outgoing message);

    /** Disconnects the client now, discarding what it has not yet received. */
    void close();

    /**
     * The I/O thread that owns this connection, when it has a fixed one: offering messages from that thread saves a
     * cross-thread hand-off per message, so fan-out groups clients by it. Null when there is none (long-polling).
     */
    default Executor executor() {
        return null;
    }
}
