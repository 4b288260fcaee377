package io.deltastream.trading.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.store.Documents;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CSV exports of a user's orders, trades and daily P&L: RFC 4180 (comma-separated, CRLF, cells quoted when they
 * hold a comma, quote or line break). A text cell that a spreadsheet would take for a formula (=, +, -, @) is
 * prefixed with an apostrophe.
 */
final class CsvExport {
    static final List<String> ORDER_COLUMNS = List.of("order_id", "placed_at", "symbol", "side", "order_type",
            "validity", "quantity", "price", "trigger_price", "status", "filled_quantity", "avg_fill_price",
            "updated_at", "parent_order_id", "rejection_reason", "cancel_reason");
    static final List<String> TRADE_COLUMNS = List.of("trade_id", "executed_at", "order_id", "symbol", "side",
            "quantity", "price", "value", "commission", "realized_pnl", "liquidity");
    static final List<String> PNL_COLUMNS = List.of("date", "trades", "gross_realized_pnl", "commissions",
            "net_realized_pnl", "cumulative_net_realized_pnl");

    private CsvExport() {
    }

    /** One row per document with {@code columns} (absent or null fields empty). */
    static String documents(List<String> columns, List<ObjectNode> documents) {
        StringBuilder out = new StringBuilder();
        row(out, columns);
        for (ObjectNode d : documents) {
            String[] cells = new String[columns.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cell(d.path(columns.get(i)));
            }
            row(out, List.of(cells));
        }
        return out.toString();
    }

    /**
     * The realized P&L per calendar day in {@code zone} of {@code trades} (oldest first), currency units: gross
     * (before fees), fees, net, and net accumulated over the days.
     */
    static String dailyPnl(List<ObjectNode> trades, ZoneId zone) {
        Map<LocalDate, double[]> days = new TreeMap<>();
        for (ObjectNode t : trades) {
            LocalDate day = Documents.parse(t.get("executed_at").textValue()).atZone(zone).toLocalDate();
            double[] d = days.computeIfAbsent(day, k -> new double[3]);
            d[0]++;
            d[1] += t.path("realized_pnl").asDouble();
            d[2] += t.path("commission").asDouble();
        }
        StringBuilder out = new StringBuilder();
        row(out, PNL_COLUMNS);
        double cumulative = 0;
        for (Map.Entry<LocalDate, double[]> e : days.entrySet()) {
            double[] d = e.getValue();
            cumulative += d[1] - d[2];
            row(out, List.of(e.getKey().toString(), Long.toString((long) d[0]), money(d[1]), money(d[2]),
                    money(d[1] - d[2]), money(cumulative)));
        }
        return out.toString();
    }

    private static String money(double v) {
        return Double.toString(Docs.money(v));
    }

    private static String cell(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return "";
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        String text = v.asText();
        return !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        out.append("\r\n");
    }
}
