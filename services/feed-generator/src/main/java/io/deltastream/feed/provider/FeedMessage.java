package io.deltastream.feed.provider;

import java.time.Instant;
import java.util.Objects;

/**
 * One message of the raw feed.
 *
 * @param queue   the work queue it goes to ({@code market:underlying}, {@code market:option_chain},
 *                {@code market:option_quote})
 * @param payload the wire JSON
 * @param time    the market time of the message (its {@code timestamp}); replay paces by it
 */
public record FeedMessage(String queue, String payload, Instant time) {
    public FeedMessage {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(time, "time");
    }
}
