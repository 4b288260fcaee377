package io.deltastream.bus;

import java.util.Collection;

/**
 * Fan-out topics: at-most-once, every current subscriber gets each message, nothing is kept for absent ones
 * (in-process in embedded mode, Redis pub/sub in distributed mode).
 */
public interface Topics {
    void publish(String topic, String payload);

    /** Subscribes {@code listener} to {@code topics} (may be empty, to add topics later). */
    TopicSubscription subscribe(Collection<String> topics, TopicListener listener);
}
