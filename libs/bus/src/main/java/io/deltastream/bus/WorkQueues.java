package io.deltastream.bus;

import java.util.List;
import java.util.Optional;

/**
 * At-least-once work queues with competing consumers, retries with exponential backoff, dead-lettering, reclaim of
 * the messages of dead consumers, and exactly-once effects per message id. In-process in embedded mode, Redis
 * Streams with consumer groups in distributed mode.
 */
public interface WorkQueues {
    /**
     * Appends {@code messages} to {@code queue}, in order. Returns once they are accepted by the bus. In-process, a
     * snapshot ({@link WorkMessage#snapshotOf()}) takes the place of a still-waiting snapshot of the same key instead
     * (counted in {@link QueueDepth#replaced()}), and a queue past {@code BUS_QUEUE_MAXLEN} waiting messages drops its
     * oldest (counted in {@link QueueDepth#dropped()}); Redis appends every message and trims with {@code MAXLEN ~}.
     */
    void send(String queue, List<WorkMessage> messages);

    default void send(String queue, WorkMessage message) {
        send(queue, List.of(message));
    }

    /** Starts consuming; the handler runs on the consumer's own threads. */
    WorkConsumer consume(ConsumerSpec spec, WorkHandler handler);

    /** What {@code queue} holds for {@code group}. */
    QueueDepth depth(String queue, String group);

    /** How many entries a dead-letter queue holds (0 when it does not exist). */
    long deadLetterCount(String deadLetterQueue);

    /** Up to {@code limit} entries of a dead-letter queue, oldest first. */
    List<DeadLetter> deadLetters(String deadLetterQueue, int limit);

    /**
     * Sends dead-lettered messages back to their queues as first attempts (same message ids) and removes them from
     * the dead-letter queue: the entry {@code entryId}, or all entries when empty.
     *
     * @return how many were replayed
     */
    int replay(String deadLetterQueue, Optional<String> entryId);

    /** Empties a dead-letter queue; returns how many entries it held. */
    long purge(String deadLetterQueue);
}
