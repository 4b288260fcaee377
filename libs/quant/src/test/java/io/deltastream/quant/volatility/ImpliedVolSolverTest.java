package io.deltastream.quant.volatility;

import io.deltastream.quant.InvalidInputException;
import io.deltastream.quant.pricing.Black76;
import io.deltastream.quant.pricing.BlackScholesMerton;
import io.deltastream.quant.pricing.OptionType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImpliedVolSolverTest {

    private static final double[] VOLS = {0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1, 1.5, 2, 3, 4, 5};
    private static final double[] YEARS = {1 / 365.0, 2 / 365.0, 7 / 365.0, 30 / 365.0, 0.25, 0.5, 1, 2, 5};
    /** ln(F/K) in units of sigma sqrt(T): up to 3 standard deviations and well beyond. */
    private static final double[] STANDARD_MONEYNESS = {-8, -6, -4, -3, -2, -1, -0.5, -0.1, 0, 0.1, 0.5, 1, 2, 3, 4,
            6, 8};
    private static final double FORWARD = 100;
    private static final double RATE = 0.03;

    /**
     * How much the volatility is determined by a double-precision price: the volatility change that moves the price by
     * a few ulps. The round trip can only be asked to recover sigma within this (the problem's own condition), so the
     * tested domain is where it is at most 1e-11; outside it only the backward error (repricing) is checked.
     */
    private static double volatilityResolution(double price, double vegaPerUnit) {
        return 4 * Math.ulp(price) / vegaPerUnit;
    }

    record Case(OptionType type, double vol, double years, double strike, double price, double vegaPerUnit) {
    }

    private static List<Case> grid() {
        List<Case> cases = new ArrayList<>();
        for (double vol : VOLS) {
            for (double years : YEARS) {
                double sd = vol * Math.sqrt(years);
                for (double m : STANDARD_MONEYNESS) {
                    double strike = FORWARD * Math.exp(-m * sd);
                    for (OptionType type : OptionType.values()) {
                        var greeks = Black76.greeks(type, FORWARD, strike, years, RATE, vol);
                        cases.add(new Case(type, vol, years, strike, greeks.price(), greeks.vega() * 100));
                    }
                }
            }
        }
        return cases;
    }

    @Test
    void recoversSigmaToOneTenBillionthWhereThePriceDeterminesIt() {
        int tested = 0;
        int maxIterations = 0;
        double worst = 0;
        for (Case c : grid()) {
            if (volatilityResolution(c.price, c.vegaPerUnit) > 1e-11 || c.price <= 0) {
                continue;
            }
            ImpliedVol iv = ImpliedVolSolver.black76(c.type, c.price, FORWARD, c.strike, c.years, RATE);
            assertThat(iv.status()).as("%s", c).isEqualTo(ImpliedVolStatus.OK);
            double error = Math.abs(iv.volatility() - c.vol);
            assertThat(error).as("%s -> %s", c, iv).isLessThanOrEqualTo(1e-10);
            worst = Math.max(worst, error);
            maxIterations = Math.max(maxIterations, iv.iterations());
            tested++;
        }
        System.out.printf("round trip: %d cases, worst |error| %.3g, max iterations %d%n", tested, worst,
                maxIterations);
        assertThat(tested).isGreaterThan(3000);
        assertThat(maxIterations).isLessThanOrEqualTo(3);
    }

    /**
     * Backward error over the whole grid, including where the price no longer pins sigma down (far wings, huge
     * sigma sqrt(T)): every price strictly inside the no-arbitrage bounds is solved, and the volatility found reprices
     * it to within 1e-10 relative, which is the pricer's own accuracy there. Prices that rounding has pushed onto a
     * bound get the matching status.
     */
    @Test
    void everyPriceInsideTheBoundsIsSolvedAndReprices() {
        double worst = 0;
        int solved = 0;
        for (Case c : grid()) {
            double discount = Math.exp(-RATE * c.years);
            double intrinsic = discount * c.type.intrinsic(FORWARD, c.strike);
            double maximum = discount * (c.type == OptionType.CALL ? FORWARD : c.strike);
            ImpliedVol iv = ImpliedVolSolver.black76(c.type, c.price, FORWARD, c.strike, c.years, RATE);
            if (iv.status() == ImpliedVolStatus.BELOW_INTRINSIC) {
                assertThat(c.price).as("%s", c).isLessThanOrEqualTo(intrinsic + 4 * Math.ulp(intrinsic));
                continue;
            }
            if (iv.status() == ImpliedVolStatus.ABOVE_MAXIMUM) {
                assertThat(c.price).as("%s", c).isGreaterThanOrEqualTo(maximum - 4 * Math.ulp(maximum));
                continue;
            }
            assertThat(iv.status()).as("%s", c).isEqualTo(ImpliedVolStatus.OK);
            double repriced = Black76.price(c.type, FORWARD, c.strike, c.years, RATE, iv.volatility());
            double relative = Math.abs(repriced - c.price) / c.price;
            assertThat(relative).as("%s -> %s", c, iv).isLessThanOrEqualTo(1e-10);
            worst = Math.max(worst, relative);
            solved++;
        }
        System.out.printf("backward error: %d solved, worst relative reprice error %.3g%n", solved, worst);
        assertThat(solved).isGreaterThan(4000);
    }

    @Test
    void agreesWithBisectionOnRandomInputs() {
        SplittableRandom random = new SplittableRandom(20240517);
        int compared = 0;
        for (int i = 0; i < 2000; i++) {
            OptionType type = random.nextBoolean() ? OptionType.CALL : OptionType.PUT;
            double vol = 0.01 + random.nextDouble() * 2;
            double years = 1 / 365.0 + random.nextDouble() * 3;
            double forward = 10 + random.nextDouble() * 1000;
            double strike = forward * Math.exp(random.nextGaussian() * vol * Math.sqrt(years));
            double rate = random.nextDouble() * 0.1 - 0.02;
            var greeks = Black76.greeks(type, forward, strike, years, rate, vol);
            if (volatilityResolution(greeks.price(), greeks.vega() * 100) > 1e-11) {
                continue;
            }
            ImpliedVol fast = ImpliedVolSolver.black76(type, greeks.price(), forward, strike, years, rate);
            ImpliedVol plain = BisectionImpliedVolSolver.black76(type, greeks.price(), forward, strike, years, rate);
            assertThat(fast.status()).isEqualTo(plain.status()).isEqualTo(ImpliedVolStatus.OK);
            assertThat(fast.volatility()).isCloseTo(plain.volatility(), org.assertj.core.data.Offset.offset(1e-10));
            compared++;
        }
        assertThat(compared).isGreaterThan(1500);
    }

    @Test
    void bsmEntryPointInvertsBsmPrices() {
        double price = BlackScholesMerton.price(OptionType.PUT, 185, 170, 45 / 365.0, 0.045, 0.006, 0.31);
        ImpliedVol iv = ImpliedVolSolver.bsm(OptionType.PUT, price, 185, 170, 45 / 365.0, 0.045, 0.006);
        assertThat(iv.volatility()).isCloseTo(0.31, org.assertj.core.data.Offset.offset(1e-13));
    }

    @Test
    void pricesOutsideTheNoArbitrageBoundsGetAStatusNotAnException() {
        double years = 0.5;
        double discount = Math.exp(-RATE * years);
        // call, K=90: intrinsic 10 discounted
        assertThat(ImpliedVolSolver.black76(OptionType.CALL, 10 * discount - 1e-9, FORWARD, 90, years, RATE).status())
                .isEqualTo(ImpliedVolStatus.BELOW_INTRINSIC);
        assertThat(ImpliedVolSolver.black76(OptionType.CALL, 10 * discount, FORWARD, 90, years, RATE).status())
                .isEqualTo(ImpliedVolStatus.BELOW_INTRINSIC);
        assertThat(ImpliedVolSolver.black76(OptionType.PUT, 0, FORWARD, 90, years, RATE).status())
                .isEqualTo(ImpliedVolStatus.BELOW_INTRINSIC);
        assertThat(ImpliedVolSolver.black76(OptionType.PUT, -1, FORWARD, 90, years, RATE).status())
                .isEqualTo(ImpliedVolStatus.BELOW_INTRINSIC);
        assertThat(ImpliedVolSolver.black76(OptionType.CALL, FORWARD * discount, FORWARD, 90, years, RATE).status())
                .isEqualTo(ImpliedVolStatus.ABOVE_MAXIMUM);
        assertThat(ImpliedVolSolver.black76(OptionType.PUT, 90 * discount * 1.01, FORWARD, 90, years, RATE).status())
                .isEqualTo(ImpliedVolStatus.ABOVE_MAXIMUM);
        ImpliedVol below = ImpliedVolSolver.black76(OptionType.CALL, 1, FORWARD, 90, years, RATE);
        assertThat(below.volatility()).isNaN();
        assertThat(below.isOk()).isFalse();
    }

    @Test
    void deepInAndOutOfTheMoneyAreSolvedToThePrecisionThePriceAllows() {
        // 6 standard deviations: the put is far out of the money, the call deep in it (time value ~1e-9 of the price)
        double vol = 0.25;
        double years = 0.1;
        double strike = FORWARD * Math.exp(-6 * vol * Math.sqrt(years));
        double put = Black76.price(OptionType.PUT, FORWARD, strike, years, 0, vol);
        assertThat(ImpliedVolSolver.black76(OptionType.PUT, put, FORWARD, strike, years, 0).volatility())
                .isCloseTo(vol, org.assertj.core.data.Offset.offset(1e-13));
        var call = Black76.greeks(OptionType.CALL, FORWARD, strike, years, 0, vol);
        double resolution = volatilityResolution(call.price(), call.vega() * 100);
        assertThat(ImpliedVolSolver.black76(OptionType.CALL, call.price(), FORWARD, strike, years, 0).volatility())
                .isCloseTo(vol, org.assertj.core.data.Offset.offset(resolution));
    }

    @Test
    void rejectsInvalidInputsNamingTheField() {
        assertThatThrownBy(() -> ImpliedVolSolver.black76(OptionType.CALL, 1, -100, 100, 1, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("forward");
        assertThatThrownBy(() -> ImpliedVolSolver.black76(OptionType.CALL, 1, 100, 100, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("years");
        assertThatThrownBy(() -> ImpliedVolSolver.black76(OptionType.CALL, Double.NaN, 100, 100, 1, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("price");
    }
}
