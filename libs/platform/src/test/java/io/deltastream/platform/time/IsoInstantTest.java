package io.deltastream.platform.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IsoInstantTest {
    @Test
    void readsUtcOffsetsAndNaiveTimesAsUtc() {
        Instant utc = Instant.parse("2026-11-23T16:14:09.003260Z");
        assertThat(IsoInstant.parse("2026-11-23T16:14:09.003260Z")).isEqualTo(utc);
        assertThat(IsoInstant.parse("2026-11-23T21:44:09.003260+05:30")).isEqualTo(utc);
        assertThat(IsoInstant.parse("2026-11-23T16:14:09.003260")).isEqualTo(utc);
    }

    @Test
    void rejectsTextThatIsNotATimeNamingIt() {
        assertThatThrownBy(() -> IsoInstant.parse("yesterday"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yesterday");
        assertThatThrownBy(() -> IsoInstant.parse("2026-13-01T00:00:00Z"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
