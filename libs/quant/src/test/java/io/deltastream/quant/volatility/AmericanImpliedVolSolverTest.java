package io.deltastream.quant.volatility;

import io.deltastream.quant.pricing.BjerksundStensland2002;
import io.deltastream.quant.pricing.OptionType;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class AmericanImpliedVolSolverTest {

    @Test
    void roundTripsAmericanPrices() {
        SplittableRandom random = new SplittableRandom(17);
        int solved = 0;
        for (int i = 0; i < 300; i++) {
            OptionType type = random.nextBoolean() ? OptionType.CALL : OptionType.PUT;
            double spot = 50 + random.nextDouble() * 400;
            double vol = 0.08 + random.nextDouble() * 0.9;
            double years = 5 / 365.0 + random.nextDouble() * 2;
            double strike = spot * Math.exp(random.nextGaussian() * 0.6 * vol * Math.sqrt(years));
            double rate = random.nextDouble() * 0.06;
            double dividend = random.nextDouble() * 0.04;
            double price = BjerksundStensland2002.price(type, spot, strike, years, rate, dividend, vol);
            // where the price barely depends on vol the inversion is ill-posed; keep cases with meaningful vega
            double vega = (BjerksundStensland2002.price(type, spot, strike, years, rate, dividend, vol + 1e-4)
                    - price) / 1e-4;
            if (vega < 1e-3 * spot * Math.sqrt(years)) {
                continue;
            }
            ImpliedVol iv = AmericanImpliedVolSolver.solve(type, price, spot, strike, years, rate, dividend);
            assertThat(iv.status()).isEqualTo(ImpliedVolStatus.OK);
            assertThat(iv.volatility()).as("case %d", i).isCloseTo(vol, offset(1e-8));
            solved++;
        }
        assertThat(solved).isGreaterThan(200);
    }

    @Test
    void pricesAtOrBelowExerciseValueHaveNoVolatility() {
        assertThat(AmericanImpliedVolSolver.solve(OptionType.PUT, 10, 90, 100, 0.5, 0.05, 0).status())
                .isEqualTo(ImpliedVolStatus.BELOW_INTRINSIC);
        assertThat(AmericanImpliedVolSolver.solve(OptionType.CALL, 101, 100, 90, 0.5, 0.05, 0.01).status())
                .isEqualTo(ImpliedVolStatus.ABOVE_MAXIMUM);
    }
}
