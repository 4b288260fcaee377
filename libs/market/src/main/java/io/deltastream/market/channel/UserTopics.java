package io.deltastream.market.channel;

/**
 * Fan-out of per-user trading events (orders, trades, positions) from the trade simulator to the socket
 * gateway, which delivers each to the user's room only. At-most-once like every topic: clients re-read
 * state over REST after a reconnect.
 */
public final class UserTopics {
    /** {@code UserEvent} JSON. */
    public static final String USER_EVENTS = "events:user";

    private UserTopics() {
    }
}
