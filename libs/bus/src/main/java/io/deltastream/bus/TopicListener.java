package io.deltastream.bus;

/**
 * Receives topic messages. Called on the subscription's own thread, one message at a time, in publish order per
 * topic; a listener that throws loses that message only.
 */
@FunctionalInterface
public interface TopicListener {
    void onMessage(String topic, String payload);

    /** The connection to the bus was lost: messages published until {@link #onConnectionRestored} are missed. */
    default void onConnectionLost() {
    }

    /** The connection is back and the subscription's topics are subscribed again. */
    default void onConnectionRestored() {
    }
}
