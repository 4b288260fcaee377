package io.deltastream.socket.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.deltastream.bus.Payload;
import io.deltastream.bus.TopicListener;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.channel.UserTopics;
import io.deltastream.market.live.PublishedChain;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedUnderlying;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.market.wire.UserEvent;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.logging.Tracing;
import io.deltastream.socket.delivery.ClientDirectory;
import io.deltastream.socket.delivery.ClientSession;
import io.deltastream.socket.delivery.Outgoing;
import io.deltastream.socket.protocol.Events;
import io.deltastream.socket.protocol.Payloads;
import io.deltastream.socket.protocol.Room;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns the bus's fan-out topics into Socket.IO events for this instance's clients: enriched underlyings to every
 * client ({@code general} holds everyone, and {@code product:X} is inside it, so each client gets each update once),
 * chain summaries to every client, full chains to {@code chain:X}, user events to {@code user:{id}} only, the
 * ai-analyst's news sentiment to {@code product:X} ({@code sentiment_update}).
 * Malformed messages are counted and logged, never delivered. Tracks whether the bus subscription is live, for
 * {@code /health}.
 */
public final class BusStream implements TopicListener {
    private static final Logger LOG = LoggerFactory.getLogger(BusStream.class);

    /** The topics every gateway instance subscribes to. */
    public static final List<String> TOPICS = List.of(MarketTopics.ENRICHED_UNDERLYING,
            MarketTopics.ENRICHED_OPTION_CHAIN, UserTopics.USER_EVENTS, MarketTopics.AI_SENTIMENT);

    private final String service;
    private final ClientDirectory clients;
    private final TokenStanding standing;
    private final MeterRegistry registry;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean connected = true;

    /** @param service the service name for log lines (they are written on the bus's thread) */
    public BusStream(String service, ClientDirectory clients, TokenStanding standing, MeterRegistry registry) {
        this.service = service;
        this.clients = clients;
        this.standing = standing;
        this.registry = registry;
    }

    @Override
    public void onMessage(String topic, String payload) {
        onMessage(topic, Payload.text(payload));
    }

    /** Chains published in this JVM arrive as {@link PublishedChain} objects: nothing to decode, JSON shared. */
    @Override
    public void onMessage(String topic, Payload body) {
        long now = System.nanoTime();
        try {
            switch (topic) {
                case MarketTopics.ENRICHED_UNDERLYING -> {
                    EnrichedUnderlying u = WireCodec.decodeEnrichedUnderlying(body.text());
                    clients.toAll(MarketMessages.underlyingUpdate(u, now));
                }
                case MarketTopics.ENRICHED_OPTION_CHAIN -> deliverChain(PublishedChain.read(body), now);
                case UserTopics.USER_EVENTS -> deliverUserEvent(UserEvent.decode(body.text()), now);
                case MarketTopics.AI_SENTIMENT -> {
                    String payload = body.text();
                    String product = Json.mapper().readTree(payload).path("product").asText("");
                    if (product.isEmpty()) {
                        throw new IllegalArgumentException("a sentiment update without a product");
                    }
                    clients.toRoom(Room.product(product), Outgoing.ordered(Events.SENTIMENT_UPDATE, payload, now));
                }
                default -> {
                    count(topic, "ignored");
                    return;
                }
            }
            count(topic, "delivered");
        } catch (MalformedMessageException | IllegalArgumentException | NullPointerException
                 | JsonProcessingException e) {
            count(topic, "malformed");
            if (malformed.incrementAndGet() % 1000 == 1) {
                MDC.put("service", service);
                LOG.warn("malformed message on {} ({} so far): {}", topic, malformed.get(), e.getMessage());
            }
        }
    }

    /** The summary to everyone, the chain to its room, in the trace of the feed cycle that produced it. */
    private void deliverChain(PublishedChain published, long now) {
        if (published.traceparent() == null) {
            sendChain(published, now);
            return;
        }
        MDC.put("service", service);
        try (Tracing.Span span = Tracing.continueFrom(published.traceparent(), "deliver option chain",
                Tracing.Kind.CONSUMER)) {
            sendChain(published, now);
            LOG.debug("delivered the {} {} chain", published.chain().product(), published.chain().expiry());
        }
    }

    /** The full chain only to a room with members: its JSON is made once, shared with the cache, and only then. */
    private void sendChain(PublishedChain published, long now) {
        EnrichedChain c = published.chain();
        clients.toAll(MarketMessages.chainSummary(c, now));
        String room = Room.chain(c.product());
        if (!clients.members(room).isEmpty()) {
            clients.toRoom(room, MarketMessages.chainUpdate(c, published.json().text(), now));
        }
    }

    /**
     * To the user's room; a member whose token has expired or been logged out since it connected leaves the room and
     * is told why, instead of receiving the event.
     */
    private void deliverUserEvent(UserEvent e, long now) {
        if (e.traceparent() == null) {
            deliverToRoom(e, now);
            return;
        }
        MDC.put("service", service);
        try (Tracing.Span span = Tracing.continueFrom(e.traceparent(), "deliver " + e.event(),
                Tracing.Kind.CONSUMER)) {
            int members = deliverToRoom(e, now);
            LOG.debug("delivered {} of user {} to {} socket(s)", e.event(), e.userId(), members);
        }
    }

    /** Returns how many sockets the room held. */
    private int deliverToRoom(UserEvent e, long now) {
        String room = Room.user(e.userId());
        Outgoing event = Outgoing.ordered(e.event(), Json.string(e.data()), now);
        int members = 0;
        for (ClientSession s : clients.members(room)) {
            members++;
            Optional<String> problem = s.user().filter(u -> u.userId().equals(e.userId())).map(standing::problem)
                    .orElse(Optional.of("Not authorized"));
            if (problem.isEmpty()) {
                s.offer(event);
            } else {
                clients.leave(s, room);
                s.offer(Outgoing.ordered(Events.ERROR, Payloads.error(problem.get(),
                        "left " + room + "; reconnect with a fresh token")));
            }
        }
        return members;
    }

    private void count(String topic, String outcome) {
        received.computeIfAbsent(topic + "|" + outcome, k -> Counter.builder("socket.bus.messages")
                .description("Messages received from the bus").tag("topic", topic).tag("outcome", outcome)
                .register(registry)).increment();
    }

    @Override
    public void onConnectionLost() {
        connected = false;
        MDC.put("service", service);
        LOG.warn("bus connection lost: no market data until it is back");
    }

    @Override
    public void onConnectionRestored() {
        connected = true;
        MDC.put("service", service);
        LOG.info("bus connection restored, topics subscribed again");
    }

    /** False between a lost bus connection and its restoration. */
    public boolean connected() {
        return connected;
    }
}
