package io.deltastream.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.deltastream.platform.logging.Tracing;
import io.deltastream.testkit.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The behaviour every {@link Bus} adapter must have; one subclass per adapter. */
public abstract class BusContract {
    /** Short timeouts so that retries and reclaims happen within a test. */
    protected static final BusConfig FAST = new BusConfig(Optional.empty(), new RetryPolicy(Duration.ofMillis(150), 2),
            Duration.ofMillis(800), 1_000, 100, Duration.ofMinutes(10));
    protected static final String Q = "test:work";
    protected static final String Q2 = "test:other";
    protected static final String DLQ = "dlq:test";
    protected static final String GROUP = "testers";
    protected static final String DONE = "test:done";

    protected Bus bus;
    private final List<AutoCloseable> open = new ArrayList<>();
    /** Publishes seen on {@link #DONE}, by message id. */
    protected final Map<String, AtomicInteger> effectsApplied = new ConcurrentHashMap<>();

    protected abstract Bus open(BusConfig config);

    @BeforeEach
    void openBus() {
        bus = open(FAST);
        open.add(bus.topics().subscribe(List.of(DONE),
                (t, id) -> effectsApplied.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet()));
    }

    @AfterEach
    void closeBus() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
        bus.close();
    }

    protected <T extends AutoCloseable> T track(T c) {
        open.add(c);
        return c;
    }

    protected WorkConsumer consume(int concurrency, int batch, WorkHandler handler) {
        return track(bus.work().consume(new ConsumerSpec(GROUP, List.of(Q, Q2), DLQ, concurrency, batch), handler));
    }

    /** A handler that records deliveries and publishes each message id on {@link #DONE} when acknowledged. */
    protected static WorkHandler recording(List<Delivery> seen) {
        return batch -> {
            for (Delivery d : batch) {
                seen.add(d);
                d.effects().publish(DONE, d.messageId());
            }
        };
    }

    protected static List<WorkMessage> messages(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> new WorkMessage(prefix + "-" + i, "{\"n\":" + i + "}")).toList();
    }

    protected void awaitDrained() {
        Eventually.until("queues drained", () -> bus.work().depth(Q, GROUP).total() == 0
                && bus.work().depth(Q2, GROUP).total() == 0);
    }

    protected void awaitEffects(int distinct) {
        Eventually.until(distinct + " messages' effects", () -> effectsApplied.size() >= distinct);
    }

    // ---- cache ----

    @Test
    void cacheValuesExpireAfterTheirTtl() {
        Cache c = bus.cache();
        // TTLs here are long enough for the calls before the expiry to finish first on a loaded machine
        c.set("test:k", "v1", Duration.ofSeconds(2));
        assertThat(c.get("test:k")).contains("v1");
        assertThat(c.ttl("test:k")).hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2)));
        Eventually.until("expiry", () -> c.get("test:k").isEmpty());
        assertThat(c.ttl("test:k")).isEmpty();
        assertThat(c.getAll(List.of("test:k", "test:none"))).isEmpty();
    }

    @Test
    void setIfAbsentIsAtomicAndDeleteReportsExistence() throws Exception {
        Cache c = bus.cache();
        AtomicInteger winners = new AtomicInteger();
        List<Thread> racers = IntStream.range(0, 8).mapToObj(i -> Thread.ofPlatform().start(() -> {
            if (c.setIfAbsent("test:once", "r" + i, Duration.ofMinutes(1))) {
                winners.incrementAndGet();
            }
        })).toList();
        for (Thread t : racers) {
            t.join();
        }
        assertThat(winners).hasValue(1);
        assertThat(c.delete("test:once")).isTrue();
        assertThat(c.delete("test:once")).isFalse();
        c.set("test:a", "1", Duration.ofMinutes(1));
        c.set("test:b", "2", Duration.ofMinutes(1));
        assertThat(c.getAll(List.of("test:a", "test:missing", "test:b"))).containsExactly(Map.entry("test:a", "1"),
                Map.entry("test:b", "2"));
    }

    @Test
    void onlyTheHolderOfALeaseRenewsOrReleasesIt() {
        Cache c = bus.cache();
        assertThat(c.setIfAbsent("test:lease", "owner-a", Duration.ofSeconds(5))).isTrue();
        assertThat(c.setIfAbsent("test:lease", "owner-b", Duration.ofMinutes(1))).isFalse();
        assertThat(c.expireIfEquals("test:lease", "owner-b", Duration.ofMinutes(1))).isFalse();
        assertThat(c.deleteIfEquals("test:lease", "owner-b")).isFalse();
        assertThat(c.expireIfEquals("test:lease", "owner-a", Duration.ofMinutes(1))).isTrue();
        assertThat(c.ttl("test:lease")).hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofSeconds(30)));
        assertThat(c.deleteIfEquals("test:lease", "owner-a")).isTrue();
        assertThat(c.get("test:lease")).isEmpty();
        assertThat(c.expireIfEquals("test:lease", "owner-a", Duration.ofMinutes(1))).isFalse();
        assertThat(c.get("test:lease")).isEmpty();
        // an expired lease is gone for its old holder too: a renewal cannot revive it
        assertThat(c.setIfAbsent("test:lease2", "owner-a", Duration.ofMillis(100))).isTrue();
        Eventually.until("lease expiry", () -> c.get("test:lease2").isEmpty());
        assertThat(c.expireIfEquals("test:lease2", "owner-a", Duration.ofMinutes(1))).isFalse();
        assertThat(c.deleteIfEquals("test:lease2", "owner-a")).isFalse();
    }

    @Test
    void incrementCountsAtomicallyWithinItsWindowThenStartsOver() throws Exception {
        Cache c = bus.cache();
        List<Thread> racers = IntStream.range(0, 8).mapToObj(i -> Thread.ofPlatform().start(() -> {
            for (int n = 0; n < 25; n++) {
                c.increment("test:count", Duration.ofMinutes(1));
            }
        })).toList();
        for (Thread t : racers) {
            t.join();
        }
        assertThat(c.increment("test:count", Duration.ofMinutes(1))).isEqualTo(201);
        assertThat(c.get("test:count")).contains("201");
        assertThat(c.increment("test:window", Duration.ofSeconds(2))).isEqualTo(1);
        assertThat(c.increment("test:window", Duration.ofMinutes(5))).as("a later increment keeps the expiry")
                .isEqualTo(2);
        assertThat(c.ttl("test:window")).hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(
                Duration.ofSeconds(2)));
        Eventually.until("the window ends", () -> c.get("test:window").isEmpty());
        assertThat(c.increment("test:window", Duration.ofMinutes(1))).isEqualTo(1);
    }

    @Test
    void hashesAndIndexes() {
        Cache c = bus.cache();
        c.apply(new Effects().hashPut("test:h", "2026-11-26", "{\"a\":1}", Duration.ofMinutes(1))
                .hashPut("test:h", "2026-12-03", "{\"a\":2}", Duration.ofMinutes(1))
                .hashPut("test:h", "2026-11-26", "{\"a\":3}", Duration.ofMinutes(1)));
        assertThat(c.hashGetAll("test:h")).containsOnly(Map.entry("2026-11-26", "{\"a\":3}"),
                Map.entry("2026-12-03", "{\"a\":2}"));
        assertThat(c.ttl("test:h")).isPresent();
        assertThat(c.hashGetAll("test:nohash")).isEmpty();

        c.apply(new Effects().indexPut("test:idx", "SPY", 1000).indexPut("test:idx", "AAPL", 3000)
                .indexPut("test:idx", "NIFTY", 2000.5));
        assertThat(c.indexMembers("test:idx", 0)).containsExactly("AAPL", "NIFTY", "SPY");
        assertThat(c.indexMembers("test:idx", 2000.5)).containsExactly("AAPL", "NIFTY");
        c.apply(new Effects().indexRemoveBelow("test:idx", 2000.5));
        assertThat(c.indexMembers("test:idx", 0)).containsExactly("AAPL", "NIFTY");
        assertThat(c.indexMembers("test:noidx", 0)).isEmpty();
    }

    @Test
    void appliedEffectsAreVisibleTogetherWithTheirPublish() {
        List<Boolean> keysPresentOnPublish = new CopyOnWriteArrayList<>();
        track(bus.topics().subscribe(List.of("test:t"), (t, p) -> keysPresentOnPublish.add(
                bus.cache().get("test:x").isPresent() && bus.cache().get("test:y").isPresent())));
        bus.cache().apply(new Effects().set("test:x", "1", Duration.ofMinutes(1)).publish("test:t", "hello")
                .set("test:y", "2", Duration.ofMinutes(1)));
        Eventually.until("publish", () -> !keysPresentOnPublish.isEmpty());
        assertThat(keysPresentOnPublish).containsExactly(true);
    }

    // ---- topics ----

    @Test
    void topicsFanOutToTheirSubscribersOnly() {
        List<String> a = new CopyOnWriteArrayList<>();
        List<String> b = new CopyOnWriteArrayList<>();
        TopicSubscription subA = track(bus.topics().subscribe(List.of("test:t1", "test:t2"), (t, p) -> a.add(t + "=" + p)));
        track(bus.topics().subscribe(List.of("test:t2"), (t, p) -> b.add(t + "=" + p)));
        bus.topics().publish("test:t1", "1");
        bus.topics().publish("test:t2", "2");
        bus.topics().publish("test:t3", "3");
        Eventually.until("deliveries", () -> a.size() == 2 && b.size() == 1);
        assertThat(a).containsExactly("test:t1=1", "test:t2=2");
        assertThat(b).containsExactly("test:t2=2");

        subA.unsubscribe("test:t1");
        subA.subscribe("test:t3");
        assertThat(subA.topics()).containsExactlyInAnyOrder("test:t2", "test:t3");
        bus.topics().publish("test:t1", "4");
        bus.topics().publish("test:t3", "5");
        Eventually.until("t3 delivery", () -> a.size() == 3);
        subA.close();
        bus.topics().publish("test:t2", "6");
        Eventually.until("b gets 6", () -> b.size() == 2);
        assertThat(a).containsExactly("test:t1=1", "test:t2=2", "test:t3=5");
    }

    // ---- work queues ----

    @Test
    void everyMessageIsHandledAndItsEffectsAppliedOnce() {
        List<Delivery> seen = new CopyOnWriteArrayList<>();
        consume(2, 10, recording(seen));
        bus.work().send(Q, messages("a", 150));
        bus.work().send(Q2, messages("b", 50));
        awaitEffects(200);
        awaitDrained();
        assertThat(effectsApplied.values()).allMatch(n -> n.get() == 1);
        assertThat(seen).extracting(Delivery::attempt).containsOnly(1);
        assertThat(seen.stream().filter(d -> d.messageId().equals("a-7")).findFirst().orElseThrow().payload())
                .isEqualTo("{\"n\":7}");
        assertThat(seen.stream().filter(d -> d.messageId().startsWith("b-")).map(Delivery::queue)).containsOnly(Q2);
    }

    /** A value sent as an object body; its JSON is {@code {"n":<n>}}. */
    protected record Sample(int n) {
        static String encode(Sample s) {
            return "{\"n\":" + s.n + "}";
        }

        static Sample decode(String json) {
            return new Sample(Integer.parseInt(json.replaceAll("\\D", "")));
        }
    }

    @Test
    void anObjectBodyReachesTheHandlerAsItsValueAndAsTheTextItsEncoderMakes() {
        List<Sample> values = new CopyOnWriteArrayList<>();
        List<String> texts = new CopyOnWriteArrayList<>();
        consume(1, 10, batch -> {
            for (Delivery d : batch) {
                values.add(d.body().as(Sample.class, Sample::decode));
                texts.add(d.payload());
                d.effects().publish(DONE, d.messageId());
            }
        });
        bus.work().send(Q, List.of(new WorkMessage("o-1", Payload.of(new Sample(41), Sample::encode)),
                new WorkMessage("o-2", "{\"n\":42}")));
        awaitEffects(2);
        assertThat(values).containsExactly(new Sample(41), new Sample(42));
        assertThat(texts).containsExactly("{\"n\":41}", "{\"n\":42}");
    }

    @Test
    void objectBodiesOfEffectsAreCachedAndPublishedAsTheirText() {
        List<String> received = new CopyOnWriteArrayList<>();
        track(bus.topics().subscribe(List.of("test:objects"), (t, payload) -> received.add(payload)));
        bus.cache().apply(new Effects().set("test:object", Payload.of(new Sample(7), Sample::encode), Duration.ofMinutes(1))
                .publish("test:objects", Payload.of(new Sample(8), Sample::encode)));
        assertThat(bus.cache().get("test:object")).contains("{\"n\":7}");
        assertThat(bus.cache().getAll(List.of("test:object", "test:absent"))).containsExactly(
                Map.entry("test:object", "{\"n\":7}"));
        Eventually.until("the published object", () -> received.contains("{\"n\":8}"));
    }

    @Test
    void aSnapshotSentAfterTheLastOneOfItsKeyWasHandledIsDelivered() {
        List<Delivery> seen = new CopyOnWriteArrayList<>();
        consume(1, 10, recording(seen));
        for (int i = 0; i < 5; i++) {
            bus.work().send(Q, new WorkMessage("k-" + i, "{\"n\":" + i + "}").asSnapshotOf("chain:NIFTY"));
            awaitEffects(i + 1);
        }
        assertThat(seen).extracting(Delivery::messageId).containsExactly("k-0", "k-1", "k-2", "k-3", "k-4");
        assertThat(bus.work().depth(Q, GROUP).replaced()).isZero();
    }

    @Test
    void batchesRespectTheBatchSizeAndASingleConsumerKeepsQueueOrder() {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        List<String> order = new CopyOnWriteArrayList<>();
        bus.work().send(Q, messages("o", 40));
        consume(1, 7, batch -> {
            sizes.add(batch.size());
            batch.forEach(d -> order.add(d.messageId()));
        });
        Eventually.until("all handled", () -> order.size() == 40);
        assertThat(sizes).allMatch(s -> s >= 1 && s <= 7);
        assertThat(order).containsExactlyElementsOf(messages("o", 40).stream().map(WorkMessage::id).toList());
    }

    @Test
    void consumersOfOneGroupShareTheMessagesAndEffectsHappenOnce() {
        List<Delivery> first = new CopyOnWriteArrayList<>();
        List<Delivery> second = new CopyOnWriteArrayList<>();
        WorkHandler slowFirst = batch -> {
            recording(first).handle(batch);
            TimeUnit.MILLISECONDS.sleep(2);
        };
        WorkHandler slowSecond = batch -> {
            recording(second).handle(batch);
            TimeUnit.MILLISECONDS.sleep(2);
        };
        consume(2, 5, slowFirst);
        consume(2, 5, slowSecond);
        bus.work().send(Q, messages("s", 300));
        awaitEffects(300);
        awaitDrained();
        assertThat(first).isNotEmpty();
        assertThat(second).isNotEmpty();
        assertThat(effectsApplied).hasSize(300);
        assertThat(effectsApplied.values()).allMatch(n -> n.get() == 1);
    }

    @Test
    void aFailingMessageIsRetriedWithGrowingBackoffThenDeadLetteredAndCanBeReplayedAfterAFix() {
        AtomicBoolean fixed = new AtomicBoolean();
        Map<Integer, Long> attemptSeenAt = new ConcurrentHashMap<>();
        List<Delivery> seen = new CopyOnWriteArrayList<>();
        consume(1, 10, batch -> {
            for (Delivery d : batch) {
                seen.add(d);
                if (d.messageId().equals("poison") && !fixed.get()) {
                    attemptSeenAt.put(d.attempt(), System.nanoTime());
                    d.fail(new IllegalStateException("cannot digest " + d.payload()));
                } else {
                    d.effects().publish(DONE, d.messageId());
                }
            }
        });
        bus.work().send(Q, List.of(new WorkMessage("ok-1", "{}"), new WorkMessage("poison", "{\"bad\":true}"),
                new WorkMessage("ok-2", "{}")));
        List<DeadLetter> dead = Eventually.value("dead letter", () -> {
            List<DeadLetter> l = bus.work().deadLetters(DLQ, 10);
            return l.isEmpty() ? null : l;
        });
        assertThat(dead).hasSize(1);
        DeadLetter d = dead.getFirst();
        assertThat(d.messageId()).isEqualTo("poison");
        assertThat(d.queue()).isEqualTo(Q);
        assertThat(d.attempts()).isEqualTo(3);
        assertThat(d.payload()).isEqualTo("{\"bad\":true}");
        assertThat(d.error()).contains("IllegalStateException").contains("cannot digest");
        assertThat(attemptSeenAt).containsOnlyKeys(1, 2, 3);
        // Backoff grows: 150 ms after the first failure, 300 ms after the second (lower bounds only).
        assertThat(attemptSeenAt.get(2) - attemptSeenAt.get(1)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(140));
        assertThat(attemptSeenAt.get(3) - attemptSeenAt.get(2)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(290));
        assertThat(effectsApplied).containsOnlyKeys("ok-1", "ok-2");

        fixed.set(true);
        assertThat(bus.work().replay(DLQ, Optional.of(d.entryId()))).isEqualTo(1);
        awaitEffects(3);
        assertThat(bus.work().deadLetters(DLQ, 10)).isEmpty();
        assertThat(seen.getLast().attempt()).isEqualTo(1);
        assertThat(effectsApplied.get("poison")).hasValue(1);
    }

    @Test
    void theSendersTraceContextReachesTheHandlerThroughARetryAndIsInTheLoggingContextWhileItRuns() {
        List<String> contextSeen = new CopyOnWriteArrayList<>();
        List<Delivery> seen = new CopyOnWriteArrayList<>();
        // batches of one: a batch runs under the context of its first traced message
        consume(1, 1, batch -> {
            for (Delivery d : batch) {
                seen.add(d);
                contextSeen.add(d.attempt() + " " + MDC.get(Tracing.MDC_TRACE_ID) + " " + d.traceparent());
                if (d.attempt() == 1 && d.messageId().equals("traced")) {
                    d.fail(new IllegalStateException("once more"));
                } else {
                    d.effects().publish(DONE, d.messageId());
                }
            }
        });
        String traceparent;
        try (Tracing.Span request = Tracing.continueFrom(null, "test request", Tracing.Kind.SERVER)) {
            traceparent = request.traceparent();
            bus.work().send(Q, new WorkMessage("traced", "{}"));
        }
        assertThat(MDC.get(Tracing.MDC_TRACE_ID)).isNull();
        bus.work().send(Q, new WorkMessage("untraced", "{}"));
        awaitEffects(2);
        String traceId = traceparent.substring(3, 35);
        assertThat(contextSeen).contains("1 " + traceId + " " + traceparent, "2 " + traceId + " " + traceparent,
                "1 null null");
        assertThat(seen.stream().filter(d -> d.messageId().equals("untraced")).findFirst().orElseThrow().traceparent())
                .isNull();
    }

    @Test
    void aReplayedDeadLetterCarriesItsOriginalTraceContext() {
        AtomicBoolean fixed = new AtomicBoolean();
        List<String> contextSeen = new CopyOnWriteArrayList<>();
        consume(1, 1, batch -> {
            for (Delivery d : batch) {
                contextSeen.add(d.messageId() + " " + d.attempt() + " " + MDC.get(Tracing.MDC_TRACE_ID) + " "
                        + d.traceparent());
                if (fixed.get()) {
                    d.effects().publish(DONE, d.messageId());
                } else {
                    d.reject("not yet");
                }
            }
        });
        String traceparent;
        try (Tracing.Span request = Tracing.continueFrom(null, "test request", Tracing.Kind.SERVER)) {
            traceparent = request.traceparent();
            bus.work().send(Q, new WorkMessage("traced", "{}"));
        }
        bus.work().send(Q, new WorkMessage("untraced", "{}"));
        Eventually.until("2 dead letters", () -> bus.work().deadLetters(DLQ, 10).size() == 2);
        assertThat(bus.work().deadLetters(DLQ, 10)).extracting(DeadLetter::messageId, DeadLetter::traceparent)
                .containsExactlyInAnyOrder(tuple("traced", traceparent),
                        tuple("untraced", null));

        fixed.set(true);
        contextSeen.clear();
        assertThat(bus.work().replay(DLQ, Optional.empty())).isEqualTo(2);
        awaitEffects(2);
        String traceId = traceparent.substring(3, 35);
        assertThat(contextSeen).containsExactlyInAnyOrder("traced 1 " + traceId + " " + traceparent,
                "untraced 1 null null");
    }

    @Test
    void rejectedMessagesAreDeadLetteredAtOnceAndCanBePurged() {
        consume(1, 10, batch -> batch.forEach(d -> d.reject("malformed: " + d.payload())));
        bus.work().send(Q, messages("r", 3));
        Eventually.until("3 dead letters", () -> bus.work().deadLetters(DLQ, 10).size() == 3);
        assertThat(bus.work().deadLetters(DLQ, 10)).allMatch(l -> l.attempts() == 1 && l.error().startsWith("malformed"));
        assertThat(bus.work().deadLetters(DLQ, 2)).hasSize(2);
        assertThat(bus.work().deadLetterCount(DLQ)).isEqualTo(3);
        assertThat(bus.work().purge(DLQ)).isEqualTo(3);
        assertThat(bus.work().deadLetters(DLQ, 10)).isEmpty();
        assertThat(bus.work().deadLetterCount(DLQ)).isZero();
        assertThat(effectsApplied).isEmpty();
    }

    @Test
    void aHandlerThatThrowsFailsItsBatchWhichIsRetried() {
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        List<Delivery> seen = new CopyOnWriteArrayList<>();
        consume(1, 20, batch -> {
            boolean firstDelivery = false;
            for (Delivery d : batch) {
                firstDelivery |= failedOnce.add(d.messageId());
            }
            if (firstDelivery) {
                throw new IllegalStateException("store unavailable");
            }
            recording(seen).handle(batch);
        });
        bus.work().send(Q, messages("t", 20));
        awaitEffects(20);
        awaitDrained();
        assertThat(effectsApplied.values()).allMatch(n -> n.get() == 1);
        assertThat(seen).allMatch(d -> d.attempt() >= 2);
        assertThat(bus.work().deadLetters(DLQ, 10)).isEmpty();
    }

    @Test
    void aMessageSentTwiceWithOneIdHasItsEffectsOnce() {
        List<Delivery> seen = new CopyOnWriteArrayList<>();
        consume(1, 10, recording(seen));
        bus.work().send(Q, new WorkMessage("dup", "{}"));
        awaitEffects(1);
        bus.work().send(Q, new WorkMessage("dup", "{}"));
        bus.work().send(Q, new WorkMessage("after", "{}"));
        awaitEffects(2);
        awaitDrained();
        assertThat(effectsApplied.get("dup")).hasValue(1);
    }

    @Test
    void aStalledConsumersMessageIsTakenOverAndSettledOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stalled = new CountDownLatch(1);
        List<Delivery> slowSeen = new CopyOnWriteArrayList<>();
        consume(1, 1, batch -> {
            stalled.countDown();
            release.await();
            recording(slowSeen).handle(batch);
        });
        bus.work().send(Q, new WorkMessage("stuck", "{}"));
        assertThat(stalled.await(30, TimeUnit.SECONDS)).isTrue();
        List<Delivery> fastSeen = new CopyOnWriteArrayList<>();
        consume(1, 1, recording(fastSeen));
        awaitEffects(1);
        assertThat(fastSeen).extracting(Delivery::messageId).containsExactly("stuck");
        assertThat(fastSeen.getFirst().attempt()).isEqualTo(1);
        release.countDown();
        Eventually.until("slow consumer finished", () -> !slowSeen.isEmpty());
        bus.work().send(Q, new WorkMessage("marker", "{}"));
        awaitEffects(2);
        awaitDrained();
        assertThat(effectsApplied.get("stuck")).hasValue(1);
    }

    @Test
    void closingAConsumerAbandonsUnfinishedWorkToAnother() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        WorkConsumer dying = bus.work().consume(new ConsumerSpec(GROUP, List.of(Q), DLQ, 1, 1), batch -> {
            stalled.countDown();
            new CountDownLatch(1).await();
        });
        bus.work().send(Q, new WorkMessage("orphan", "{}"));
        assertThat(stalled.await(30, TimeUnit.SECONDS)).isTrue();
        dying.close(Duration.ofMillis(50));
        List<Delivery> seen = new CopyOnWriteArrayList<>();
        consume(1, 1, recording(seen));
        awaitEffects(1);
        awaitDrained();
        assertThat(seen).extracting(Delivery::messageId).containsExactly("orphan");
        assertThat(bus.work().deadLetters(DLQ, 10)).isEmpty();
    }

    @Test
    void depthCountsWaitingAndInFlightMessages() throws Exception {
        assertThat(bus.work().depth(Q, GROUP)).isEqualTo(new QueueDepth(0, 0, 0));
        bus.work().send(Q, messages("d", 5));
        assertThat(bus.work().depth(Q, GROUP).waiting() + bus.work().depth(Q, GROUP).inFlight()).isEqualTo(5);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        consume(1, 2, batch -> {
            holding.countDown();
            release.await();
        });
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
        QueueDepth during = bus.work().depth(Q, GROUP);
        assertThat(during.inFlight()).isEqualTo(2);
        assertThat(during.waiting()).isEqualTo(3);
        release.countDown();
        awaitDrained();
    }

    @Test
    void invalidConsumerSpecsAndMessagesAreRefused() {
        assertThatThrownBy(() -> new ConsumerSpec(GROUP, List.of(), DLQ, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsumerSpec(GROUP, List.of(Q), DLQ, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkMessage("", "{}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void healthCheckPasses() throws Exception {
        bus.healthCheck().check();
    }
}
