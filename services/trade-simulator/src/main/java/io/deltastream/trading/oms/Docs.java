package io.deltastream.trading.oms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.json.Json;
import io.deltastream.store.Documents;
import io.deltastream.trading.instrument.Instrument;
import io.deltastream.trading.portfolio.Account;
import io.deltastream.trading.portfolio.Position;
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
        n.put("order_id", o.orderId);
        n.put("user_id", o.userId);
        instrument(n, o.instrument);
        n.put("order_type", o.type.wire());
        n.put("side", o.side.name());
        n.put("quantity", o.quantity);
        putNumber(n, "price", o.price);
        putNumber(n, "trigger_price", o.triggerPrice);
        n.put("validity", o.validity.name());
        n.put("status", o.status.name());
        n.put("filled_quantity", o.filledQuantity);
        n.put("avg_fill_price", price(o.averageFillPrice()));
        n.put("placed_at", time(o.placedAt));
        n.put("updated_at", time(o.updatedAt));
        n.put("filled_at", time(o.filledAt));
        n.put("expires_at", time(o.expiresAt));
        n.put("triggered", o.triggered);
        n.put("rejection_reason", o.rejectionReason);
        n.put("cancel_reason", o.cancelReason);
        n.put("seq", o.seq);
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
}
