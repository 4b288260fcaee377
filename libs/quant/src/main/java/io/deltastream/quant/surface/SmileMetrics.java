package io.deltastream.quant.surface;

import io.deltastream.quant.math.NormalDistribution;

/**
 * Summary numbers of one smile, all volatilities as fractions.
 *
 * @param years          time to expiry
 * @param atmVol         volatility at the forward (k = 0)
 * @param riskReversal25 vol of the 25-delta call minus vol of the 25-delta put (forward deltas); negative for the
 *                       usual equity skew; NaN (as {@code butterfly25}) where the smile has no 25-delta strike
 * @param butterfly25    average of the 25-delta call and put vols minus the ATM vol
 * @param skewSlope      d(vol)/dk at the forward, per unit of log-moneyness
 */
public record SmileMetrics(double years, double atmVol, double riskReversal25, double butterfly25, double skewSlope) {

    private static final double DELTA_25 = 0.25;
    /** The walk's step and reach, in ATM standard deviations sqrt(w(0)); 25-delta strikes lie near 0.7 of them. */
    private static final double SEARCH_STEP = 0.05;
    private static final double SEARCH_DEVIATIONS = 20;

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
     * the smile itself (a put of delta -0.25 is the call of delta 0.75): the crossing nearest to the forward, NaN where
     * the smile has none within {@link #SEARCH_DEVIATIONS} ATM standard deviations.
     *
     * <p>Why a walk outward from the forward rather than a bisection over a wide fixed bracket: N(d1) falls with k only
     * where the smile obeys Lee's wing bound (total-variance slope at most 2). A fitted slice may not far outside its
     * quotes: short-expiry fits put the SVI vertex beyond the last strike with a wing slope b(1 + rho) near 4 (the
     * fitter's Rogers–Tehranchi bound), where d1 grows again and N(d1) returns to 1. A bisection over [-10, 10] then
     * converged to the bracket's end, and the 25-delta vols read from there were hundreds of vol points apart
     * (the enricher's skew of 9.39 for the nearest SPY expiry).
     */
    static double strikeForCallDelta(SviParameters p, double delta) {
        double step = SEARCH_STEP * Math.sqrt(Math.max(p.totalVariance(0), 1e-300));
        double direction = callDelta(p, 0) > delta ? 1 : -1;
        double inner = 0;
        double outer = Double.NaN;
        for (int i = 1; i <= SEARCH_DEVIATIONS / SEARCH_STEP; i++) {
            double k = direction * i * step;
            if ((callDelta(p, k) - delta) * direction <= 0) {
                outer = k;
                break;
            }
            inner = k;
        }
        if (Double.isNaN(outer)) {
            return Double.NaN;
        }
        for (int i = 0; i < 100 && Math.abs(outer - inner) > 1e-14 * (1 + Math.abs(inner)); i++) {
            double k = 0.5 * (inner + outer);
            if ((callDelta(p, k) - delta) * direction > 0) {
                inner = k;
            } else {
                outer = k;
            }
        }
        return 0.5 * (inner + outer);
    }

    /** Forward call delta N(d1) at log-moneyness k on the smile. */
    private static double callDelta(SviParameters p, double k) {
        double root = Math.sqrt(Math.max(p.totalVariance(k), 1e-300));
        return NormalDistribution.cdf(-k / root + 0.5 * root);
    }
}
