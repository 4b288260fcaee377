package io.deltastream.quant.pricing;

import io.deltastream.quant.InvalidInputException;
import io.deltastream.quant.math.NormalDistribution;

/**
 * The generalized Black–Scholes formula with cost of carry {@code b} (Haug, "The Complete Guide to Option Pricing
 * Formulas", 2nd ed., §1.1.6): {@code b = r - q} gives Black–Scholes–Merton on a dividend-paying spot, {@code b = 0}
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

    private GeneralizedBlackScholes() {
    }

    /** Checks the inputs every model shares; {@code underlyingField} is "spot" or "forward" as the caller names it. */
    static void validate(String underlyingField, double underlying, double strike, double years, double rate,
                         double dividendYield, double volatility) {
        InvalidInputException.requirePositive(underlyingField, underlying);
        InvalidInputException.requirePositive("strike", strike);
        InvalidInputException.requireNonNegative("years", years);
        InvalidInputException.requireFinite("rate", rate);
        InvalidInputException.requireFinite("dividendYield", dividendYield);
        InvalidInputException.requirePositive("volatility", volatility);
    }

    /** Price only; inputs must have been validated. */
    static double price(OptionType type, double s, double k, double t, double r, double b, double vol) {
        if (t == 0) {
            return type.intrinsic(s, k);
        }
        double sd = vol * Math.sqrt(t);
        double carryFactor = Math.exp(b * t);
        double discount = Math.exp(-r * t);
        double forward = s * carryFactor;
        double d1 = Math.log(forward / k) / sd + 0.5 * sd;
        double d2 = d1 - sd;
        double pdf1 = NormalDistribution.pdf(d1);
        double pdf2 = pdf1 * (forward / k);
        int theta = type.sign();
        double nd1 = NormalDistribution.cdfGivenDensity(theta * d1, pdf1);
        double nd2 = NormalDistribution.cdfGivenDensity(theta * d2, pdf2);
        return theta * discount * (forward * nd1 - k * nd2);
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
        double carryFactor = Math.exp(b * t);
        double discount = Math.exp(-r * t);
        double forward = s * carryFactor;
        double carryDiscount = discount * carryFactor;
        double d1 = Math.log(forward / k) / sd + 0.5 * sd;
        double d2 = d1 - sd;
        double pdf1 = NormalDistribution.pdf(d1);
        double pdf2 = pdf1 * (forward / k);
        double nd1 = NormalDistribution.cdfGivenDensity(theta * d1, pdf1);
        double nd2 = NormalDistribution.cdfGivenDensity(theta * d2, pdf2);

        double price = theta * discount * (forward * nd1 - k * nd2);
        double delta = theta * carryDiscount * nd1;
        double densityTerm = carryDiscount * pdf1;
        double gamma = densityTerm / (s * sd);
        double vega = s * densityTerm * sqrtT;
        double timeDecay = -s * densityTerm * vol / (2 * sqrtT)
                - theta * (b - r) * s * carryDiscount * nd1
                - theta * r * k * discount * nd2;
        double rho = carryFollowsRate ? theta * k * t * discount * nd2 : -t * price;
        double vanna = -densityTerm * d2 / vol;
        double volga = vega * d1 * d2 / vol;
        double charm = -theta * (b - r) * carryDiscount * nd1 - densityTerm * (b / sd - d2 / (2 * t));
        return new Greeks(price, delta, gamma, vega * PER_POINT, timeDecay / DAYS_PER_YEAR, rho * PER_POINT,
                vanna * PER_POINT, volga * PER_POINT * PER_POINT, charm / DAYS_PER_YEAR);
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
