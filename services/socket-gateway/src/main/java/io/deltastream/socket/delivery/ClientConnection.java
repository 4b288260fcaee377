package io.deltastream.socket.delivery;

/** The transport end of one client, as the delivery logic needs it. */
public interface ClientConnection {
    /**
     * True when a message written now goes out without piling up in memory: the connection's write buffer is below
     * its high-water mark and few packets wait for the I/O thread.
     */
    boolean ready();

    /** Writes one event (asynchronously; never blocks). */
    void send(String event, Object payload);

    /** Disconnects the client now, discarding what it has not yet received. */
    void close();
}
