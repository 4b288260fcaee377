package io.deltastream.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.testkit.HttpJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many users placing, modifying and cancelling at once while the market ticks: afterwards every account reconciles
 * exactly with its trade log, every order with its fills, and user-to-user trades net to zero.
 */
class ConcurrencyTest {
    private static final int USERS = 12;
    private static final int OPS = 40;

    @Test
    void accountsOrdersAndTradesReconcile() throws Exception {
        try (TradingFixture f = new TradingFixture(Map.of("TRADING_ORDER_RATE", "1000000", "TRADING_ORDER_BURST",
                "1000000", "TRADING_DEPTH_LOTS", "2", "TRADING_CONCENTRATION_LIMIT", "1"))) {
            List<String> symbols = List.of(f.option(OptionType.CALL, 21500), f.option(OptionType.PUT, 21500));
            symbols.forEach(s -> f.quote(s, 99, 101, 100));
            f.publish();
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger rejected = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(USERS + 1);
            List<Future<?>> work = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                String user = String.format("%024x", u + 1);
                long seed = u;
                work.add(pool.submit(() -> trade(f, user, symbols, new SplittableRandom(seed), accepted, rejected)));
            }
            work.add(pool.submit(() -> {
                SplittableRandom rnd = new SplittableRandom(99);
                for (int t = 0; t < 15; t++) {
                    for (String s : symbols) {
                        double mid = 95 + rnd.nextInt(11);
                        f.quote(s, mid - 1, mid + 1, mid);
                    }
                    f.publish();
                }
            }));
            for (Future<?> w : work) {
                w.get();
            }
            pool.shutdown();
            assertThat(accepted.get()).isGreaterThan(USERS * OPS / 3);
            Map<String, Long> userToUser = new HashMap<>();
            for (int u = 0; u < USERS; u++) {
                reconcile(f, String.format("%024x", u + 1), userToUser);
            }
            userToUser.values().forEach(v -> assertThat(v).isZero());
        }
    }

    @Test
    void modifyAndCancelRacesEndInOneConsistentState() throws Exception {
        try (TradingFixture f = new TradingFixture(Map.of("TRADING_ORDER_RATE", "1000000", "TRADING_ORDER_BURST",
                "1000000", "TRADING_DEPTH_LOTS", "100"))) {
            String call = f.option(OptionType.CALL, 21500);
            f.quote(call, 99, 101, 100);
            f.publish();
            String[] auth = f.auth("0000000000000000000000aa");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            for (int i = 0; i < 30; i++) {
                String id = f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "LIMIT", "side",
                        "BUY", "quantity", 75, "price", 95), auth), 201).get("order_id").asText();
                Future<HttpJson.Response> cancel = pool.submit(() -> f.http.delete("/api/trade/order/" + id, auth));
                Future<HttpJson.Response> modify = pool.submit(() -> f.http.put("/api/trade/order/" + id,
                        Map.of("price", 101), auth));
                int c = cancel.get().status();
                int m = modify.get().status();
                JsonNode o = f.ok(f.http.get("/api/trade/order/" + id, auth), 200);
                String status = o.get("status").asText();
                if (c == 200) {
                    // Cancelled first (the modify then fails), or modified without a fill first: never both filled.
                    assertThat(status).isEqualTo("CANCELLED");
                    assertThat(o.get("filled_quantity").asLong()).isZero();
                } else {
                    assertThat(m).isEqualTo(200);
                    assertThat(status).isEqualTo("FILLED");
                    assertThat(cancel.get().json().get("error").asText()).isEqualTo("Cannot cancel order in status: FILLED");
                }
                if (m != 200) {
                    assertThat(modify.get().json().get("error").asText())
                            .isEqualTo("Cannot modify order in status: CANCELLED");
                }
            }
            pool.shutdown();
            assertThat(f.service.engine().workingOrders()).isZero();
            // Only the synthetic 5th level (500 lots x 75) is left at 95.
            assertThat(f.ok(f.http.get("/api/trade/orderbook/" + call), 200).toString()).contains("[95.0,37500]");
        }
    }

    private static void trade(TradingFixture f, String user, List<String> symbols, SplittableRandom rnd,
                              AtomicInteger accepted, AtomicInteger rejected) {
        String[] auth = f.auth(user);
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < OPS; i++) {
            int op = rnd.nextInt(100);
            String symbol = symbols.get(rnd.nextInt(symbols.size()));
            String side = rnd.nextBoolean() ? "BUY" : "SELL";
            HttpJson.Response r;
            if (op < 45) {
                double price = 97 + rnd.nextInt(9) * 0.5;
                r = f.http.post("/api/trade/order", Map.of("symbol", symbol, "order_type", "LIMIT", "side", side,
                        "quantity", 75 * (1 + rnd.nextInt(3)), "price", price), auth);
            } else if (op < 65) {
                r = f.http.post("/api/trade/order", Map.of("symbol", symbol, "order_type", "MARKET", "side", side,
                        "quantity", 75), auth);
            } else if (op < 85 && !mine.isEmpty()) {
                r = f.http.delete("/api/trade/order/" + mine.get(rnd.nextInt(mine.size())), auth);
            } else if (!mine.isEmpty()) {
                r = f.http.put("/api/trade/order/" + mine.get(rnd.nextInt(mine.size())),
                        Map.of("price", 97 + rnd.nextInt(9) * 0.5), auth);
            } else {
                continue;
            }
            assertThat(r.status()).as(r.body()).isIn(200, 201, 400);
            if (r.status() == 201) {
                mine.add(r.json().get("order_id").asText());
            }
            (r.status() == 400 ? rejected : accepted).incrementAndGet();
        }
    }

    private static void reconcile(TradingFixture f, String user, Map<String, Long> userToUser) {
        String[] auth = f.auth(user);
        JsonNode trades = f.ok(f.http.get("/api/trade/trades?limit=1000", auth), 200).get("trades");
        double cash = 1_000_000;
        double fees = 0;
        Map<String, Long> quantity = new HashMap<>();
        Map<String, Long> filledByOrder = new HashMap<>();
        for (JsonNode t : trades) {
            long q = t.get("quantity").asLong() * ("BUY".equals(t.get("side").asText()) ? 1 : -1);
            cash -= q * t.get("price").asDouble() + t.get("commission").asDouble();
            fees += t.get("commission").asDouble();
            quantity.merge(t.get("symbol").asText(), q, Long::sum);
            filledByOrder.merge(t.get("order_id").asText(), Math.abs(q), Long::sum);
            if ("user".equals(t.get("counterparty").asText())) {
                userToUser.merge(t.get("symbol").asText(), q, Long::sum);
            }
        }
        JsonNode p = f.ok(f.http.get("/api/trade/portfolio", auth), 200);
        assertThat(p.get("cash_balance").asDouble()).as(user).isCloseTo(cash, within(0.006));
        assertThat(p.get("commissions").asDouble()).as(user).isCloseTo(fees, within(0.006));
        Map<String, Long> held = new HashMap<>();
        f.ok(f.http.get("/api/trade/positions", auth), 200).get("positions")
                .forEach(x -> held.put(x.get("symbol").asText(), x.get("quantity").asLong()));
        quantity.values().removeIf(v -> v == 0);
        assertThat(held).as(user).isEqualTo(quantity);
        for (JsonNode o : f.ok(f.http.get("/api/trade/orders?limit=1000", auth), 200).get("orders")) {
            long filled = o.get("filled_quantity").asLong();
            assertThat(filled).as(o.toString()).isEqualTo(filledByOrder.getOrDefault(o.get("order_id").asText(), 0L));
            assertThat(filled).isLessThanOrEqualTo(o.get("quantity").asLong());
            String status = o.get("status").asText();
            if (status.equals("FILLED")) {
                assertThat(filled).isEqualTo(o.get("quantity").asLong());
            }
        }
    }
}
