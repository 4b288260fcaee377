package io.deltastream.quant.chain;

import io.deltastream.quant.InvalidInputException;
import io.deltastream.quant.pricing.Black76;
import io.deltastream.quant.pricing.AndersenLakeOffengelden;
import io.deltastream.quant.pricing.BlackScholesMerton;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.quant.volatility.ImpliedVolStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class ChainAnalyzerTest {

    private static final double SPOT = 21_503.1;
    private static final double YEARS = 7 / 365.0;
    private static final double RATE = 0.065;

    /** A smile: 18% ATM, steeper on the downside. */
    private static double smile(double strike, double forward) {
        double k = Math.log(strike / forward);
        return 0.18 - 0.35 * k + 2.0 * k * k;
    }

    private static List<ChainRow> nifty(double forward, long oiShift) {
        List<ChainRow> rows = new ArrayList<>();
        for (int i = -10; i <= 10; i++) {
            double k = 21_500 + 50 * i;
            double vol = smile(k, forward);
            double call = Black76.price(OptionType.CALL, forward, k, YEARS, RATE, vol);
            double put = Black76.price(OptionType.PUT, forward, k, YEARS, RATE, vol);
            rows.add(new ChainRow(k, new ChainQuote(call, 1000 + 10L * i * i, 50_000 - 1000L * i + oiShift),
                    new ChainQuote(put, 1200 + 5L * i * i, 40_000 + 1500L * i)));
        }
        return rows;
    }

    @Test
    void recoversTheSmileAndComputesEveryAggregate() {
        double forward = SPOT * Math.exp(RATE * YEARS);
        ChainInputs chain = ChainInputs.onForward(SPOT, forward, YEARS, RATE, nifty(forward, 0));
        ChainAnalysis analysis = ChainAnalyzer.analyze(chain);

        assertThat(analysis.strikes()).hasSize(21);
        for (StrikeAnalytics s : analysis.strikes()) {
            double vol = smile(s.strike(), forward);
            assertThat(s.smileIv()).isCloseTo(vol, offset(1e-9));
            assertThat(s.callIv().status()).isEqualTo(ImpliedVolStatus.OK);
            assertThat(s.callGreeks().price()).isCloseTo(chain.rows().get(analysis.strikes().indexOf(s)).call().price(),
                    offset(1e-8));
            assertThat(s.putGreeks().delta()).isBetween(-1.0, 0.0);
        }
        assertThat(analysis.atmStrike()).isEqualTo(AtmStrike.nearest(chain.rows(), forward));
        assertThat(analysis.atmIv()).isCloseTo(smile(analysis.atmStrike(), forward), offset(1e-9));
        ChainRow atm = chain.rows().stream().filter(r -> r.strike() == analysis.atmStrike()).findFirst().orElseThrow();
        assertThat(analysis.atmStraddlePrice()).isEqualTo(atm.call().price() + atm.put().price());
        assertThat(analysis.expectedMoveStraddle()).isCloseTo(analysis.atmStraddlePrice() / chain.discountFactor(),
                offset(1e-9));
        // for an ATM straddle E|F_T - K| ~ sqrt(2/pi) F sigma sqrt(T): the two expected moves agree to a few %
        assertThat(analysis.expectedMoveStraddle() / analysis.expectedMoveOneSigma())
                .isCloseTo(Math.sqrt(2 / Math.PI), offset(0.03));
        assertThat(analysis.pcrOi()).isEqualTo(PutCallRatio.byOpenInterest(chain.rows()));
        assertThat(analysis.pcrVolume()).isEqualTo(PutCallRatio.byVolume(chain.rows()));
        assertThat(analysis.maxPainStrike()).isEqualTo(MaxPain.bruteForce(chain.rows()));
        assertThat(analysis.totalCallOi()).isEqualTo(21 * 50_000L);
        assertThat(analysis.resistanceStrike()).isEqualTo(21_000);
        assertThat(analysis.supportStrike()).isEqualTo(22_000);
        assertThat(analysis.callOiOtm()).isEqualTo(chain.rows().stream().filter(r -> r.strike() > SPOT)
                .mapToLong(r -> r.call().openInterest()).sum());
        assertThat(analysis.putOiOtm()).isEqualTo(chain.rows().stream().filter(r -> r.strike() < SPOT)
                .mapToLong(r -> r.put().openInterest()).sum());
    }

    @Test
    void comparesWithThePreviousSnapshotStrikeByStrike() {
        double forward = SPOT * Math.exp(RATE * YEARS);
        ChainInputs before = ChainInputs.onForward(SPOT, forward, YEARS, RATE, nifty(forward, 0));
        // the market rallies: calls up, puts down; call OI +500 everywhere, and one new strike
        double higher = forward * 1.004;
        List<ChainRow> rows = new ArrayList<>(nifty(higher, 500));
        rows.add(new ChainRow(22_050, new ChainQuote(3.5, 10, 700), new ChainQuote(560, 5, 100)));
        ChainInputs after = ChainInputs.onForward(SPOT * 1.004, higher, YEARS, RATE, rows);
        ChainAnalysis analysis = ChainAnalyzer.analyze(after, before);
        for (StrikeAnalytics s : analysis.strikes()) {
            if (s.strike() == 22_050) {
                assertThat(s.callOiChange()).isEqualTo(700);
                continue;
            }
            assertThat(s.callOiChange()).isEqualTo(500);
            assertThat(s.putOiChange()).isZero();
        }
        assertThat(analysis.totalCallOiChange()).isEqualTo(21 * 500 + 700);
        assertThat(analysis.totalPutOiChange()).isEqualTo(100);
    }

    @Test
    void missingAndUnsolvableQuotesGetStatusesNotExceptions() {
        List<ChainRow> rows = List.of(
                new ChainRow(90, new ChainQuote(5.0, 1, 1), ChainQuote.MISSING),
                new ChainRow(100, new ChainQuote(1e-9, 1, 1), new ChainQuote(200, 1, 1)),
                new ChainRow(110, ChainQuote.MISSING, ChainQuote.MISSING));
        ChainAnalysis analysis = ChainAnalyzer.analyze(ChainInputs.onSpot(100, 0.5, 0.03, 0, rows));
        StrikeAnalytics low = analysis.strikes().get(0);
        assertThat(low.callIv().status()).isEqualTo(ImpliedVolStatus.BELOW_INTRINSIC);
        assertThat(low.putIv().status()).isEqualTo(ImpliedVolStatus.NO_QUOTE);
        assertThat(low.smileIv()).isNaN();
        assertThat(low.callGreeks()).isNull();
        assertThat(analysis.strikes().get(1).putIv().status()).isEqualTo(ImpliedVolStatus.ABOVE_MAXIMUM);
        assertThat(analysis.strikes().get(2).callIv().status()).isEqualTo(ImpliedVolStatus.NO_QUOTE);
        // the straddle is the quoted prices even where a side has no volatility
        assertThat(analysis.atmStraddlePrice()).isEqualTo(1e-9 + 200);
    }

    @Test
    void spotAndAmericanChainsUseTheirModels() {
        double spot = 475;
        double years = 30 / 365.0;
        List<ChainRow> european = new ArrayList<>();
        List<ChainRow> american = new ArrayList<>();
        for (int k = 440; k <= 510; k += 5) {
            double vol = 0.15 + 0.0004 * (475 - k);
            european.add(new ChainRow(k,
                    new ChainQuote(BlackScholesMerton.price(OptionType.CALL, spot, k, years, 0.05, 0.013, vol), 1, 1),
                    new ChainQuote(BlackScholesMerton.price(OptionType.PUT, spot, k, years, 0.05, 0.013, vol), 1, 1)));
            american.add(new ChainRow(k,
                    new ChainQuote(AndersenLakeOffengelden.price(OptionType.CALL, spot, k, years, 0.05, 0.013, vol), 1, 1),
                    new ChainQuote(AndersenLakeOffengelden.price(OptionType.PUT, spot, k, years, 0.05, 0.013, vol), 1, 1)));
        }
        for (ChainAnalysis analysis : List.of(
                ChainAnalyzer.analyze(ChainInputs.onSpot(spot, years, 0.05, 0.013, european)),
                ChainAnalyzer.analyze(ChainInputs.american(spot, years, 0.05, 0.013, american)))) {
            for (StrikeAnalytics s : analysis.strikes()) {
                assertThat(s.smileIv()).isCloseTo(0.15 + 0.0004 * (475 - s.strike()), offset(1e-7));
            }
        }
    }

    @Test
    void syntheticForwardFromParityAndValidation() {
        double forward = 21_612.4;
        double forwardFromParity = SyntheticForward.fromPutCallParity(nifty(forward, 0), YEARS, RATE);
        assertThat(forwardFromParity).isCloseTo(forward, offset(1e-8));
        assertThat(SyntheticForward.fromPutCallParity(List.of(), YEARS, RATE)).isNaN();
        assertThatThrownBy(() -> ChainInputs.onSpot(100, 1, 0, 0, List.of(
                new ChainRow(100, ChainQuote.MISSING, ChainQuote.MISSING),
                new ChainRow(100, ChainQuote.MISSING, ChainQuote.MISSING))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("strike");
        assertThatThrownBy(() -> new ChainQuote(1, -1, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("volume");
    }
}
