package io.deltastream.bus.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.platform.http.ApiException;
import io.deltastream.testkit.EmbeddedRedis;
import io.deltastream.testkit.Eventually;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Two replicas (two connections to one Redis) draw on one allowance per key. */
class SharedRateLimitTest {
    @Test
    void replicasShareOneAllowanceAndTheNextWindowStartsOver() {
        try (EmbeddedRedis redis = EmbeddedRedis.start();
             Bus one = Buses.open(BusConfig.DEFAULTS.withRedis(URI.create(redis.url())));
             Bus two = Buses.open(BusConfig.DEFAULTS.withRedis(URI.create(redis.url())))) {
            // 1 per second, burst 4: a window of 4 s admits 4 per key, whichever replica counts them (a window long
            // enough for the calls below to land in it on a loaded machine)
            SharedRateLimit a = new SharedRateLimit(one.cache(), "test", 1, 4);
            SharedRateLimit b = new SharedRateLimit(two.cache(), "test", 1, 4);
            a.acquire("alice", "slow down");
            b.acquire("alice", "slow down");
            a.acquire("alice", "slow down");
            b.acquire("alice", "slow down");
            assertThatThrownBy(() -> a.acquire("alice", "slow down")).isInstanceOfSatisfying(ApiException.class,
                    e -> {
                        assertThat(e.status()).isEqualTo(429);
                        assertThat(e.getMessage()).isEqualTo("slow down");
                        assertThat(e.headers().get("Retry-After")).isIn("1", "2", "3", "4");
                    });
            assertThatThrownBy(() -> b.acquire("alice", "slow down")).isInstanceOf(ApiException.class);
            b.acquire("bob", "slow down");
            Eventually.until("alice's window ends", () -> {
                try {
                    a.acquire("alice", "slow down");
                    return true;
                } catch (ApiException e) {
                    return false;
                }
            });
            assertThat(new SharedRateLimit(one.cache(), "off", 0, 4).enabled()).isFalse();
        }
    }

    @Test
    void anUnreachableCacheLetsRequestsThrough() {
        EmbeddedRedis redis = EmbeddedRedis.start();
        try (Bus bus = Buses.open(BusConfig.DEFAULTS.withRedis(URI.create(redis.url())))) {
            SharedRateLimit limit = new SharedRateLimit(bus.cache(), "down", 1, 1);
            limit.acquire("alice", "slow down");
            assertThatThrownBy(() -> limit.acquire("alice", "slow down")).isInstanceOf(ApiException.class);
            redis.stop();
            for (int i = 0; i < 3; i++) {
                limit.acquire("alice", "slow down");
            }
        } finally {
            redis.close();
        }
    }
}
