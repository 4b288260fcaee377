package io.deltastream.market.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link VolatilitySurface.Slice#of}: the smile of a stored chain, rebuilt the way the quant engine defines it. */
class VolatilitySliceTest {
    private static final double NAN = Double.NaN;

    @Test
    void smileTakesPutsBelowTheForwardAndCallsAtOrAbove() {
        // sample strikes 21450, 21500, 21550 around a forward of 21510.2
        VolatilitySurface.Slice slice = VolatilitySurface.Slice.of(chain(new double[]{0.20, 0.18, 0.16},
                new double[]{0.25, 0.22, 0.19}));

        assertThat(slice.ivs()).containsExactly(0.25, 0.22, 0.16);
        assertThat(slice.callIvs()).containsExactly(0.20, 0.18, 0.16);
        assertThat(slice.putIvs()).containsExactly(0.25, 0.22, 0.19);
        assertThat(slice.avgIv()).isCloseTo((0.25 + 0.22 + 0.16) / 3, within(1e-15));
        assertThat(slice.strikes()).containsExactly(21450, 21500, 21550);
        assertThat(slice.forward()).isEqualTo(21510.2);
    }

    @Test
    void anUnsolvedOutOfTheMoneyIvFallsBackToTheOtherOption() {
        VolatilitySurface.Slice slice = VolatilitySurface.Slice.of(chain(new double[]{0.20, 0.18, NAN},
                new double[]{NAN, 0.22, 0.19}));

        assertThat(slice.ivs()).containsExactly(0.20, 0.22, 0.19);
    }

    @Test
    void aStrikeWithNoIvAtAllStaysUnknownAndOutOfTheAverage() {
        VolatilitySurface.Slice slice = VolatilitySurface.Slice.of(chain(new double[]{0.20, NAN, 0.16},
                new double[]{0.25, NAN, 0.19}));

        assertThat(slice.ivs()[1]).isNaN();
        assertThat(slice.avgIv()).isCloseTo((0.25 + 0.16) / 2, within(1e-15));
    }

    @Test
    void noIvAnywhereGivesAnUnknownAverage() {
        VolatilitySurface.Slice slice = VolatilitySurface.Slice.of(chain(new double[]{NAN, NAN, NAN},
                new double[]{NAN, NAN, NAN}));

        assertThat(slice.avgIv()).isNaN();
    }

    /** The wire sample with the given call and put IVs per strike. */
    private static EnrichedChain chain(double[] callIvs, double[] putIvs) {
        EnrichedChain e = WireSamples.enriched();
        List<EnrichedQuote> calls = new ArrayList<>();
        List<EnrichedQuote> puts = new ArrayList<>();
        for (int i = 0; i < e.strikes().length; i++) {
            calls.add(withIv(e.calls().get(i), callIvs[i]));
            puts.add(withIv(e.puts().get(i), putIvs[i]));
        }
        return new EnrichedChain(e.product(), e.expiry(), e.spotPrice(), e.strikes(), e.pcrOi(), e.pcrVolume(),
                e.atmStrike(), e.atmStraddlePrice(), e.maxPainStrike(), e.totalCallOi(), e.totalPutOi(),
                e.callBuildupOtm(), e.putBuildupOtm(), calls, puts, e.timestamp(), e.processedAt(), e.yearsToExpiry(),
                e.forward(), e.atmIv(), e.ivSkew(), e.expectedMove(), e.totalCallOiChange(), e.totalPutOiChange(),
                e.smile());
    }

    private static EnrichedQuote withIv(EnrichedQuote q, double iv) {
        OptionQuote o = q.quote();
        return new EnrichedQuote(o.withModel(o.delta(), o.gamma(), o.vega(), o.theta(), iv), q.rho(), q.oiChange(),
                q.priceChange(), q.buildup());
    }
}
