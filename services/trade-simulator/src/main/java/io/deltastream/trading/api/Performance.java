package io.deltastream.trading.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trading performance from the trade log, in one response shape whether or not there are trades.
 *
 * <p>A round trip is the life of a position in one instrument from flat back to flat (a fill that flips the position
 * closes one round trip and opens the next). Its P&L is the realized P&L of its closing fills minus the fees of all
 * its fills. Win rate = winning round trips / closed round trips x 100; profit factor = gross profit / gross loss
 * (null when there is no losing round trip). The equity curve is the cumulative realized P&L net of fees after each
 * fill; max drawdown is its largest fall from a previous peak (starting from 0), in currency units.
 */
public final class Performance {
    private Performance() {
    }

    /** Computes the report from trade documents in execution order (oldest first). */
    public static ObjectNode of(List<ObjectNode> trades, double initialCapital) {
        Map<String, Long> quantity = new HashMap<>();
        Map<String, Double> tripPnl = new HashMap<>();
        int closed = 0;
        int wins = 0;
        int losses = 0;
        double profit = 0;
        double loss = 0;
        double equity = 0;
        double peak = 0;
        double maxDrawdown = 0;
        for (JsonNode t : trades) {
            String symbol = t.get("symbol").textValue();
            long q = t.get("quantity").asLong() * ("BUY".equals(t.get("side").textValue()) ? 1 : -1);
            double net = t.path("realized_pnl").asDouble() - t.path("commission").asDouble();
            long before = quantity.getOrDefault(symbol, 0L);
            long after = before + q;
            tripPnl.merge(symbol, net, Double::sum);
            if (before != 0 && (after == 0 || Long.signum(after) != Long.signum(before))) {
                double pnl = tripPnl.remove(symbol);
                closed++;
                if (pnl > 0) {
                    wins++;
                    profit += pnl;
                } else if (pnl < 0) {
                    losses++;
                    loss -= pnl;
                }
            }
            quantity.put(symbol, after);
            equity += net;
            peak = Math.max(peak, equity);
            maxDrawdown = Math.max(maxDrawdown, peak - equity);
        }
        ObjectNode n = Json.object();
        n.put("total_trades", trades.size());
        n.put("closed_trades", closed);
        n.put("winning_trades", wins);
        n.put("losing_trades", losses);
        n.put("win_rate", closed == 0 ? 0.0 : round(wins * 100.0 / closed));
        n.put("avg_profit", wins == 0 ? 0.0 : round(profit / wins));
        n.put("avg_loss", losses == 0 ? 0.0 : round(loss / losses));
        if (loss > 0) {
            n.put("profit_factor", round(profit / loss));
        } else {
            n.putNull("profit_factor");
        }
        n.put("total_profit", round(profit));
        n.put("total_loss", round(loss));
        n.put("net_realized_pnl", round(equity));
        n.put("max_drawdown", round(maxDrawdown));
        n.put("max_drawdown_pct", round(maxDrawdown / (initialCapital + peak) * 100));
        return n;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
