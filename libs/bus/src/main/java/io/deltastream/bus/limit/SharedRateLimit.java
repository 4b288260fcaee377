package io.deltastream.bus.limit;

import io.deltastream.bus.Cache;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.RateLimit;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A per-key limit counted in the shared cache, so that every replica of a service draws on one allowance: a window of
 * {@code burst / perSecond} seconds, opened by a key's first request, admits {@code burst} requests (the same
 * sustained rate and burst as {@link io.deltastream.platform.http.KeyedRateLimit}'s token bucket, but a key that used
 * its burst waits for the whole window rather than for one token). One atomic increment per request
 * ({@link Cache#increment}), timed by the cache's own clock; counters expire with their window, so nothing needs
 * pruning. When the cache cannot be reached the request passes (logged): losing Redis must not take the API down.
 */
public final class SharedRateLimit implements RateLimit {
    private static final Logger LOG = LoggerFactory.getLogger(SharedRateLimit.class);

    private final Cache cache;
    private final String prefix;
    private final long burst;
    private final Duration window;

    /**
     * @param name      names the counters ({@code ratelimit:{name}:{key}})
     * @param perSecond sustained requests per second per key; 0 disables limiting
     * @param burst     requests a key may send at once (at least 1)
     */
    public SharedRateLimit(Cache cache, String name, double perSecond, double burst) {
        this.cache = cache;
        this.prefix = "ratelimit:" + name + ":";
        this.burst = Math.max(1, (long) Math.floor(burst));
        this.window = perSecond > 0 ? Duration.ofMillis(Math.max(1, Math.round(this.burst / perSecond * 1000)))
                : Duration.ZERO;
    }

    @Override
    public boolean enabled() {
        return !window.isZero();
    }

    @Override
    public void acquire(String key, String message) {
        if (!enabled()) {
            return;
        }
        String counter = prefix + key;
        long count;
        Duration left;
        try {
            count = cache.increment(counter, window);
            if (count <= burst) {
                return;
            }
            left = cache.ttl(counter).orElse(window);
        } catch (RuntimeException e) {
            LOG.warn("shared rate limit unavailable, letting the request through: {}", e.getMessage());
            return;
        }
        throw ApiException.tooManyRequests(message, (left.toMillis() + 999) / 1000);
    }
}
