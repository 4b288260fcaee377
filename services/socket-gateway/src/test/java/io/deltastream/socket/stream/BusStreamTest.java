package io.deltastream.socket.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.channel.UserTopics;
import io.deltastream.market.wire.UserEvent;
import io.deltastream.platform.auth.AuthenticatedUser;
import io.deltastream.platform.json.Json;
import io.deltastream.socket.delivery.ClientConnection;
import io.deltastream.socket.delivery.ClientDirectory;
import io.deltastream.socket.delivery.ClientSession;
import io.deltastream.socket.delivery.DeliveryMetrics;
import io.deltastream.socket.delivery.Outgoing;
import io.deltastream.socket.protocol.Room;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** User events against token expiry and logout, and malformed bus messages, with a fixed clock. */
class BusStreamTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryMetrics metrics = new DeliveryMetrics(registry);
    private final ClientDirectory clients = new ClientDirectory(metrics);
    private final Bus bus = Buses.open(BusConfig.DEFAULTS);
    private final BusStream stream = new BusStream("socket-gateway", clients,
            new TokenStanding(bus.cache(), Clock.fixed(NOW, ZoneOffset.UTC)), registry);

    @AfterEach
    void closeBus() {
        bus.close();
    }

    private static final class Recorder implements ClientConnection {
        final List<String> sent = new ArrayList<>();

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public void send(Outgoing m) {
            sent.add(m.event() + " " + m.json());
        }

        @Override
        public void close() {
        }
    }

    private Recorder userClient(String id, String userId, Instant tokenExpiry) {
        Recorder r = new Recorder();
        ClientSession s = new ClientSession(id, r, 16, metrics, x -> { });
        s.user(new AuthenticatedUser(userId, userId + "@example.com", "jti-" + id, "sid-" + id, tokenExpiry));
        clients.add(s);
        clients.join(s, Room.user(userId));
        return r;
    }

    private static String event(String userId) {
        var data = Json.object();
        data.put("order_id", "o-1");
        return new UserEvent(userId, UserEvent.ORDER_UPDATE, data, NOW).encode();
    }

    @Test
    void aMemberWhoseTokenExpiredLeavesTheRoomInsteadOfGettingTheEvent() {
        Recorder valid = userClient("a", "alice", NOW.plusSeconds(60));
        Recorder expired = userClient("b", "alice", NOW.minusSeconds(1));
        stream.onMessage(UserTopics.USER_EVENTS, event("alice"));
        stream.onMessage(UserTopics.USER_EVENTS, event("alice"));
        assertThat(valid.sent).containsExactly("order_update {\"order_id\":\"o-1\"}", "order_update {\"order_id\":\"o-1\"}");
        assertThat(expired.sent).hasSize(1);
        assertThat(expired.sent.get(0)).startsWith("error {\"message\":\"Token expired\"");
        assertThat(clients.get("b").rooms()).containsExactly(Room.GENERAL);
    }

    @Test
    void aMemberWhoseTokenWasLoggedOutLeavesTheRoomInsteadOfGettingTheEvent() {
        Recorder stays = userClient("d", "dave", NOW.plusSeconds(60));
        Recorder loggedOut = userClient("e", "dave", NOW.plusSeconds(60));
        bus.cache().set(TokenStanding.tokenKey("jti-e"), "1", Duration.ofMinutes(1));
        stream.onMessage(UserTopics.USER_EVENTS, event("dave"));
        stream.onMessage(UserTopics.USER_EVENTS, event("dave"));
        assertThat(stays.sent).containsExactly("order_update {\"order_id\":\"o-1\"}", "order_update {\"order_id\":\"o-1\"}");
        assertThat(loggedOut.sent).hasSize(1);
        assertThat(loggedOut.sent.get(0)).startsWith("error {\"message\":\"Token revoked\"");
        assertThat(clients.get("e").rooms()).containsExactly(Room.GENERAL);
    }

    @Test
    void aMemberWhoseSessionEndedLeavesTheRoomThoughItsOwnTokenWasNeverLoggedOut() {
        Recorder stays = userClient("f", "fay", NOW.plusSeconds(60));
        Recorder ended = userClient("g", "fay", NOW.plusSeconds(60));
        new TokenStanding(bus.cache(), Clock.fixed(NOW, ZoneOffset.UTC)).revokeSession("sid-g", Duration.ofMinutes(1));
        stream.onMessage(UserTopics.USER_EVENTS, event("fay"));
        assertThat(stays.sent).containsExactly("order_update {\"order_id\":\"o-1\"}");
        assertThat(ended.sent).hasSize(1);
        assertThat(ended.sent.get(0)).startsWith("error {\"message\":\"Token revoked\"");
        assertThat(clients.get("g").rooms()).containsExactly(Room.GENERAL);
    }

    @Test
    void malformedMessagesAreCountedAndNotDelivered() {
        Recorder r = userClient("c", "carol", NOW.plusSeconds(60));
        stream.onMessage(MarketTopics.ENRICHED_UNDERLYING, "{\"product\":\"NIFTY\"}");
        stream.onMessage(MarketTopics.ENRICHED_OPTION_CHAIN, "not json");
        stream.onMessage(UserTopics.USER_EVENTS, "{\"user_id\":\"carol\",\"event\":\"rm -rf\",\"data\":{}}");
        assertThat(r.sent).isEmpty();
        assertThat(registry.find("socket.bus.messages").tag("outcome", "malformed").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(3.0);
    }
}
