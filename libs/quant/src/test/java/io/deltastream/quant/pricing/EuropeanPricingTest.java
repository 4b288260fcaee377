package io.deltastream.quant.pricing;

import io.deltastream.quant.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class EuropeanPricingTest {

    /**
     * E. G. Haug, "The Complete Guide to Option Pricing Formulas", 2nd ed. (McGraw-Hill, 2007): the worked examples
     * of chapter 1 (plain vanilla formulas) and chapter 2 (Greeks, generalized Black–Scholes), to their printed four
     * decimals. Haug's cost of carry b maps to BSM as q = r - b.
     */
    @Test
    void reproducesHaugTextbookExamples() {
        // Ch. 1, Black–Scholes (1973) stock option: S=60, X=65, T=0.25, r=8%, sigma=30%: call 2.1334
        assertThat(BlackScholesMerton.price(OptionType.CALL, 60, 65, 0.25, 0.08, 0, 0.30)).isCloseTo(2.1334, offset(5e-5));
        // Ch. 1, Merton (1973) option on a stock index with dividend yield: S=100, X=95, T=0.5, r=10%, q=5%, sigma=20%: put 2.4648
        assertThat(BlackScholesMerton.price(OptionType.PUT, 100, 95, 0.5, 0.10, 0.05, 0.20)).isCloseTo(2.4648, offset(5e-5));
        // Ch. 1, Black (1976) option on a future: F=19, X=19, T=0.75, r=10%, sigma=28%: call = put = 1.7011
        assertThat(Black76.price(OptionType.CALL, 19, 19, 0.75, 0.10, 0.28)).isCloseTo(1.7011, offset(5e-5));
        assertThat(Black76.price(OptionType.PUT, 19, 19, 0.75, 0.10, 0.28)).isCloseTo(1.7011, offset(5e-5));
        // Ch. 1, Garman–Kohlhagen currency option: S=1.56, X=1.60, T=0.5, r=6%, rf=8%, sigma=12%: call 0.0291
        assertThat(BlackScholesMerton.price(OptionType.CALL, 1.56, 1.60, 0.5, 0.06, 0.08, 0.12)).isCloseTo(0.0291, offset(5e-5));
        // Ch. 2, delta of a futures option (b=0): S=105, X=100, T=0.5, r=10%, sigma=36%: call 0.5946, put -0.3566
        assertThat(BlackScholesMerton.greeks(OptionType.CALL, 105, 100, 0.5, 0.10, 0.10, 0.36).delta()).isCloseTo(0.5946, offset(5e-5));
        assertThat(BlackScholesMerton.greeks(OptionType.PUT, 105, 100, 0.5, 0.10, 0.10, 0.36).delta()).isCloseTo(-0.3566, offset(5e-5));
        // Ch. 2, gamma: S=55, X=60, T=0.75, r=b=10%, sigma=30%: gamma 0.0278
        assertThat(BlackScholesMerton.greeks(OptionType.CALL, 55, 60, 0.75, 0.10, 0, 0.30).gamma()).isCloseTo(0.0278, offset(5e-5));
        // Ch. 2, theta: put S=430, X=405, T=0.0833, r=7%, b=2%, sigma=20%: theta -31.1924 per year
        assertThat(BlackScholesMerton.greeks(OptionType.PUT, 430, 405, 0.0833, 0.07, 0.05, 0.20).theta() * 365)
                .isCloseTo(-31.1924, offset(5e-5));
        // Ch. 2, rho: call S=72, X=75, T=1, r=b=9%, sigma=19%: rho 38.7325 per unit rate
        assertThat(BlackScholesMerton.greeks(OptionType.CALL, 72, 75, 1, 0.09, 0, 0.19).rho() * 100).isCloseTo(38.7325, offset(5e-5));
    }

    @Test
    void putCallParityHoldsToOneInATrillion() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            double spot = 1 + random.nextDouble() * 50_000;
            double vol = 0.01 + random.nextDouble() * 3;
            double years = random.nextDouble() * 5;
            double strike = spot * Math.exp(random.nextGaussian() * vol * Math.sqrt(years) * 2);
            double rate = random.nextDouble() * 0.15 - 0.03;
            double dividend = random.nextDouble() * 0.08;
            double call = BlackScholesMerton.price(OptionType.CALL, spot, strike, years, rate, dividend, vol);
            double put = BlackScholesMerton.price(OptionType.PUT, spot, strike, years, rate, dividend, vol);
            double forwardValue = spot * Math.exp(-dividend * years) - strike * Math.exp(-rate * years);
            double scale = Math.max(Math.max(call, put), Math.abs(forwardValue));
            assertThat(Math.abs(call - put - forwardValue)).as("case %d", i).isLessThanOrEqualTo(1e-12 * scale);
            double callB76 = Black76.price(OptionType.CALL, spot, strike, years, rate, vol);
            double putB76 = Black76.price(OptionType.PUT, spot, strike, years, rate, vol);
            double b76Forward = Math.exp(-rate * years) * (spot - strike);
            double b76Scale = Math.max(Math.max(callB76, putB76), Math.abs(b76Forward));
            assertThat(Math.abs(callB76 - putB76 - b76Forward)).isLessThanOrEqualTo(1e-12 * b76Scale);
        }
    }

    @Test
    void bsmGreeksMatchCentralFiniteDifferencesOfThePrice() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 500; i++) {
            OptionType type = random.nextBoolean() ? OptionType.CALL : OptionType.PUT;
            double s = 50 + random.nextDouble() * 200;
            double vol = 0.05 + random.nextDouble();
            double t = 0.02 + random.nextDouble() * 3;
            double k = s * Math.exp(random.nextGaussian() * vol * Math.sqrt(t));
            double r = random.nextDouble() * 0.1 - 0.01;
            double q = random.nextDouble() * 0.06;
            Greeks g = BlackScholesMerton.greeks(type, s, k, t, r, q, vol);
            assertThat(g.price()).isEqualTo(BlackScholesMerton.price(type, s, k, t, r, q, vol));
            checkAgainstDifferences(g,
                    x -> BlackScholesMerton.price(type, x, k, t, r, q, vol), s,
                    x -> BlackScholesMerton.price(type, s, k, t, r, q, x), vol,
                    x -> BlackScholesMerton.price(type, s, k, x, r, q, vol), t,
                    x -> BlackScholesMerton.price(type, s, k, t, x, q, vol), r,
                    (x, y) -> BlackScholesMerton.price(type, x, k, t, r, q, y),
                    (x, y) -> BlackScholesMerton.price(type, x, k, y, r, q, vol));
        }
    }

    @Test
    void black76GreeksMatchCentralFiniteDifferencesWithTheForwardHeld() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 500; i++) {
            OptionType type = random.nextBoolean() ? OptionType.CALL : OptionType.PUT;
            double f = 15_000 + random.nextDouble() * 40_000;
            double vol = 0.05 + random.nextDouble() * 0.6;
            double t = 0.01 + random.nextDouble();
            double k = f * Math.exp(random.nextGaussian() * vol * Math.sqrt(t));
            double r = random.nextDouble() * 0.08;
            Greeks g = Black76.greeks(type, f, k, t, r, vol);
            checkAgainstDifferences(g,
                    x -> Black76.price(type, x, k, t, r, vol), f,
                    x -> Black76.price(type, f, k, t, r, x), vol,
                    x -> Black76.price(type, f, k, x, r, vol), t,
                    x -> Black76.price(type, f, k, t, x, vol), r,
                    (x, y) -> Black76.price(type, x, k, t, r, y),
                    (x, y) -> Black76.price(type, x, k, y, r, vol));
        }
    }

    interface Price2 {
        double at(double x, double y);
    }

    /** Every Greek against central differences, converted to the published units (per vol point, per day, per 1%). */
    private static void checkAgainstDifferences(Greeks g, DoubleUnaryOperator bySpot, double s,
                                                DoubleUnaryOperator byVol, double vol, DoubleUnaryOperator byYears,
                                                double t, DoubleUnaryOperator byRate, double r, Price2 bySpotVol,
                                                Price2 bySpotYears) {
        // first derivatives with small bumps, second derivatives with larger ones (rounding error ~ eps V / h^2)
        double hs1 = s * 1e-5;
        double hs = s * 1e-4;
        double hv1 = 1e-5;
        double hv = 1e-4;
        double ht = Math.min(1e-5, t / 4);
        double hr = 1e-5;
        double delta = (bySpot.applyAsDouble(s + hs1) - bySpot.applyAsDouble(s - hs1)) / (2 * hs1);
        double gamma = (bySpot.applyAsDouble(s + hs) - 2 * g.price() + bySpot.applyAsDouble(s - hs)) / (hs * hs);
        double vega = (byVol.applyAsDouble(vol + hv1) - byVol.applyAsDouble(vol - hv1)) / (2 * hv1);
        double volga = (byVol.applyAsDouble(vol + hv) - 2 * g.price() + byVol.applyAsDouble(vol - hv)) / (hv * hv);
        double theta = -(byYears.applyAsDouble(t + ht) - byYears.applyAsDouble(t - ht)) / (2 * ht);
        double rho = (byRate.applyAsDouble(r + hr) - byRate.applyAsDouble(r - hr)) / (2 * hr);
        double vanna = (bySpotVol.at(s + hs, vol + hv) - bySpotVol.at(s - hs, vol + hv)
                - bySpotVol.at(s + hs, vol - hv) + bySpotVol.at(s - hs, vol - hv)) / (4 * hs * hv);
        double charm = -(bySpotYears.at(s + hs, t + ht) - bySpotYears.at(s - hs, t + ht)
                - bySpotYears.at(s + hs, t - ht) + bySpotYears.at(s - hs, t - ht)) / (4 * hs * ht);

        // relative 1e-5 of the difference quotient, plus an absolute floor of the order of its rounding error
        double priceScale = Math.max(g.price(), 1e-3 * s);
        assertClose("delta", g.delta(), delta, 1e-9);
        assertCloseSecondOrder("gamma", g.gamma(), gamma, 1e-9 * priceScale / (s * s) * 1e4);
        assertClose("vega", g.vega(), vega * 0.01, 1e-10 * priceScale);
        assertCloseSecondOrder("volga", g.volga(), volga * 1e-4, 1e-8 * priceScale);
        assertClose("theta", g.theta(), theta / 365, 1e-9 * priceScale);
        assertClose("rho", g.rho(), rho * 0.01, 1e-10 * priceScale);
        assertCloseSecondOrder("vanna", g.vanna(), vanna * 0.01, 1e-7);
        assertCloseSecondOrder("charm", g.charm(), charm / 365, 1e-8);
    }

    /** Second derivatives come from wider stencils, whose truncation error is ~1e-8 relative of the bump squared. */
    private static void assertCloseSecondOrder(String greek, double analytic, double difference, double absoluteFloor) {
        assertThat(analytic).as(greek).isCloseTo(difference, offset(1e-4 * Math.abs(difference) + absoluteFloor));
    }

    private static void assertClose(String greek, double analytic, double difference, double absoluteFloor) {
        assertThat(analytic).as(greek).isCloseTo(difference, offset(1e-5 * Math.abs(difference) + absoluteFloor));
    }

    @Test
    void atExpiryTheOptionIsItsPayoffWithLimitingGreeks() {
        Greeks itm = BlackScholesMerton.greeks(OptionType.CALL, 110, 100, 0, 0.05, 0.01, 0.2);
        assertThat(itm).isEqualTo(new Greeks(10, 1, 0, 0, 0, 0, 0, 0, 0));
        Greeks otmPut = BlackScholesMerton.greeks(OptionType.PUT, 110, 100, 0, 0.05, 0.01, 0.2);
        assertThat(otmPut).isEqualTo(new Greeks(0, 0, 0, 0, 0, 0, 0, 0, 0));
        Greeks atm = Black76.greeks(OptionType.PUT, 100, 100, 0, 0.05, 0.2);
        assertThat(atm.delta()).isEqualTo(-0.5);
        assertThat(atm.price()).isZero();
        // and the limit is approached continuously
        Greeks nearExpiry = BlackScholesMerton.greeks(OptionType.CALL, 110, 100, 1e-9, 0.05, 0.01, 0.2);
        assertThat(nearExpiry.price()).isCloseTo(10, offset(1e-6));
        assertThat(nearExpiry.delta()).isCloseTo(1, offset(1e-9));
    }

    /** mpmath 50-digit references: relative precision survives where 1 - Phi(d) would have none left. */
    @Test
    void deepOutOfTheMoneyPricesKeepRelativePrecision() {
        assertThat(Black76.price(OptionType.CALL, 100, 300, 0.1, 0, 0.2))
                .isCloseTo(4.3149713735889711397e-68, org.assertj.core.data.Percentage.withPercentage(1e-10));
        assertThat(Black76.price(OptionType.PUT, 100, 60, 0.25, 0, 0.15))
                .isCloseTo(3.9690531445389216862e-12, org.assertj.core.data.Percentage.withPercentage(1e-10));
    }

    @Test
    void invalidInputsAreRejectedNamingTheFieldAndRange() {
        assertThatThrownBy(() -> BlackScholesMerton.price(OptionType.CALL, 0, 100, 1, 0.05, 0, 0.2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("spot").hasMessageContaining("(0, +inf)");
        assertThatThrownBy(() -> BlackScholesMerton.price(OptionType.CALL, 100, -5, 1, 0.05, 0, 0.2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("strike");
        assertThatThrownBy(() -> Black76.greeks(OptionType.CALL, 100, 100, 1, 0.05, 0))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("volatility"));
        assertThatThrownBy(() -> Black76.greeks(OptionType.CALL, -1, 100, 1, 0.05, 0.2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("forward");
        assertThatThrownBy(() -> BlackScholesMerton.greeks(OptionType.CALL, 100, 100, -0.1, 0.05, 0, 0.2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("years");
        assertThatThrownBy(() -> BlackScholesMerton.greeks(OptionType.CALL, 100, 100, 1, Double.NaN, 0, 0.2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("rate");
        assertThatThrownBy(() -> new OptionInputs(PricingModel.BLACK_76, OptionType.CALL, 100, 100, 1, 0.05, 0.02, 0.2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("dividendYield");
    }

    @Test
    void optionInputsDispatchToTheNamedModel() {
        var bsm = new OptionInputs(PricingModel.BLACK_SCHOLES_MERTON, OptionType.PUT, 100, 95, 0.5, 0.1, 0.05, 0.2);
        assertThat(bsm.greeks()).isEqualTo(BlackScholesMerton.greeks(OptionType.PUT, 100, 95, 0.5, 0.1, 0.05, 0.2));
        assertThat(bsm.price()).isEqualTo(bsm.greeks().price());
        var b76 = new OptionInputs(PricingModel.BLACK_76, OptionType.CALL, 19, 19, 0.75, 0.1, 0, 0.28);
        assertThat(b76.greeks()).isEqualTo(Black76.greeks(OptionType.CALL, 19, 19, 0.75, 0.1, 0.28));
        var american = new OptionInputs(PricingModel.BJERKSUND_STENSLAND_2002, OptionType.PUT, 36, 40, 1, 0.06, 0, 0.2);
        assertThat(american.price()).isEqualTo(BjerksundStensland2002.price(OptionType.PUT, 36, 40, 1, 0.06, 0, 0.2));
        assertThat(bsm.withVolatility(0.3).volatility()).isEqualTo(0.3);
    }
}
