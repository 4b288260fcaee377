package io.deltastream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/**
 * A real Redis server binary (from embedded-redis) on a free port. Restartable on the same port,
 * so tests can take Redis away and bring it back.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private final int port;
    private RedisServer server;

    private EmbeddedRedis(int port) {
        this.port = port;
    }

    /** Starts a fresh, empty Redis without persistence. */
    public static EmbeddedRedis start() {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            EmbeddedRedis redis = new EmbeddedRedis(FreePorts.next());
            try {
                redis.startServer();
                return redis;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException("could not start embedded Redis", last);
    }

    private void startServer() throws IOException {
        // The builder writes these settings to a config file for the bundled binary (the list constructor would
        // take its first element for the binary's path).
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").setting("protected-mode no").build();
        server.start();
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>/0}. */
    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public void stop() {
        try {
            if (server != null) {
                server.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    /** Starts again on the same port (data is lost: no persistence). */
    public void restart() {
        stop();
        try {
            startServer();
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart embedded Redis on port " + port, e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
