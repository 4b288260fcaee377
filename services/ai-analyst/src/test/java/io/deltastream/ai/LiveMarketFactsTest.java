package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.ai.retrieval.EmbeddedPassage;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.testkit.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The live snapshots: their text, their replacement in place, and when they are re-embedded. */
class LiveMarketFactsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final List<String> embedded = new ArrayList<>();
    private final LiveMarketFacts facts = new LiveMarketFacts(text -> {
        embedded.add(text);
        return Optional.of(new float[] {1, 0});
    }, Runnable::run, clock);

    @Test
    void theSnapshotNamesEveryFigureWithItsTime() {
        EnrichedChain c = MarketPulseTest.chain(1.31, new long[] {10, 20, 90}, new long[] {70, 30, 5});
        assertThat(LiveMarketFacts.describe(c))
                .startsWith("NIFTY options expiring 2026-12-10, as of 2026-12-03T10:00:00Z: spot 21,500.00, ATM "
                        + "strike 21,500.00, ATM implied volatility 15.1%, IV skew (25-delta put minus call) +1.0 "
                        + "vol points. Put-call ratio (PCR) by open interest 1.31, by volume 0.90. Max pain "
                        + "21,450.00. Expected move to expiry ±200.00 (±0.93%); ATM straddle 172.00. Support (most "
                        + "put open interest) 21,400.00, resistance (most call open interest) 21,600.00.")
                .contains("Open interest build-up: calls long build-up at 3 strikes; puts long build-up at 3 "
                        + "strikes.");
    }

    @Test
    void aNewerChainReplacesTheSnapshotInPlaceAndAnOlderOneIsIgnored() {
        EnrichedChain first = MarketPulseTest.chain(1.31, new long[] {10, 20, 90}, new long[] {70, 30, 5});
        facts.accept(first);
        EnrichedChain newer = at(MarketPulseTest.chain(0.7, new long[] {1, 1, 1}, new long[] {1, 1, 1}),
                first.timestamp().plusSeconds(1));
        facts.accept(newer);
        facts.accept(at(first, first.timestamp().minusSeconds(5)));
        assertThat(facts.passages()).singleElement().satisfies(p -> {
            assertThat(p.passage().source()).isEqualTo("live/NIFTY/2026-12-10");
            assertThat(p.passage().title()).isEqualTo("Live market facts: NIFTY 2026-12-10");
            assertThat(p.passage().text()).contains("by open interest 0.70");
        });
        assertThat(facts.nearest("NIFTY")).containsSame(newer);
        assertThat(facts.nearest("SPY")).isEmpty();
    }

    @Test
    void theEmbeddingIsRefreshedAtMostEveryThirtySecondsAndKeptMeanwhile() {
        EnrichedChain c = MarketPulseTest.chain(1.31, new long[] {10, 20, 90}, new long[] {70, 30, 5});
        facts.accept(c);
        assertThat(embedded).hasSize(1);
        clock.advance(LiveMarketFacts.REEMBED_AFTER.minusSeconds(1));
        facts.accept(at(c, c.timestamp().plusSeconds(1)));
        assertThat(embedded).hasSize(1);
        assertThat(facts.passages()).singleElement().extracting(EmbeddedPassage::vector).isNotNull();
        clock.advance(java.time.Duration.ofSeconds(1));
        facts.accept(at(c, c.timestamp().plusSeconds(2)));
        assertThat(embedded).hasSize(2);
    }

    @Test
    void withoutAModelTheSnapshotIsStillThereForKeywordSearch() {
        LiveMarketFacts noModel = new LiveMarketFacts(text -> Optional.empty(), Runnable::run, clock);
        noModel.accept(MarketPulseTest.chain(1.0, new long[] {1, 1, 1}, new long[] {1, 1, 1}));
        assertThat(noModel.passages()).singleElement().satisfies(p -> assertThat(p.vector()).isNull());
    }

    private static EnrichedChain at(EnrichedChain c, Instant t) {
        return new EnrichedChain(c.product(), c.expiry(), c.spotPrice(), c.strikes(), c.pcrOi(), c.pcrVolume(),
                c.atmStrike(), c.atmStraddlePrice(), c.maxPainStrike(), c.totalCallOi(), c.totalPutOi(),
                c.callBuildupOtm(), c.putBuildupOtm(), c.calls(), c.puts(), t, t, c.yearsToExpiry(), c.forward(),
                c.atmIv(), c.ivSkew(), c.expectedMove(), c.totalCallOiChange(), c.totalPutOiChange(), c.smile());
    }
}
