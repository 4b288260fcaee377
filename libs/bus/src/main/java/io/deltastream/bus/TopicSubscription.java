package io.deltastream.bus;

import java.util.Set;

/** A live subscription to some topics; topics can be added and removed while it runs. */
public interface TopicSubscription extends AutoCloseable {
    void subscribe(String... topics);

    void unsubscribe(String... topics);

    /** The topics currently subscribed. */
    Set<String> topics();

    @Override
    void close();
}
