package io.deltastream.socket.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.json.Json;
import java.util.Collection;

/** JSON payloads of the gateway's own server events, in the reference's field order. */
public final class Payloads {
    public static final String CONNECTED_MESSAGE = "Connected to DeltaStream socket gateway";
    public static final String INVALID_SUBSCRIPTION = "Invalid subscription request";
    public static final String INVALID_UNSUBSCRIPTION = "Invalid unsubscription request";

    private Payloads() {
    }

    /** {@code connected}: {@code {"message", "client_id", "rooms"}}. */
    public static String connected(String clientId, Collection<String> rooms) {
        ObjectNode n = Json.object();
        n.put("message", CONNECTED_MESSAGE);
        n.put("client_id", clientId);
        ArrayNode r = n.putArray("rooms");
        rooms.forEach(r::add);
        return Json.string(n);
    }

    /** {@code subscribed}: {@code {"room", "message": "Subscribed to {room}"}}. */
    public static String subscribed(String room) {
        ObjectNode n = Json.object();
        n.put("room", room);
        n.put("message", "Subscribed to " + room);
        return Json.string(n);
    }

    /** {@code unsubscribed}: {@code {"room", "message": "Unsubscribed from {room}"}}. */
    public static String unsubscribed(String room) {
        ObjectNode n = Json.object();
        n.put("room", room);
        n.put("message", "Unsubscribed from " + room);
        return Json.string(n);
    }

    /** {@code error}: the reference's {@code {"message"}} plus the {@code reason}. */
    public static String error(String message, String reason) {
        ObjectNode n = Json.object();
        n.put("message", message);
        n.put("reason", reason);
        return Json.string(n);
    }

    /** {@code products}: {@code {"products": [...]}}. */
    public static String products(Collection<String> products) {
        ObjectNode n = Json.object();
        ArrayNode p = n.putArray("products");
        products.forEach(p::add);
        return Json.string(n);
    }

    /**
     * {@code chain_summary}: the reference's {@code product, expiry, spot_price, pcr_oi, pcr_volume,
     * atm_straddle_price, timestamp} with {@code max_pain_strike} added before the timestamp, then {@code atm_strike},
     * {@code atm_iv} (fraction, null when unknown) and {@code expected_move} (currency units, null when unknown) after
     * it, so that an overview of every product needs no whole chains.
     */
    public static String chainSummary(EnrichedChain c) {
        ObjectNode n = Json.object();
        n.put("product", c.product());
        n.put("expiry", c.expiry().toString());
        n.put("spot_price", c.spotPrice());
        n.put("pcr_oi", c.pcrOi());
        n.put("pcr_volume", c.pcrVolume());
        n.put("atm_straddle_price", c.atmStraddlePrice());
        n.put("max_pain_strike", c.maxPainStrike());
        n.put("timestamp", WireTime.format(c.timestamp()));
        n.put("atm_strike", c.atmStrike());
        putFinite(n, "atm_iv", c.atmIv());
        putFinite(n, "expected_move", c.expectedMove());
        return Json.string(n);
    }

    private static void putFinite(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }
}
