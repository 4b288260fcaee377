package io.deltastream.feed.synthetic;

import java.util.SplittableRandom;

/**
 * The synthetic implied-volatility surface of one product: an ATM level that mean-reverts to the product's long-run
 * volatility and rises when the spot falls (and the reverse), a term structure that pulls short expiries away from the
 * long-run level, and a skew and smile in standardised moneyness whose coefficients mean-revert with their own noise.
 *
 * <p>Volatility at strike K and expiry T: with {@code x = ln(K/F) / (atm(T) sqrt(T))} (standard deviations, clamped
 * to ±4), {@code iv = atm(T) (1 + skew x + smile x^2)}, never below 30% of the ATM volatility. Not thread-safe.
 */
final class SmileModel {
    /** Mean-reversion speed of the ATM level, per year (half-life about 12 days). */
    private static final double LEVEL_REVERSION = 20;
    /** Volatility of the ATM level, annualised, in volatility units. */
    private static final double VOL_OF_VOL = 0.8;
    /** ATM volatility change per unit of spot log-return (negative spot-vol correlation). */
    private static final double LEVERAGE = -1.5;
    /** How fast the term structure decays towards the long-run level, in years. */
    private static final double TERM_DECAY_YEARS = 0.25;
    private static final double MEAN_SKEW = -0.08;
    private static final double MEAN_SMILE = 0.02;
    private static final double SHAPE_REVERSION = 10;
    private static final double SHAPE_NOISE = 0.05;

    private final double longRun;
    private double level;
    private double skew = MEAN_SKEW;
    private double smile = MEAN_SMILE;

    SmileModel(double longRunVolatility) {
        this.longRun = longRunVolatility;
        this.level = longRunVolatility;
    }

    /**
     * Advances the surface by {@code years} after the spot moved by {@code logReturn}.
     */
    void step(double years, double logReturn, SplittableRandom random) {
        double root = Math.sqrt(years);
        level += LEVEL_REVERSION * (longRun - level) * years + VOL_OF_VOL * root * gaussian(random)
                + LEVERAGE * logReturn * level;
        level = Math.clamp(level, longRun * 0.3, longRun * 4);
        skew += SHAPE_REVERSION * (MEAN_SKEW - skew) * years + SHAPE_NOISE * root * gaussian(random);
        skew = Math.clamp(skew, -0.25, 0.05);
        smile += SHAPE_REVERSION * (MEAN_SMILE - smile) * years + SHAPE_NOISE * root * gaussian(random);
        smile = Math.clamp(smile, 0.0, 0.08);
    }

    /** The current ATM level (the volatility of the spot process), annualised fraction. */
    double level() {
        return level;
    }

    /** ATM volatility for expiry {@code years}: the short end carries the level's deviation, the long end the mean. */
    double atm(double years) {
        return longRun + (level - longRun) * Math.exp(-years / TERM_DECAY_YEARS);
    }

    /** Implied volatility at {@code strike} for expiry {@code years} and forward {@code forward}. */
    double impliedVol(double strike, double forward, double years) {
        double atm = atm(years);
        double x = Math.clamp(Math.log(strike / forward) / (atm * Math.sqrt(years)), -4, 4);
        return Math.max(atm * (1 + skew * x + smile * x * x), 0.3 * atm);
    }

    static double gaussian(SplittableRandom random) {
        // Box-Muller: exact, and depends on nothing but the random stream (determinism per seed).
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
