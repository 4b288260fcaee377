package io.deltastream.bus;

/**
 * How much work a queue holds for a consumer group.
 *
 * @param waiting  messages not yet delivered
 * @param inFlight delivered, not yet acknowledged
 * @param retrying failed, waiting for their backoff to pass (counted for the whole group, all queues)
 */
public record QueueDepth(long waiting, long inFlight, long retrying) {
    public long total() {
        return waiting + inFlight + retrying;
    }
}
