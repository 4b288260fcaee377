package io.deltastream.bus;

import java.util.Objects;
import java.util.function.Function;

/**
 * The body of a work message: JSON text, or an immutable object with the encoder that turns it into that text. The
 * text is made at most once, and only when something needs it: the Redis adapter (the wire always carries the text,
 * so what Redis holds does not depend on how a message was sent), a dead letter, a consumer without the object's type.
 * The in-process adapter hands the object itself to the consumer, so a message between two services of one JVM is
 * neither encoded nor decoded.
 */
public final class Payload {
    /** Turns a payload's text into a value; the consumer's decoder for messages that arrive as text. */
    @FunctionalInterface
    public interface Decoder<T, E extends Exception> {
        T decode(String text) throws E;
    }

    private final Object value;
    private final Function<Object, String> encoder;
    private volatile String text;

    private Payload(Object value, Function<Object, String> encoder, String text) {
        this.value = value;
        this.encoder = encoder;
        this.text = text;
    }

    /** A body that is text only (a message from Redis, a recording, a dead letter). */
    public static Payload text(String json) {
        return new Payload(null, null, Objects.requireNonNull(json, "payload"));
    }

    /**
     * A body that is {@code value}, encoded by {@code encoder} when its text is first asked for. {@code value} must be
     * immutable: the consumer gets the same instance.
     */
    @SuppressWarnings("unchecked")
    public static <T> Payload of(T value, Function<? super T, String> encoder) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(encoder, "encoder");
        return new Payload(value, (Function<Object, String>) encoder, null);
    }

    /** The JSON text, encoded now if this is the first time it is asked for. */
    public String text() {
        String t = text;
        if (t == null) {
            // Two threads racing here both encode the same immutable value to the same text: harmless.
            t = Objects.requireNonNull(encoder.apply(value), "encoded payload");
            text = t;
        }
        return t;
    }

    /**
     * The value as a {@code type}: the object itself when it is one (nothing decoded), otherwise {@code decoder} applied
     * to the text.
     */
    public <T, E extends Exception> T as(Class<T> type, Decoder<T, E> decoder) throws E {
        return type.isInstance(value) ? type.cast(value) : decoder.decode(text());
    }

    /** Whether the text has been made (for tests: the in-process path must not encode). */
    public boolean encoded() {
        return text != null;
    }

    @Override
    public String toString() {
        return value != null && text == null ? "Payload[" + value.getClass().getSimpleName() + ", not encoded]"
                : "Payload[" + text().length() + " chars]";
    }
}
