package io.deltastream.quant.volatility;

/**
 * Result of an implied-volatility inversion.
 *
 * @param volatility annualised implied volatility as a fraction (0.2285 = 22.85%); NaN unless status is OK
 * @param status     OK, or why there is no volatility
 * @param iterations solver iterations used (0 when the status is decided before iterating)
 */
public record ImpliedVol(double volatility, ImpliedVolStatus status, int iterations) {

    static ImpliedVol failed(ImpliedVolStatus status) {
        return new ImpliedVol(Double.NaN, status, 0);
    }

    public boolean isOk() {
        return status == ImpliedVolStatus.OK;
    }
}
