package io.deltastream.bus;

import java.util.function.BiConsumer;

/**
 * Receives topic messages. Called on the subscription's own thread, one message at a time, in publish order per
 * topic; a listener that throws loses that message only.
 */
@FunctionalInterface
public interface TopicListener {
    void onMessage(String topic, String payload);

    /**
     * Receives a message with its body as published: a listener that can use the publisher's object overrides this
     * and reads it with {@link Payload#as} (it arrives as text from Redis). By default the text goes to
     * {@link #onMessage(String, String)}.
     */
    default void onMessage(String topic, Payload body) {
        onMessage(topic, body.text());
    }

    /**
     * A listener of bodies as published: {@code listener} gets every message as a {@link Payload} (the publisher's
     * object in-process, text from Redis).
     */
    static TopicListener ofBodies(BiConsumer<String, Payload> listener) {
        return new TopicListener() {
            @Override
            public void onMessage(String topic, String payload) {
                onMessage(topic, Payload.text(payload));
            }

            @Override
            public void onMessage(String topic, Payload body) {
                listener.accept(topic, body);
            }
        };
    }

    /** The connection to the bus was lost: messages published until {@link #onConnectionRestored} are missed. */
    default void onConnectionLost() {
    }

    /** The connection is back and the subscription's topics are subscribed again. */
    default void onConnectionRestored() {
    }
}
