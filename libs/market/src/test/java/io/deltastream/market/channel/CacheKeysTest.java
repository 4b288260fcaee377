package io.deltastream.market.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CacheKeysTest {
    @Test
    void candleWindowsAreMinutesWithAnOptionalSuffix() {
        assertThat(CacheKeys.ohlcWindow("5")).isEqualTo(OptionalInt.of(5));
        assertThat(CacheKeys.ohlcWindow("1m")).isEqualTo(OptionalInt.of(1));
        assertThat(CacheKeys.ohlcWindow(" 15 ")).isEqualTo(OptionalInt.of(15));
        for (String bad : List.of("7", "60m", "abc", "", "m", "5mm", "-5", "5.0")) {
            assertThat(CacheKeys.ohlcWindow(bad)).as(bad).isEmpty();
        }
    }
}
