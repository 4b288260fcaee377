package io.deltastream.quant.strategy;

import io.deltastream.quant.InvalidInputException;
import io.deltastream.quant.math.NormalDistribution;
import io.deltastream.quant.pricing.BlackScholesMerton;
import io.deltastream.quant.pricing.Greeks;
import io.deltastream.quant.pricing.OptionType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class StrategyTest {

    private static final StrategyMarket MARKET = new StrategyMarket(100, 0.05, 0.01, 0.25);
    private static final double T = 30 / 365.0;

    private static OptionLeg leg(OptionType type, double strike, double quantity, double years) {
        double premium = BlackScholesMerton.price(type, 100, strike, years, 0.05, 0.01, 0.25);
        return new OptionLeg(type, strike, years, quantity, premium, 0.25);
    }

    private static double probabilityAbove(double level) {
        double forward = 100 * Math.exp(0.04 * T);
        double sd = 0.25 * Math.sqrt(T);
        return NormalDistribution.cdf((Math.log(forward / level) - 0.5 * sd * sd) / sd);
    }

    @Test
    void longCall() {
        OptionLeg call = leg(OptionType.CALL, 105, 1, T);
        Strategy strategy = new Strategy(List.of(call), 50);
        StrategyRisk risk = strategy.risk(MARKET);
        assertThat(risk.breakevens()).hasSize(1);
        assertThat(risk.breakevens().get(0)).isCloseTo(105 + call.entryPrice(), offset(1e-9));
        assertThat(risk.maxLoss()).isCloseTo(-call.entryPrice() * 50, offset(1e-9));
        assertThat(risk.maxProfitUnbounded()).isTrue();
        assertThat(risk.maxProfit()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(risk.maxLossUnbounded()).isFalse();
        assertThat(risk.probabilityOfProfit()).isCloseTo(probabilityAbove(105 + call.entryPrice()), offset(1e-9));
        assertThat(strategy.payoffAtHorizon(120, MARKET)).isCloseTo((15 - call.entryPrice()) * 50, offset(1e-9));
    }

    @Test
    void shortStraddleHasTwoBreakevensAndUnboundedLoss() {
        OptionLeg call = leg(OptionType.CALL, 100, -1, T);
        OptionLeg put = leg(OptionType.PUT, 100, -1, T);
        double credit = call.entryPrice() + put.entryPrice();
        StrategyRisk risk = new Strategy(List.of(call, put), 1).risk(MARKET);
        assertThat(risk.breakevens()).hasSize(2);
        assertThat(risk.breakevens().get(0)).isCloseTo(100 - credit, offset(1e-9));
        assertThat(risk.breakevens().get(1)).isCloseTo(100 + credit, offset(1e-9));
        assertThat(risk.maxProfit()).isCloseTo(credit, offset(1e-12));
        assertThat(risk.maxLossUnbounded()).isTrue();
        assertThat(risk.probabilityOfProfit())
                .isCloseTo(probabilityAbove(100 - credit) - probabilityAbove(100 + credit), offset(1e-9));
    }

    @Test
    void bullCallSpreadAndCoveredCallAreBounded() {
        OptionLeg longCall = leg(OptionType.CALL, 95, 1, T);
        OptionLeg shortCall = leg(OptionType.CALL, 105, -1, T);
        double debit = longCall.entryPrice() - shortCall.entryPrice();
        StrategyRisk spread = new Strategy(List.of(longCall, shortCall), 1).risk(MARKET);
        assertThat(spread.maxProfit()).isCloseTo(10 - debit, offset(1e-9));
        assertThat(spread.maxLoss()).isCloseTo(-debit, offset(1e-9));
        assertThat(spread.breakevens()).singleElement().satisfies(b -> assertThat(b).isCloseTo(95 + debit, offset(1e-9)));
        assertThat(spread.maxProfitUnbounded() || spread.maxLossUnbounded()).isFalse();

        OptionLeg coveredCall = leg(OptionType.CALL, 110, -1, T);
        StrategyRisk covered = new Strategy(List.of(new UnderlyingLeg(1, 100), coveredCall), 1).risk(MARKET);
        assertThat(covered.maxProfit()).isCloseTo(10 + coveredCall.entryPrice(), offset(1e-9));
        assertThat(covered.maxLoss()).isCloseTo(-(100 - coveredCall.entryPrice()), offset(1e-6));
        assertThat(covered.breakevens()).singleElement()
                .satisfies(b -> assertThat(b).isCloseTo(100 - coveredCall.entryPrice(), offset(1e-9)));
    }

    @Test
    void calendarSpreadIsValuedWithTheLaterLegAlive() {
        OptionLeg nearShort = leg(OptionType.CALL, 100, -1, T);
        OptionLeg farLong = leg(OptionType.CALL, 100, 1, 3 * T);
        Strategy calendar = new Strategy(List.of(nearShort, farLong), 1);
        assertThat(calendar.horizon()).isEqualTo(T);
        double atStrike = calendar.payoffAtHorizon(100, MARKET);
        double expected = BlackScholesMerton.price(OptionType.CALL, 100, 100, 2 * T, 0.05, 0.01, 0.25)
                - farLong.entryPrice() + nearShort.entryPrice();
        assertThat(atStrike).isCloseTo(expected, offset(1e-12));
        StrategyRisk risk = calendar.risk(MARKET);
        assertThat(risk.breakevens()).hasSize(2);
        for (double breakeven : risk.breakevens()) {
            assertThat(calendar.payoffAtHorizon(breakeven, MARKET)).isCloseTo(0, offset(1e-7));
        }
        assertThat(risk.maxProfit()).isCloseTo(atStrike, offset(1e-3));
        assertThat(risk.maxProfitUnbounded() || risk.maxLossUnbounded()).isFalse();
    }

    @Test
    void valueBeforeExpiryAndPositionGreeks() {
        OptionLeg call = leg(OptionType.CALL, 100, 2, T);
        OptionLeg put = leg(OptionType.PUT, 95, -1, T);
        Strategy strategy = new Strategy(List.of(call, put, new UnderlyingLeg(-1, 100)), 10);
        // entered at model prices, so P&L now is 0; a vol shift moves it by about vega per point
        assertThat(strategy.valueAt(100, 0, 0, MARKET)).isCloseTo(0, offset(1e-9));
        Greeks greeks = strategy.greeks(MARKET);
        Greeks callGreeks = BlackScholesMerton.greeks(OptionType.CALL, 100, 100, T, 0.05, 0.01, 0.25);
        Greeks putGreeks = BlackScholesMerton.greeks(OptionType.PUT, 100, 95, T, 0.05, 0.01, 0.25);
        assertThat(greeks.delta()).isCloseTo(10 * (2 * callGreeks.delta() - putGreeks.delta() - 1), offset(1e-12));
        assertThat(greeks.vega()).isCloseTo(10 * (2 * callGreeks.vega() - putGreeks.vega()), offset(1e-12));
        assertThat(strategy.valueAt(100, 0, 0.01, MARKET)).isCloseTo(greeks.vega(), offset(0.01 * Math.abs(greeks.vega())));
        assertThat(strategy.valueAt(100, T, 0, MARKET)).isEqualTo(strategy.payoffAtHorizon(100, MARKET));
        assertThatThrownBy(() -> strategy.valueAt(100, 2 * T, 0, MARKET)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("yearsElapsed");
        assertThatThrownBy(() -> new Strategy(List.of(), 1)).isInstanceOf(InvalidInputException.class);
    }
}
