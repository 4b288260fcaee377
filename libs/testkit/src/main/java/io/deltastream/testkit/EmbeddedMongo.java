package io.deltastream.testkit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * A MongoDB wire-protocol server in this JVM (mongo-java-server, memory backend) for testing the
 * MongoDB adapter with the real driver. Small data only: it ignores non-unique indexes and TTL.
 */
public final class EmbeddedMongo implements AutoCloseable {
    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo() {
        server = new MongoServer(new MemoryBackend());
        address = server.bind();
    }

    public static EmbeddedMongo start() {
        return new EmbeddedMongo();
    }

    /** A URL naming {@code database}. */
    public String url(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
