package io.deltastream.bus;

import java.util.Objects;

/**
 * A message for a work queue.
 *
 * @param id      the idempotency key: unique per message across producer restarts (the feed uses
 *                {@code <run id>-<sequence>}); a message sent twice with one id has its effects applied once
 * @param payload the body, JSON text by convention
 */
public record WorkMessage(String id, String payload) {
    public WorkMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
        if (id.isEmpty() || id.length() > 200) {
            throw new IllegalArgumentException("message ids are 1 to 200 characters");
        }
    }
}
