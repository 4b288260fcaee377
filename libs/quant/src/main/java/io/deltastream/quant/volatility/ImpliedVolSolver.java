package io.deltastream.quant.volatility;

import io.deltastream.quant.Inputs;
import io.deltastream.quant.math.NormalDistribution;
import io.deltastream.quant.pricing.OptionType;

/**
 * Implied volatility of European options by Peter Jäckel's "Let's Be Rational" method (Wilmott, January 2015),
 * implemented from the paper's mathematics.
 *
 * <p>The price is reduced to the normalised time value beta of an out-of-the-money call, x = -|ln(F/K)| (in-the-money
 * options via put–call parity, puts via the symmetry b(x, s, put) = b(-x, s, call)). The curve b(s) is split at its
 * inflection point s_c = sqrt(2|x|) and at the points s_l, s_u where its tangent there meets 0 and the upper bound
 * e^{x/2}, into four branches. Each branch has a rational cubic initial guess — in the outer two of a transformed
 * variable that follows b's asymptotics, Phi(-|x|/(sqrt3 s))^3 below and Phi(-s/2) above — and is then refined by
 * Householder steps of order 3 on an objective that is nearly linear there: 1/ln b below, b in the middle,
 * -ln(b_max - b) above. Iteration stops after a step below 1e-4 relative: the method is of fourth order, so the error
 * left is of order (1e-4)^4, below double precision. On the whole test grid this takes one or two steps.
 *
 * <p>Domain: any forward, strike > 0, T > 0, discount factor > 0, and a price strictly between the discounted
 * intrinsic value and the discounted upper bound (forward for calls, strike for puts). Outside it the result has a
 * status ({@link ImpliedVolStatus#BELOW_INTRINSIC}, {@link ImpliedVolStatus#ABOVE_MAXIMUM}), never an exception. How
 * precisely the volatility can be known is limited by the price itself: one ulp of the price moves the volatility by
 * ulp(price)/vega, which is what the tests bound.
 */
public final class ImpliedVolSolver {

    private static final double SQRT_THREE = Math.sqrt(3);
    private static final double TWO_PI_OVER_SQRT_27 = 2 * Math.PI / Math.sqrt(27);
    private static final double CONVERGED_RELATIVE_STEP = 1e-4;
    private static final int MAX_ITERATIONS = 10;

    private ImpliedVolSolver() {
    }

    /**
     * Implied volatility from a Black-76 price.
     *
     * @param price          option price in currency units (discounted)
     * @param forward        forward of the underlying for the expiry, > 0
     * @param strike         > 0
     * @param years          ACT/365 time to expiry, > 0
     * @param discountFactor e^{-rT}, > 0
     */
    public static ImpliedVol black(OptionType type, double price, double forward, double strike, double years,
                                   double discountFactor) {
        Inputs.requireFinite("price", price);
        Inputs.requirePositive("forward", forward);
        Inputs.requirePositive("strike", strike);
        Inputs.requirePositive("years", years);
        Inputs.requirePositive("discountFactor", discountFactor);
        return solve(type, price / discountFactor, forward, strike, years);
    }

    /** Implied volatility from a Black–Scholes–Merton price on a spot with continuous dividend yield. */
    public static ImpliedVol bsm(OptionType type, double price, double spot, double strike, double years, double rate,
                                 double dividendYield) {
        Inputs.requirePositive("spot", spot);
        Inputs.requireFinite("rate", rate);
        Inputs.requireFinite("dividendYield", dividendYield);
        Inputs.requirePositive("years", years);
        return black(type, price, spot * Math.exp((rate - dividendYield) * years), strike, years,
                Math.exp(-rate * years));
    }

    /** Implied volatility from a Black-76 price with the discount factor given as a rate. */
    public static ImpliedVol black76(OptionType type, double price, double forward, double strike, double years,
                                     double rate) {
        Inputs.requireFinite("rate", rate);
        Inputs.requirePositive("years", years);
        return black(type, price, forward, strike, years, Math.exp(-rate * years));
    }

    private static ImpliedVol solve(OptionType type, double undiscounted, double forward, double strike,
                                    double years) {
        double intrinsic = type.intrinsic(forward, strike);
        if (!(undiscounted > intrinsic)) {
            return ImpliedVol.failed(ImpliedVolStatus.BELOW_INTRINSIC);
        }
        double maximum = type == OptionType.CALL ? forward : strike;
        if (undiscounted >= maximum) {
            return ImpliedVol.failed(ImpliedVolStatus.ABOVE_MAXIMUM);
        }
        // Time value of the out-of-the-money equivalent, normalised by sqrt(F K) (split so F K cannot overflow).
        double beta = (undiscounted - intrinsic) / (Math.sqrt(forward) * Math.sqrt(strike));
        double x = -Math.abs(Math.log(forward / strike));
        // e^{x/2} = sqrt(min(F, K) / max(F, K)): one rounding fewer than exp(x / 2), and no exponential
        double expHalfX = Math.sqrt(Math.min(forward, strike) / Math.max(forward, strike));
        if (beta >= expHalfX) {
            return ImpliedVol.failed(ImpliedVolStatus.ABOVE_MAXIMUM);
        }
        return normalisedVolatility(beta, x, expHalfX, Math.sqrt(years));
    }

    /**
     * Solves b(x, s) = beta for s, x <= 0, 0 < beta < e^{x/2}; returns sigma = s / sqrtYears.
     */
    static ImpliedVol normalisedVolatility(double beta, double x, double expHalfX, double sqrtYears) {
        double bMax = expHalfX;
        double sc = Math.sqrt(-2 * x);
        // at s_c = sqrt(2|x|), x^2/s^2 + s^2/4 = |x|, so the scale exp(-(x^2/s^2 + s^2/4)/2) is e^{x/2}
        double scaleC = expHalfX;
        double bc = NormalisedBlack.call(x, sc, expHalfX, scaleC);
        double vc = NormalisedBlack.vega(scaleC);
        double s;
        double sLeft;
        double sRight;
        int objective;
        if (beta < bc) {
            double sl = Math.max(sc - bc / vc, 0);
            double scaleL = NormalisedBlack.scale(x, sl);
            double bl = NormalisedBlack.call(x, sl, expHalfX, scaleL);
            double vl = NormalisedBlack.vega(scaleL);
            if (beta < bl) {
                s = lowerGuess(beta, x, sl, bl, vl);
                sLeft = 0;
                sRight = sl;
                objective = LOWER;
            } else {
                s = middleGuess(beta, bl, bc, sl, sc, vl, vc, true);
                sLeft = sl;
                sRight = sc;
                objective = MIDDLE;
            }
        } else {
            double su = sc + (bMax - bc) / vc;
            double scaleU = NormalisedBlack.scale(x, su);
            double bu = NormalisedBlack.call(x, su, expHalfX, scaleU);
            double vu = NormalisedBlack.vega(scaleU);
            if (beta <= bu) {
                s = middleGuess(beta, bc, bu, sc, su, vc, vu, false);
                sLeft = sc;
                sRight = su;
                objective = MIDDLE;
            } else {
                s = upperGuess(beta, x, bMax, su, bu, vu);
                sLeft = su;
                sRight = Double.POSITIVE_INFINITY;
                objective = UPPER;
            }
        }
        if (!(s >= sLeft && s <= sRight)) {
            s = Math.min(Math.max(s, sLeft), sRight);
        }
        return iterate(beta, x, expHalfX, s, sLeft, sRight, objective, sqrtYears);
    }

    private static final int LOWER = 0;
    private static final int MIDDLE = 1;
    private static final int UPPER = 2;

    private static ImpliedVol iterate(double beta, double x, double expHalfX, double s, double sLeft, double sRight,
                                      int objective, double sqrtYears) {
        double logBeta = objective == LOWER ? Math.log(beta) : 0;
        double logComplementTarget = objective == UPPER ? Math.log(expHalfX - beta) : 0;
        int iterations = 0;
        while (iterations < MAX_ITERATIONS) {
            iterations++;
            double scale = NormalisedBlack.scale(x, s);
            // near the upper bound b is taken from its accurately computed distance to the bound
            double complement = objective == UPPER ? NormalisedBlack.complement(x, s, expHalfX, scale) : 0;
            double b = objective == UPPER ? expHalfX - complement : NormalisedBlack.call(x, s, expHalfX, scale);
            if (b == beta) {
                break;
            }
            double vega = NormalisedBlack.vega(scale);
            if (b < beta) {
                sLeft = s;
            } else {
                sRight = s;
            }
            if (!(b > 0) || !(vega > 0)) {
                // b or its slope underflowed: no derivative information, so halve the bracket instead.
                double next = Double.isInfinite(sRight) ? 2 * s : 0.5 * (sLeft + sRight);
                if (next == s) {
                    break;
                }
                s = next;
                continue;
            }
            double a = NormalisedBlack.secondOverFirst(x, s);
            double c = NormalisedBlack.thirdOverFirst(x, s);
            double newton;
            double halley;
            double third;
            if (objective == LOWER) {
                double logB = Math.log(b);
                double q = vega / b;
                double ratio = (logB + 2) / logB;
                newton = (logBeta - logB) * logB * b / (logBeta * vega);
                halley = a - ratio * q;
                third = (2 * logB * logB + 6 * logB + 6) / (logB * logB) * q * q - 3 * ratio * q * a + c;
            } else if (objective == UPPER) {
                double p = vega / complement;
                newton = (Math.log(complement) - logComplementTarget) / p;
                halley = p + a;
                third = 2 * p * p + 3 * p * a + c;
            } else {
                newton = (beta - b) / vega;
                halley = a;
                third = c;
            }
            double step = newton * (1 + 0.5 * halley * newton) / (1 + newton * (halley + third * newton / 6));
            if (Math.abs(step) <= CONVERGED_RELATIVE_STEP * s) {
                s += step;
                break;
            }
            s = keepInBracket(s, s + step, sLeft, sRight);
        }
        return new ImpliedVol(s / sqrtYears, ImpliedVolStatus.OK, iterations);
    }

    /**
     * A Householder step that leaves the bracket known from the evaluations so far is cut back to the bracket end it
     * crossed (near the branch boundaries the root can sit right at the end), or bisected when already there.
     */
    private static double keepInBracket(double s, double next, double sLeft, double sRight) {
        if (next > sLeft && next < sRight) {
            return next;
        }
        double bound = next <= sLeft ? sLeft : sRight;
        if (bound != s && bound > 0 && Double.isFinite(bound)) {
            return bound;
        }
        return Double.isInfinite(sRight) ? 2 * s : 0.5 * (sLeft + sRight);
    }

    /**
     * Middle branches: the inverse s(b) itself between two points of known slope 1/b'; at the inflection point s_c
     * its second derivative is 0, which fixes the rational cubic's control parameter.
     */
    private static double middleGuess(double beta, double bLeft, double bRight, double sLeft, double sRight,
                                      double vLeft, double vRight, boolean inflectionOnRight) {
        double dl = 1 / vLeft;
        double dr = 1 / vRight;
        double r = inflectionOnRight
                ? RationalCubic.controlForRightSecondDerivative(bLeft, bRight, sLeft, sRight, dl, dr, 0)
                : RationalCubic.controlForLeftSecondDerivative(bLeft, bRight, sLeft, sRight, dl, dr, 0);
        return RationalCubic.interpolate(beta, bLeft, bRight, sLeft, sRight, dl, dr, r);
    }

    /**
     * Lowest branch: interpolate f(beta) = f_l(s(beta)), with f_l(s) = (2 pi |x| / sqrt 27) Phi(-|x|/(sqrt3 s))^3
     * (the small-s asymptote of b, so f ~ beta near 0), then invert f_l in closed form.
     */
    private static double lowerGuess(double beta, double x, double sl, double bl, double vl) {
        double ax = -x;
        double coefficient = TWO_PI_OVER_SQRT_27 * ax;
        double z = ax / (SQRT_THREE * sl);
        double density = NormalDistribution.pdf(z);
        double tail = NormalDistribution.cdfGivenDensity(-z, density);
        double fl = coefficient * tail * tail * tail;
        double du = density * z / sl;
        double d2u = density * z * (z * z - 2) / (sl * sl);
        double fPrime = 3 * coefficient * tail * tail * du;
        double fSecond = 3 * coefficient * (2 * tail * du * du + tail * tail * d2u);
        double dr = fPrime / vl;
        double second = (fSecond - fPrime * NormalisedBlack.secondOverFirst(x, sl)) / (vl * vl);
        double r = RationalCubic.controlForRightSecondDerivative(0, bl, 0, fl, 1, dr, second);
        double f = RationalCubic.interpolate(beta, 0, bl, 0, fl, 1, dr, r);
        if (!(f > 0 && f < fl)) {
            f = Math.min(Math.max(f, beta * fl / bl), fl);
        }
        double phiOfMinusZ = Math.cbrt(f / coefficient);
        return ax / (SQRT_THREE * -NormalDistribution.inverseCdfApproximation(phiOfMinusZ));
    }

    /**
     * Highest branch: interpolate f(beta) = Phi(-s(beta)/2), whose slope tends to -1/2 at the upper bound, then
     * s = -2 Phi^{-1}(f).
     */
    private static double upperGuess(double beta, double x, double bMax, double su, double bu, double vu) {
        double density = NormalDistribution.pdf(0.5 * su);
        double fu = NormalDistribution.cdfGivenDensity(-0.5 * su, density);
        double fPrime = -0.5 * density;
        double fSecond = 0.125 * su * density;
        double dl = fPrime / vu;
        double second = (fSecond - fPrime * NormalisedBlack.secondOverFirst(x, su)) / (vu * vu);
        double r = RationalCubic.controlForLeftSecondDerivative(bu, bMax, fu, 0, dl, -0.5, second);
        double f = RationalCubic.interpolate(beta, bu, bMax, fu, 0, dl, -0.5, r);
        if (!(f > 0 && f < fu)) {
            f = Math.min(Math.max(f, fu * (bMax - beta) / (bMax - bu)), fu);
        }
        return -2 * NormalDistribution.inverseCdfApproximation(f);
    }
}
