package io.deltastream.socket.delivery;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.util.RawValue;
import io.deltastream.platform.json.Json;
import java.nio.charset.StandardCharsets;
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
 * @param eventPacket   the whole Socket.IO event packet, see {@link #packet}
 */
public record Outgoing(String event, RawValue payload, String latestKey, long version, long receivedNanos,
                       byte[] eventPacket) {
    public Outgoing {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(eventPacket, "eventPacket");
    }

    private Outgoing(String event, String json, String latestKey, long version, long receivedNanos) {
        this(event, raw(json), latestKey, version, receivedNanos, packet(event, json));
    }

    /** A message delivered in order and never replaced (replies, user events). */
    public static Outgoing ordered(String event, String json) {
        return new Outgoing(event, json, null, 0, System.nanoTime());
    }

    /** A message delivered in order and never replaced, received at {@code receivedNanos}. */
    public static Outgoing ordered(String event, String json, long receivedNanos) {
        return new Outgoing(event, json, null, 0, receivedNanos);
    }

    /** Latest-value data: see {@link #latestKey}. */
    public static Outgoing latest(String event, String json, String latestKey, long version, long receivedNanos) {
        return new Outgoing(event, json, Objects.requireNonNull(latestKey, "latestKey"), version, receivedNanos);
    }

    /** The payload's JSON text. */
    public String json() {
        return ((SerializedString) payload.rawValue()).getValue();
    }

    /**
     * The Engine.IO message carrying this as a Socket.IO event on the default namespace, {@code 42["event",json]}
     * in UTF-8: the same bytes for Engine.IO 3 and 4 over WebSocket, so they are made once and written to every
     * WebSocket client as they are.
     */
    private static byte[] packet(String event, String json) {
        return ("42[" + Json.string(event) + "," + json + "]").getBytes(StandardCharsets.UTF_8);
    }

    private static RawValue raw(String json) {
        return new RawValue(new SerializedString(json));
    }
}
