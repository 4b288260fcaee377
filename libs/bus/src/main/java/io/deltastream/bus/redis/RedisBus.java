package io.deltastream.bus.redis;

import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Cache;
import io.deltastream.bus.Topics;
import io.deltastream.bus.WorkQueues;
import io.deltastream.platform.health.HealthCheck;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;

/**
 * The distributed-mode bus on Redis (Lettuce): one shared connection for commands and scripts, one blocking
 * connection per consumer thread and one pub/sub connection per subscription. Commands fail fast while Redis is
 * unreachable (no unbounded buffering); Lettuce reconnects in the background.
 */
public final class RedisBus implements Bus {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCache cache;
    private final RedisTopics topics;
    private final RedisWorkQueues work;

    private RedisBus(RedisClient client, RedisURI uri, StatefulRedisConnection<String, String> connection,
                     BusConfig config) {
        this.client = client;
        this.connection = connection;
        RedisScripts scripts = new RedisScripts(connection);
        this.cache = new RedisCache(connection, scripts);
        this.topics = new RedisTopics(client, uri, connection);
        this.work = new RedisWorkQueues(client, uri, connection, scripts, config);
    }

    /** Connects to {@code config.redisUrl()}; an unreachable Redis is an {@link IllegalStateException}. */
    public static RedisBus connect(BusConfig config) {
        RedisURI uri = RedisURI.create(config.redisUrl().orElseThrow(() -> new IllegalArgumentException("no REDIS_URL")));
        uri.setTimeout(COMMAND_TIMEOUT);
        RedisClient client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        try {
            return new RedisBus(client, uri, client.connect(uri), config);
        } catch (RedisConnectionException e) {
            client.shutdown();
            throw new IllegalStateException("cannot connect to Redis at " + uri.getHost() + ":" + uri.getPort()
                    + " (REDIS_URL): " + e.getMessage(), e);
        }
    }

    @Override
    public WorkQueues work() {
        return work;
    }

    @Override
    public Topics topics() {
        return topics;
    }

    @Override
    public Cache cache() {
        return cache;
    }

    @Override
    public HealthCheck healthCheck() {
        return HealthCheck.of("redis", () -> connection.sync().ping());
    }

    @Override
    public void close() {
        work.closeAll();
        topics.closeAll();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Override
    public String toString() {
        return "RedisBus";
    }
}
