package io.deltastream.trading.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.json.Json;
import io.deltastream.store.Documents;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.deltastream.trading.instrument.Instrument;
import io.deltastream.trading.matching.Side;
import io.deltastream.trading.oms.Order;
import io.deltastream.trading.oms.Trade;
import io.deltastream.trading.portfolio.Account;
import io.deltastream.trading.portfolio.Position;
import io.deltastream.trading.risk.MarginCalculator;
import io.deltastream.trading.risk.MarginUse;
import io.deltastream.trading.risk.RiskLimits;
import io.deltastream.trading.risk.RiskReport;
import java.time.Instant;

/** The stored and served JSON shapes (the reference's field names; times ISO-8601 UTC). */
final class Docs {
    private Docs() {
    }

    static String time(Instant t) {
        return t == null ? null : Documents.format(t);
    }

    static double money(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Prices keep sub-paisa precision (average prices of several fills). */
    static double price(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    static void instrument(ObjectNode n, Instrument i) {
        n.put("symbol", i.symbol());
        n.put("product", i.product().name());
        if (i.isOption()) {
            n.put("strike", i.strike());
            n.put("expiry", i.expiry().toString());
            n.put("option_type", i.optionType().name());
        } else {
            n.putNull("strike");
            n.putNull("expiry");
            n.putNull("option_type");
        }
    }

    static ObjectNode order(Order o) {
        ObjectNode n = Json.object();
        n.put("order_id", o.orderId());
        n.put("user_id", o.userId());
        instrument(n, o.instrument());
        n.put("order_type", o.type().wire());
        n.put("side", o.side().name());
        n.put("quantity", o.quantity());
        putNumber(n, "price", o.price());
        putNumber(n, "trigger_price", o.triggerPrice());
        putNumber(n, "trailing_amount", o.trailingAmount());
        putNumber(n, "target_price", o.bracket() == null ? Double.NaN : o.bracket().target());
        putNumber(n, "stop_loss_price", o.bracket() == null ? Double.NaN : o.bracket().stopLoss());
        n.put("parent_order_id", o.parentOrderId());
        n.put("oco_order_id", o.ocoOrderId());
        n.put("validity", o.validity().name());
        n.put("status", o.status().name());
        n.put("filled_quantity", o.filledQuantity());
        n.put("avg_fill_price", price(o.averageFillPrice()));
        n.put("placed_at", time(o.placedAt()));
        n.put("updated_at", time(o.updatedAt()));
        n.put("filled_at", time(o.filledAt()));
        n.put("expires_at", time(o.expiresAt()));
        n.put("triggered", o.triggered());
        n.put("rejection_reason", o.rejectionReason());
        n.put("cancel_reason", o.cancelReason());
        n.put("seq", o.seq());
        n.put("client_order_id", o.clientOrderId());
        return n;
    }

    /** A stored document as clients see it: without the store's id, the exact ledger and the journal version. */
    static ObjectNode served(ObjectNode d) {
        ObjectNode c = d.deepCopy();
        c.remove(Documents.ID);
        c.remove("ledger");
        c.remove("jseq");
        return c;
    }

    /** A fill or a settlement. */
    static ObjectNode trade(Trade t) {
        ObjectNode n = Json.object();
        n.put("trade_id", t.tradeId());
        n.put("order_id", t.orderId());
        n.put("user_id", t.userId());
        n.put("symbol", t.instrument().symbol());
        n.put("product", t.instrument().product().name());
        n.put("side", t.side().name());
        n.put("quantity", t.quantity());
        n.put("price", t.settlement() ? price(t.price()) : t.price());
        n.put("value", money(t.value()));
        n.put("commission", t.commission());
        n.put("net_value", money(t.side() == Side.BUY ? t.value() + t.commission() : t.value() - t.commission()));
        n.put("realized_pnl", money(t.realizedPnl()));
        n.put("liquidity", t.liquidity());
        if (t.settlement()) {
            n.put("settlement", true);
            n.put("settlement_spot", t.settlementSpot());
        } else {
            n.put("counterparty", t.counterparty());
            n.put("settlement", false);
        }
        n.put("executed_at", time(t.executedAt()));
        return n;
    }

    private static void putNumber(ObjectNode n, String field, double v) {
        if (Double.isNaN(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    static ObjectNode position(String userId, Position p, Double mark, double marginRequired) {
        ObjectNode n = Json.object();
        n.put("user_id", userId);
        instrument(n, p.instrument());
        n.put("quantity", p.quantity());
        n.put("avg_entry_price", price(p.averagePrice()));
        double m = mark == null ? p.averagePrice() : mark;
        n.put("current_price", price(m));
        n.put("unrealized_pnl", money(p.unrealizedPnl(m)));
        n.put("realized_pnl", money(p.realizedPnl()));
        n.put("margin_required", money(marginRequired));
        n.put("opened_at", time(p.openedAt()));
        n.put("updated_at", time(p.updatedAt()));
        n.putObject("ledger").put("avg_entry_price", p.averagePrice()).put("realized_pnl", p.realizedPnl());
        return n;
    }

    static ObjectNode portfolio(Account a, double unrealized, double equity, double marginUsed, Instant now) {
        ObjectNode n = Json.object();
        n.put("user_id", a.userId());
        n.put("cash_balance", money(a.cash()));
        n.put("margin_used", money(marginUsed));
        n.put("margin_available", money(a.cash() - marginUsed));
        n.put("total_pnl", money(a.realizedPnl() + unrealized));
        n.put("realized_pnl", money(a.realizedPnl()));
        n.put("unrealized_pnl", money(unrealized));
        n.put("gross_realized_pnl", money(a.grossRealized()));
        n.put("commissions", money(a.commissions()));
        n.put("equity", money(equity));
        n.put("initial_capital", a.initialCapital());
        n.put("day", a.day().toString());
        n.put("day_start_equity", money(a.dayStartEquity()));
        n.put("created_at", time(a.createdAt()));
        n.put("updated_at", time(now));
        // Exact ledger values for recovery (the rounded fields above are for display).
        ObjectNode ledger = n.putObject("ledger");
        ledger.put("cash", a.cash());
        ledger.put("commissions", a.commissions());
        ledger.put("gross_realized", a.grossRealized());
        ledger.put("day_start_equity", a.dayStartEquity());
        return n;
    }

    /** The {@code /risk} report. */
    static ObjectNode risk(RiskReport r) {
        MarginCalculator.Margin m = r.margin();
        double used = m.total();
        RiskLimits limits = r.limits();
        ObjectNode n = Json.object();
        n.put("margin_used", money(used));
        n.put("margin_available", money(r.cash() - used));
        n.put("margin_utilization", round4(MarginUse.utilization(used, r.cash())));
        n.put("span_margin", money(m.span()));
        n.put("exposure_margin", money(m.exposure()));
        n.put("open_positions", r.openPositions());
        n.put("max_positions", limits.maxOpenPositions());
        n.put("total_pnl", money(r.totalPnl()));
        n.put("day_pnl", money(r.dayPnl()));
        n.put("daily_loss_limit", -limits.dailyLossLimit());
        ObjectNode byProduct = n.putObject("exposure_by_product");
        r.exposureByProduct().forEach((k, v) -> byProduct.put(k, money(v)));
        ObjectNode marginByProduct = n.putObject("margin_by_product");
        m.byProduct().forEach((k, v) -> marginByProduct.putObject(k).put("span", money(v.span()))
                .put("exposure", money(v.exposure())));
        n.put("max_concentration", round4(r.maxConcentration()));
        n.put("concentration_limit", limits.concentrationLimit());
        ObjectNode g = n.putObject("greeks");
        g.put("delta", round4(r.greeks().delta()));
        g.put("gamma", round4(r.greeks().gamma()));
        g.put("vega", round4(r.greeks().vega()));
        g.put("theta", round4(r.greeks().theta()));
        ArrayNode l = n.putArray("limits");
        l.addObject().put("name", "margin").put("limit", money(r.cash())).put("current", money(used));
        l.addObject().put("name", "max_order_value").put("limit", limits.maxOrderValue()).putNull("current");
        l.addObject().put("name", "max_open_positions").put("limit", limits.maxOpenPositions())
                .put("current", r.openPositions());
        l.addObject().put("name", "daily_loss_limit").put("limit", -limits.dailyLossLimit())
                .put("current", money(r.dayPnl()));
        l.addObject().put("name", "concentration_limit").put("limit", limits.concentrationLimit())
                .put("current", round4(r.maxConcentration()));
        l.addObject().put("name", "price_band_pct").put("limit", limits.priceBandPct()).putNull("current");
        l.addObject().put("name", "freeze_lots").put("limit", limits.freezeLots()).putNull("current");
        l.addObject().put("name", "orders_per_second").put("limit", limits.ordersPerSecond()).putNull("current");
        return n;
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
