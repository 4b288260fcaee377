package io.deltastream.bus;

import java.util.List;
import java.util.Objects;

/**
 * How to consume: which queues, in which group, with how many handler threads and what batch size.
 *
 * @param group           the consumer group: consumers of one group share the messages, each processed by one
 * @param queues          queues to read, polled in this order
 * @param deadLetterQueue where failed and rejected messages go
 * @param concurrency     handler threads of this consumer, 1..64
 * @param batchSize       most deliveries per {@link WorkHandler#handle} call, 1..1000
 */
public record ConsumerSpec(String group, List<String> queues, String deadLetterQueue, int concurrency, int batchSize) {
    public ConsumerSpec {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        queues = List.copyOf(queues);
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("at least one queue");
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("concurrency must be 1..64, got " + concurrency);
        }
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("batchSize must be 1..1000, got " + batchSize);
        }
    }
}
