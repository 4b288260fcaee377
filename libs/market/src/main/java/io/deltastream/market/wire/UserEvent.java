package io.deltastream.market.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.logging.Tracing;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;

/**
 * An event for one user's eyes, published on {@link io.deltastream.market.channel.UserTopics#USER_EVENTS} and
 * delivered by the socket gateway to room {@code user:{userId}} as Socket.IO event {@link #event()} with
 * {@link #data()} as payload.
 *
 * @param userId    the token's {@code user_id}
 * @param event     one of {@link #EVENTS}
 * @param data      the payload (an order, trade, position or portfolio as the REST API shows it)
 * @param timestamp   when the event happened
 * @param traceparent the W3C trace context of what caused it (e.g. the order request), so that the socket gateway's
 *                    delivery continues that trace; null when none; sent as field {@code traceparent}
 */
public record UserEvent(String userId, String event, ObjectNode data, Instant timestamp, String traceparent) {
    public static final String ORDER_UPDATE = "order_update";
    public static final String TRADE = "trade";
    public static final String POSITION_UPDATE = "position_update";
    public static final String PORTFOLIO_UPDATE = "portfolio_update";
    public static final Set<String> EVENTS = Set.of(ORDER_UPDATE, TRADE, POSITION_UPDATE, PORTFOLIO_UPDATE);

    /** An event caused within the trace open on this thread, if any. */
    public UserEvent(String userId, String event, ObjectNode data, Instant timestamp) {
        this(userId, event, data, timestamp, Tracing.current().orElse(null));
    }

    public UserEvent {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId is required");
        }
        if (!EVENTS.contains(event)) {
            throw new IllegalArgumentException("unknown user event: " + event);
        }
    }

    public String encode() {
        ObjectNode n = Json.object();
        n.put("user_id", userId);
        n.put("event", event);
        n.set("data", data);
        n.put("timestamp", WireTime.format(timestamp));
        if (traceparent != null) {
            n.put(Tracing.TRACEPARENT, traceparent);
        }
        return Json.string(n);
    }

    public static UserEvent decode(String text) throws MalformedMessageException {
        JsonNode n;
        try {
            n = Json.tree(text);
        } catch (IOException e) {
            throw new MalformedMessageException("not JSON: " + e.getMessage(), e);
        }
        if (!n.isObject()) {
            throw new MalformedMessageException("a user event must be a JSON object");
        }
        String userId = WireReader.text(n, "", "user_id");
        String event = WireReader.text(n, "", "event");
        if (!EVENTS.contains(event)) {
            throw new MalformedMessageException("event must be one of " + EVENTS + ", got '" + event + "'");
        }
        JsonNode data = WireReader.field(n, "", "data");
        if (!data.isObject()) {
            throw new MalformedMessageException("data must be a JSON object");
        }
        JsonNode traceparent = n.get(Tracing.TRACEPARENT);
        return new UserEvent(userId, event, (ObjectNode) data, WireReader.time(n, "", "timestamp"),
                traceparent != null && traceparent.isTextual() ? traceparent.asText() : null);
    }
}
