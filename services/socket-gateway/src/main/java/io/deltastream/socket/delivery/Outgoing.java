package io.deltastream.socket.delivery;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.Objects;

/**
 * One server event on its way to clients. The JSON is encoded once per event and written raw into each client's
 * frame (its UTF-8 bytes are computed once too), so fan-out costs a copy per client, not an encoding.
 *
 * @param event         Socket.IO event name
 * @param payload       the JSON argument, wrapped for raw writing
 * @param latestKey     non-null for "latest value wins" data (a product's price, a chain of one expiry): a newer
 *                      message with the same key replaces one still waiting for a slow client, and one not newer
 *                      than the last accepted is dropped; null for messages that must all arrive in order
 * @param version       ordering of messages with the same {@code latestKey} (epoch microseconds of their data)
 * @param receivedNanos {@link System#nanoTime()} when the gateway received the data, for the delivery latency
 */
public record Outgoing(String event, RawValue payload, String latestKey, long version, long receivedNanos) {
    public Outgoing {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(payload, "payload");
    }

    /** A message delivered in order and never replaced (replies, user events). */
    public static Outgoing ordered(String event, String json) {
        return new Outgoing(event, raw(json), null, 0, System.nanoTime());
    }

    /** A message delivered in order and never replaced, received at {@code receivedNanos}. */
    public static Outgoing ordered(String event, String json, long receivedNanos) {
        return new Outgoing(event, raw(json), null, 0, receivedNanos);
    }

    /** Latest-value data: see {@link #latestKey}. */
    public static Outgoing latest(String event, String json, String latestKey, long version, long receivedNanos) {
        return new Outgoing(event, raw(json), Objects.requireNonNull(latestKey, "latestKey"), version, receivedNanos);
    }

    /** The payload's JSON text. */
    public String json() {
        return ((SerializedString) payload.rawValue()).getValue();
    }

    private static RawValue raw(String json) {
        return new RawValue(new SerializedString(json));
    }
}
