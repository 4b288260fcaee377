package io.deltastream.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyedRateLimitTest {
    private long now = 0;
    private final KeyedRateLimit limit = new KeyedRateLimit(0.5, 2, () -> now);

    @Test
    void aBurstThenATokenPerRefillWithTheWaitInRetryAfterAndKeysApart() {
        limit.acquire("a", "slow down");
        limit.acquire("a", "slow down");
        assertThatThrownBy(() -> limit.acquire("a", "slow down")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.getMessage()).isEqualTo("slow down");
            assertThat(e.headers()).containsEntry("Retry-After", "2");
        });
        limit.acquire("b", "slow down");
        now += 2_000_000_000L;
        limit.acquire("a", "slow down");
    }

    @Test
    void aZeroRateLetsEverythingThrough() {
        KeyedRateLimit off = new KeyedRateLimit(0, 1, () -> now);
        assertThat(off.enabled()).isFalse();
        for (int i = 0; i < 100; i++) {
            off.acquire("a", "slow down");
        }
    }

    @Test
    void pruningForgetsIdleOrFullBucketsOnly() {
        limit.acquire("old", "x");
        now += 10_000_000_000L;
        limit.acquire("new", "x");
        limit.acquire("new", "x");
        limit.pruneIdle(Duration.ofSeconds(5));
        assertThat(limit.size()).isEqualTo(1);
        limit.pruneFull();
        assertThat(limit.size()).as("an emptied bucket is kept").isEqualTo(1);
        now += 4_000_000_000L;
        limit.pruneFull();
        assertThat(limit.size()).isZero();
    }
}
