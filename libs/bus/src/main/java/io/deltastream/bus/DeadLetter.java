package io.deltastream.bus;

import java.time.Instant;

/**
 * A message that could not be processed, as kept in a dead-letter queue.
 *
 * @param entryId   its id in the dead-letter queue (for replaying one entry)
 * @param messageId the original message id
 * @param queue     the queue it came from (and is replayed to)
 * @param error     the last failure or the rejection reason
 * @param attempts  deliveries made before giving up
 * @param payload   the original message body
 * @param failedAt  when it was dead-lettered
 * @param traceparent the original message's W3C trace context, carried again when it is replayed; null when it had
 *                    none
 */
public record DeadLetter(String entryId, String messageId, String queue, String error, int attempts, String payload,
                         Instant failedAt, String traceparent) {
}
