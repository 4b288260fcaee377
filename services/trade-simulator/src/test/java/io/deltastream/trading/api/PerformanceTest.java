package io.deltastream.trading.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceTest {
    @Test
    void performanceFromRoundTripsWithOneShape() {
        ObjectNode empty = Performance.of(List.of(), 1_000_000);
        ObjectNode some = Performance.of(List.of(
                trade("A", "BUY", 10, 0, 1), trade("A", "SELL", 10, 100, 1),
                trade("B", "SELL", 5, 0, 1), trade("B", "BUY", 5, -50, 1),
                trade("A", "BUY", 10, 0, 1), trade("A", "SELL", 10, 30, 1)), 1_000_000);
        List<String> a = new ArrayList<>();
        empty.fieldNames().forEachRemaining(a::add);
        List<String> b = new ArrayList<>();
        some.fieldNames().forEachRemaining(b::add);
        assertThat(a).isEqualTo(b);
        assertThat(some.get("closed_trades").asInt()).isEqualTo(3);
        assertThat(some.get("win_rate").asDouble()).isCloseTo(66.67, within(1e-9));
        assertThat(some.get("total_profit").asDouble()).isEqualTo(98.0 + 28.0);
        assertThat(some.get("total_loss").asDouble()).isEqualTo(52.0);
        assertThat(some.get("profit_factor").asDouble()).isCloseTo(126.0 / 52.0, within(0.005));
        // Equity after each fill: -1, 98, 97, 46, 45, 74: the largest fall from a peak is 98 -> 45.
        assertThat(some.get("max_drawdown").asDouble()).isEqualTo(53.0);
        assertThat(empty.get("profit_factor").isNull()).isTrue();
    }

    private static ObjectNode trade(String symbol, String side, long q, double realized, double fee) {
        return Json.object().put("symbol", symbol).put("side", side).put("quantity", q).put("realized_pnl", realized)
                .put("commission", fee);
    }
}
