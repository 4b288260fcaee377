package io.deltastream.trading.oms;

import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.JsonBody;
import io.deltastream.trading.matching.Side;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A new order as the client sent it (the reference's fields; {@code orderType} accepted for {@code order_type},
 * {@code triggerPrice} for {@code trigger_price}).
 *
 * @param price        limit price, NaN when absent (ignored for MARKET and SL-M)
 * @param triggerPrice trigger price, NaN when absent
 */
public record OrderRequest(String symbol, OrderType type, Side side, long quantity, double price, double triggerPrice,
                           Validity validity, Optional<String> product) {

    private static final Set<String> FIELDS = Set.of("symbol", "order_type", "orderType", "side", "quantity", "price",
            "trigger_price", "triggerPrice", "validity", "product", "strike", "expiry", "option_type");

    /** Reads and validates the body of {@code POST /api/trade/order}. */
    public static OrderRequest parse(JsonBody body) {
        body.allowOnly(FIELDS);
        boolean hasType = body.has("order_type") || body.has("orderType");
        if (!body.has("symbol") || !hasType || !body.has("side") || !body.has("quantity")) {
            throw ApiException.badRequest("Missing required fields");
        }
        String symbol = body.requiredString("symbol").trim();
        String typeField = body.has("order_type") ? "order_type" : "orderType";
        OrderType type = OrderType.parse(typeField, body.requiredString(typeField));
        String sideText = body.requiredString("side").trim();
        Side side;
        if (sideText.equals("BUY")) {
            side = Side.BUY;
        } else if (sideText.equals("SELL")) {
            side = Side.SELL;
        } else {
            throw ApiException.badRequest("Field 'side' must be BUY or SELL, got '" + sideText + "'");
        }
        long quantity = body.requiredInteger("quantity", 1, 100_000_000);
        double price = body.optionalNumber("price", 0, 1e9).orElse(Double.NaN);
        String triggerField = body.has("trigger_price") ? "trigger_price" : "triggerPrice";
        double trigger = body.optionalNumber(triggerField, 0, 1e9).orElse(Double.NaN);
        if (type.hasPrice() && !(price > 0)) {
            throw ApiException.badRequest(type == OrderType.LIMIT ? "Price required for limit orders"
                    : "Price required for SL orders");
        }
        if (type.isStop() && !(trigger > 0)) {
            throw ApiException.badRequest("Trigger price required for " + type.wire() + " orders");
        }
        if (!type.hasPrice()) {
            price = Double.NaN;
        }
        if (!type.isStop()) {
            trigger = Double.NaN;
        }
        Validity validity = body.optionalString("validity")
                .map(v -> switch (v.trim().toUpperCase(Locale.ROOT)) {
                    case "DAY" -> Validity.DAY;
                    case "IOC" -> Validity.IOC;
                    default -> throw ApiException.badRequest("Field 'validity' must be DAY or IOC, got '" + v + "'");
                })
                .orElse(Validity.DAY);
        return new OrderRequest(symbol, type, side, quantity, price, trigger, validity, body.optionalString("product"));
    }
}
