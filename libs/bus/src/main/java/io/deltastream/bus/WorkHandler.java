package io.deltastream.bus;

import java.util.List;

/** Processes batches of deliveries from work queues. */
@FunctionalInterface
public interface WorkHandler {
    /**
     * Processes {@code batch} (1 .. the consumer's batch size, possibly from several queues). Durable writes must be
     * done before returning: a delivery is acknowledged when this returns. Settle bad messages individually with
     * {@link Delivery#fail} or {@link Delivery#reject}; throwing fails every delivery of the batch not already
     * rejected (they are retried). Writes must be idempotent by {@link Delivery#messageId()}, since a delivery whose
     * consumer died is delivered again.
     */
    void handle(List<Delivery> batch) throws Exception;
}
