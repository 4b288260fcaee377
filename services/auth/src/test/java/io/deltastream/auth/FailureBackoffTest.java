package io.deltastream.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailureBackoffTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final FailureBackoff backoff = new FailureBackoff(3, Duration.ofSeconds(1), Duration.ofSeconds(60), clock);

    /** The plain rule, as documented: nothing for the free failures, then 1, 2, 4 ... seconds up to the cap. */
    private static long expectedSeconds(int failures) {
        if (failures <= 3) {
            return 0;
        }
        return (long) Math.min(60, Math.pow(2, failures - 4));
    }

    @Test
    void delaysDoubleAfterTheFreeFailuresUpToTheCap() {
        for (int n = 1; n <= 12; n++) {
            backoff.failed("1.2.3.4 a@example.com");
            assertThat(backoff.retryAfterSeconds("1.2.3.4 a@example.com")).as("after failure " + n)
                    .isEqualTo(expectedSeconds(n));
            assertThat(backoff.delayMillis(n)).isEqualTo(expectedSeconds(n) * 1000);
            clock.advance(Duration.ofMillis(backoff.delayMillis(n)));
            assertThat(backoff.retryAfterSeconds("1.2.3.4 a@example.com")).isZero();
        }
        assertThat(backoff.delayMillis(1000)).isEqualTo(60_000);
    }

    @Test
    void keysAreIndependentAndASuccessOrLongQuietClearsThem() {
        for (int n = 0; n < 6; n++) {
            backoff.failed("attacker a@example.com");
        }
        assertThat(backoff.retryAfterSeconds("attacker a@example.com")).isEqualTo(4);
        assertThat(backoff.retryAfterSeconds("owner a@example.com")).isZero();

        backoff.reset("attacker a@example.com");
        assertThat(backoff.retryAfterSeconds("attacker a@example.com")).isZero();

        for (int n = 0; n < 5; n++) {
            backoff.failed("k");
        }
        clock.advance(Duration.ofSeconds(239));
        backoff.prune();
        assertThat(backoff.size()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        backoff.prune();
        assertThat(backoff.size()).isZero();
        // forgotten: the next failure is a first one again
        backoff.failed("k");
        assertThat(backoff.retryAfterSeconds("k")).isZero();
    }
}
