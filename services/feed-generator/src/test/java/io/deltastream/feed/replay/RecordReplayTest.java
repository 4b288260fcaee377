package io.deltastream.feed.replay;

import io.deltastream.testkit.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.feed.provider.FeedMessage;
import io.deltastream.feed.provider.Pacer;
import io.deltastream.feed.synthetic.SyntheticProvider;
import io.deltastream.feed.synthetic.SyntheticSettings;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.wire.OptionChain;
import io.deltastream.market.wire.WireCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReplayTest {
    private static final Instant START = Instant.parse("2026-11-25T05:00:00Z");

    @TempDir
    Path dir;

    private static final class ManualPacer extends Pacer {
        final ManualClock clock;
        final List<Instant> sleeps = new ArrayList<>();

        ManualPacer(ManualClock clock) {
            super(clock);
            this.clock = clock;
        }

        @Override
        public void sleepUntil(Instant due) {
            sleeps.add(due);
            if (due.isAfter(clock.instant())) {
                clock.set(due);
            }
        }
    }

    private List<List<FeedMessage>> record(Path file, int loops) throws IOException {
        SyntheticProvider synthetic = new SyntheticProvider(ProductUniverse.defaults().only(List.of("NIFTY", "SPY")),
                new SyntheticSettings(4, 21, 2, 0, 0.02), Duration.ofMillis(500), 1, 2,
                new Pacer(Clock.fixed(START, ZoneOffset.UTC)));
        List<List<FeedMessage>> batches = new ArrayList<>();
        try (Recorder recorder = new Recorder(file)) {
            for (int i = 0; i < loops; i++) {
                List<FeedMessage> batch = synthetic.generate(START.plusMillis(500L * i));
                recorder.write(batch);
                batches.add(batch);
            }
        }
        return batches;
    }

    @Test
    void aRecordingPlaysBackBatchForBatchAtTheRecordedPaceWithTimesShiftedToNow() throws Exception {
        Path file = dir.resolve("rec/feed.jsonl");
        List<List<FeedMessage>> recorded = record(file, 6);
        Instant replayStart = Instant.parse("2026-12-01T10:00:00Z");
        ManualPacer pacer = new ManualPacer(new ManualClock(replayStart));
        try (ReplayProvider replay = new ReplayProvider(file, 1, false, pacer)) {
            for (int i = 0; i < recorded.size(); i++) {
                List<FeedMessage> batch = replay.next().orElseThrow();
                List<FeedMessage> original = recorded.get(i);
                assertThat(batch).hasSameSizeAs(original);
                Instant expected = replayStart.plusMillis(500L * i);
                for (int j = 0; j < batch.size(); j++) {
                    assertThat(batch.get(j).queue()).isEqualTo(original.get(j).queue());
                    assertThat(batch.get(j).time()).isEqualTo(expected);
                }
                OptionChain replayed = firstChain(batch);
                OptionChain originalChain = firstChain(original);
                if (replayed != null) {
                    assertThat(replayed.timestamp()).isEqualTo(expected);
                    assertThat(replayed.calls().getFirst().timestamp()).isEqualTo(expected);
                    assertThat(replayed.calls().getFirst().bid()).isEqualTo(originalChain.calls().getFirst().bid());
                    assertThat(replayed.strikes()).isEqualTo(originalChain.strikes());
                }
            }
            assertThat(replay.next()).isEmpty();
            assertThat(pacer.sleeps.getLast()).isEqualTo(replayStart.plusMillis(2500));
        }
    }

    @Test
    void acceleratedReplayLoopsWithTimesThatKeepIncreasing() throws Exception {
        Path file = dir.resolve("feed.jsonl");
        record(file, 4);
        ManualPacer pacer = new ManualPacer(new ManualClock(START));
        try (ReplayProvider replay = new ReplayProvider(file, 10, true, pacer)) {
            Instant previous = Instant.MIN;
            for (int i = 0; i < 12; i++) {
                Instant t = replay.next().orElseThrow().getFirst().time();
                assertThat(t).isAfterOrEqualTo(previous);
                previous = t;
            }
            assertThat(replay.passes()).isEqualTo(3);
            // 10x: batches recorded 500 ms apart are replayed 50 ms apart.
            assertThat(Duration.between(pacer.sleeps.get(0), pacer.sleeps.get(1))).isEqualTo(Duration.ofMillis(50));
        }
    }

    @Test
    void badRecordingsAreRefusedWithTheLine() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");
        Pacer pacer = new Pacer(Clock.systemUTC());
        assertThatThrownBy(() -> new ReplayProvider(empty, 1, false, pacer)).hasMessageContaining("is empty");
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"queue\": \"market:underlying\"}\n");
        assertThatThrownBy(() -> new ReplayProvider(bad, 1, false, pacer))
                .hasMessageContaining("line 1").hasMessageContaining("'payload' must be a string");
    }

    private static OptionChain firstChain(List<FeedMessage> batch) throws Exception {
        Optional<FeedMessage> m = batch.stream().filter(x -> x.queue().equals(MarketQueues.OPTION_CHAIN)).findFirst();
        return m.isEmpty() ? null : WireCodec.decodeChain(m.get().payload());
    }
}
