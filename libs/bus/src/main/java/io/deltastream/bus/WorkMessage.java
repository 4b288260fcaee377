package io.deltastream.bus;

import io.deltastream.platform.logging.Tracing;
import java.util.Objects;

/**
 * A message for a work queue.
 *
 * @param id      the idempotency key: unique per message across producer restarts (the feed uses
 *                {@code <run id>-<sequence>}); a message sent twice with one id has its effects applied once
 * @param payload     the body, JSON text by convention
 * @param traceparent the W3C trace context the consumer continues while handling it (see {@link Tracing}); null
 *                    when the message was sent outside any trace
 */
public record WorkMessage(String id, String payload, String traceparent) {
    /** A message in the trace open on the sending thread, if any. */
    public WorkMessage(String id, String payload) {
        this(id, payload, Tracing.current().orElse(null));
    }

    public WorkMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
        if (id.isEmpty() || id.length() > 200) {
            throw new IllegalArgumentException("message ids are 1 to 200 characters");
        }
    }
}
