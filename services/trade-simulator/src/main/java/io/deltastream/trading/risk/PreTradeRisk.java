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
import java.util.List;
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

    /**
     * True when every leg only reduces the existing position, counting the user's other working orders and the
     * basket's earlier legs on the same side.
     */
    public boolean reducing(Account account, List<OrderIntent> legs, WorkingOrders working) {
        Map<String, Long> earlier = new HashMap<>();
        for (OrderIntent leg : legs) {
            String symbol = leg.instrument().symbol();
            long q = account.quantity(symbol);
            int sign = leg.side() == Side.BUY ? 1 : -1;
            if (q == 0 || Long.signum(q) == sign) {
                return false;
            }
            long sameSide = working.sameSide(symbol, sign) + earlier.getOrDefault(symbol + leg.side(), 0L);
            if (leg.quantity() + sameSide > Math.abs(q)) {
                return false;
            }
            earlier.merge(symbol + leg.side(), leg.quantity(), Long::sum);
        }
        return true;
    }

    /**
     * What the {@code legs} (one order, or a basket placed together) would add to the account's margin and cash
     * needs, given the user's other {@code working} orders: the margin of the net positions with and without them
     * (a hedged basket is margined as a whole), their net premium and their fees.
     */
    public BasketMargin basketMargin(Account account, List<OrderIntent> legs, WorkingOrders working,
                                     MarketView market) {
        Map<Instrument, Long> added = new LinkedHashMap<>();
        double premium = 0;
        double fees = 0;
        for (OrderIntent leg : legs) {
            added.merge(leg.instrument(), leg.signedQuantity(), Long::sum);
            premium += leg.signedQuantity() * leg.priceEstimate();
            fees += commissions.fee(leg.quantity() * leg.priceEstimate());
        }
        double before = margin.margin(netPositions(account, working, Map.of()), market).total();
        double after = margin.margin(netPositions(account, working, added), market).total();
        return new BasketMargin(before, after, premium, fees, account.cash() - working.premium() - before);
    }

    /**
     * Runs the checks for the {@code legs} of one order or basket given the user's other {@code working} orders,
     * against {@code market}: per leg the freeze quantity, price band and order value; for the whole the open
     * positions, daily loss, product concentration and margin.
     *
     * @return the first limit breached, or empty when the legs pass
     */
    public Optional<Rejected> check(Account account, List<OrderIntent> legs, WorkingOrders working,
                                    MarketView market) {
        for (OrderIntent order : legs) {
            Optional<Rejected> sanity = orderSanity(order, market);
            if (sanity.isPresent()) {
                return sanity;
            }
        }
        if (reducing(account, legs, working)) {
            return Optional.empty();
        }
        for (OrderIntent order : legs) {
            double value = order.quantity() * order.priceEstimate();
            if (value > limits.maxOrderValue()) {
                return rejected("max_order_value", String.format(Locale.ROOT, "Order value %.2f exceeds limit %.2f",
                        value, limits.maxOrderValue()));
            }
        }
        long opened = legs.stream().map(l -> l.instrument().symbol()).distinct()
                .filter(symbol -> account.quantity(symbol) == 0).count();
        if (opened > 0 && account.positions().size() + opened > limits.maxOpenPositions()) {
            return rejected("max_open_positions", "Maximum " + limits.maxOpenPositions() + " positions allowed");
        }
        Valuation valuation = Valuation.of(account, market::mark);
        double dayPnl = valuation.equity() - account.dayStartEquity();
        if (dayPnl < -limits.dailyLossLimit()) {
            return rejected("daily_loss_limit", String.format(Locale.ROOT,
                    "Daily loss limit %.0f exceeded. Current P&L: %.2f", -limits.dailyLossLimit(), dayPnl));
        }
        double equity = Math.max(valuation.equity(), 1);
        for (String product : legs.stream().map(l -> l.instrument().product().name()).distinct().toList()) {
            double before = exposure(account, product, List.of(), market);
            double after = exposure(account, product, legs, market);
            if (after > before && after / equity > limits.concentrationLimit()) {
                return rejected("concentration_limit", String.format(Locale.ROOT,
                        "Product concentration %.1f%% exceeds limit %.1f%%", after / equity * 100,
                        limits.concentrationLimit() * 100));
            }
        }
        BasketMargin m = basketMargin(account, legs, working, market);
        // An order that frees cash or margin (required <= 0) passes even when the account is already short of it.
        if (m.required() > 0 && m.required() > m.available() + 1e-9) {
            return rejected("margin", String.format(Locale.ROOT, "Insufficient margin. Required: %.2f, Available: %.2f",
                    m.required(), m.available()));
        }
        return Optional.empty();
    }

    /** The checks of one order that even an exit must pass: freeze quantity and price band. */
    private Optional<Rejected> orderSanity(OrderIntent order, MarketView market) {
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
        return Optional.empty();
    }

    private static Optional<Rejected> rejected(String limit, String reason) {
        return Optional.of(new Rejected(reason, limit));
    }

    /** The margin blocked by the account's positions. */
    public MarginCalculator.Margin margin(Account account, MarketView market) {
        return margin.margin(netPositions(account, WorkingOrders.NONE, Map.of()), market);
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

    /** Σ |quantity x mark| of the account's positions in {@code product} after {@code legs} filled. */
    private static double exposure(Account account, String product, List<OrderIntent> legs, MarketView market) {
        Map<String, Instrument> instruments = new LinkedHashMap<>();
        Map<String, Long> quantities = new HashMap<>();
        Map<String, Double> fallback = new HashMap<>();
        for (Position p : account.positions().values()) {
            if (p.instrument().product().name().equals(product)) {
                instruments.put(p.instrument().symbol(), p.instrument());
                quantities.merge(p.instrument().symbol(), p.quantity(), Long::sum);
                fallback.put(p.instrument().symbol(), p.averagePrice());
            }
        }
        for (OrderIntent leg : legs) {
            if (leg.instrument().product().name().equals(product)) {
                instruments.putIfAbsent(leg.instrument().symbol(), leg.instrument());
                quantities.merge(leg.instrument().symbol(), leg.signedQuantity(), Long::sum);
            }
        }
        double sum = 0;
        for (Map.Entry<String, Instrument> e : instruments.entrySet()) {
            double mark = market.mark(e.getValue()).orElse(fallback.getOrDefault(e.getKey(), 0.0));
            sum += Math.abs(quantities.get(e.getKey()) * mark);
        }
        return sum;
    }

    private static Map<Instrument, Long> netPositions(Account account, WorkingOrders working,
                                                      Map<Instrument, Long> added) {
        Map<String, Instrument> bySymbol = new HashMap<>();
        Map<String, Long> q = new HashMap<>();
        for (Position p : account.positions().values()) {
            bySymbol.put(p.instrument().symbol(), p.instrument());
            q.merge(p.instrument().symbol(), p.quantity(), Long::sum);
        }
        for (Map<Instrument, Long> extra : List.of(working.net(), added)) {
            for (Map.Entry<Instrument, Long> e : extra.entrySet()) {
                bySymbol.put(e.getKey().symbol(), e.getKey());
                q.merge(e.getKey().symbol(), e.getValue(), Long::sum);
            }
        }
        Map<Instrument, Long> out = new LinkedHashMap<>();
        q.forEach((s, v) -> out.put(bySymbol.get(s), v));
        return out;
    }
}
