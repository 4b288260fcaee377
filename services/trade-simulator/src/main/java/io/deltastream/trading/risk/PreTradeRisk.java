package io.deltastream.trading.risk;

import io.deltastream.quant.pricing.Greeks;
import io.deltastream.trading.instrument.Instrument;
import io.deltastream.trading.portfolio.Account;
import io.deltastream.trading.portfolio.CommissionSchedule;
import io.deltastream.trading.portfolio.Position;
import io.deltastream.trading.portfolio.Valuation;
import io.deltastream.trading.matching.Side;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pre-trade checks and the {@code /risk} report. An order that only reduces a position (opposite side, quantity within the position net of
 * the user's other working orders on that side) passes every check except the order-sanity ones (freeze quantity,
 * price band): exits are always allowed. Not thread-safe: used under the engine's lock.
 */
public final class PreTradeRisk {
    private final RiskLimits limits;
    private final MarginCalculator margin;
    private final CommissionSchedule commissions;

    public PreTradeRisk(RiskLimits limits, MarginCalculator margin, CommissionSchedule commissions) {
        this.limits = limits;
        this.margin = margin;
        this.commissions = commissions;
    }

    public RiskLimits limits() {
        return limits;
    }

    /** True when the order only reduces the existing position. */
    public boolean reducing(Account account, OrderIntent order, WorkingOrders working) {
        long q = account.quantity(order.instrument().symbol());
        int sign = order.side() == Side.BUY ? 1 : -1;
        if (q == 0 || Long.signum(q) == sign) {
            return false;
        }
        return order.quantity() + working.sameSide(order.instrument().symbol(), sign) <= Math.abs(q);
    }

    /**
     * Runs the checks for {@code order} given the user's other {@code working} orders, against {@code market}.
     *
     * @return the first limit the order breaches, or empty when it passes
     */
    public Optional<Rejected> check(Account account, OrderIntent order, WorkingOrders working, MarketView market) {
        Instrument instrument = order.instrument();
        long freeze = (long) limits.freezeLots() * instrument.lotSize();
        if (order.quantity() > freeze) {
            return rejected("freeze_lots", "Quantity " + order.quantity() + " exceeds the freeze quantity " + freeze
                    + " of " + instrument.product().name() + " (" + limits.freezeLots() + " lots)");
        }
        if (!Double.isNaN(order.limitPrice())) {
            Optional<Double> ref = market.mark(instrument);
            if (ref.isPresent()) {
                double band = Math.max(limits.priceBandPct() * ref.get(), limits.priceBandAbs());
                if (Math.abs(order.limitPrice() - ref.get()) > band + 1e-9) {
                    return rejected("price_band_pct", String.format(Locale.ROOT,
                            "Price %.2f is outside the price band %.2f - %.2f (reference price %.2f)",
                            order.limitPrice(), Math.max(0, ref.get() - band), ref.get() + band, ref.get()));
                }
            }
        }
        if (reducing(account, order, working)) {
            return Optional.empty();
        }
        double value = order.quantity() * order.priceEstimate();
        if (value > limits.maxOrderValue()) {
            return rejected("max_order_value", String.format(Locale.ROOT, "Order value %.2f exceeds limit %.2f",
                    value, limits.maxOrderValue()));
        }
        if (account.quantity(instrument.symbol()) == 0 && account.positions().size() >= limits.maxOpenPositions()) {
            return rejected("max_open_positions", "Maximum " + limits.maxOpenPositions() + " positions allowed");
        }
        Valuation valuation = Valuation.of(account, market::mark);
        double dayPnl = valuation.equity() - account.dayStartEquity();
        if (dayPnl < -limits.dailyLossLimit()) {
            return rejected("daily_loss_limit", String.format(Locale.ROOT,
                    "Daily loss limit %.0f exceeded. Current P&L: %.2f", -limits.dailyLossLimit(), dayPnl));
        }
        String product = instrument.product().name();
        double before = exposure(account, product, null, 0, market);
        double after = exposure(account, product, instrument, order.signedQuantity(), market);
        double equity = Math.max(valuation.equity(), 1);
        if (after > before && after / equity > limits.concentrationLimit()) {
            return rejected("concentration_limit", String.format(Locale.ROOT,
                    "Product concentration %.1f%% exceeds limit %.1f%%", after / equity * 100,
                    limits.concentrationLimit() * 100));
        }
        Map<Instrument, Long> without = netPositions(account, working, null, 0);
        Map<Instrument, Long> with = netPositions(account, working, instrument, order.signedQuantity());
        double marginWithout = margin.margin(without, market).total();
        double marginWith = margin.margin(with, market).total();
        double fee = commissions.fee(value);
        double available = account.cash() - working.premium() - marginWithout;
        double required = marginWith - marginWithout + order.signedQuantity() * order.priceEstimate() + fee;
        // An order that frees cash or margin (required <= 0) passes even when the account is already short of it.
        if (required > 0 && required > available + 1e-9) {
            return rejected("margin", String.format(Locale.ROOT, "Insufficient margin. Required: %.2f, Available: %.2f",
                    required, available));
        }
        return Optional.empty();
    }

    private static Optional<Rejected> rejected(String limit, String reason) {
        return Optional.of(new Rejected(reason, limit));
    }

    /** The margin blocked by the account's positions. */
    public MarginCalculator.Margin margin(Account account, MarketView market) {
        return margin.margin(netPositions(account, WorkingOrders.NONE, null, 0), market);
    }

    /** The {@code /risk} figures of {@code account}. */
    public RiskReport report(Account account, MarketView market) {
        Valuation valuation = Valuation.of(account, market::mark);
        MarginCalculator.Margin m = margin(account, market);
        double equity = Math.max(valuation.equity(), 1);
        Map<String, Double> exposureByProduct = new LinkedHashMap<>();
        Greeks greeks = Greeks.ZERO;
        for (Position p : account.positions().values()) {
            double mark = market.mark(p.instrument()).orElse(p.averagePrice());
            exposureByProduct.merge(p.instrument().product().name(), Math.abs(p.quantity() * mark), Double::sum);
            greeks = greeks.plus(MarginCalculator.unitGreeks(p.instrument(), market).times(p.quantity()));
        }
        double maxConcentration = exposureByProduct.values().stream().mapToDouble(v -> v / equity).max().orElse(0);
        return new RiskReport(m, account.cash(), account.positions().size(),
                valuation.equity() - account.initialCapital(), valuation.equity() - account.dayStartEquity(),
                exposureByProduct, maxConcentration, greeks, limits);
    }

    private static double exposure(Account account, String product, Instrument extra, long extraQuantity,
                                   MarketView market) {
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
}
