package io.deltastream.testkit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.UUID;

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

    /** A URL naming a database of its own, so that each contract test starts from an empty store. */
    public String freshUrl() {
        return url("db" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
