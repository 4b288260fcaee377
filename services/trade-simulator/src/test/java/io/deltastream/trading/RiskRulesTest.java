package io.deltastream.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.testkit.HttpJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every pre-trade limit, accepting and rejecting, through the HTTP API. */
class RiskRulesTest {
    private TradingFixture f;
    private String call;
    private String[] user;

    private void start(Map<String, String> env) {
        f = new TradingFixture(env);
        call = f.option(OptionType.CALL, 21500);
        f.quote(call, 99, 101, 100);
        f.publish();
        user = f.auth("cccccccccccccccccccccccc");
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private JsonNode order(String symbol, String type, String side, long qty, Double price) {
        Map<String, Object> body = price == null
                ? Map.of("symbol", symbol, "order_type", type, "side", side, "quantity", qty)
                : Map.of("symbol", symbol, "order_type", type, "side", side, "quantity", qty, "price", price);
        return f.http.post("/api/trade/order", body, user).json();
    }

    private void accepted(JsonNode r) {
        assertThat(r.has("order_id")).as(r.toString()).isTrue();
        assertThat(r.get("status").asText()).as(r.toString()).isNotEqualTo("REJECTED");
    }

    private void rejected(JsonNode r, String message) {
        assertThat(r.path("type").asText()).as(r.toString()).isEqualTo("risk_limit");
        assertThat(r.get("error").asText()).contains(message);
    }

    @Test
    void freezeQuantity() {
        start(Map.of("TRADING_FREEZE_LOTS", "2"));
        rejected(order(call, "MARKET", "BUY", 225, null), "exceeds the freeze quantity 150");
        accepted(order(call, "MARKET", "BUY", 150, null));
    }

    @Test
    void priceBand() {
        start(Map.of());
        // Reference price 100: the band is max(40% of 100, 20) = 40 either side.
        rejected(order(call, "LIMIT", "BUY", 75, 140.05), "outside the price band 60.00 - 140.00");
        rejected(order(call, "LIMIT", "SELL", 75, 59.95), "outside the price band");
        accepted(order(call, "LIMIT", "BUY", 75, 60.0));
        accepted(order(call, "LIMIT", "SELL", 75, 140.0));
    }

    @Test
    void maxOrderValueExceptForExits() {
        start(Map.of("TRADING_MAX_ORDER_VALUE", "10000"));
        rejected(order(call, "LIMIT", "BUY", 150, 101.0), "Order value 15150.00 exceeds limit 10000.00");
        accepted(order(call, "LIMIT", "BUY", 75, 101.0));
        accepted(order(call, "MARKET", "BUY", 75, null));
        // Closing 150 units is worth ~14,850 but only reduces the position.
        accepted(order(call, "MARKET", "SELL", 150, null));
        assertThat(f.ok(f.http.get("/api/trade/positions", user), 200).get("count").asInt()).isZero();
        // The rejected order is on record.
        JsonNode rejectedOrders = f.ok(f.http.get("/api/trade/orders?status=REJECTED", user), 200);
        assertThat(rejectedOrders.get("count").asInt()).isEqualTo(1);
        assertThat(rejectedOrders.get("orders").get(0).get("rejection_reason").asText()).contains("Order value");
    }

    @Test
    void maxOpenPositions() {
        start(Map.of("TRADING_MAX_OPEN_POSITIONS", "2"));
        accepted(order(call, "MARKET", "BUY", 75, null));
        accepted(order(f.option(OptionType.PUT, 21500), "MARKET", "BUY", 75, null));
        rejected(order(f.option(OptionType.CALL, 21600), "MARKET", "BUY", 75, null), "Maximum 2 positions allowed");
        accepted(order(call, "MARKET", "BUY", 75, null));
    }

    @Test
    void dailyLossLimitBlocksNewRiskButNotExits() {
        start(Map.of("TRADING_DAILY_LOSS_LIMIT", "1000"));
        accepted(order(call, "MARKET", "BUY", 150, null));
        f.quote(call, 89, 91, 90);
        f.publish();
        rejected(order(call, "MARKET", "BUY", 75, null), "Daily loss limit -1000 exceeded");
        accepted(order(call, "MARKET", "SELL", 75, null));
        JsonNode risk = f.ok(f.http.get("/api/trade/risk", user), 200);
        assertThat(risk.get("day_pnl").asDouble()).isLessThan(-1000);
    }

    @Test
    void concentration() {
        start(Map.of("TRADING_CONCENTRATION_LIMIT", "0.01"));
        rejected(order(call, "LIMIT", "BUY", 150, 101.0), "Product concentration 1.5% exceeds limit 1.0%");
        accepted(order(call, "LIMIT", "BUY", 75, 101.0));
    }

    @Test
    void orderRateLimit() {
        start(Map.of("TRADING_ORDER_RATE", "0.01", "TRADING_ORDER_BURST", "2"));
        accepted(order(call, "LIMIT", "BUY", 75, 90.0));
        accepted(order(call, "LIMIT", "BUY", 75, 90.0));
        HttpJson.Response over = f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "LIMIT",
                "side", "BUY", "quantity", 75, "price", 90.0), user);
        assertThat(over.status()).isEqualTo(429);
        rejected(over.json(), "Order rate limit exceeded: at most 0.01 orders per second");
        assertThat(over.json().get("limit").asText()).isEqualTo("orders_per_second");
        // one token per 100 s, and the bucket is empty: the next order passes in (just under) 100 s
        assertThat(Integer.parseInt(over.header("Retry-After"))).isBetween(99, 100);
    }

    @Test
    void marginLongsPayPremiumShortsBlockScanMarginReleasedOnClose() {
        start(Map.of("TRADING_INITIAL_CAPITAL", "250000", "TRADING_CONCENTRATION_LIMIT", "1", "TRADING_FREEZE_LOTS", "100"));
        // A naked short call needs its stressed buy-back price plus exposure margin (2% of 75 x 21,500 = 32,250):
        // about 200k, which 250k covers once but not twice.
        accepted(order(call, "MARKET", "SELL", 75, null));
        JsonNode risk = f.ok(f.http.get("/api/trade/risk", user), 200);
        double used = risk.get("margin_used").asDouble();
        assertThat(risk.get("exposure_margin").asDouble()).isEqualTo(32250.0);
        assertThat(used).isGreaterThan(100_000).isLessThan(250_000);
        rejected(order(call, "MARKET", "SELL", 75, null), "Insufficient margin");
        // Buying it back is risk-reducing and releases the margin.
        accepted(order(call, "MARKET", "BUY", 75, null));
        risk = f.ok(f.http.get("/api/trade/risk", user), 200);
        assertThat(risk.get("margin_used").asDouble()).isZero();
        // A long option only pays its premium: 2,475 units at ~101 cost more than the cash.
        rejected(order(call, "MARKET", "BUY", 2475, null), "Insufficient margin");
        accepted(order(call, "MARKET", "BUY", 750, null));
        JsonNode p = f.ok(f.http.get("/api/trade/portfolio", user), 200);
        assertThat(p.get("margin_used").asDouble()).isZero();
        assertThat(p.get("margin_available").asDouble()).isEqualTo(p.get("cash_balance").asDouble());
    }

    /**
     * The metrics carry the margin of all accounts together and how many are close to their limit, as the accounts'
     * own {@code /risk} reports add up, and no series per user.
     */
    @Test
    void marginUsedIsExportedAsAggregatesOverTheAccountsWithoutPerUserSeries() {
        // the short call below blocks about 193k of margin: 220k of capital is enough, and utilisation passes 80%
        start(Map.of("TRADING_INITIAL_CAPITAL", "220000", "TRADING_CONCENTRATION_LIMIT", "1",
                "TRADING_FREEZE_LOTS", "100"));
        String[] seller = user;
        accepted(order(call, "MARKET", "SELL", 75, null));
        user = f.auth("dddddddddddddddddddddddd");
        accepted(order(call, "MARKET", "BUY", 75, null));
        JsonNode sellerRisk = f.ok(f.http.get("/api/trade/risk", seller), 200);
        JsonNode buyerRisk = f.ok(f.http.get("/api/trade/risk", user), 200);
        // a naked short blocks most of the seller's cash; a long option blocks nothing
        assertThat(sellerRisk.get("margin_utilization").asDouble()).isGreaterThanOrEqualTo(0.8);
        assertThat(buyerRisk.get("margin_used").asDouble()).isZero();

        String metrics = f.http.get("/metrics").body();
        assertThat(gauge(metrics, "trading_margin_used", ""))
                .isCloseTo(sellerRisk.get("margin_used").asDouble() + buyerRisk.get("margin_used").asDouble(),
                        offset(0.01));
        assertThat(gauge(metrics, "trading_accounts_margin_utilization_above", "threshold=\"0.8\"")).isEqualTo(1.0);
        assertThat(metrics.lines().filter(l -> l.startsWith("trading_"))).noneMatch(l -> l.contains("user"));
    }

    /** The margin gauges keep their state through a garbage collection (a weakly held one reads NaN after it). */
    @Test
    void marginGaugesStillReadAfterAGarbageCollection() {
        start(Map.of());
        System.gc();
        String metrics = f.http.get("/metrics").body();
        assertThat(gauge(metrics, "trading_margin_used", "")).isZero();
        assertThat(gauge(metrics, "trading_accounts_margin_utilization_above", "threshold=\"0.8\"")).isZero();
    }

    /** The value of the one series of {@code /metrics} text named {@code name} whose labels contain {@code label}. */
    private static double gauge(String metrics, String name, String label) {
        List<String> lines = metrics.lines().filter(l -> l.startsWith(name + "{") && l.contains(label)).toList();
        assertThat(lines).as(name).hasSize(1);
        String line = lines.getFirst();
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    @Test
    void aRejectionNamesTheLimitItBreachedAsTheRiskReportDoes() {
        start(Map.of("TRADING_FREEZE_LOTS", "2", "TRADING_MAX_ORDER_VALUE", "10000"));
        JsonNode freeze = order(call, "MARKET", "BUY", 225, null);
        rejected(freeze, "exceeds the freeze quantity");
        assertThat(freeze.get("limit").asText()).isEqualTo("freeze_lots");
        JsonNode value = order(call, "LIMIT", "BUY", 150, 101.0);
        rejected(value, "exceeds limit");
        assertThat(value.get("limit").asText()).isEqualTo("max_order_value");
        JsonNode report = f.ok(f.http.get("/api/trade/risk", user), 200);
        List<String> names = new ArrayList<>();
        report.get("limits").forEach(l -> names.add(l.get("name").asText()));
        assertThat(names).contains("freeze_lots", "max_order_value");
        // the rejected order is on record with the same reason
        JsonNode orders = f.ok(f.http.get("/api/trade/orders?status=REJECTED", user), 200);
        assertThat(orders.get("count").asInt()).isEqualTo(2);
        assertThat(orders.get("orders").get(0).get("rejection_reason").asText()).contains("exceeds");
    }
}
