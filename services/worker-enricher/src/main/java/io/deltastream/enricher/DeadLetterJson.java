package io.deltastream.enricher;

import io.deltastream.bus.DeadLetter;
import io.deltastream.market.wire.WireTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a dead letter: the entries of the worker's {@code GET /dlq} and the lines of
 * {@code ./deltastream dlq list --json}, so both read the same.
 */
public final class DeadLetterJson {
    private DeadLetterJson() {
    }

    /**
     * {@code entry_id, message_id, queue, error, attempts, failed_at (ISO-8601 UTC, microseconds), payload}, and
     * {@code traceparent} when the message was sent in a trace.
     */
    public static Map<String, Object> of(DeadLetter d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry_id", d.entryId());
        m.put("message_id", d.messageId());
        m.put("queue", d.queue());
        m.put("error", d.error());
        m.put("attempts", d.attempts());
        m.put("failed_at", WireTime.format(d.failedAt()));
        m.put("payload", d.payload());
        if (d.traceparent() != null) {
            m.put("traceparent", d.traceparent());
        }
        return m;
    }
}
