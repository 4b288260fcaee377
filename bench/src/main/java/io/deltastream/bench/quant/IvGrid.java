package io.deltastream.bench.quant;

import io.deltastream.quant.pricing.Black76;
import io.deltastream.quant.pricing.OptionType;

import java.util.ArrayList;
import java.util.List;

/**
 * The implied-vol test grid of the unit tests: sigma in [0.01, 5], T from 1 day to 5 years, ln(F/K) from -3 to +3
 * standard deviations, calls and puts, keeping only prices strictly inside the no-arbitrage bounds.
 */
final class IvGrid {

    static final double FORWARD = 100;
    static final double RATE = 0.03;
    private static final double[] VOLS = {0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1, 1.5, 2, 3, 4, 5};
    private static final double[] YEARS = {1 / 365.0, 2 / 365.0, 7 / 365.0, 30 / 365.0, 0.25, 0.5, 1, 2, 5};
    private static final double[] MONEYNESS = {-3, -2, -1, -0.5, -0.1, 0, 0.1, 0.5, 1, 2, 3};

    final OptionType[] types;
    final double[] prices;
    final double[] strikes;
    final double[] years;

    private IvGrid(List<Object[]> rows) {
        int n = rows.size();
        types = new OptionType[n];
        prices = new double[n];
        strikes = new double[n];
        years = new double[n];
        for (int i = 0; i < n; i++) {
            Object[] row = rows.get(i);
            types[i] = (OptionType) row[0];
            prices[i] = (double) row[1];
            strikes[i] = (double) row[2];
            years[i] = (double) row[3];
        }
    }

    static IvGrid build() {
        List<Object[]> rows = new ArrayList<>();
        for (double vol : VOLS) {
            for (double t : YEARS) {
                for (double m : MONEYNESS) {
                    double strike = FORWARD * Math.exp(-m * vol * Math.sqrt(t));
                    for (OptionType type : OptionType.values()) {
                        double price = Black76.price(type, FORWARD, strike, t, RATE, vol);
                        double discount = Math.exp(-RATE * t);
                        double upper = discount * (type == OptionType.CALL ? FORWARD : strike);
                        if (price > discount * type.intrinsic(FORWARD, strike) && price < upper) {
                            rows.add(new Object[]{type, price, strike, t});
                        }
                    }
                }
            }
        }
        return new IvGrid(rows);
    }

    int size() {
        return prices.length;
    }
}
