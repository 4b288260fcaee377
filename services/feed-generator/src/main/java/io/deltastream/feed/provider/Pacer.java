package io.deltastream.feed.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Sleeps until wall-clock instants (the providers' pacing); tests replace the clock and the sleep. */
public class Pacer {
    private final Clock clock;

    public Pacer(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Returns at or after {@code due} (at once when it has passed). */
    public void sleepUntil(Instant due) throws InterruptedException {
        long nanos = Duration.between(clock.instant(), due).toNanos();
        if (nanos > 0) {
            Thread.sleep(Duration.ofNanos(nanos));
        }
    }
}
