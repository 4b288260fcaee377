package io.deltastream.quant.pricing;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class BjerksundStensland2002Test {

    @Test
    void sharedBuildingBlocksReproduceHaugsPublishedBjerksundStenslandValues() {
        // Haug, "The Complete Guide to Option Pricing Formulas", 1st ed., McGraw-Hill 1998, p. 27, Bjerksund–Stensland
        // (1993) example (the same values QuantLib's americanoption test suite cites):
        // call S=42, X=40, T=0.75, r=4%, b=-4%, sigma=35% -> 5.2704
        assertThat(BjerksundStensland2002.call1993(42, 40, 0.75, 0.04, -0.04, 0.35)).isCloseTo(5.2704, offset(5e-5));
        // same source, VBA example: put S=36, X=40, T=1, r=6%, q=0, sigma=20% -> 4.4531 (put via P(S,X,r,b) = C(X,S,r-b,-b))
        assertThat(BjerksundStensland2002.call1993(40, 36, 1, 0, -0.06, 0.20)).isCloseTo(4.4531, offset(5e-5));
    }

    /**
     * The 2002 (two-step) approximation's published example in MathWorks' Financial Instruments Toolbox
     * documentation, function {@code optstockbybjs} ("Compute the American Option Prices With Continuous Dividend
     * Yield Using the Bjerksund-Stensland 2002 Option Pricing Model", mathworks.com/help/fininst/optstockbybjs.html):
     * K = 100, q = 4%, vol 20%, r = 8% continuously compounded, 1 January to 1 April 2008 (91 days, actual/actual in
     * a leap year: T = 91/366); a call at S = 90 is 0.8420 and a put at S = 120 is 0.1108. No source we could check
     * gives Haug's values for the 2002 version, so only his 1993 ones are above.
     */
    @Test
    void reproducesMathWorksPublishedBjerksundStensland2002Example() {
        double years = 91 / 366.0;
        assertThat(BjerksundStensland2002.price(OptionType.CALL, 90, 100, years, 0.08, 0.04, 0.2))
                .isCloseTo(0.8420, offset(5e-5));
        assertThat(BjerksundStensland2002.price(OptionType.PUT, 120, 100, years, 0.08, 0.04, 0.2))
                .isCloseTo(0.1108, offset(5e-5));
    }

    @Test
    void theTwoStepBoundaryImprovesOnTheFlatOneAndStaysBelowTheTrueAmericanValue() {
        // 2002 is the value of a richer exercise strategy than 1993, and still a feasible strategy, so
        // BS1993 <= BS2002 <= true American (here a 4000-step binomial tree, accurate to ~1e-3). The flat two-step
        // boundary costs up to ~1.5% against the tree for long-dated calls with a high dividend yield.
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 25; i++) {
            double s = 80 + random.nextDouble() * 40;
            double vol = 0.15 + random.nextDouble() * 0.3;
            double t = 0.1 + random.nextDouble() * 1.5;
            double r = 0.01 + random.nextDouble() * 0.08;
            double q = random.nextDouble() * 0.1;
            double put = BjerksundStensland2002.price(OptionType.PUT, s, 100, t, r, q, vol);
            double put1993 = BjerksundStensland2002.call1993(100, s, t, q, q - r, vol);
            double tree = BinomialTree.american(OptionType.PUT, s, 100, t, r, q, vol, 4000);
            assertThat(put).as("case %d", i).isGreaterThanOrEqualTo(put1993 - 1e-12);
            assertThat(put).as("case %d", i).isLessThanOrEqualTo(tree + 2e-3);
            assertThat(put).as("case %d", i).isCloseTo(tree, offset(Math.max(1.5e-2 * tree, 2e-3)));
            double call = BjerksundStensland2002.price(OptionType.CALL, s, 100, t, r, q, vol);
            double callTree = BinomialTree.american(OptionType.CALL, s, 100, t, r, q, vol, 4000);
            assertThat(call).as("call %d", i).isLessThanOrEqualTo(callTree + 2e-3)
                    .isCloseTo(callTree, offset(Math.max(1.5e-2 * callTree, 2e-3)));
            assertThat(call).isGreaterThanOrEqualTo(BjerksundStensland2002.call1993(s, 100, t, r, r - q, vol) - 1e-12);
        }
    }

    @Test
    void americanIsNeverBelowEuropeanOrIntrinsicAndACallWithoutDividendsIsEuropean() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 2000; i++) {
            OptionType type = random.nextBoolean() ? OptionType.CALL : OptionType.PUT;
            double s = 10 + random.nextDouble() * 500;
            double vol = 0.05 + random.nextDouble() * 1.5;
            double t = random.nextDouble() * 3;
            double k = s * Math.exp(random.nextGaussian() * 0.5);
            double r = random.nextDouble() * 0.12 - 0.02;
            double q = random.nextDouble() * 0.1;
            double american = BjerksundStensland2002.price(type, s, k, t, r, q, vol);
            double european = BlackScholesMerton.price(type, s, k, t, r, q, vol);
            assertThat(american).isGreaterThanOrEqualTo(european).isGreaterThanOrEqualTo(type.intrinsic(s, k))
                    .isGreaterThanOrEqualTo(0);
            // without dividends and with a non-negative rate, early exercise of a call is never optimal
            double nonNegativeRate = Math.abs(r);
            assertThat(BjerksundStensland2002.price(OptionType.CALL, s, k, t, nonNegativeRate, 0, vol))
                    .isEqualTo(BlackScholesMerton.price(OptionType.CALL, s, k, t, nonNegativeRate, 0, vol));
        }
    }

    @Test
    void greeksAreConsistentWithTheEuropeanOnesWhereEarlyExerciseIsWorthless() {
        Greeks american = BjerksundStensland2002.greeks(OptionType.CALL, 100, 105, 0.5, 0.05, 0, 0.25);
        Greeks european = BlackScholesMerton.greeks(OptionType.CALL, 100, 105, 0.5, 0.05, 0, 0.25);
        assertThat(american.delta()).isCloseTo(european.delta(), offset(1e-6));
        assertThat(american.gamma()).isCloseTo(european.gamma(), offset(1e-5));
        assertThat(american.vega()).isCloseTo(european.vega(), offset(1e-6));
        assertThat(american.rho()).isCloseTo(european.rho(), offset(1e-6));
        assertThat(american.theta()).isCloseTo(european.theta(), offset(1e-4));
        assertThat(american.vanna()).isCloseTo(european.vanna(), offset(1e-5));
        assertThat(american.volga()).isCloseTo(european.volga(), offset(1e-4));
    }

    @Test
    void americanPutGreeksHaveTheRightSignsAndDeltaMatchesTheTree() {
        Greeks g = BjerksundStensland2002.greeks(OptionType.PUT, 95, 100, 0.75, 0.06, 0.01, 0.3);
        assertThat(g.delta()).isBetween(-1.0, 0.0);
        assertThat(g.gamma()).isPositive();
        assertThat(g.vega()).isPositive();
        assertThat(g.rho()).isNegative();
        double h = 0.5;
        double treeDelta = (BinomialTree.american(OptionType.PUT, 95 + h, 100, 0.75, 0.06, 0.01, 0.3, 3000)
                - BinomialTree.american(OptionType.PUT, 95 - h, 100, 0.75, 0.06, 0.01, 0.3, 3000)) / (2 * h);
        assertThat(g.delta()).isCloseTo(treeDelta, offset(0.01));
        Greeks expired = BjerksundStensland2002.greeks(OptionType.PUT, 95, 100, 0, 0.06, 0.01, 0.3);
        assertThat(expired.price()).isEqualTo(5);
        assertThat(expired.delta()).isEqualTo(-1);
    }
}
