package io.deltastream.bus;

import java.util.Objects;

/**
 * One message handed to a {@link WorkHandler}. The handler settles it by returning normally (acknowledged, its
 * {@link #effects()} applied exactly once), by {@link #fail} (retried after a backoff, dead-lettered after the last
 * attempt) or by {@link #reject} (dead-lettered at once: the message itself is bad and retrying cannot help).
 */
public final class Delivery {
    /** How a delivery was settled by its handler. */
    public enum Outcome {
        ACK,
        RETRY,
        REJECT
    }

    private final String queue;
    private final String messageId;
    private final Payload body;
    private final int attempt;
    private final Object receipt;
    private final String traceparent;
    private final Effects effects = new Effects();
    private Outcome outcome = Outcome.ACK;
    private String error;

    /**
     * For adapters.
     *
     * @param receipt     the adapter's handle on this delivery (a stream entry id, an in-flight record)
     * @param traceparent the message's {@link WorkMessage#traceparent()}, null when it has none
     */
    public Delivery(String queue, String messageId, String payload, int attempt, Object receipt,
                    String traceparent) {
        this(queue, messageId, Payload.text(payload), attempt, receipt, traceparent);
    }

    /** For adapters that hand over the sender's {@link Payload} as it is (the in-process queues). */
    public Delivery(String queue, String messageId, Payload body, int attempt, Object receipt, String traceparent) {
        this.traceparent = traceparent;
        this.queue = Objects.requireNonNull(queue);
        this.messageId = Objects.requireNonNull(messageId);
        this.body = Objects.requireNonNull(body);
        this.attempt = attempt;
        this.receipt = receipt;
    }

    public String queue() {
        return queue;
    }

    /** The sender's idempotency key (see {@link WorkMessage#id()}). */
    public String messageId() {
        return messageId;
    }

    /** The body's JSON text (encoded on first use when it arrived as an object). */
    public String payload() {
        return body.text();
    }

    /** The body: read it with {@link Payload#as}, which skips decoding when the sender's object came along. */
    public Payload body() {
        return body;
    }

    /** The sender's trace context (see {@link WorkMessage#traceparent()}); null when it sent none. */
    public String traceparent() {
        return traceparent;
    }

    /** 1 for the first delivery, 2 for the first retry, ... (a reclaim after a consumer died keeps the number). */
    public int attempt() {
        return attempt;
    }

    /** Writes applied, once, when this delivery is acknowledged. */
    public Effects effects() {
        return effects;
    }

    /** Retry later (exponential backoff), dead-letter with {@code cause} after the last attempt. */
    public void fail(Throwable cause) {
        fail(describe(cause));
    }

    /** As {@link #fail(Throwable)} with a reason text. */
    public void fail(String reason) {
        outcome = Outcome.RETRY;
        error = reason;
    }

    /** Dead-letter now with {@code reason} (malformed or unknown message). */
    public void reject(String reason) {
        outcome = Outcome.REJECT;
        error = reason;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The failure or rejection reason, null when acknowledged. */
    public String error() {
        return error;
    }

    /** For adapters: their handle on this delivery. */
    public Object receipt() {
        return receipt;
    }

    /** A one-line description of an exception for dead letters: type and message. */
    public static String describe(Throwable t) {
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg);
    }
}
