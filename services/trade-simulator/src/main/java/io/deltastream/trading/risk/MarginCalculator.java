package io.deltastream.trading.risk;

import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.quant.pricing.Greeks;
import io.deltastream.quant.pricing.OptionInputs;
import io.deltastream.trading.instrument.Instrument;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SPAN-like margin: each product's net position is revalued under 16 scenarios of the underlying price and
 * volatility (CME's standard array: price unchanged, ±1/3, ±2/3 and ±3/3 of the price scan range, each with the
 * volatility scanned up and down; and ±3 ranges with unchanged volatility, of which 35% counts). The product's
 * requirement is the largest amount the position could cost to close in any scenario, {@code max(0, -min V_s)}:
 * long options cost nothing (their premium was paid), a short costs its stressed buy-back price (its premium sits in
 * cash), spreads offset within the product. Exposure margin is a fixed share of the short notional (short options
 * and short underlying, |quantity| x spot). Products do not offset each other.
 *
 * <p>Each instrument's scenario values per unit are cached while its inputs (spot, volatility, time to expiry) are
 * unchanged, so a hypothetical order costs additions, not repricing. Not thread-safe.
 */
public final class MarginCalculator {
    /** Price moves in price-scan ranges, per scenario. */
    static final double[] PRICE_MOVES = {0, 0, 1 / 3.0, 1 / 3.0, -1 / 3.0, -1 / 3.0, 2 / 3.0, 2 / 3.0, -2 / 3.0,
        -2 / 3.0, 1, 1, -1, -1, 3, -3};
    /** Volatility moves in volatility-scan ranges, per scenario. */
    static final int[] VOL_MOVES = {1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 0, 0};
    /** The share of an extreme scenario's loss that counts. */
    static final double EXTREME_COVER = 0.35;
    static final int SCENARIOS = 16;
    private static final double MIN_VOL = 0.005;

    private record Cached(double spot, double vol, double years, double[] values) {
    }

    private final MarginParameters parameters;
    private final Map<String, Cached> cache = new HashMap<>();

    public MarginCalculator(MarginParameters parameters) {
        this.parameters = parameters;
    }

    public MarginParameters parameters() {
        return parameters;
    }

    /** A product's margin: scan requirement and exposure margin, currency units. */
    public record ProductMargin(double span, double exposure) {
        public double total() {
            return span + exposure;
        }
    }

    /** The margin of a whole portfolio. */
    public record Margin(Map<String, ProductMargin> byProduct) {
        public double span() {
            return byProduct.values().stream().mapToDouble(ProductMargin::span).sum();
        }

        public double exposure() {
            return byProduct.values().stream().mapToDouble(ProductMargin::exposure).sum();
        }

        public double total() {
            return span() + exposure();
        }
    }

    /**
     * The margin of net positions {@code quantities} (signed units by instrument).
     */
    public Margin margin(Map<Instrument, Long> quantities, MarketView market) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, Double> shortNotional = new LinkedHashMap<>();
        for (Map.Entry<Instrument, Long> e : quantities.entrySet()) {
            long q = e.getValue();
            if (q == 0) {
                continue;
            }
            Instrument i = e.getKey();
            String product = i.product().name();
            double[] unit = scenarioValues(i, market);
            double[] sum = sums.computeIfAbsent(product, p -> new double[SCENARIOS]);
            for (int s = 0; s < SCENARIOS; s++) {
                sum[s] += q * unit[s];
            }
            if (q < 0) {
                shortNotional.merge(product, -q * market.spot(i.product()), Double::sum);
            }
        }
        Map<String, ProductMargin> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double worst = 0;
            for (double v : e.getValue()) {
                worst = Math.min(worst, v);
            }
            double exposure = shortNotional.getOrDefault(e.getKey(), 0.0) * parameters.exposureRate(e.getKey());
            out.put(e.getKey(), new ProductMargin(-worst, exposure));
        }
        return new Margin(out);
    }

    /**
     * The value of one unit of {@code i} in each of the 16 scenarios, currency units (extreme scenarios already
     * scaled to their 35% cover around the current value).
     */
    double[] scenarioValues(Instrument i, MarketView market) {
        String product = i.product().name();
        double spot = market.spot(i.product());
        double vol = i.isOption() ? market.volatility(i) : 0;
        double years = i.isOption() ? Math.max(0, ExpiryCalendar.yearsToExpiry(i.product(), i.expiry(),
                market.valuationTime())) : 0;
        Cached c = cache.get(i.symbol());
        if (c != null && c.spot == spot && c.vol == vol && c.years == years) {
            return c.values;
        }
        double[] values = new double[SCENARIOS];
        double scan = parameters.priceScan(product);
        double volScan = i.isOption() ? parameters.volScan(product, vol) : 0;
        double base = unitValue(i, spot, Math.max(MIN_VOL, vol), years);
        for (int s = 0; s < SCENARIOS; s++) {
            double v = unitValue(i, spot * (1 + PRICE_MOVES[s] * scan), Math.max(MIN_VOL, vol + VOL_MOVES[s] * volScan),
                    years);
            values[s] = Math.abs(PRICE_MOVES[s]) > 1 ? base + EXTREME_COVER * (v - base) : v;
        }
        cache.put(i.symbol(), new Cached(spot, vol, years, values));
        return values;
    }

    /** Value of one unit: the underlying price, or the option's model value. */
    static double unitValue(Instrument i, double spot, double vol, double years) {
        if (!i.isOption()) {
            return spot;
        }
        if (years <= 0) {
            return i.intrinsic(spot);
        }
        return inputs(i, spot, vol, years).price();
    }

    /** Greeks of one unit (an underlying has delta 1 and price = spot). */
    public static Greeks unitGreeks(Instrument i, MarketView market) {
        double spot = market.spot(i.product());
        if (!i.isOption()) {
            return new Greeks(spot, 1, 0, 0, 0, 0, 0, 0, 0);
        }
        double years = ExpiryCalendar.yearsToExpiry(i.product(), i.expiry(), market.valuationTime());
        if (years <= 0) {
            return new Greeks(i.intrinsic(spot), 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return inputs(i, spot, Math.max(MIN_VOL, market.volatility(i)), years).greeks();
    }

    private static OptionInputs inputs(Instrument i, double spot, double vol, double years) {
        return new OptionInputs(i.product().exercise().quickModel(), i.optionType(), spot, i.strike(), years,
                i.product().rate(), i.product().dividendYield(), vol);
    }
}
