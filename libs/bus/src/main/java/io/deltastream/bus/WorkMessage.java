package io.deltastream.bus;

import io.deltastream.platform.logging.Tracing;
import java.util.Objects;

/**
 * A message for a work queue.
 *
 * @param id          the idempotency key: unique per message across producer restarts (the feed uses
 *                    {@code <run id>-<sequence>}); a message sent twice with one id has its effects applied once
 * @param body        the body: JSON text, or an object encoded to it only when needed (see {@link Payload})
 * @param traceparent the W3C trace context the consumer continues while handling it (see {@link Tracing}); null
 *                    when the message was sent outside any trace
 * @param snapshotOf  what this message is the complete current state of (e.g. one option chain,
 *                    {@code product:expiry}), or null for a message that must be delivered on its own (a tick, an
 *                    order). In the in-process queues a newer snapshot replaces an older one of the same key that is
 *                    still waiting (see {@link WorkQueues#send}); Redis delivers every message
 */
public record WorkMessage(String id, Payload body, String traceparent, String snapshotOf) {
    /** A message in the trace open on the sending thread, if any. */
    public WorkMessage(String id, String payload) {
        this(id, Payload.text(payload), Tracing.current().orElse(null), null);
    }

    public WorkMessage(String id, String payload, String traceparent) {
        this(id, Payload.text(payload), traceparent, null);
    }

    /** A message with {@code body}, in the trace open on the sending thread, if any. */
    public WorkMessage(String id, Payload body) {
        this(id, body, Tracing.current().orElse(null), null);
    }

    public WorkMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(body, "payload");
        if (id.isEmpty() || id.length() > 200) {
            throw new IllegalArgumentException("message ids are 1 to 200 characters");
        }
        if (snapshotOf != null && snapshotOf.isEmpty()) {
            throw new IllegalArgumentException("a snapshot key is not empty");
        }
    }

    /** The body's JSON text (encoded on first use when the body is an object). */
    public String payload() {
        return body.text();
    }

    /** This message as the latest snapshot of {@code key} (see {@link #snapshotOf()}). */
    public WorkMessage asSnapshotOf(String key) {
        return new WorkMessage(id, body, traceparent, Objects.requireNonNull(key, "key"));
    }
}
