package io.deltastream.market.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BuildupTest {
    @Test
    void classifiesThePriceAndOpenInterestMoveInTheUsualReading() {
        assertThat(Buildup.classify(1.5, 100)).isEqualTo(Buildup.LONG_BUILDUP);
        assertThat(Buildup.classify(-1.5, 100)).isEqualTo(Buildup.SHORT_BUILDUP);
        assertThat(Buildup.classify(1.5, -100)).isEqualTo(Buildup.SHORT_COVERING);
        assertThat(Buildup.classify(-1.5, -100)).isEqualTo(Buildup.LONG_UNWINDING);
    }

    @Test
    void anUnchangedOrUnknownMoveIsNeutral() {
        assertThat(Buildup.classify(0, 100)).isEqualTo(Buildup.NEUTRAL);
        assertThat(Buildup.classify(-0.0, -100)).isEqualTo(Buildup.NEUTRAL);
        assertThat(Buildup.classify(2, 0)).isEqualTo(Buildup.NEUTRAL);
        assertThat(Buildup.classify(Double.NaN, 10)).isEqualTo(Buildup.NEUTRAL);
    }

    @Test
    void theWireFormsRoundTripAndAnUnknownOneIsRejected() {
        for (Buildup b : Buildup.values()) {
            assertThat(Buildup.fromWire(b.wire())).isEqualTo(b);
        }
        assertThat(Buildup.LONG_BUILDUP.wire()).isEqualTo("long_buildup");
        assertThatThrownBy(() -> Buildup.fromWire("LONG_BUILDUP")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LONG_BUILDUP");
    }
}
