package io.deltastream.quant.pricing;

/**
 * Price and sensitivities of one option (or, summed, of a position), in trader units.
 *
 * @param price value in currency units
 * @param delta dV/dS: change of value per 1 unit of the underlying (spot for BSM and American, the forward for Black-76)
 * @param gamma d2V/dS2: change of delta per 1 unit of the underlying
 * @param vega  dV/dsigma per 1 volatility point: value change when the volatility rises by 0.01 (one percentage point)
 * @param theta value change per calendar day as time passes, -dV/dT / 365 (negative for a long vanilla option in
 *              normal markets)
 * @param rho   dV/dr per 1% rate: value change when the continuously compounded rate rises by 0.01. For BSM the
 *              dividend yield is held, so the forward moves with the rate; for Black-76 the forward is held, so
 *              rho = -T * V / 100
 * @param vanna d(delta)/dsigma per 1 volatility point
 * @param volga d(vega)/dsigma per 1 volatility point, i.e. d2V/dsigma2 * 1e-4
 * @param charm change of delta per calendar day as time passes, -d(delta)/dT / 365
 */
public record Greeks(double price, double delta, double gamma, double vega, double theta, double rho, double vanna,
                     double volga, double charm) {

    /** All zero: the neutral element of {@link #plus(Greeks)}. */
    public static final Greeks ZERO = new Greeks(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Every field multiplied by {@code quantity} (negative for a short position). */
    public Greeks times(double quantity) {
        return new Greeks(price * quantity, delta * quantity, gamma * quantity, vega * quantity, theta * quantity,
                rho * quantity, vanna * quantity, volga * quantity, charm * quantity);
    }

    /** Field-by-field sum, to aggregate the legs of a position. */
    public Greeks plus(Greeks other) {
        return new Greeks(price + other.price, delta + other.delta, gamma + other.gamma, vega + other.vega,
                theta + other.theta, rho + other.rho, vanna + other.vanna, volga + other.volga, charm + other.charm);
    }
}
