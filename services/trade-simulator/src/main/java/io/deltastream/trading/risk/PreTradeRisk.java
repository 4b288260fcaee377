package io.deltastream.trading.risk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.json.Json;
import io.deltastream.quant.pricing.Greeks;
import io.deltastream.trading.feed.MarketData;
import io.deltastream.trading.instrument.Instrument;
import io.deltastream.trading.portfolio.Account;
import io.deltastream.trading.portfolio.CommissionSchedule;
import io.deltastream.trading.portfolio.Position;
import io.deltastream.trading.portfolio.Valuation;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The pre-trade checks and the {@code /risk} report. Rejections are {@link RiskRejection}s (400, type
 * {@code risk_limit}). An order that only reduces a position (opposite side, quantity within the position net of
 * the user's other working orders on that side) passes every check except the order-sanity ones (freeze quantity,
 * price band): exits are always allowed. Not thread-safe: used under the engine's lock.
 */
public final class PreTradeRisk {
    private final RiskLimits limits;
    private final MarginCalculator margin;
    private final CommissionSchedule commissions;
    private final MarketData market;
    private final ZoneId zone;

    public PreTradeRisk(RiskLimits limits, MarginCalculator margin, CommissionSchedule commissions, MarketData market,
                        ZoneId zone) {
        this.limits = limits;
        this.margin = margin;
        this.commissions = commissions;
        this.market = market;
        this.zone = zone;
    }

    public RiskLimits limits() {
        return limits;
    }

    /** True when the order only reduces the existing position. */
    public boolean reducing(Account account, OrderIntent order, WorkingOrders working) {
        long q = account.quantity(order.instrument().symbol());
        int sign = order.side() == io.deltastream.trading.matching.Side.BUY ? 1 : -1;
        if (q == 0 || Long.signum(q) == sign) {
            return false;
        }
        return order.quantity() + working.sameSide(order.instrument().symbol(), sign) <= Math.abs(q);
    }

    /**
     * Runs the checks for {@code order} given the user's other {@code working} orders.
     *
     * @throws io.deltastream.platform.http.ApiException a risk rejection
     */
    public void check(Account account, OrderIntent order, WorkingOrders working, Instant now) {
        Instrument instrument = order.instrument();
        long freeze = (long) limits.freezeLots() * instrument.lotSize();
        if (order.quantity() > freeze) {
            throw RiskRejection.of("Quantity " + order.quantity() + " exceeds the freeze quantity " + freeze + " of "
                    + instrument.product().name() + " (" + limits.freezeLots() + " lots)");
        }
        if (!Double.isNaN(order.limitPrice())) {
            market.mark(instrument).ifPresent(ref -> {
                double band = Math.max(limits.priceBandPct() * ref, limits.priceBandAbs());
                if (Math.abs(order.limitPrice() - ref) > band + 1e-9) {
                    throw RiskRejection.of(String.format(Locale.ROOT,
                            "Price %.2f is outside the price band %.2f - %.2f (reference price %.2f)",
                            order.limitPrice(), Math.max(0, ref - band), ref + band, ref));
                }
            });
        }
        if (reducing(account, order, working)) {
            return;
        }
        double value = order.quantity() * order.priceEstimate();
        if (value > limits.maxOrderValue()) {
            throw RiskRejection.of(String.format(Locale.ROOT, "Order value %.2f exceeds limit %.2f", value,
                    limits.maxOrderValue()));
        }
        if (account.quantity(instrument.symbol()) == 0 && account.positions().size() >= limits.maxOpenPositions()) {
            throw RiskRejection.of("Maximum " + limits.maxOpenPositions() + " positions allowed");
        }
        Valuation valuation = Valuation.of(account, market);
        account.rollDay(now.atZone(zone).toLocalDate(), valuation.equity());
        double dayPnl = valuation.equity() - account.dayStartEquity();
        if (dayPnl < -limits.dailyLossLimit()) {
            throw RiskRejection.of(String.format(Locale.ROOT, "Daily loss limit %.0f exceeded. Current P&L: %.2f",
                    -limits.dailyLossLimit(), dayPnl));
        }
        String product = instrument.product().name();
        double before = exposure(account, product, null, 0);
        double after = exposure(account, product, instrument, order.signedQuantity());
        double equity = Math.max(valuation.equity(), 1);
        if (after > before && after / equity > limits.concentrationLimit()) {
            throw RiskRejection.of(String.format(Locale.ROOT, "Product concentration %.1f%% exceeds limit %.1f%%",
                    after / equity * 100, limits.concentrationLimit() * 100));
        }
        Map<Instrument, Long> without = netPositions(account, working, null, 0);
        Map<Instrument, Long> with = netPositions(account, working, instrument, order.signedQuantity());
        MarketView view = market.view();
        double marginWithout = margin.margin(without, view).total();
        double marginWith = margin.margin(with, view).total();
        double fee = commissions.fee(value);
        double available = account.cash() - working.premium() - marginWithout;
        double required = marginWith - marginWithout + order.signedQuantity() * order.priceEstimate() + fee;
        // An order that frees cash or margin (required <= 0) passes even when the account is already short of it.
        if (required > 0 && required > available + 1e-9) {
            throw RiskRejection.of(String.format(Locale.ROOT, "Insufficient margin. Required: %.2f, Available: %.2f",
                    required, available));
        }
    }

    /** The margin blocked by the account's positions. */
    public MarginCalculator.Margin margin(Account account) {
        return margin.margin(netPositions(account, WorkingOrders.NONE, null, 0), market.view());
    }

    /** The {@code /risk} report. */
    public ObjectNode report(Account account, Instant now) {
        Valuation valuation = Valuation.of(account, market);
        account.rollDay(now.atZone(zone).toLocalDate(), valuation.equity());
        MarginCalculator.Margin m = margin(account);
        double used = m.total();
        double equity = Math.max(valuation.equity(), 1);
        Map<String, Double> exposureByProduct = new LinkedHashMap<>();
        Greeks greeks = Greeks.ZERO;
        MarketView view = market.view();
        for (Position p : account.positions().values()) {
            double mark = market.mark(p.instrument()).orElse(p.averagePrice());
            exposureByProduct.merge(p.instrument().product().name(), Math.abs(p.quantity() * mark), Double::sum);
            greeks = greeks.plus(MarginCalculator.unitGreeks(p.instrument(), view).times(p.quantity()));
        }
        double maxConcentration = exposureByProduct.values().stream().mapToDouble(v -> v / equity).max().orElse(0);
        double dayPnl = valuation.equity() - account.dayStartEquity();
        ObjectNode r = Json.object();
        r.put("margin_used", round(used));
        r.put("margin_available", round(account.cash() - used));
        r.put("margin_utilization", account.cash() > 0 ? round4(used / account.cash()) : (used > 0 ? 1.0 : 0.0));
        r.put("span_margin", round(m.span()));
        r.put("exposure_margin", round(m.exposure()));
        r.put("open_positions", account.positions().size());
        r.put("max_positions", limits.maxOpenPositions());
        r.put("total_pnl", round(valuation.equity() - account.initialCapital()));
        r.put("day_pnl", round(dayPnl));
        r.put("daily_loss_limit", -limits.dailyLossLimit());
        ObjectNode byProduct = r.putObject("exposure_by_product");
        exposureByProduct.forEach((k, v) -> byProduct.put(k, round(v)));
        ObjectNode marginByProduct = r.putObject("margin_by_product");
        m.byProduct().forEach((k, v) -> marginByProduct.putObject(k).put("span", round(v.span()))
                .put("exposure", round(v.exposure())));
        r.put("max_concentration", round4(maxConcentration));
        r.put("concentration_limit", limits.concentrationLimit());
        ObjectNode g = r.putObject("greeks");
        g.put("delta", round4(greeks.delta()));
        g.put("gamma", round4(greeks.gamma()));
        g.put("vega", round4(greeks.vega()));
        g.put("theta", round4(greeks.theta()));
        ArrayNode l = r.putArray("limits");
        l.addObject().put("name", "margin").put("limit", round(account.cash())).put("current", round(used));
        l.addObject().put("name", "max_order_value").put("limit", limits.maxOrderValue()).putNull("current");
        l.addObject().put("name", "max_open_positions").put("limit", limits.maxOpenPositions())
                .put("current", account.positions().size());
        l.addObject().put("name", "daily_loss_limit").put("limit", -limits.dailyLossLimit())
                .put("current", round(dayPnl));
        l.addObject().put("name", "concentration_limit").put("limit", limits.concentrationLimit())
                .put("current", round4(maxConcentration));
        l.addObject().put("name", "price_band_pct").put("limit", limits.priceBandPct()).putNull("current");
        l.addObject().put("name", "freeze_lots").put("limit", limits.freezeLots()).putNull("current");
        l.addObject().put("name", "orders_per_second").put("limit", limits.ordersPerSecond()).putNull("current");
        return r;
    }

    private double exposure(Account account, String product, Instrument extra, long extraQuantity) {
        double sum = 0;
        boolean seen = false;
        for (Position p : account.positions().values()) {
            if (!p.instrument().product().name().equals(product)) {
                continue;
            }
            long q = p.quantity();
            if (extra != null && p.instrument().symbol().equals(extra.symbol())) {
                q += extraQuantity;
                seen = true;
            }
            sum += Math.abs(q * market.mark(p.instrument()).orElse(p.averagePrice()));
        }
        if (extra != null && !seen) {
            sum += Math.abs(extraQuantity * market.mark(extra).orElse(0.0));
        }
        return sum;
    }

    private static Map<Instrument, Long> netPositions(Account account, WorkingOrders working, Instrument extra,
                                                      long extraQuantity) {
        Map<String, Instrument> bySymbol = new HashMap<>();
        Map<String, Long> q = new HashMap<>();
        for (Position p : account.positions().values()) {
            bySymbol.put(p.instrument().symbol(), p.instrument());
            q.merge(p.instrument().symbol(), p.quantity(), Long::sum);
        }
        for (Map.Entry<Instrument, Long> e : working.net().entrySet()) {
            bySymbol.put(e.getKey().symbol(), e.getKey());
            q.merge(e.getKey().symbol(), e.getValue(), Long::sum);
        }
        if (extra != null) {
            bySymbol.put(extra.symbol(), extra);
            q.merge(extra.symbol(), extraQuantity, Long::sum);
        }
        Map<Instrument, Long> out = new LinkedHashMap<>();
        q.forEach((s, v) -> out.put(bySymbol.get(s), v));
        return out;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
