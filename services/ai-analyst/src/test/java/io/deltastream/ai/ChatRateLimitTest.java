package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.platform.http.ApiException;
import org.junit.jupiter.api.Test;

class ChatRateLimitTest {
    private long now = 0;
    private final ChatRateLimit limit = new ChatRateLimit(6, 2, () -> now);

    @Test
    void aBurstThenOneQuestionPerRefillWithTheWaitInRetryAfter() {
        limit.acquire("u");
        limit.acquire("u");
        // 6 a minute: one token every 10 s
        assertThatThrownBy(() -> limit.acquire("u")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.headers()).containsEntry("Retry-After", "10");
        });
        now += 4_000_000_000L;
        assertThatThrownBy(() -> limit.acquire("u")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.headers()).containsEntry("Retry-After", "6"));
        now += 6_000_000_000L;
        limit.acquire("u");
        limit.acquire("someone else");
    }

    @Test
    void idleTimeRefillsNoMoreThanTheBurst() {
        now += 3_600_000_000_000L;
        limit.acquire("u");
        limit.acquire("u");
        assertThatThrownBy(() -> limit.acquire("u")).isInstanceOf(ApiException.class);
    }
}
