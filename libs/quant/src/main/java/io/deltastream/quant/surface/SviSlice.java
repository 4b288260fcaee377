package io.deltastream.quant.surface;

/**
 * A fitted smile for one expiry.
 *
 * @param years                   ACT/365 time to expiry
 * @param forward                 forward of the expiry; log-moneyness is k = ln(K / forward)
 * @param parameters              raw SVI parameters of total variance
 * @param rmseVol                 weighted root-mean-square error of the fit, in volatility (fraction) units
 * @param minDurrlemanG           smallest g(k) on a grid spanning the quotes and one unit of k beyond each side
 * @param butterflyArbitrageFree  whether minDurrlemanG >= 0
 */
public record SviSlice(double years, double forward, SviParameters parameters, double rmseVol, double minDurrlemanG,
                       boolean butterflyArbitrageFree) {

    /** Implied volatility at a strike. */
    public double impliedVol(double strike) {
        return parameters.impliedVol(Math.log(strike / forward), years);
    }

    /** Total implied variance at log-moneyness k. */
    public double totalVariance(double k) {
        return parameters.totalVariance(k);
    }
}
