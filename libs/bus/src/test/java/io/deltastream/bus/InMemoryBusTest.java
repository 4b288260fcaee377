package io.deltastream.bus;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.bus.memory.InMemoryBus;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryBusTest extends BusContract {
    @Override
    protected Bus open(BusConfig config) {
        return new InMemoryBus(config);
    }

    @Test
    void aQueueServesOneConsumerGroup() {
        consume(1, 1, batch -> { });
        assertThatThrownBy(() -> bus.work().consume(new ConsumerSpec("others", List.of(Q), DLQ, 1, 1), batch -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(GROUP);
    }
}
