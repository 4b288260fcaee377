package io.deltastream.bus.redis;

import io.deltastream.bus.DeadLetter;
import io.deltastream.bus.Delivery;
import io.deltastream.platform.logging.Tracing;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The stream entries the Redis adapter reads back, decoded without trusting them: anyone with access to Redis can
 * write an entry of any shape, and a consumer must neither crash on one nor retry it forever.
 */
final class StreamEntries {
    static final String ID = "id";
    static final String PAYLOAD = "payload";
    static final String ATTEMPT = "attempt";
    /** Optional: the W3C trace context of the sender, restored while the entry is handled. */
    static final String TRACEPARENT = Tracing.TRACEPARENT;

    private StreamEntries() {
    }

    /**
     * A work entry as a delivery, with its sender's trace context when it has one. One without a valid envelope (fields {@code id}, {@code payload}, {@code attempt}
     * &ge; 1) comes back already rejected, carrying what it had, so that it is dead-lettered at once.
     *
     * @param body the entry's fields (null when Redis returned none)
     */
    static Delivery delivery(String stream, String entryId, Map<String, String> body) {
        Map<String, String> fields = body == null ? Map.of() : body;
        String id = fields.get(ID);
        String payload = fields.get(PAYLOAD);
        int attempt = integer(fields.get(ATTEMPT), 0);
        if (id == null || payload == null || attempt < 1) {
            Delivery d = new Delivery(stream, id == null ? entryId : id, payload == null ? String.valueOf(fields)
                    : payload, Math.max(attempt, 1), entryId, fields.get(TRACEPARENT));
            d.reject("malformed queue entry " + entryId + ": needs fields id, payload and attempt >= 1");
            return d;
        }
        return new Delivery(stream, id, payload, attempt, entryId, fields.get(TRACEPARENT));
    }

    /** A dead-letter entry; missing or unreadable fields read as null, 0 attempts and the epoch. */
    static DeadLetter deadLetter(String entryId, Map<String, String> body) {
        Map<String, String> b = body == null ? Map.of() : body;
        return new DeadLetter(entryId, b.get("message_id"), b.get("queue"), b.get("error"),
                integer(b.get("attempts"), 0), b.get("payload"), time(b.get("failed_at")), b.get(TRACEPARENT));
    }

    private static int integer(String s, int otherwise) {
        try {
            return s == null ? otherwise : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static Instant time(String s) {
        try {
            return s == null ? Instant.EPOCH : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
