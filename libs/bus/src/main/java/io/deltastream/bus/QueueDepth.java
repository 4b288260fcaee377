package io.deltastream.bus;

/**
 * How much work a queue holds for a consumer group, and what its bound cost it.
 *
 * @param waiting  messages not yet delivered
 * @param inFlight delivered, not yet acknowledged
 * @param retrying failed, waiting for their backoff to pass (counted for the whole group, all queues)
 * @param replaced snapshots replaced, while still waiting, by a newer snapshot of the same key since the queue was
 *                 created (see {@link WorkMessage#snapshotOf()}; the in-process queues only, 0 on Redis)
 * @param dropped  messages dropped undelivered because the queue was full ({@code BUS_QUEUE_MAXLEN}) since the queue
 *                 was created (counted by the in-process queues; Redis trims its streams without counting, 0 there)
 */
public record QueueDepth(long waiting, long inFlight, long retrying, long replaced, long dropped) {
    /** A depth with nothing replaced or dropped. */
    public QueueDepth(long waiting, long inFlight, long retrying) {
        this(waiting, inFlight, retrying, 0, 0);
    }

    /** Messages waiting, in flight or retrying. */
    public long total() {
        return waiting + inFlight + retrying;
    }
}
