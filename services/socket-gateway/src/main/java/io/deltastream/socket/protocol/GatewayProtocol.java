package io.deltastream.socket.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.socket.delivery.ClientDirectory;
import io.deltastream.socket.delivery.ClientSession;
import io.deltastream.socket.delivery.Outgoing;
import io.deltastream.socket.stream.MarketCatalog;
import io.deltastream.socket.stream.Snapshots;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway does for each client request, independent of the Socket.IO library. Every request is answered
 * with an event (and the same payload as ack when the client asked for one); invalid requests get an {@code error}
 * event with a reason and the connection stays open.
 */
public final class GatewayProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayProtocol.class);

    private final ClientDirectory clients;
    private final MarketCatalog catalog;
    private final Snapshots snapshots;

    public GatewayProtocol(ClientDirectory clients, MarketCatalog catalog, Snapshots snapshots) {
        this.clients = clients;
        this.catalog = catalog;
        this.snapshots = snapshots;
    }

    /**
     * A client connected to the namespace: it gets {@code connected} and joins {@code general}, and its user room
     * when it presented a valid token. It is in its rooms before {@code connected} can reach it, so that an event
     * published once it has {@code connected} reaches it too, and {@code connected} still comes first.
     */
    public void connected(ClientSession s) {
        List<String> rooms = new ArrayList<>();
        rooms.add(Room.GENERAL);
        s.user().ifPresent(u -> rooms.add(Room.user(u.userId())));
        s.begin(() -> {
            clients.add(s);
            s.user().ifPresent(u -> clients.join(s, Room.user(u.userId())));
        }, Outgoing.ordered(Events.CONNECTED, Payloads.connected(s.id(), rooms)));
    }

    public void disconnected(ClientSession s) {
        clients.remove(s);
    }

    /** {@code subscribe {type, symbol}}: joins the room, then sends the cached snapshot to this client only. */
    public String subscribe(ClientSession s, JsonNode payload) {
        RoomRequest.Result r;
        try {
            r = RoomRequest.parse(payload, catalog::known);
        } catch (RuntimeException e) {
            return unavailable(s, e);
        }
        if (r instanceof RoomRequest.Invalid invalid) {
            return reply(s, Events.ERROR, Payloads.error(Payloads.INVALID_SUBSCRIPTION, invalid.reason()));
        }
        Room room = ((RoomRequest.Valid) r).room();
        if (room.type() == RoomType.USER && !s.user().map(u -> u.userId().equals(room.symbol())).orElse(false)) {
            return reply(s, Events.ERROR, Payloads.error(Payloads.INVALID_SUBSCRIPTION, "not authorized for "
                    + room.name() + ": connect with that user's token (auth.token or ?token=)"));
        }
        clients.join(s, room.name());
        String answer = reply(s, Events.SUBSCRIBED, Payloads.subscribed(room.name()));
        try {
            switch (room.type()) {
                case PRODUCT -> {
                    snapshots.underlying(room.symbol()).ifPresent(s::offer);
                    snapshots.summaries(room.symbol()).forEach(s::offer);
                }
                case CHAIN -> snapshots.chains(room.symbol()).forEach(s::offer);
                case USER -> { }
            }
        } catch (RuntimeException e) {
            LOG.warn("no snapshot for {}: {}", room, e.toString());
        }
        return answer;
    }

    /** {@code unsubscribe {type, symbol}}: leaves the room ({@code general} cannot be left). */
    public String unsubscribe(ClientSession s, JsonNode payload) {
        RoomRequest.Result r;
        try {
            r = RoomRequest.parse(payload, catalog::known);
        } catch (RuntimeException e) {
            return unavailable(s, e);
        }
        if (r instanceof RoomRequest.Invalid invalid) {
            return reply(s, Events.ERROR, Payloads.error(Payloads.INVALID_UNSUBSCRIPTION, invalid.reason()));
        }
        Room room = ((RoomRequest.Valid) r).room();
        clients.leave(s, room.name());
        return reply(s, Events.UNSUBSCRIBED, Payloads.unsubscribed(room.name()));
    }

    /** {@code get_products}: the products with live data. */
    public String products(ClientSession s) {
        try {
            return reply(s, Events.PRODUCTS, Payloads.products(catalog.liveProducts()));
        } catch (RuntimeException e) {
            return unavailable(s, e);
        }
    }

    private String unavailable(ClientSession s, RuntimeException e) {
        LOG.warn("cannot answer {}: {}", s, e.toString());
        return reply(s, Events.ERROR, Payloads.error("Service unavailable", "market data cache unreachable"));
    }

    private static String reply(ClientSession s, String event, String json) {
        s.offer(Outgoing.ordered(event, json));
        return json;
    }
}
