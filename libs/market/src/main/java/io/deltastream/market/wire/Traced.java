package io.deltastream.market.wire;

/**
 * A message read from a topic with the W3C trace context its publisher attached.
 *
 * @param message     the decoded message
 * @param traceparent the publisher's trace context, null when it sent none (the consumer then starts no span)
 */
public record Traced<T>(T message, String traceparent) {
}
