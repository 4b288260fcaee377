package io.deltastream.trading.risk;

import io.deltastream.market.product.ExerciseStyle;
import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.quant.pricing.BjerksundStensland2002;
import io.deltastream.quant.pricing.BlackScholesMerton;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.trading.instrument.Instrument;
import java.util.HashMap;
import java.util.Map;

/**
 * The margin definition written out plainly: for each product and each of the 16 scenarios, reprice every position
 * from scratch with the pricing library, sum, take the worst; add exposure margin on short notional.
 */
final class MarginOracle {
    private MarginOracle() {
    }

    static double margin(Map<Instrument, Long> positions, MarketView market, MarginParameters params) {
        double[] moves = {0, 0, 1 / 3.0, 1 / 3.0, -1 / 3.0, -1 / 3.0, 2 / 3.0, 2 / 3.0, -2 / 3.0, -2 / 3.0, 1, 1, -1, -1,
            3, -3};
        int[] vols = {1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 0, 0};
        Map<String, double[]> perProduct = new HashMap<>();
        Map<String, Double> exposure = new HashMap<>();
        for (Map.Entry<Instrument, Long> e : positions.entrySet()) {
            Instrument i = e.getKey();
            long q = e.getValue();
            String p = i.product().name();
            double s0 = market.spot(i.product());
            double[] v = perProduct.computeIfAbsent(p, k -> new double[16]);
            for (int s = 0; s < 16; s++) {
                double spot = s0 * (1 + moves[s] * params.priceScan(p));
                double value;
                if (!i.isOption()) {
                    value = spot;
                } else {
                    double iv = market.volatility(i);
                    double vol = Math.max(0.005, iv + vols[s] * Math.max(params.isIndex(p) ? params.volScanIndex()
                            : params.volScanStock(), 0.25 * iv));
                    value = price(i, spot, vol, market);
                }
                if (s >= 14) {
                    double base = i.isOption() ? price(i, s0, Math.max(0.005, market.volatility(i)), market) : s0;
                    value = base + 0.35 * (value - base);
                }
                v[s] += q * value;
            }
            if (q < 0) {
                exposure.merge(p, -q * s0 * params.exposureRate(p), Double::sum);
            }
        }
        double total = 0;
        for (double[] v : perProduct.values()) {
            double worst = 0;
            for (double x : v) {
                worst = Math.min(worst, x);
            }
            total += -worst;
        }
        for (double x : exposure.values()) {
            total += x;
        }
        return total;
    }

    private static double price(Instrument i, double spot, double vol, MarketView market) {
        double years = ExpiryCalendar.yearsToExpiry(i.product(), i.expiry(), market.valuationTime());
        OptionType t = i.optionType();
        if (years <= 0) {
            return t.intrinsic(spot, i.strike());
        }
        return i.product().exercise() == ExerciseStyle.AMERICAN
                ? BjerksundStensland2002.price(t, spot, i.strike(), years, i.product().rate(),
                        i.product().dividendYield(), vol)
                : BlackScholesMerton.price(t, spot, i.strike(), years, i.product().rate(), i.product().dividendYield(),
                        vol);
    }
}
