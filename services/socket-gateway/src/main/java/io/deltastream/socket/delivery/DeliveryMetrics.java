package io.deltastream.socket.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Delivery counters and the delivery latency histogram, in Prometheus as {@code socket_messages_sent_total{event}},
 * {@code socket_messages_conflated_total{event}}, {@code socket_messages_dropped_total{reason}},
 * {@code socket_slow_client_disconnects_total{reason}} and {@code socket_delivery_latency_seconds} (from the
 * gateway receiving the data to its frame being handed to the client's connection, waiting in a slow client's
 * buffer included).
 */
public final class DeliveryMetrics {
    /** Why a message was not delivered. */
    public enum DropReason {
        /** An older value than one the client already has (or a duplicate of it). */
        STALE,
        /** The client was disconnected with it still waiting. */
        DISCONNECTED
    }

    /** Why a slow client was disconnected. */
    public enum SlowReason {
        /** More messages waiting than its buffer holds. */
        BUFFER_FULL,
        /** Its buffer did not empty within the slow-client timeout. */
        TIMEOUT
    }

    /** The events that carry latest values, whose conflation counters exist from the start. */
    private static final List<String> LATEST_VALUE_EVENTS = List.of("underlying_update", "chain_summary", "chain_update");

    private final MeterRegistry registry;
    private final Map<String, Counter> sent = new ConcurrentHashMap<>();
    private final Map<String, Counter> conflated = new ConcurrentHashMap<>();
    private final Map<DropReason, Counter> dropped = new ConcurrentHashMap<>();
    private final Map<SlowReason, Counter> slow = new ConcurrentHashMap<>();
    private final Timer latency;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("socket.delivery.latency")
                .description("Time from the gateway receiving data to handing its frame to the client's connection")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        for (String event : LATEST_VALUE_EVENTS) {
            conflated(event, 0);
        }
        for (DropReason r : DropReason.values()) {
            dropped.put(r, Counter.builder("socket.messages.dropped").description("Messages not delivered")
                    .tag("reason", r.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
        for (SlowReason r : SlowReason.values()) {
            slow.put(r, Counter.builder("socket.slow.client.disconnects").description("Clients disconnected for being too slow")
                    .tag("reason", r.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
    }

    void sent(String event, long receivedNanos, long nowNanos) {
        sent.computeIfAbsent(event, e -> Counter.builder("socket.messages.sent")
                .description("Events handed to client connections").tag("event", e).register(registry)).increment();
        latency.record(nowNanos - receivedNanos, TimeUnit.NANOSECONDS);
    }

    void conflated(String event) {
        conflated(event, 1);
    }

    void conflated(String event, int count) {
        conflated.computeIfAbsent(event, e -> Counter.builder("socket.messages.conflated")
                .description("Waiting messages replaced by a newer value for a slow client").tag("event", e)
                .register(registry)).increment(count);
    }

    void dropped(DropReason reason, int count) {
        dropped.get(reason).increment(count);
    }

    void slowDisconnect(SlowReason reason) {
        slow.get(reason).increment();
    }

    /** Messages handed to connections so far (all events). */
    public long sentTotal() {
        return (long) sent.values().stream().mapToDouble(Counter::count).sum();
    }
}
