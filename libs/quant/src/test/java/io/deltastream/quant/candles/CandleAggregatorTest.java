package io.deltastream.quant.candles;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CandleAggregatorTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:15:00Z");

    @Test
    void buildsAlignedCandlesAndEmitsThemWhenTheBucketCloses() {
        CandleAggregator fiveMinutes = new CandleAggregator(CandleInterval.FIVE_MINUTES);
        List<OhlcBar> closed = new ArrayList<>();
        double[][] ticks = {{10, 100, 1}, {70, 104, 2}, {130, 98, 3}, {299, 101, 4}, {300, 102, 5}, {1000, 90, 6}};
        for (double[] tick : ticks) {
            fiveMinutes.onTick(T0.plusSeconds((long) tick[0]), tick[1], tick[2]).ifPresent(closed::add);
        }
        assertThat(closed).containsExactly(
                new OhlcBar(T0, T0.plusSeconds(300), 100, 104, 98, 101, 10, 4),
                new OhlcBar(T0.plusSeconds(300), T0.plusSeconds(600), 102, 102, 102, 102, 5, 1));
        // the gap 600-900 s produces no empty candle; the open one is visible
        assertThat(fiveMinutes.current()).contains(new OhlcBar(T0.plusSeconds(900), T0.plusSeconds(1200), 90, 90, 90, 90, 6, 1));
    }

    @Test
    void lateTicksAreDroppedAndCounted() {
        CandleAggregator minute = new CandleAggregator(CandleInterval.ONE_MINUTE);
        minute.onTick(T0.plusSeconds(65), 100, 1);
        Optional<OhlcBar> none = minute.onTick(T0.plusSeconds(5), 50, 1);
        assertThat(none).isEmpty();
        assertThat(minute.lateTicks()).isEqualTo(1);
        assertThat(minute.current().orElseThrow().low()).isEqualTo(100);
        assertThat(new CandleAggregator(CandleInterval.ONE_HOUR).current()).isEmpty();
    }

    @Test
    void dailyCandlesCanFollowTheExchangeDay() {
        Duration ist = Duration.ofMinutes(330);
        CandleAggregator daily = new CandleAggregator(CandleInterval.ONE_DAY, ist);
        // 18:29 UTC is 23:59 IST; 18:31 UTC is 00:01 IST the next day
        daily.onTick(Instant.parse("2026-11-23T18:29:00Z"), 100, 1);
        OhlcBar first = daily.onTick(Instant.parse("2026-11-23T18:31:00Z"), 101, 1).orElseThrow();
        assertThat(first.start()).isEqualTo(Instant.parse("2026-11-22T18:30:00Z"));
        assertThat(first.end()).isEqualTo(Instant.parse("2026-11-23T18:30:00Z"));
        CandleAggregator utc = new CandleAggregator(CandleInterval.ONE_DAY);
        utc.onTick(Instant.parse("2026-11-23T18:29:00Z"), 100, 1);
        assertThat(utc.onTick(Instant.parse("2026-11-23T18:31:00Z"), 101, 1)).isEmpty();
        assertThat(CandleInterval.FIFTEEN_MINUTES.label()).isEqualTo("15m");
    }
}
