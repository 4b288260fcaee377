package io.deltastream.bus;

import java.util.Collection;

/**
 * Fan-out topics: at-most-once, every current subscriber gets each message, nothing is kept for absent ones
 * (in-process in embedded mode, Redis pub/sub in distributed mode).
 */
public interface Topics {
    void publish(String topic, String payload);

    /**
     * Publishes {@code body}: in-process subscribers receive it as it is, so an object body reaches them without being
     * encoded and decoded (see {@link TopicListener#onMessage(String, Payload)}); over Redis its text is published.
     */
    default void publish(String topic, Payload body) {
        publish(topic, body.text());
    }

    /** Subscribes {@code listener} to {@code topics} (may be empty, to add topics later). */
    TopicSubscription subscribe(Collection<String> topics, TopicListener listener);
}
