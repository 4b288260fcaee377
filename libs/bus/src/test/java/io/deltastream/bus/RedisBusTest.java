package io.deltastream.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.bus.redis.RedisBus;
import io.deltastream.testkit.EmbeddedRedis;
import io.deltastream.testkit.Eventually;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisBusTest extends BusContract {
    private static EmbeddedRedis redis;
    private static RedisClient admin;
    private static StatefulRedisConnection<String, String> adminConnection;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
        admin = RedisClient.create(redis.url());
        adminConnection = admin.connect();
    }

    @AfterAll
    static void stopRedis() {
        adminConnection.close();
        admin.shutdown();
        redis.close();
    }

    @BeforeEach
    void flush() {
        adminConnection.sync().flushall();
    }

    @Override
    protected Bus open(BusConfig config) {
        return RedisBus.connect(config.withRedis(URI.create(redis.url())));
    }

    @Test
    void entriesWithoutAValidEnvelopeAreDeadLettered() {
        List<Delivery> seen = new CopyOnWriteArrayList<>();
        consume(1, 10, recording(seen));
        adminConnection.sync().xadd(Q, "payload", "{}");
        bus.work().send(Q, new WorkMessage("good", "{}"));
        awaitEffects(1);
        List<DeadLetter> dead = Eventually.value("dead letter", () -> {
            List<DeadLetter> l = bus.work().deadLetters(DLQ, 10);
            return l.isEmpty() ? null : l;
        });
        assertThat(dead.getFirst().error()).contains("malformed queue entry");
        assertThat(seen).extracting(Delivery::messageId).containsExactly("good");
    }

    @Test
    void streamsAreTrimmedSoMemoryStaysBounded() {
        for (int i = 0; i < 10; i++) {
            bus.work().send(Q, messages("m" + i, 500));
        }
        // MAXLEN ~ 1000 trims whole radix-tree nodes (100 entries each by default), so the length stays near it.
        assertThat(adminConnection.sync().xlen(Q)).isBetween(1000L, 1200L);
    }

    @Test
    void anObjectBodyIsWrittenToTheStreamAsItsJsonTextAndSnapshotsAreAllKept() {
        bus.work().send(Q, List.of(new WorkMessage("o-1", Payload.of(new Sample(9), Sample::encode)).asSnapshotOf("k"),
                new WorkMessage("o-2", Payload.of(new Sample(10), Sample::encode)).asSnapshotOf("k")));
        var entries = adminConnection.sync().xrange(Q, io.lettuce.core.Range.create("-", "+"));
        assertThat(entries).extracting(e -> e.getBody().get("id") + "=" + e.getBody().get("payload"))
                .containsExactly("o-1={\"n\":9}", "o-2={\"n\":10}");
        assertThat(bus.work().depth(Q, GROUP).replaced()).isZero();
    }

    @Test
    void acknowledgedEntriesAreRemovedAndRetriesUseASortedSet() {
        consume(1, 10, recording(new CopyOnWriteArrayList<>()));
        bus.work().send(Q, messages("x", 20));
        awaitEffects(20);
        awaitDrained();
        assertThat(adminConnection.sync().xlen(Q)).isZero();
        assertThat(adminConnection.sync().exists("processed:" + Q + ":x-3")).isEqualTo(1);
        assertThat(adminConnection.sync().pttl("processed:" + Q + ":x-3")).isPositive();
    }

    @Test
    void consumersAndSubscribersSurviveARedisRestart() {
        List<String> events = new CopyOnWriteArrayList<>();
        track(bus.topics().subscribe(List.of("test:live"), new TopicListener() {
            @Override
            public void onMessage(String topic, String payload) {
                events.add("msg:" + payload);
            }

            @Override
            public void onConnectionLost() {
                events.add("lost");
            }

            @Override
            public void onConnectionRestored() {
                events.add("restored");
            }
        }));
        consume(1, 10, recording(new CopyOnWriteArrayList<>()));
        bus.work().send(Q, new WorkMessage("before", "{}"));
        awaitEffects(1);

        redis.restart();
        Eventually.until("lost and restored", () -> events.contains("lost") && events.contains("restored"));
        Eventually.until("publish after restart", () -> {
            try {
                bus.topics().publish("test:live", "again");
                bus.work().send(Q, new WorkMessage("after-" + System.nanoTime(), "{}"));
            } catch (RuntimeException e) {
                return false; // reconnecting
            }
            return events.contains("msg:again") && effectsApplied.keySet().stream().anyMatch(k -> k.startsWith("after-"));
        });
        assertThat(events.indexOf("lost")).isLessThan(events.indexOf("restored"));
    }
}
