package io.deltastream.trading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GTT and trailing stops, baskets margined as a whole, the what-if margin and the account reset, through HTTP. */
class OrderTypesTest {
    /** Wednesday 10:30 in Kolkata: the day's close (15:30) is ahead, the fixture's expiry days away. */
    private static final Instant WEDNESDAY = Instant.parse("2026-12-09T05:00:00Z");

    private static Map<String, Object> order(String symbol, String type, String side, long quantity,
                                             Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("symbol", symbol, "order_type", type, "side", side,
                "quantity", quantity));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private static JsonNode get(TradingFixture f, String path, String[] auth) {
        return f.ok(f.http.get(path, auth), 200);
    }

    @Test
    void aGttStopWorksAcrossDaysWhileADayStopExpiresAtTheClose() {
        try (TradingFixture f = new TradingFixture(new TestServices(), Map.of(), WEDNESDAY)) {
            String call = f.option(OptionType.CALL, 21500);
            f.quote(call, 99, 101, 100);
            f.publish();
            String[] auth = f.auth("a1a1a1a1a1a1a1a1a1a1a1a1");
            String day = f.ok(f.http.post("/api/trade/order", order(call, "SL-M", "BUY", 75, "trigger_price", 110),
                    auth), 201).get("order_id").asText();
            JsonNode gtt = f.ok(f.http.post("/api/trade/order", order(call, "SL-M", "BUY", 75, "trigger_price", 110,
                    "validity", "GTT"), auth), 201);
            assertThat(gtt.get("order").get("validity").asText()).isEqualTo("GTT");
            assertThat(gtt.get("order").get("expires_at").isNull()).isTrue();
            String gttId = gtt.get("order_id").asText();

            f.clock.set(Instant.parse("2026-12-10T04:00:00Z"));
            f.service.engine().housekeeping();
            assertThat(get(f, "/api/trade/order/" + day, auth).get("status").asText()).isEqualTo("EXPIRED");
            assertThat(get(f, "/api/trade/order/" + gttId, auth).get("status").asText()).isEqualTo("TRIGGER_PENDING");

            f.quote(call, 110, 112, 111);
            f.publish();
            JsonNode filled = get(f, "/api/trade/order/" + gttId, auth);
            assertThat(filled.get("status").asText()).isEqualTo("FILLED");
            assertThat(filled.get("avg_fill_price").asDouble()).isEqualTo(112.0);
        }
    }

    @Test
    void aTrailingStopFollowsTheMarketUpAndSellsOnTheWayDown() {
        try (TradingFixture f = new TradingFixture(new TestServices(), Map.of(), WEDNESDAY)) {
            String call = f.option(OptionType.CALL, 21500);
            f.quote(call, 99, 101, 100);
            f.publish();
            String[] auth = f.auth("a2a2a2a2a2a2a2a2a2a2a2a2");
            f.ok(f.http.post("/api/trade/order", order(call, "MARKET", "BUY", 75), auth), 201);
            JsonNode stop = f.ok(f.http.post("/api/trade/order", order(call, "SL-M", "SELL", 75,
                    "trailing_amount", 5), auth), 201).get("order");
            String id = stop.get("order_id").asText();
            assertThat(stop.get("trigger_price").asDouble()).isEqualTo(95.0);
            assertThat(stop.get("trailing_amount").asDouble()).isEqualTo(5.0);

            f.quote(call, 109, 111, 110);
            f.publish();
            assertThat(get(f, "/api/trade/order/" + id, auth).get("trigger_price").asDouble()).isEqualTo(105.0);
            // a fall that stays above the trigger leaves it where it was
            f.quote(call, 106, 108, 107);
            f.publish();
            JsonNode held = get(f, "/api/trade/order/" + id, auth);
            assertThat(held.get("trigger_price").asDouble()).isEqualTo(105.0);
            assertThat(held.get("status").asText()).isEqualTo("TRIGGER_PENDING");

            f.quote(call, 103, 105, 104);
            f.publish();
            JsonNode sold = get(f, "/api/trade/order/" + id, auth);
            assertThat(sold.get("status").asText()).isEqualTo("FILLED");
            assertThat(sold.get("avg_fill_price").asDouble()).isEqualTo(103.0);
            assertThat(get(f, "/api/trade/positions", auth).get("count").asInt()).isZero();
        }
    }

    @Test
    void badOrderTypeFieldsAreClearErrors() {
        try (TradingFixture f = new TradingFixture(new TestServices(), Map.of(), WEDNESDAY)) {
            String call = f.option(OptionType.CALL, 21500);
            f.publish();
            String[] auth = f.auth("a3a3a3a3a3a3a3a3a3a3a3a3");
            assertThat(f.ok(f.http.post("/api/trade/order", order(call, "LIMIT", "BUY", 75, "price", 100,
                    "validity", "GTC"), auth), 400).get("error").asText()).isEqualTo(
                    "Field 'validity' must be DAY, IOC or GTT, got 'GTC'");
            assertThat(f.ok(f.http.post("/api/trade/order", order(call, "LIMIT", "BUY", 75, "price", 100,
                    "trailing_amount", 5), auth), 400).get("error").asText()).isEqualTo(
                    "Field 'trailing_amount' is for SL-M orders only");
            assertThat(f.ok(f.http.post("/api/trade/order", order(call, "SL-M", "SELL", 75, "trailing_amount", 0.03),
                    auth), 400).get("error").asText()).contains("'trailing_amount' must be a multiple of the tick");
            assertThat(f.ok(f.http.post("/api/trade/order", order(call, "SL-M", "SELL", 75, "trailing_amount", -1),
                    auth), 400).get("error").asText()).contains("trailing_amount");
        }
    }

    @Test
    void aHedgedBasketNeedsLessMarginThanItsLegsAndIsPlacedAtomically() {
        // 80,000 covers a call spread (max loss 7,500 plus exposure margin) but not the naked short call alone
        try (TradingFixture f = new TradingFixture(new TestServices(), Map.of("TRADING_INITIAL_CAPITAL", "80000"),
                WEDNESDAY)) {
            String longCall = f.option(OptionType.CALL, 21500);
            String shortCall = f.option(OptionType.CALL, 21600);
            f.publish();
            String[] auth = f.auth("a4a4a4a4a4a4a4a4a4a4a4a4");
            Map<String, Object> spread = Map.of("orders", List.of(order(longCall, "MARKET", "BUY", 75),
                    order(shortCall, "MARKET", "SELL", 75)));

            JsonNode alone = f.ok(f.http.post("/api/trade/margin", Map.of("orders",
                    List.of(order(shortCall, "MARKET", "SELL", 75))), auth), 200);
            assertThat(alone.get("allowed").asBoolean()).isFalse();
            assertThat(alone.get("rejection").get("limit").asText()).isEqualTo("margin");
            JsonNode whatIf = f.ok(f.http.post("/api/trade/margin", spread, auth), 200);
            assertThat(whatIf.get("allowed").asBoolean()).isTrue();
            assertThat(whatIf.get("rejection").isNull()).isTrue();
            assertThat(whatIf.get("margin_after").asDouble()).isPositive()
                    .isLessThan(whatIf.get("margin_of_legs_alone").asDouble());
            assertThat(whatIf.get("margin_after").asDouble()).isLessThan(alone.get("margin_after").asDouble());
            assertThat(whatIf.get("required").asDouble()).isLessThanOrEqualTo(whatIf.get("available").asDouble());
            // asking changes nothing
            assertThat(get(f, "/api/trade/orders", auth).get("count").asInt()).isZero();

            JsonNode naked = f.ok(f.http.post("/api/trade/order", order(shortCall, "MARKET", "SELL", 75), auth), 400);
            assertThat(naked.get("limit").asText()).isEqualTo("margin");
            JsonNode placed = f.ok(f.http.post("/api/trade/basket", spread, auth), 201);
            assertThat(placed.get("count").asInt()).isEqualTo(2);
            assertThat(placed.get("orders").get(0).get("symbol").asText()).isEqualTo(longCall);
            assertThat(placed.get("orders").get(0).get("status").asText()).isEqualTo("FILLED");
            assertThat(placed.get("orders").get(1).get("status").asText()).isEqualTo("FILLED");
            JsonNode positions = get(f, "/api/trade/positions", auth);
            assertThat(positions.get("count").asInt()).isEqualTo(2);
            JsonNode risk = get(f, "/api/trade/risk", auth);
            assertThat(risk.get("margin_used").asDouble()).isCloseTo(whatIf.get("margin_after").asDouble(),
                    org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void aBasketIsAllOrNothing() {
        try (TradingFixture f = new TradingFixture(new TestServices(), Map.of("TRADING_INITIAL_CAPITAL", "80000"),
                WEDNESDAY)) {
            String call = f.option(OptionType.CALL, 21500);
            String put = f.option(OptionType.PUT, 21500);
            f.publish();
            String[] auth = f.auth("a5a5a5a5a5a5a5a5a5a5a5a5");
            JsonNode invalid = f.ok(f.http.post("/api/trade/basket", Map.of("orders", List.of(
                    order(call, "MARKET", "BUY", 75), order("NIFTY20200101C21500", "MARKET", "BUY", 75))), auth), 400);
            assertThat(invalid.get("error").asText()).startsWith("Leg 2: ");
            assertThat(get(f, "/api/trade/orders", auth).get("count").asInt()).isZero();

            // two naked shorts: the basket as a whole needs more margin than the account has
            JsonNode rejected = f.ok(f.http.post("/api/trade/basket", Map.of("orders", List.of(
                    order(call, "MARKET", "SELL", 75), order(put, "MARKET", "SELL", 75))), auth), 400);
            assertThat(rejected.get("type").asText()).isEqualTo("risk_limit");
            assertThat(rejected.get("limit").asText()).isEqualTo("margin");
            JsonNode orders = get(f, "/api/trade/orders", auth);
            assertThat(orders.get("count").asInt()).isEqualTo(2);
            orders.get("orders").forEach(o -> assertThat(o.get("status").asText()).isEqualTo("REJECTED"));
            assertThat(get(f, "/api/trade/positions", auth).get("count").asInt()).isZero();
            assertThat(get(f, "/api/trade/trades", auth).get("count").asInt()).isZero();
        }
    }

    @Test
    void badBasketsAreClearErrors() {
        try (TradingFixture f = new TradingFixture(new TestServices(), Map.of(), WEDNESDAY)) {
            String call = f.option(OptionType.CALL, 21500);
            f.publish();
            String[] auth = f.auth("a6a6a6a6a6a6a6a6a6a6a6a6");
            Map<String, Object> leg = order(call, "MARKET", "BUY", 75);
            assertThat(f.ok(f.http.post("/api/trade/basket", Map.of("orders", List.of(leg)), auth), 400)
                    .get("error").asText()).isEqualTo("Field 'orders' must have at least 2 element(s)");
            List<Object> many = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                many.add(leg);
            }
            f.ok(f.http.post("/api/trade/basket", Map.of("orders", many), auth), 413);
            assertThat(f.ok(f.http.post("/api/trade/basket", Map.of("orders", "all of them"), auth), 400)
                    .get("error").asText()).contains("'orders'");
            assertThat(f.ok(f.http.post("/api/trade/basket", Map.of("orders", List.of(leg,
                    Map.of("symbol", call))), auth), 400).get("error").asText())
                    .isEqualTo("Missing required fields in orders[1]");
            assertThat(f.ok(f.http.post("/api/trade/margin", Map.of("orders", List.of(order(call, "MARKET", "HOLD",
                    75))), auth), 400).get("error").asText()).isEqualTo(
                    "Field 'orders[0].side' must be BUY or SELL, got 'HOLD'");
            assertThat(f.ok(f.http.post("/api/trade/margin", Map.of("legs", List.of(leg)), auth), 400)
                    .get("error").asText()).contains("legs");
            HttpJson.Response anonymous = f.http.post("/api/trade/margin", Map.of("orders", List.of(leg)));
            assertThat(anonymous.status()).isEqualTo(401);
        }
    }

    @Test
    void aResetStartsThePaperAccountAfreshAndKeepsTheHistory() {
        try (TradingFixture f = new TradingFixture(new TestServices(), Map.of(), WEDNESDAY)) {
            String call = f.option(OptionType.CALL, 21500);
            f.quote(call, 99, 101, 100);
            f.publish();
            String[] auth = f.auth("a7a7a7a7a7a7a7a7a7a7a7a7");
            f.ok(f.http.post("/api/trade/order", order(call, "MARKET", "BUY", 150), auth), 201);
            f.ok(f.http.post("/api/trade/order", order(call, "MARKET", "SELL", 75), auth), 201);
            String resting = f.ok(f.http.post("/api/trade/order", order(call, "LIMIT", "BUY", 75, "price", 90),
                    auth), 201).get("order_id").asText();
            assertThat(get(f, "/api/trade/pnl", auth).get("realized_pnl").asDouble()).isNotZero();
            // a bracket entry partly filled (the ask level holds 750 units) that the reset will cancel
            JsonNode partial = f.ok(f.http.post("/api/trade/order", order(call, "LIMIT", "BUY", 1500, "price", 101,
                    "target_price", 110, "stop_loss_price", 92), auth), 201);
            assertThat(partial.get("status").asText()).isEqualTo("PARTIALLY_FILLED");

            f.clock.set(WEDNESDAY.plusSeconds(60));
            JsonNode reset = f.ok(f.http.post("/api/trade/reset", Map.of(), auth), 200);
            assertThat(reset.get("cash_balance").asDouble()).isEqualTo(1_000_000.0);
            assertThat(reset.get("realized_pnl").asDouble()).isZero();
            assertThat(reset.get("commissions").asDouble()).isZero();
            assertThat(get(f, "/api/trade/positions", auth).get("count").asInt()).isZero();
            JsonNode cancelled = get(f, "/api/trade/order/" + resting, auth);
            assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
            assertThat(cancelled.get("cancel_reason").asText()).isEqualTo("account reset");
            assertThat(f.service.engine().workingOrders()).isZero();
            JsonNode pnl = get(f, "/api/trade/pnl", auth);
            assertThat(pnl.get("realized_pnl").asDouble()).isZero();
            assertThat(pnl.get("current_value").asDouble()).isEqualTo(1_000_000.0);
            assertThat(get(f, "/api/trade/performance", auth).get("closed_trades").asInt()).isZero();
            // the history stays on record
            assertThat(get(f, "/api/trade/trades", auth).get("count").asInt()).isEqualTo(3);
            assertThat(get(f, "/api/trade/portfolio", auth).get("cash_balance").asDouble()).isEqualTo(1_000_000.0);
        }
    }

    @Test
    void aBracketOpensItsExitsOnTheFillAndOneCancelsTheOther() {
        try (TradingFixture f = new TradingFixture(new TestServices(), Map.of(), WEDNESDAY)) {
            String call = f.option(OptionType.CALL, 21500);
            f.quote(call, 99, 101, 100);
            f.publish();
            String[] auth = f.auth("a8a8a8a8a8a8a8a8a8a8a8a8");
            JsonNode entry = f.ok(f.http.post("/api/trade/order", order(call, "MARKET", "BUY", 75,
                    "target_price", 110, "stop_loss_price", 92), auth), 201).get("order");
            assertThat(entry.get("status").asText()).isEqualTo("FILLED");
            assertThat(entry.get("target_price").asDouble()).isEqualTo(110.0);
            JsonNode[] exits = exits(f, auth, entry.get("order_id").asText());
            JsonNode target = exits[0];
            JsonNode stop = exits[1];
            assertThat(target.get("status").asText()).isEqualTo("OPEN");
            assertThat(target.get("price").asDouble()).isEqualTo(110.0);
            assertThat(stop.get("status").asText()).isEqualTo("TRIGGER_PENDING");
            assertThat(stop.get("trigger_price").asDouble()).isEqualTo(92.0);
            assertThat(target.get("oco_order_id").asText()).isEqualTo(stop.get("order_id").asText());
            assertThat(stop.get("oco_order_id").asText()).isEqualTo(target.get("order_id").asText());

            // the market reaches the target: it sells, and the stop-loss goes
            f.quote(call, 110, 112, 111);
            f.publish();
            assertThat(get(f, "/api/trade/order/" + target.get("order_id").asText(), auth).get("status").asText())
                    .isEqualTo("FILLED");
            JsonNode cancelled = get(f, "/api/trade/order/" + stop.get("order_id").asText(), auth);
            assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
            assertThat(cancelled.get("cancel_reason").asText())
                    .isEqualTo("one-cancels-other: " + target.get("order_id").asText() + " filled");
            assertThat(get(f, "/api/trade/positions", auth).get("count").asInt()).isZero();

            // the other way: the stop-loss fires, and the target goes
            JsonNode second = f.ok(f.http.post("/api/trade/order", order(call, "MARKET", "BUY", 75,
                    "target_price", 125, "stop_loss_price", 105), auth), 201).get("order");
            JsonNode[] more = exits(f, auth, second.get("order_id").asText());
            f.quote(call, 103, 105, 104);
            f.publish();
            JsonNode fired = get(f, "/api/trade/order/" + more[1].get("order_id").asText(), auth);
            assertThat(fired.get("status").asText()).isEqualTo("FILLED");
            assertThat(fired.get("avg_fill_price").asDouble()).isEqualTo(103.0);
            assertThat(get(f, "/api/trade/order/" + more[0].get("order_id").asText(), auth).get("status").asText())
                    .isEqualTo("CANCELLED");
            assertThat(get(f, "/api/trade/positions", auth).get("count").asInt()).isZero();
            assertThat(f.service.engine().workingOrders()).isZero();
        }
    }

    /** The {target, stop-loss} exits of the bracket entry {@code entryId}. */
    private static JsonNode[] exits(TradingFixture f, String[] auth, String entryId) {
        JsonNode[] out = new JsonNode[2];
        for (JsonNode o : get(f, "/api/trade/orders", auth).get("orders")) {
            if (entryId.equals(o.path("parent_order_id").asText())) {
                out[o.get("order_type").asText().equals("LIMIT") ? 0 : 1] = o;
            }
        }
        assertThat(out).doesNotContainNull();
        return out;
    }

    @Test
    void badBracketsAreClearErrors() {
        try (TradingFixture f = new TradingFixture(new TestServices(), Map.of(), WEDNESDAY)) {
            String call = f.option(OptionType.CALL, 21500);
            f.quote(call, 99, 101, 100);
            f.publish();
            String[] auth = f.auth("a9a9a9a9a9a9a9a9a9a9a9a9");
            assertThat(f.ok(f.http.post("/api/trade/order", order(call, "MARKET", "BUY", 75, "target_price", 110),
                    auth), 400).get("error").asText()).isEqualTo(
                    "A bracket order needs both 'target_price' and 'stop_loss_price'");
            assertThat(f.ok(f.http.post("/api/trade/order", order(call, "LIMIT", "BUY", 75, "price", 100,
                    "target_price", 95, "stop_loss_price", 90), auth), 400).get("error").asText()).isEqualTo(
                    "A BUY bracket order needs target_price above and stop_loss_price below the entry price 100.0");
            assertThat(f.ok(f.http.post("/api/trade/order", order(call, "SL-M", "BUY", 75, "trigger_price", 105,
                    "target_price", 120, "stop_loss_price", 90), auth), 400).get("error").asText()).isEqualTo(
                    "A bracket order's entry must be a MARKET or LIMIT order");
            assertThat(get(f, "/api/trade/orders", auth).get("count").asInt()).isZero();
        }
    }

    @Test
    void ordersTradesAndDailyPnlExportAsCsv() {
        try (TradingFixture f = new TradingFixture(new TestServices(), Map.of(), WEDNESDAY)) {
            String call = f.option(OptionType.CALL, 21500);
            f.quote(call, 99, 101, 100);
            f.publish();
            String[] auth = f.auth("b1b1b1b1b1b1b1b1b1b1b1b1");
            f.ok(f.http.post("/api/trade/order", order(call, "MARKET", "BUY", 150), auth), 201);
            f.ok(f.http.post("/api/trade/order", order(call, "MARKET", "SELL", 75), auth), 201);
            f.ok(f.http.post("/api/trade/order", order(call, "LIMIT", "BUY", 75, "price", 90), auth), 201);

            HttpJson.Response orders = f.http.get("/api/trade/export/orders", auth);
            assertThat(orders.status()).isEqualTo(200);
            assertThat(orders.header("Content-Type")).startsWith("text/csv");
            assertThat(orders.header("Content-Disposition")).isEqualTo("attachment; filename=\"orders.csv\"");
            String[] lines = orders.body().split("\r\n");
            assertThat(lines).hasSize(4);
            assertThat(lines[0]).isEqualTo("order_id,placed_at,symbol,side,order_type,validity,quantity,price,"
                    + "trigger_price,status,filled_quantity,avg_fill_price,updated_at,parent_order_id,"
                    + "rejection_reason,cancel_reason");
            // newest first: the resting limit order
            assertThat(lines[1].split(",", -1)).contains(call, "BUY", "LIMIT", "DAY", "75", "90.0", "OPEN");

            String[] trades = f.http.get("/api/trade/export/trades", auth).body().split("\r\n");
            assertThat(trades).hasSize(3);
            assertThat(trades[1].split(",", -1)).contains(call, "SELL", "75", "99.0", "taker");

            String[] pnl = f.http.get("/api/trade/export/pnl", auth).body().split("\r\n");
            assertThat(pnl).hasSize(2);
            String[] today = pnl[1].split(",", -1);
            assertThat(today[0]).isEqualTo("2026-12-09");
            assertThat(today[1]).isEqualTo("2");
            double net = Double.parseDouble(today[4]);
            assertThat(net).isEqualTo(f.ok(f.http.get("/api/trade/pnl?period=today", auth), 200)
                    .get("realized_pnl").asDouble());
            assertThat(Double.parseDouble(today[2])).isEqualTo(-150.0);

            HttpJson.Response unknown = f.http.get("/api/trade/export/positions", auth);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().get("error").asText()).isEqualTo("Unknown export 'positions': orders, trades "
                    + "or pnl");
            assertThat(f.http.get("/api/trade/export/orders").status()).isEqualTo(401);
        }
    }
}
