package io.deltastream.quant.surface;

import java.util.ArrayList;
import java.util.List;

/**
 * A surface-SVI (SSVI) fit with the power-law curvature of Gatheral and Jacquier, "Arbitrage-free SVI volatility
 * surfaces" (2014): total variance w(k, theta) = theta/2 (1 + rho phi k + sqrt((phi k + rho)^2 + 1 - rho^2)) with
 * phi(theta) = eta / (theta^gamma (1 + theta)^(1 - gamma)), theta the ATM total variance of each expiry.
 *
 * <p>Free of static arbitrage by construction: the fit keeps gamma in (0, 1/2], eta (1 + |rho|) &lt;= 2 (their
 * butterfly conditions theta phi (1 + |rho|) &lt; 4 and theta phi^2 (1 + |rho|) &lt;= 4 follow for every theta) and
 * theta non-decreasing in expiry (no calendar arbitrage for this phi).
 *
 * @param rho     correlation-like skew parameter, |rho| &lt; 1
 * @param eta     curvature level, &gt; 0
 * @param gamma   curvature decay, in (0, 1/2]
 * @param years   expiries, ascending, ACT/365 years
 * @param theta   ATM total variance per expiry, non-decreasing
 * @param rmseVol root-mean-square error of the fit in implied volatility (fraction) over all quoted points
 */
public record SsviSurface(double rho, double eta, double gamma, double[] years, double[] theta, double rmseVol) {

    /** The curvature phi(theta). */
    public double phi(double atmTotalVariance) {
        return eta / (Math.pow(atmTotalVariance, gamma) * Math.pow(1 + atmTotalVariance, 1 - gamma));
    }

    /** Total variance at log-moneyness k = ln(K/F) on the slice of expiry index i. */
    public double totalVariance(double k, int i) {
        return totalVariance(k, theta[i], phi(theta[i]));
    }

    /** Total variance at k for ATM total variance theta whose curvature phi(theta) the caller already has. */
    double totalVariance(double k, double atmTotalVariance, double curvature) {
        double x = curvature * k + rho;
        return 0.5 * atmTotalVariance * (1 + rho * curvature * k + Math.sqrt(x * x + 1 - rho * rho));
    }

    /** Slice i as raw SVI (Gatheral–Jacquier lemma 3.1), for the callers and checks that speak raw SVI. */
    public SviParameters slice(int i) {
        double p = phi(theta[i]);
        double root = Math.sqrt(1 - rho * rho);
        return new SviParameters(0.5 * theta[i] * (1 - rho * rho), 0.5 * theta[i] * p, rho, -rho / p, root / p);
    }

    /** All slices as raw SVI, by expiry. */
    public List<SviParameters> slices() {
        List<SviParameters> out = new ArrayList<>(theta.length);
        for (int i = 0; i < theta.length; i++) {
            out.add(slice(i));
        }
        return out;
    }
}
