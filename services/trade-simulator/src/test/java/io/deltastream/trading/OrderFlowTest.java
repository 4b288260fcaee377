package io.deltastream.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.testkit.Eventually;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Order types and state transitions through the HTTP API against a published market. */
class OrderFlowTest {
    private TradingFixture f;
    private String call;
    private String[] alice;
    private String[] bob;

    @BeforeEach
    void start() {
        // One lot at the best synthetic level, two at the next, ...: partial fills are easy to provoke.
        f = new TradingFixture(Map.of("TRADING_DEPTH_LOTS", "1"));
        call = f.option(OptionType.CALL, 21500);
        f.quote(call, 99, 101, 100);
        f.publish();
        alice = f.auth("aaaaaaaaaaaaaaaaaaaaaaaa");
        bob = f.auth("bbbbbbbbbbbbbbbbbbbbbbbb");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private JsonNode place(String[] user, Map<String, Object> body) {
        return f.ok(f.http.post("/api/trade/order", body, user), 201);
    }

    private JsonNode order(String[] user, String id) {
        return f.ok(f.http.get("/api/trade/order/" + id, user), 200);
    }

    @Test
    void marketOrderSweepsTheDepthWithSlippageAndChargesFeesPerFill() {
        JsonNode r = place(alice, Map.of("symbol", call, "orderType", "MARKET", "side", "BUY", "quantity", 150));
        assertThat(r.get("order_id").asText()).matches("ORD_\\d{8}_[0-9A-F]{8}");
        assertThat(r.get("status").asText()).isEqualTo("FILLED");
        assertThat(r.get("message").asText()).isEqualTo("Order filled");
        assertThat(r.get("filled_quantity").asLong()).isEqualTo(150);
        assertThat(r.get("avg_fill_price").asDouble()).isEqualTo(101.5);
        JsonNode trades = f.ok(f.http.get("/api/trade/trades", alice), 200);
        assertThat(trades.get("count").asInt()).isEqualTo(2);
        double fees = 0;
        for (JsonNode t : trades.get("trades")) {
            assertThat(t.get("trade_id").asText()).matches("TRD_\\d{8}_[0-9A-F]{8}");
            assertThat(t.get("counterparty").asText()).isEqualTo("market");
            fees += t.get("commission").asDouble();
        }
        // min(20, 0.05%): 0.0005 * 75 * 101 = 3.7875 -> 3.79; 0.0005 * 75 * 102 = 3.825 -> 3.83
        assertThat(fees).isCloseTo(3.79 + 3.83, within(1e-9));
        JsonNode p = f.ok(f.http.get("/api/trade/portfolio", alice), 200);
        assertThat(p.get("cash_balance").asDouble()).isCloseTo(1_000_000 - 75 * 101 - 75 * 102 - fees, within(0.005));
        JsonNode positions = f.ok(f.http.get("/api/trade/positions", alice), 200);
        assertThat(positions.get("count").asInt()).isEqualTo(1);
        JsonNode pos = positions.get("positions").get(0);
        assertThat(pos.get("quantity").asLong()).isEqualTo(150);
        assertThat(pos.get("avg_entry_price").asDouble()).isEqualTo(101.5);
        assertThat(pos.get("current_price").asDouble()).isEqualTo(100.0);
        assertThat(pos.get("unrealized_pnl").asDouble()).isEqualTo(-225.0);
        assertThat(pos.get("option_type").asText()).isEqualTo("CALL");
    }

    @Test
    void anOrderRetriedWithItsClientOrderIdIsPlacedOnceAndAnsweredWithTheFirstOrder() {
        Map<String, Object> body = Map.of("symbol", call, "order_type", "LIMIT", "side", "BUY", "quantity", 75,
                "price", 95, "client_order_id", "alice-0001");
        JsonNode first = place(alice, body);
        JsonNode again = place(alice, body);
        assertThat(again.get("order_id").asText()).isEqualTo(first.get("order_id").asText());
        assertThat(again.get("order").get("client_order_id").asText()).isEqualTo("alice-0001");
        assertThat(f.ok(f.http.get("/api/trade/orders", alice), 200).get("count").asInt()).isEqualTo(1);
        // the key is the user's own: bob's order with the same key is his first
        JsonNode bobs = place(bob, body);
        assertThat(bobs.get("order_id").asText()).isNotEqualTo(first.get("order_id").asText());
        // a risk-rejected order answers its rejection again, without a second order
        Map<String, Object> tooBig = Map.of("symbol", call, "order_type", "LIMIT", "side", "BUY",
                "quantity", 75 * 100, "price", 95, "client_order_id", "alice-0002");
        JsonNode rejected = f.ok(f.http.post("/api/trade/order", tooBig, alice), 400);
        JsonNode rejectedAgain = f.ok(f.http.post("/api/trade/order", tooBig, alice), 400);
        assertThat(rejectedAgain.get("error").asText()).isEqualTo(rejected.get("error").asText());
        assertThat(f.ok(f.http.get("/api/trade/orders", alice), 200).get("count").asInt()).isEqualTo(2);
        JsonNode bad = f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "MARKET",
                "side", "BUY", "quantity", 75, "client_order_id", "no spaces please"), alice), 400);
        assertThat(bad.get("error").asText()).contains("client_order_id");
        JsonNode leg = f.ok(f.http.post("/api/trade/basket", Map.of("orders", java.util.List.of(
                Map.of("symbol", call, "order_type", "MARKET", "side", "BUY", "quantity", 75),
                Map.of("symbol", call, "order_type", "MARKET", "side", "SELL", "quantity", 75,
                        "client_order_id", "leg-1"))), alice), 400);
        assertThat(leg.get("error").asText()).contains("client_order_id");
    }

    @Test
    void limitOrderRestsAndFillsAtItsPriceWhenTheMarketMovesThroughIt() {
        JsonNode r = place(alice, Map.of("symbol", call, "order_type", "LIMIT", "side", "BUY", "quantity", 75,
                "price", 95));
        assertThat(r.get("status").asText()).isEqualTo("OPEN");
        assertThat(r.get("message").asText()).isEqualTo("Order open");
        JsonNode book = f.ok(f.http.get("/api/trade/orderbook/" + call), 200);
        assertThat(book.get("bids").get(0).get(0).asDouble()).isEqualTo(99.0);
        // 75 resting units plus the synthetic fifth level's 375 at 95.
        assertThat(book.toString()).contains("[95.0,450]");
        f.quote(call, 92, 94, 93);
        f.publish();
        JsonNode o = order(alice, r.get("order_id").asText());
        assertThat(o.get("status").asText()).isEqualTo("FILLED");
        assertThat(o.get("avg_fill_price").asDouble()).isEqualTo(95.0);
    }

    @Test
    void usersOrdersCrossEachOtherWithPriceTimePriority() {
        JsonNode sell = place(alice, Map.of("symbol", call, "order_type", "LIMIT", "side", "SELL", "quantity", 75,
                "price", 100.5));
        assertThat(sell.get("status").asText()).isEqualTo("OPEN");
        JsonNode buy = place(bob, Map.of("symbol", call, "order_type", "LIMIT", "side", "BUY", "quantity", 150,
                "price", 101));
        assertThat(buy.get("status").asText()).isEqualTo("FILLED");
        // 75 from alice at her 100.50, then 75 from the feed's ask at 101.
        assertThat(buy.get("avg_fill_price").asDouble()).isEqualTo(100.75);
        assertThat(order(alice, sell.get("order_id").asText()).get("status").asText()).isEqualTo("FILLED");
        JsonNode aliceTrade = f.ok(f.http.get("/api/trade/trades", alice), 200).get("trades").get(0);
        assertThat(aliceTrade.get("counterparty").asText()).isEqualTo("user");
        assertThat(aliceTrade.get("liquidity").asText()).isEqualTo("maker");
        assertThat(aliceTrade.get("price").asDouble()).isEqualTo(100.5);
    }

    @Test
    void partialFillThenCancelOfTheRemainder() {
        JsonNode r = place(alice, Map.of("symbol", call, "order_type", "LIMIT", "side", "BUY", "quantity", 150,
                "price", 101));
        assertThat(r.get("status").asText()).isEqualTo("PARTIALLY_FILLED");
        assertThat(r.get("message").asText()).isEqualTo("Order partially_filled");
        assertThat(r.get("filled_quantity").asLong()).isEqualTo(75);
        String id = r.get("order_id").asText();
        JsonNode c = f.ok(f.http.delete("/api/trade/order/" + id, alice), 200);
        assertThat(c.get("message").asText()).isEqualTo("Order cancelled");
        assertThat(c.get("order_id").asText()).isEqualTo(id);
        JsonNode o = order(alice, id);
        assertThat(o.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(o.get("filled_quantity").asLong()).isEqualTo(75);
        JsonNode again = f.ok(f.http.delete("/api/trade/order/" + id, alice), 400);
        assertThat(again.get("error").asText()).isEqualTo("Cannot cancel order in status: CANCELLED");
        f.ok(f.http.delete("/api/trade/order/" + id, bob), 404);
        assertThat(f.ok(f.http.delete("/api/trade/order/ORD_20260101_DEADBEEF", alice), 404).get("error").asText())
                .isEqualTo("Order not found");
    }

    @Test
    void iocCancelsWhatDoesNotFillAtOnce() {
        JsonNode r = place(alice, Map.of("symbol", call, "order_type", "LIMIT", "side", "BUY", "quantity", 150,
                "price", 101, "validity", "IOC"));
        assertThat(r.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(r.get("filled_quantity").asLong()).isEqualTo(75);
        assertThat(f.ok(f.http.get("/api/trade/orderbook/" + call), 200).toString()).doesNotContain("[101.0,75]");
    }

    @Test
    void stopMarketAndStopLimitTriggerOnTheLastPrice() {
        JsonNode slm = place(alice, Map.of("symbol", call, "order_type", "SL-M", "side", "SELL", "quantity", 75,
                "trigger_price", 90));
        assertThat(slm.get("status").asText()).isEqualTo("TRIGGER_PENDING");
        JsonNode sl = place(bob, Map.of("symbol", call, "order_type", "SL", "side", "BUY", "quantity", 75,
                "trigger_price", 110, "price", 112));
        assertThat(sl.get("status").asText()).isEqualTo("TRIGGER_PENDING");
        f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "SL-M", "side", "BUY",
                "quantity", 75, "trigger_price", 95), alice), 400);
        f.quote(call, 88, 90, 89);
        f.publish();
        JsonNode o = order(alice, slm.get("order_id").asText());
        assertThat(o.get("status").asText()).isEqualTo("FILLED");
        assertThat(o.get("avg_fill_price").asDouble()).isEqualTo(88.0);
        assertThat(order(bob, sl.get("order_id").asText()).get("status").asText()).isEqualTo("TRIGGER_PENDING");
        // Moving the stop's trigger (and limit) above the coming last price keeps it waiting through the next tick.
        JsonNode moved = f.ok(f.http.put("/api/trade/order/" + sl.get("order_id").asText(),
                Map.of("trigger_price", 115, "price", 116), bob), 200);
        assertThat(moved.get("trigger_price").asDouble()).isEqualTo(115.0);
        f.quote(call, 110.5, 111.5, 111);
        f.publish();
        assertThat(order(bob, sl.get("order_id").asText()).get("status").asText()).isEqualTo("TRIGGER_PENDING");
        // A trigger the last price (111) has already passed is refused; one above it is taken.
        f.ok(f.http.put("/api/trade/order/" + sl.get("order_id").asText(), Map.of("trigger_price", 110), bob), 400);
        f.ok(f.http.put("/api/trade/order/" + sl.get("order_id").asText(), Map.of("trigger_price", 112, "price",
                113), bob), 200);
        f.quote(call, 112, 113, 112.5);
        f.publish();
        JsonNode b = order(bob, sl.get("order_id").asText());
        assertThat(b.get("status").asText()).isEqualTo("FILLED");
        assertThat(b.get("avg_fill_price").asDouble()).isEqualTo(113.0);
        assertThat(b.get("triggered").asBoolean()).isTrue();
    }

    @Test
    void modifyRepricesAndMayTradeAtOnce() {
        JsonNode r = place(alice, Map.of("symbol", call, "order_type", "LIMIT", "side", "BUY", "quantity", 75,
                "price", 95));
        String id = r.get("order_id").asText();
        f.ok(f.http.put("/api/trade/order/" + id, Map.of("quantity", 100), alice), 400);
        JsonNode m = f.ok(f.http.put("/api/trade/order/" + id, Map.of("quantity", 150, "price", 96), alice), 200);
        assertThat(m.get("status").asText()).isEqualTo("OPEN");
        assertThat(m.get("quantity").asLong()).isEqualTo(150);
        m = f.ok(f.http.put("/api/trade/order/" + id, Map.of("price", 101), alice), 200);
        assertThat(m.get("status").asText()).isEqualTo("PARTIALLY_FILLED");
        assertThat(m.get("filled_quantity").asLong()).isEqualTo(75);
        f.ok(f.http.put("/api/trade/order/" + id, Map.of("quantity", 75), alice), 400);
        m = f.ok(f.http.put("/api/trade/order/" + id, Map.of("price", 102), alice), 200);
        assertThat(m.get("status").asText()).isEqualTo("FILLED");
        assertThat(m.get("avg_fill_price").asDouble()).isEqualTo(101.5);
        assertThat(f.ok(f.http.put("/api/trade/order/" + id, Map.of("price", 100), alice), 400).get("error").asText())
                .isEqualTo("Cannot modify order in status: FILLED");
    }

    @Test
    void marketOrderWaitsForLiquidityOnTheNextTick() {
        String put = f.option(OptionType.PUT, 21300);
        f.quote(put, 4, 0, 5);
        f.publish();
        JsonNode r = place(alice, Map.of("symbol", put, "order_type", "MARKET", "side", "BUY", "quantity", 75));
        assertThat(r.get("status").asText()).isEqualTo("PENDING");
        f.quote(put, 5, 6, 5.5);
        f.publish();
        JsonNode o = order(alice, r.get("order_id").asText());
        assertThat(o.get("status").asText()).isEqualTo("FILLED");
        assertThat(o.get("avg_fill_price").asDouble()).isEqualTo(6.0);
    }

    @Test
    void underlyingsTradeAtASyntheticSpreadAroundTheirPrice() {
        Instant now = f.clock.instant();
        f.bus.topics().publish(io.deltastream.market.channel.MarketTopics.ENRICHED_UNDERLYING,
                io.deltastream.market.wire.WireCodec.encode(
                        new io.deltastream.market.wire.EnrichedUnderlying("AAPL", 185, now, now)));
        Eventually.until("AAPL quoted", () -> f.http.get("/api/trade/orderbook/AAPL").status() == 200);
        JsonNode book = f.ok(f.http.get("/api/trade/orderbook/AAPL"), 200);
        // 2 bp around 185, on the 0.01 tick: 184.98 / 185.02.
        assertThat(book.get("bids").get(0).get(0).asDouble()).isEqualTo(184.98);
        assertThat(book.get("asks").get(0).get(0).asDouble()).isEqualTo(185.02);
        JsonNode r = place(alice, Map.of("symbol", "AAPL", "order_type", "MARKET", "side", "BUY", "quantity", 100));
        assertThat(r.get("status").asText()).isEqualTo("FILLED");
        assertThat(r.get("avg_fill_price").asDouble()).isEqualTo(185.02);
        // A NIFTY lot (75 x 21,500) is worth more than the order value limit and the account.
        JsonNode nifty = f.ok(f.http.post("/api/trade/order", Map.of("symbol", "NIFTY", "order_type", "MARKET",
                "side", "BUY", "quantity", 75), alice), 400);
        assertThat(nifty.get("type").asText()).isEqualTo("risk_limit");
    }

    @Test
    void realizedAndUnrealizedPnlThroughTheApi() {
        place(alice, Map.of("symbol", call, "order_type", "MARKET", "side", "BUY", "quantity", 150));
        // Average 101.50; selling 75 at the bid of 99 realizes (99 - 101.5) x 75 = -187.50 before fees.
        place(alice, Map.of("symbol", call, "order_type", "MARKET", "side", "SELL", "quantity", 75));
        JsonNode trades = f.ok(f.http.get("/api/trade/trades", alice), 200).get("trades");
        JsonNode lastSell = trades.get(0);
        assertThat(lastSell.get("side").asText()).isEqualTo("SELL");
        assertThat(lastSell.get("realized_pnl").asDouble()).isEqualTo(-187.5);
        double fees = 0;
        for (JsonNode t : trades) {
            fees += t.get("commission").asDouble();
        }
        JsonNode p = f.ok(f.http.get("/api/trade/portfolio", alice), 200);
        assertThat(p.get("gross_realized_pnl").asDouble()).isEqualTo(-187.5);
        assertThat(p.get("realized_pnl").asDouble()).isCloseTo(-187.5 - fees, within(0.006));
        // 75 left at 101.50, marked at the mid of 100.
        assertThat(p.get("unrealized_pnl").asDouble()).isEqualTo(-112.5);
        assertThat(p.get("total_pnl").asDouble()).isCloseTo(-187.5 - fees - 112.5, within(0.006));
        assertThat(p.get("equity").asDouble()).isCloseTo(1_000_000 - 187.5 - fees - 112.5, within(0.006));
        JsonNode pnl = f.ok(f.http.get("/api/trade/pnl?period=today", alice), 200);
        assertThat(pnl.get("realized_pnl").asDouble()).isCloseTo(-187.5 - fees, within(0.006));
        assertThat(pnl.get("unrealized_pnl").asDouble()).isEqualTo(-112.5);
        assertThat(f.ok(f.http.get("/api/trade/performance", alice), 200).get("closed_trades").asInt()).isZero();
        place(alice, Map.of("symbol", call, "order_type", "MARKET", "side", "SELL", "quantity", 75));
        JsonNode perf = f.ok(f.http.get("/api/trade/performance", alice), 200);
        assertThat(perf.get("closed_trades").asInt()).isEqualTo(1);
        assertThat(perf.get("win_rate").asDouble()).isZero();
        assertThat(perf.get("total_loss").asDouble()).isGreaterThan(375.0);
        assertThat(f.ok(f.http.get("/api/trade/positions", alice), 200).get("count").asInt()).isZero();
    }

    @Test
    void dayOrdersExpireAtTheClose() {
        JsonNode r = place(alice, Map.of("symbol", call, "order_type", "LIMIT", "side", "BUY", "quantity", 75,
                "price", 95));
        JsonNode o = order(alice, r.get("order_id").asText());
        java.time.Instant close = java.time.Instant.parse(o.get("expires_at").asText());
        f.clock.set(close.plus(Duration.ofSeconds(1)));
        f.service.engine().housekeeping();
        assertThat(order(alice, r.get("order_id").asText()).get("status").asText()).isEqualTo("EXPIRED");
        assertThat(f.ok(f.http.get("/api/trade/orders?status=EXPIRED", alice), 200).get("count").asInt()).isEqualTo(1);
    }

    @Test
    void validationAndAuthentication() {
        assertThat(f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "side", "BUY"), alice), 400)
                .get("error").asText()).isEqualTo("Missing required fields");
        assertThat(f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "LIMIT", "side", "BUY",
                "quantity", 75), alice), 400).get("error").asText()).isEqualTo("Price required for limit orders");
        assertThat(f.ok(f.http.post("/api/trade/order", Map.of("symbol", "NIFTY20200102C21500", "order_type",
                "MARKET", "side", "BUY", "quantity", 75), alice), 400).get("error").asText())
                .startsWith("Instrument expired");
        assertThat(f.ok(f.http.post("/api/trade/order", Map.of("symbol", "FOO", "order_type", "MARKET", "side", "BUY",
                "quantity", 75), alice), 400).get("error").asText()).startsWith("Unknown instrument");
        assertThat(f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "MARKET", "side", "BUY",
                "quantity", 50), alice), 400).get("error").asText()).contains("lot size 75");
        assertThat(f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "LIMIT", "side", "BUY",
                "quantity", 75, "price", 100.01), alice), 400).get("error").asText()).contains("tick size");
        f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "MARKET", "side", "buy",
                "quantity", 75), alice), 400);
        f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "STOP", "side", "BUY",
                "quantity", 75), alice), 400);
        assertThat(f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "MARKET", "side", "BUY",
                "quantity", 75, "colour", "red"), alice), 400).get("error").asText()).contains("colour");
        assertThat(f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "MARKET", "side", "BUY",
                "quantity", "75"), alice), 400).get("error").asText()).contains("quantity");
        assertThat(f.ok(f.http.get("/api/trade/portfolio"), 401).get("error").asText()).isEqualTo("No token provided");
        assertThat(f.ok(f.http.get("/api/trade/portfolio", "Authorization", "Bearer x.y.z"), 401).get("error").asText())
                .isEqualTo("Invalid token");
        assertThat(f.ok(f.http.get("/api/trade/portfolio", "Authorization", f.token("u")), 401).get("error").asText())
                .isEqualTo("Invalid authorization header");
        io.deltastream.platform.auth.IssuedToken loggedOut = f.issued("u");
        f.ok(f.http.get("/api/trade/portfolio", "Authorization", "Bearer " + loggedOut.token()), 200);
        f.bus.cache().set(io.deltastream.bus.auth.TokenStanding.tokenKey(loggedOut.tokenId()), "1",
                Duration.ofMinutes(5));
        assertThat(f.ok(f.http.get("/api/trade/portfolio", "Authorization", "Bearer " + loggedOut.token()), 401)
                .get("error").asText()).isEqualTo("Token revoked");
        f.ok(f.http.get("/api/trade/orderbook/FOO"), 404);
        f.ok(f.http.get("/api/trade/orders?limit=abc", alice), 400);
        f.ok(f.http.get("/api/trade/pnl?period=decade", alice), 400);
    }

    @Test
    void referenceRouteShapes() {
        JsonNode p = f.ok(f.http.get("/api/trade/portfolio", alice), 200);
        for (String k : new String[] {"user_id", "cash_balance", "margin_used", "margin_available", "total_pnl",
            "realized_pnl", "unrealized_pnl", "created_at", "updated_at"}) {
            assertThat(p.has(k)).as(k).isTrue();
        }
        assertThat(p.get("cash_balance").asDouble()).isEqualTo(1_000_000.0);
        assertThat(p.has("_id")).isFalse();
        JsonNode pnl = f.ok(f.http.get("/api/trade/pnl?period=today", alice), 200);
        for (String k : new String[] {"period", "realized_pnl", "unrealized_pnl", "total_pnl", "returns_pct",
            "initial_capital", "current_value"}) {
            assertThat(pnl.has(k)).as(k).isTrue();
        }
        JsonNode perf = f.ok(f.http.get("/api/trade/performance", alice), 200);
        for (String k : new String[] {"total_trades", "win_rate", "avg_profit", "avg_loss", "profit_factor",
            "max_drawdown", "closed_trades", "total_profit", "total_loss"}) {
            assertThat(perf.has(k)).as(k).isTrue();
        }
        JsonNode risk = f.ok(f.http.get("/api/trade/risk", alice), 200);
        for (String k : new String[] {"margin_used", "margin_available", "margin_utilization", "open_positions",
            "max_positions", "total_pnl", "daily_loss_limit", "exposure_by_product", "max_concentration",
            "concentration_limit", "greeks", "limits"}) {
            assertThat(risk.has(k)).as(k).isTrue();
        }
        assertThat(risk.get("max_positions").asInt()).isEqualTo(10);
        assertThat(risk.get("daily_loss_limit").asDouble()).isEqualTo(-50000.0);
        JsonNode book = f.ok(f.http.get("/api/trade/orderbook/" + call), 200);
        for (String k : new String[] {"symbol", "mid_price", "last_trade", "spread", "bids", "asks"}) {
            assertThat(book.has(k)).as(k).isTrue();
        }
        assertThat(book.get("spread").asDouble()).isEqualTo(2.0);
        assertThat(f.ok(f.http.get("/api/trade/orders", alice), 200).has("orders")).isTrue();
        Eventually.until("health", () -> f.http.get("/health").status() == 200);
        place(alice, Map.of("symbol", call, "order_type", "MARKET", "side", "BUY", "quantity", 75));
        String metrics = f.http.get("/metrics").body();
        assertThat(metrics).contains("trading_fills_total").contains("trading_order_updates_total")
                .contains("status=\"FILLED\"").contains("trading_working_orders");
    }
}
