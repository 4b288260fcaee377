package io.deltastream.bus;

import io.deltastream.platform.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Bus settings from the environment.
 *
 * @param redisUrl            {@code REDIS_URL}: Redis-backed bus when set, in-process bus otherwise
 * @param retry               {@code BUS_RETRY_BACKOFF} (seconds, default 5) and {@code BUS_MAX_RETRIES} (default 3)
 * @param visibilityTimeout   {@code BUS_VISIBILITY_TIMEOUT} (seconds, default 30): a message unacknowledged this long
 *                            is taken from its (presumed dead) consumer and delivered again
 * @param queueMaxLength      {@code BUS_QUEUE_MAXLEN} (default 100000): a queue keeps about this many messages at
 *                            most; older undelivered ones are dropped, so a stopped consumer cannot fill memory
 * @param deadLetterMaxLength {@code BUS_DLQ_MAXLEN} (default 10000): the same bound for dead-letter queues
 * @param dedupTtl            {@code BUS_DEDUP_TTL} (seconds, default 600): how long a processed message id is
 *                            remembered, so that the same message sent twice has its effects applied once
 */
public record BusConfig(Optional<URI> redisUrl, RetryPolicy retry, Duration visibilityTimeout, long queueMaxLength,
                        long deadLetterMaxLength, Duration dedupTtl) {

    public static final BusConfig DEFAULTS = new BusConfig(Optional.empty(), RetryPolicy.DEFAULT,
            Duration.ofSeconds(30), 100_000, 10_000, Duration.ofMinutes(10));

    public static BusConfig from(Env env) {
        Optional<URI> redis = env.uri("REDIS_URL", Set.of("redis", "rediss"));
        Duration backoff = env.seconds("BUS_RETRY_BACKOFF", DEFAULTS.retry.backoff(), Duration.ofHours(1));
        int retries = env.integer("BUS_MAX_RETRIES", DEFAULTS.retry.maxRetries(), 0, 20);
        Duration visibility = env.seconds("BUS_VISIBILITY_TIMEOUT", DEFAULTS.visibilityTimeout, Duration.ofHours(24));
        long maxLen = env.longValue("BUS_QUEUE_MAXLEN", DEFAULTS.queueMaxLength, 100, 100_000_000);
        long dlqLen = env.longValue("BUS_DLQ_MAXLEN", DEFAULTS.deadLetterMaxLength, 10, 10_000_000);
        Duration dedup = env.seconds("BUS_DEDUP_TTL", DEFAULTS.dedupTtl, Duration.ofDays(30));
        return new BusConfig(redis, new RetryPolicy(backoff, retries), visibility, maxLen, dlqLen, dedup);
    }

    /** This configuration with another Redis URL (tests, tools). */
    public BusConfig withRedis(URI url) {
        return new BusConfig(Optional.of(url), retry, visibilityTimeout, queueMaxLength, deadLetterMaxLength, dedupTtl);
    }
}
