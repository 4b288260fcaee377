package io.deltastream.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.bus.memory.InMemoryBus;
import io.deltastream.testkit.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
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

    @Test
    void anObjectBodyIsHandedToTheConsumerItselfAndNeverEncoded() {
        AtomicInteger encodings = new AtomicInteger();
        Sample sent = new Sample(5);
        List<Object> received = new CopyOnWriteArrayList<>();
        List<Boolean> encoded = new CopyOnWriteArrayList<>();
        consume(1, 10, batch -> {
            for (Delivery d : batch) {
                received.add(d.body().as(Sample.class, Sample::decode));
                encoded.add(d.body().encoded());
                d.effects().publish(DONE, d.messageId());
            }
        });
        bus.work().send(Q, new WorkMessage("obj", Payload.of(sent, s -> {
            encodings.incrementAndGet();
            return Sample.encode(s);
        })));
        awaitEffects(1);
        assertThat(received).singleElement().isSameAs(sent);
        assertThat(encoded).containsExactly(false);
        assertThat(encodings).hasValue(0);
    }

    @Test
    void aCachedObjectIsEncodedOnceWhenFirstReadAndAPublishedOneReachesSubscribersAsItIs() {
        AtomicInteger encodings = new AtomicInteger();
        Payload cached = Payload.of(new Sample(3), s -> {
            encodings.incrementAndGet();
            return Sample.encode(s);
        });
        List<Object> received = new CopyOnWriteArrayList<>();
        track(bus.topics().subscribe(List.of("test:objects"), new TopicListener() {
            @Override
            public void onMessage(String topic, String payload) {
                received.add(payload);
            }

            @Override
            public void onMessage(String topic, Payload body) {
                received.add(body.as(Sample.class, Sample::decode));
            }
        }));
        bus.cache().apply(new Effects().set("test:lazy", cached, Duration.ofMinutes(1))
                .publish("test:objects", cached));
        Eventually.until("the published object", () -> !received.isEmpty());
        assertThat(received).containsExactly(new Sample(3));
        assertThat(encodings).hasValue(0);
        assertThat(bus.cache().get("test:lazy")).contains("{\"n\":3}");
        assertThat(bus.cache().get("test:lazy")).contains("{\"n\":3}");
        assertThat(encodings).hasValue(1);
    }

    @Test
    void aNewerSnapshotTakesTheWaitingOnesPlaceAndIsCounted() {
        bus.work().send(Q, List.of(snapshot("n-1", "NIFTY", 1), new WorkMessage("tick-1", "{\"n\":100}"),
                snapshot("b-1", "BANKNIFTY", 1), snapshot("n-2", "NIFTY", 2), snapshot("n-3", "NIFTY", 3),
                new WorkMessage("tick-2", "{\"n\":101}"), snapshot("b-2", "BANKNIFTY", 2)));
        QueueDepth depth = bus.work().depth(Q, GROUP);
        assertThat(depth.waiting()).isEqualTo(4);
        assertThat(depth.replaced()).isEqualTo(3);
        List<Delivery> seen = new CopyOnWriteArrayList<>();
        consume(1, 1, recording(seen));
        awaitEffects(4);
        awaitDrained();
        // the newest state of each chain, in the place of the first one still waiting; other messages untouched
        assertThat(seen).extracting(Delivery::messageId).containsExactly("n-3", "tick-1", "b-2", "tick-2");
        assertThat(seen).extracting(Delivery::payload)
                .containsExactly("{\"n\":3}", "{\"n\":100}", "{\"n\":2}", "{\"n\":101}");
        assertThat(effectsApplied).doesNotContainKeys("n-1", "n-2", "b-1");
    }

    @Test
    void aSnapshotAlreadyBeingHandledIsNotReplacedTheNewerOneFollowsIt() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Delivery> seen = new CopyOnWriteArrayList<>();
        WorkHandler record = recording(seen);
        consume(1, 1, batch -> {
            if (batch.getFirst().messageId().equals("n-1")) {
                handling.countDown();
                assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
            }
            record.handle(batch);
        });
        bus.work().send(Q, snapshot("n-1", "NIFTY", 1));
        assertThat(handling.await(60, TimeUnit.SECONDS)).isTrue();
        bus.work().send(Q, List.of(snapshot("n-2", "NIFTY", 2), snapshot("n-3", "NIFTY", 3)));
        release.countDown();
        awaitEffects(2);
        awaitDrained();
        assertThat(seen).extracting(Delivery::messageId).containsExactly("n-1", "n-3");
        assertThat(bus.work().depth(Q, GROUP).replaced()).isEqualTo(1);
    }

    @Test
    void nothingIsReplacedOrDroppedWhileTheQueueHoldsOneSnapshotPerKeyAndStaysUnderItsBound() {
        bus.work().send(Q, IntStream.range(0, 200).mapToObj(i -> snapshot("s-" + i, "P" + i, i)).toList());
        bus.work().send(Q, messages("plain", 300));
        QueueDepth depth = bus.work().depth(Q, GROUP);
        assertThat(depth.waiting()).isEqualTo(500);
        assertThat(depth.replaced()).isZero();
        assertThat(depth.dropped()).isZero();
        List<Delivery> seen = new CopyOnWriteArrayList<>();
        consume(2, 50, recording(seen));
        awaitEffects(500);
        awaitDrained();
        assertThat(seen).hasSize(500);
    }

    @Test
    void aFullQueueDropsItsOldestMessagesAndCountsThem() {
        Bus small = track(new InMemoryBus(new BusConfig(Optional.empty(), RetryPolicy.DEFAULT, Duration.ofSeconds(30),
                100, 100, Duration.ofMinutes(10))));
        small.work().send(Q, messages("m", 130));
        small.work().send(Q, List.of(snapshot("n-1", "NIFTY", 1), snapshot("n-2", "NIFTY", 2)));
        QueueDepth depth = small.work().depth(Q, GROUP);
        assertThat(depth.waiting()).isEqualTo(100);
        assertThat(depth.dropped()).isEqualTo(31);
        assertThat(depth.replaced()).isEqualTo(1);
        List<String> ids = new CopyOnWriteArrayList<>();
        track(small.work().consume(new ConsumerSpec(GROUP, List.of(Q), DLQ, 1, 10),
                batch -> batch.forEach(d -> ids.add(d.messageId()))));
        Eventually.until("the kept messages handled", () -> ids.size() == 100);
        assertThat(ids.getFirst()).isEqualTo("m-31");
        assertThat(ids.getLast()).isEqualTo("n-2");
    }

    private static WorkMessage snapshot(String id, String key, int n) {
        return new WorkMessage(id, "{\"n\":" + n + "}").asSnapshotOf(key);
    }
}
