package io.deltastream.quant.surface;

import io.deltastream.quant.math.NormalDistribution;

/**
 * Summary numbers of one smile, all volatilities as fractions.
 *
 * @param years          time to expiry
 * @param atmVol         volatility at the forward (k = 0)
 * @param riskReversal25 vol of the 25-delta call minus vol of the 25-delta put (forward deltas); negative for the
 *                       usual equity skew
 * @param butterfly25    average of the 25-delta call and put vols minus the ATM vol
 * @param skewSlope      d(vol)/dk at the forward, per unit of log-moneyness
 */
public record SmileMetrics(double years, double atmVol, double riskReversal25, double butterfly25, double skewSlope) {

    private static final double DELTA_25 = 0.25;

    public static SmileMetrics of(SviSlice slice) {
        return of(slice.parameters(), slice.years());
    }

    /** The metrics of raw SVI parameters (total variance in log-moneyness) for a time to expiry in years, &gt; 0. */
    public static SmileMetrics of(SviParameters p, double t) {
        double atm = p.impliedVol(0, t);
        double call = p.impliedVol(strikeForCallDelta(p, DELTA_25), t);
        double put = p.impliedVol(strikeForCallDelta(p, 1 - DELTA_25), t);
        // vol = sqrt(w / T) => dvol/dk = w' / (2 sqrt(w T))
        double slope = p.firstDerivative(0) / (2 * Math.sqrt(Math.max(p.totalVariance(0), 1e-300) * t));
        return new SmileMetrics(t, atm, call - put, 0.5 * (call + put) - atm, slope);
    }

    /**
     * Log-moneyness where the forward call delta N(d1) equals {@code delta}, with d1 = -k / sqrt(w) + sqrt(w) / 2 on
     * the smile itself (a put of delta -0.25 is the call of delta 0.75). N(d1) falls with k on an arbitrage-free smile,
     * so bisection finds it.
     */
    static double strikeForCallDelta(SviParameters p, double delta) {
        double low = -10;
        double high = 10;
        for (int i = 0; i < 200 && high - low > 1e-12; i++) {
            double k = 0.5 * (low + high);
            double root = Math.sqrt(Math.max(p.totalVariance(k), 1e-300));
            double callDelta = NormalDistribution.cdf(-k / root + 0.5 * root);
            if (callDelta > delta) {
                low = k;
            } else {
                high = k;
            }
        }
        return 0.5 * (low + high);
    }
}
