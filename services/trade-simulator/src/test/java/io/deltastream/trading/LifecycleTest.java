package io.deltastream.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.bus.TopicSubscription;
import io.deltastream.market.channel.UserTopics;
import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.market.wire.UserEvent;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Restart recovery, expiry settlement and published user events. */
class LifecycleTest {

    @Test
    void restingOrdersPositionsAndCashSurviveARestart() {
        TestServices first = new TestServices();
        String user = "dddddddddddddddddddddddd";
        String restingId;
        String stopId;
        double cash;
        String call;
        try (TradingFixture f = new TradingFixture(first, Map.of(), Instant.now())) {
            call = f.option(OptionType.CALL, 21500);
            f.quote(call, 99, 101, 100);
            f.publish();
            String[] auth = f.auth(user);
            f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "MARKET", "side", "BUY",
                    "quantity", 150), auth), 201);
            restingId = f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "LIMIT", "side",
                    "BUY", "quantity", 75, "price", 95), auth), 201).get("order_id").asText();
            stopId = f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "SL-M", "side",
                    "SELL", "quantity", 75, "trigger_price", 80), auth), 201).get("order_id").asText();
            cash = f.ok(f.http.get("/api/trade/portfolio", auth), 200).get("cash_balance").asDouble();
        }
        TestServices second = new TestServices().env("DATA_DIR", first.dataDir().toString());
        try (TradingFixture f = new TradingFixture(second, Map.of(), Instant.now())) {
            String[] auth = f.auth(user);
            JsonNode p = f.ok(f.http.get("/api/trade/portfolio", auth), 200);
            assertThat(p.get("cash_balance").asDouble()).isEqualTo(cash);
            JsonNode positions = f.ok(f.http.get("/api/trade/positions", auth), 200);
            assertThat(positions.get("positions").get(0).get("quantity").asLong()).isEqualTo(150);
            assertThat(f.ok(f.http.get("/api/trade/order/" + restingId, auth), 200).get("status").asText())
                    .isEqualTo("OPEN");
            assertThat(f.service.engine().workingOrders()).isEqualTo(2);
            // The recovered orders work: the market moves through the limit and the stop.
            f.quote(call, 77, 79, 78);
            f.publish();
            JsonNode limit = f.ok(f.http.get("/api/trade/order/" + restingId, auth), 200);
            assertThat(limit.get("status").asText()).isEqualTo("FILLED");
            assertThat(limit.get("avg_fill_price").asDouble()).isEqualTo(95.0);
            JsonNode stop = f.ok(f.http.get("/api/trade/order/" + stopId, auth), 200);
            assertThat(stop.get("status").asText()).isEqualTo("FILLED");
            assertThat(stop.get("avg_fill_price").asDouble()).isEqualTo(77.0);
        }
    }

    @Test
    void expiredOptionsSettleAtIntrinsicValueAgainstTheFinalSpot() {
        try (TradingFixture f = new TradingFixture(Map.of())) {
            String itmCall = f.option(OptionType.CALL, 21400);
            String put = f.option(OptionType.PUT, 21600);
            String otmCall = f.option(OptionType.CALL, 21700);
            f.quote(itmCall, 199, 201, 200);
            f.quote(put, 149, 151, 150);
            f.quote(otmCall, 19, 21, 20);
            f.publish();
            String[] auth = f.auth("eeeeeeeeeeeeeeeeeeeeeeee");
            f.ok(f.http.post("/api/trade/order", Map.of("symbol", itmCall, "order_type", "MARKET", "side", "BUY",
                    "quantity", 75), auth), 201);
            f.ok(f.http.post("/api/trade/order", Map.of("symbol", put, "order_type", "MARKET", "side", "SELL",
                    "quantity", 75), auth), 201);
            f.ok(f.http.post("/api/trade/order", Map.of("symbol", otmCall, "order_type", "MARKET", "side", "BUY",
                    "quantity", 75), auth), 201);
            String resting = f.ok(f.http.post("/api/trade/order", Map.of("symbol", otmCall, "order_type", "LIMIT",
                    "side", "BUY", "quantity", 75, "price", 15), auth), 201).get("order_id").asText();
            double cashBefore = f.ok(f.http.get("/api/trade/portfolio", auth), 200).get("cash_balance").asDouble();
            // The last spot before the expiry time is the final one; a later tick must not count.
            Instant expiry = ExpiryCalendar.expiryInstant(TradingFixture.NIFTY, f.expiry);
            f.clock.set(expiry.minus(Duration.ofMinutes(1)));
            f.spot = 21550;
            f.publish();
            f.clock.set(expiry.plus(Duration.ofMinutes(1)));
            f.spot = 21900;
            f.publish();
            f.service.engine().housekeeping();
            assertThat(f.ok(f.http.get("/api/trade/positions", auth), 200).get("count").asInt()).isZero();
            List<JsonNode> settlements = new java.util.ArrayList<>();
            f.ok(f.http.get("/api/trade/trades", auth), 200).get("trades").forEach(t -> {
                if (t.get("settlement").asBoolean()) {
                    settlements.add(t);
                }
            });
            assertThat(settlements).hasSize(3);
            Map<String, Double> prices = new java.util.HashMap<>();
            settlements.forEach(t -> prices.put(t.get("symbol").asText(), t.get("price").asDouble()));
            assertThat(prices).containsEntry(itmCall, 150.0).containsEntry(put, 50.0).containsEntry(otmCall, 0.0);
            double cashAfter = f.ok(f.http.get("/api/trade/portfolio", auth), 200).get("cash_balance").asDouble();
            // Long call receives 75 x 150, short put pays 75 x 50, the worthless call settles at 0; no fees.
            assertThat(cashAfter - cashBefore).isCloseTo(75 * 150 - 75 * 50, within(0.005));
            assertThat(f.ok(f.http.get("/api/trade/order/" + resting, auth), 200).get("status").asText())
                    .isEqualTo("EXPIRED");
            assertThat(f.ok(f.http.post("/api/trade/order", Map.of("symbol", itmCall, "order_type", "MARKET",
                    "side", "BUY", "quantity", 75), auth), 400).get("error").asText()).startsWith("Instrument expired");
        }
    }

    @Test
    void orderTradePositionAndPortfolioEventsArePublishedForTheUser() {
        try (TradingFixture f = new TradingFixture(Map.of())) {
            String call = f.option(OptionType.CALL, 21500);
            f.publish();
            List<UserEvent> events = new CopyOnWriteArrayList<>();
            try (TopicSubscription sub = f.bus.topics().subscribe(List.of(UserTopics.USER_EVENTS), (t, payload) -> {
                try {
                    events.add(UserEvent.decode(payload));
                } catch (MalformedMessageException e) {
                    throw new AssertionError(e);
                }
            })) {
                String user = "ffffffffffffffffffffffff";
                f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "MARKET", "side", "BUY",
                        "quantity", 75), f.auth(user)), 201);
                Eventually.until("four events", () -> events.stream().map(UserEvent::event).distinct().count() == 4);
                assertThat(events).allMatch(e -> e.userId().equals(user));
                UserEvent order = events.stream().filter(e -> e.event().equals(UserEvent.ORDER_UPDATE)).findFirst()
                        .orElseThrow();
                assertThat(order.data().get("status").asText()).isEqualTo("FILLED");
                UserEvent position = events.stream().filter(e -> e.event().equals(UserEvent.POSITION_UPDATE))
                        .findFirst().orElseThrow();
                assertThat(position.data().get("quantity").asLong()).isEqualTo(75);
            }
        }
    }

    @Test
    void theTradingDayRollsOverInHousekeepingNotInReads() {
        // Wednesday 23:50 in Kolkata; the position's expiry is days away.
        Instant start = Instant.parse("2026-12-09T18:20:00Z");
        // Housekeeping runs when this test says (its own schedule, every second by default, could roll the day first).
        try (TradingFixture f = new TradingFixture(new TestServices(), Map.of("TRADING_HOUSEKEEPING_INTERVAL", "600"),
                start)) {
            String call = f.option(OptionType.CALL, 21500);
            f.quote(call, 99, 101, 100);
            f.publish();
            String[] auth = f.auth("abababababababababababab");
            f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "MARKET", "side", "BUY",
                    "quantity", 150), auth), 201);
            f.quote(call, 89, 91, 90);
            f.publish();
            JsonNode before = f.ok(f.http.get("/api/trade/portfolio", auth), 200);
            assertThat(before.get("day").asText()).isEqualTo("2026-12-09");
            double lossToday = f.ok(f.http.get("/api/trade/risk", auth), 200).get("day_pnl").asDouble();
            assertThat(lossToday).isLessThan(-1000);

            f.clock.advance(Duration.ofMinutes(20));
            // reads change nothing: the day and its loss stay until housekeeping starts the new day
            JsonNode read = f.ok(f.http.get("/api/trade/portfolio", auth), 200);
            assertThat(read.get("day").asText()).isEqualTo("2026-12-09");
            assertThat(read.get("day_start_equity").asDouble()).isEqualTo(before.get("day_start_equity").asDouble());
            assertThat(f.ok(f.http.get("/api/trade/risk", auth), 200).get("day_pnl").asDouble()).isEqualTo(lossToday);

            f.service.engine().housekeeping();
            JsonNode rolled = f.ok(f.http.get("/api/trade/portfolio", auth), 200);
            assertThat(rolled.get("day").asText()).isEqualTo("2026-12-10");
            assertThat(rolled.get("day_start_equity").asDouble()).isEqualTo(rolled.get("equity").asDouble());
            assertThat(f.ok(f.http.get("/api/trade/risk", auth), 200).get("day_pnl").asDouble()).isZero();
        }
    }
}
