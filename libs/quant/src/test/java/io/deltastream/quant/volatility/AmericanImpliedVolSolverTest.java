package io.deltastream.quant.volatility;

import io.deltastream.quant.pricing.AndersenLakeOffengelden;
import io.deltastream.quant.pricing.BjerksundStensland2002;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.quant.pricing.PricingModel;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class AmericanImpliedVolSolverTest {

    @Test
    void roundTripsAndersenLakeOffengeldenPrices() {
        // r from -1%: the negative-rate regimes included
        int[] counts = roundTrips(PricingModel.ANDERSEN_LAKE_OFFENGELDEN, new SplittableRandom(17), 80, -0.01, 0.07,
                0.05, AmericanImpliedVolSolver.TICK);
        assertThat(counts[0]).isGreaterThan(50);
        // the de-Americanised start, then secant steps: three or four American prices per solve
        assertThat((double) counts[1] / counts[0]).isLessThan(4);
    }

    @Test
    void roundTripsBjerksundStenslandPrices() {
        int[] counts = roundTrips(PricingModel.BJERKSUND_STENSLAND_2002, new SplittableRandom(19), 300, 0, 0.06, 0.04, 0);
        assertThat(counts[0]).isGreaterThan(200);
    }

    /**
     * Prices random options with the model and solves them back to 1e-8, plus what 1e-7 of the price is in volatility:
     * the default ALO price stops its Newton steps ~1e-8 relative short of the discrete solution, and the solver's
     * later prices, which start from the earlier boundaries, end closer to it; the prices differ by up to 4e-8
     * relative (measured on 4000 such options). Returns {solved, iterations}.
     */
    private static int[] roundTrips(PricingModel model, SplittableRandom random, int cases, double minRate,
                                    double rateSpan, double maxDividend, double tick) {
        int solved = 0;
        int iterations = 0;
        for (int i = 0; i < cases; i++) {
            OptionType type = random.nextBoolean() ? OptionType.CALL : OptionType.PUT;
            double spot = 50 + random.nextDouble() * 400;
            double vol = 0.08 + random.nextDouble() * 0.9;
            double years = 5 / 365.0 + random.nextDouble() * 2;
            double strike = spot * Math.exp(random.nextGaussian() * 0.6 * vol * Math.sqrt(years));
            double rate = minRate + random.nextDouble() * rateSpan;
            double dividend = random.nextDouble() * maxDividend;
            double price = price(model, type, spot, strike, years, rate, dividend, vol);
            // where the price barely depends on vol the inversion is ill-posed; keep cases with meaningful vega
            double vega = (price(model, type, spot, strike, years, rate, dividend, vol + 1e-4) - price) / 1e-4;
            if (vega < 1e-3 * spot * Math.sqrt(years) || price - type.intrinsic(spot, strike) <= tick) {
                continue;
            }
            ImpliedVol iv = AmericanImpliedVolSolver.solve(model, type, price, spot, strike, years, rate, dividend,
                    tick);
            assertThat(iv.status()).isEqualTo(ImpliedVolStatus.OK);
            assertThat(iv.volatility()).as("case %d", i).isCloseTo(vol, offset(1e-8 + 1e-7 * price / vega));
            iterations += iv.iterations();
            solved++;
        }
        return new int[]{solved, iterations};
    }

    private static double price(PricingModel model, OptionType type, double spot, double strike, double years,
                                double rate, double dividend, double vol) {
        return model == PricingModel.ANDERSEN_LAKE_OFFENGELDEN
                ? AndersenLakeOffengelden.price(type, spot, strike, years, rate, dividend, vol)
                : BjerksundStensland2002.price(type, spot, strike, years, rate, dividend, vol);
    }

    @Test
    void aPriceWithinATickOfExerciseValueHasNoVolatilityNotTheSearchsLowerBound() {
        // seen live: SPY 525 put, spot 475.49, mid 49.51 = intrinsic, was shown as iv 0.0001
        ImpliedVol atIntrinsic = AmericanImpliedVolSolver.solve(OptionType.PUT, 49.51, 475.49, 525, 0.1, 0.05, 0.013);
        assertThat(atIntrinsic.status()).isEqualTo(ImpliedVolStatus.AT_INTRINSIC);
        assertThat(atIntrinsic.volatility()).isNaN();
        assertThat(AmericanImpliedVolSolver.solve(OptionType.PUT, 49.515, 475.49, 525, 0.1, 0.05, 0.013).status())
                .isEqualTo(ImpliedVolStatus.AT_INTRINSIC);
        assertThat(AmericanImpliedVolSolver.solve(OptionType.PUT, 49.0, 475.49, 525, 0.1, 0.05, 0.013).status())
                .isEqualTo(ImpliedVolStatus.BELOW_INTRINSIC);
        // two ticks above intrinsic is time value: a volatility that reprices it
        ImpliedVol timeValue = AmericanImpliedVolSolver.solve(OptionType.PUT, 49.53, 475.49, 525, 0.1, 0.05, 0.013);
        assertThat(timeValue.status()).isEqualTo(ImpliedVolStatus.OK);
        // deep in the money the price barely moves with volatility: it is matched to 1e-7 relative (the default
        // price's own Newton convergence, see roundTrips)
        assertThat(AndersenLakeOffengelden.price(OptionType.PUT, 475.49, 525, 0.1, 0.05, 0.013,
                timeValue.volatility())).isCloseTo(49.53, offset(1e-7 * 49.53));
        // with a zero tick, a cent below intrinsic is below it
        assertThat(AmericanImpliedVolSolver.solve(PricingModel.ANDERSEN_LAKE_OFFENGELDEN, OptionType.PUT, 49.50,
                475.49, 525, 0.1, 0.05, 0.013, 0).status()).isEqualTo(ImpliedVolStatus.BELOW_INTRINSIC);
        // a put with q > r is worth K e^{-rT} - S e^{-qT} = 4.6392 at zero volatility (held to expiry): below that,
        // no volatility reproduces the price
        assertThat(AmericanImpliedVolSolver.zeroVolatilityValue(OptionType.PUT, 100, 100, 1, 0.05, 0.1))
                .isCloseTo(100 * (Math.exp(-0.05) - Math.exp(-0.1)), offset(1e-12));
        assertThat(AmericanImpliedVolSolver.solve(OptionType.PUT, 4.6, 100, 100, 1, 0.05, 0.1).status())
                .isEqualTo(ImpliedVolStatus.BELOW_INTRINSIC);
        assertThat(AmericanImpliedVolSolver.solve(OptionType.PUT, 4.7, 100, 100, 1, 0.05, 0.1).status())
                .isEqualTo(ImpliedVolStatus.OK);
        // out of the money, a zero quote has no time value either
        assertThat(AmericanImpliedVolSolver.solve(OptionType.CALL, 0, 475.49, 525, 0.1, 0.05, 0.013).status())
                .isEqualTo(ImpliedVolStatus.BELOW_INTRINSIC);
        assertThat(AmericanImpliedVolSolver.solve(OptionType.CALL, 101, 100, 90, 0.5, 0.05, 0.01).status())
                .isEqualTo(ImpliedVolStatus.ABOVE_MAXIMUM);
    }
}
