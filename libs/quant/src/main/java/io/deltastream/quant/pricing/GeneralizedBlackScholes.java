package io.deltastream.quant.pricing;

import io.deltastream.quant.Inputs;
import io.deltastream.quant.math.Exponential;
import io.deltastream.quant.math.NormalDistribution;

/**
 * The generalized Black–Scholes formula with cost of carry {@code b} (Haug, "The Complete Guide to Option Pricing
 * Formulas", 2nd ed., ch. 1, "generalized Black–Scholes"): {@code b = r - q} gives Black–Scholes–Merton on a dividend-paying spot, {@code b = 0}
 * with the forward as underlying gives Black-76. Both public models delegate here so that one set of formulas is
 * tested.
 *
 * <p>The two cumulative normals share a single {@code exp}: phi(d2) = phi(d1) * F / K exactly, and each
 * {@code Phi(theta d)} is taken from its density and the scaled complementary error function, so deep out-of-the-money
 * prices keep their relative precision instead of becoming differences of numbers close to 1.
 */
final class GeneralizedBlackScholes {

    static final double DAYS_PER_YEAR = 365.0;
    static final double PER_POINT = 0.01;
    static final double PER_DAY = 1 / DAYS_PER_YEAR;

    private GeneralizedBlackScholes() {
    }

    /** Checks the inputs every model shares; {@code underlyingField} is "spot" or "forward" as the caller names it. */
    static void validate(String underlyingField, double underlying, double strike, double years, double rate,
                         double dividendYield, double volatility) {
        Inputs.requirePositive(underlyingField, underlying);
        Inputs.requirePositive("strike", strike);
        Inputs.requireNonNegative("years", years);
        Inputs.requireFinite("rate", rate);
        Inputs.requireFinite("dividendYield", dividendYield);
        Inputs.requirePositive("volatility", volatility);
    }

    /**
     * Price only; inputs must have been validated. It is the price of {@link #greeks}, so both always agree; JMH
     * measures both at the same cost, since the time goes into the exp/log/erfcx dependency chain rather than into the
     * Greek arithmetic.
     */
    static double price(OptionType type, double s, double k, double t, double r, double b, double vol) {
        return greeks(type, s, k, t, r, b, vol, true).price();
    }

    /**
     * Price and all Greeks; inputs must have been validated.
     *
     * @param carryFollowsRate true when a rate move also moves the carry (BSM: b = r - q with q held); false when the
     *                         forward is the quoted underlying and is held (Black-76)
     */
    static Greeks greeks(OptionType type, double s, double k, double t, double r, double b, double vol,
                         boolean carryFollowsRate) {
        int theta = type.sign();
        if (t == 0) {
            return atExpiry(theta, s, k);
        }
        double sqrtT = Math.sqrt(t);
        double sd = vol * sqrtT;
        // Divisions are the slowest arithmetic here, so the kernel takes three reciprocals and multiplies after that.
        double inverseSd = 1 / sd;
        double inverseT = 1 / t;
        double inverseVol = sqrtT * inverseSd;
        double discount = Exponential.exp(-r * t);
        // Black-76 has no carry: one transcendental fewer
        double growth = b == 0 ? 1 : Exponential.exp(b * t);
        double carryDiscount = growth * discount;
        double ratio = s / k;
        // ln(F/K) from ln(S/K) so that the logarithm does not wait for the exponentials (the kernel is latency-bound)
        double logMoneyness = Math.log(ratio) + b * t;
        double d1 = logMoneyness * inverseSd + 0.5 * sd;
        double d2 = d1 - sd;
        double pdf1 = NormalDistribution.pdf(d1);
        double nd1 = NormalDistribution.cdfGivenDensity(theta * d1, pdf1);
        // phi(d2) = phi(d1) F / K exactly
        double nd2 = NormalDistribution.cdfGivenDensity(theta * d2, pdf1 * ratio * growth);

        double spotTerm = s * carryDiscount * nd1;
        double strikeTerm = k * discount * nd2;
        double price = theta * (spotTerm - strikeTerm);
        double densityTerm = carryDiscount * pdf1;
        double vega = s * densityTerm * sqrtT;
        double timeDecay = -0.5 * vega * vol * inverseT - theta * ((b - r) * spotTerm + r * strikeTerm);
        double rho = carryFollowsRate ? theta * t * strikeTerm : -t * price;
        double charm = -theta * (b - r) * carryDiscount * nd1 - densityTerm * (b * inverseSd - 0.5 * d2 * inverseT);
        return new Greeks(price, theta * carryDiscount * nd1, densityTerm * inverseSd / s, vega * PER_POINT,
                timeDecay * PER_DAY, rho * PER_POINT, -densityTerm * d2 * inverseVol * PER_POINT,
                vega * d1 * d2 * inverseVol * PER_POINT * PER_POINT, charm * PER_DAY);
    }

    /**
     * At expiry the option is its payoff: delta is the slope of the payoff (the average of the one-sided slopes,
     * theta/2, exactly at the strike) and every other sensitivity is zero, since there is no time value left.
     */
    private static Greeks atExpiry(int theta, double s, double k) {
        double moneyness = theta * (s - k);
        double delta = moneyness > 0 ? theta : moneyness == 0 ? 0.5 * theta : 0;
        return new Greeks(Math.max(moneyness, 0), delta, 0, 0, 0, 0, 0, 0, 0);
    }
}
