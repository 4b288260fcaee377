package io.deltastream.ai.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deltastream.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewsSentimentTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final ManualClock clock = new ManualClock(NOW);
    private final HeadlineClassifier classifier = new HeadlineClassifier();
    private final NewsSentiment news = new NewsSentiment(classifier, Duration.ofHours(24), clock);

    private Headline h(String id, Duration age, String product, String text) {
        return new Headline(id, NOW.minus(age), product, "test", text);
    }

    @Test
    void theScoreIsTheRecencyWeightedMeanWithMarketNewsAtHalfWeight() {
        Headline fresh = h("1", Duration.ZERO, "NIFTY", "NIFTY surges to a record high");
        Headline dayOld = h("2", Duration.ofHours(24), "NIFTY", "NIFTY tumbles as foreign funds sell");
        Headline market = h("3", Duration.ZERO, Headline.MARKET, "Global stocks slide on recession fears");
        Headline other = h("4", Duration.ZERO, "AAPL", "Apple plunges after recall");
        List.of(fresh, dayOld, market, other).forEach(news::add);
        double a = classifier.read(fresh.headline()).score();
        double b = classifier.read(dayOld.headline()).score();
        double m = classifier.read(market.headline()).score();
        double expected = (1 * a + 0.5 * b + 0.5 * m) / (1 + 0.5 + 0.5);
        Map<String, Object> s = news.summary("NIFTY");
        assertThat((double) s.get("score")).isCloseTo(expected, within(1e-4)).isBetween(-1.0, 1.0);
        assertThat(s.get("counts")).isEqualTo(Map.of("positive", 1, "negative", 2, "neutral", 0));
        @SuppressWarnings("unchecked")
        List<String> headlines = (List<String>) s.get("headlines");
        assertThat(headlines).hasSize(3).doesNotContain(other.headline()).first().isEqualTo(fresh.headline());
        assertThat(s.get("half_life_hours")).isEqualTo(24.0);
    }

    @Test
    void sentimentFollowsTheScoreAndAgeingMovesIt() {
        news.add(h("1", Duration.ZERO, "SPY", "S&P 500 rallies strongly on upbeat earnings"));
        news.add(h("2", Duration.ofHours(48), "SPY", "S&P 500 plunges as yields jump"));
        assertThat(news.summary("SPY").get("sentiment")).isEqualTo("Bullish");
        double before = (double) news.summary("SPY").get("score");
        clock.advance(Duration.ofHours(48));
        // both a day older: their weights halve together, the mean is unchanged
        assertThat((double) news.summary("SPY").get("score")).isCloseTo(before, within(1e-4));
        assertThat(news.summary("QQQ")).containsEntry("sentiment", "Neutral").containsEntry("score", 0.0);
    }

    @Test
    void aHeadlineIsKeptOnceByIdAndByText() {
        assertThat(news.add(h("1", Duration.ZERO, "NIFTY", "NIFTY gains"))).isTrue();
        assertThat(news.add(h("1", Duration.ZERO, "NIFTY", "NIFTY gains again"))).isFalse();
        assertThat(news.add(h("2", Duration.ZERO, "NIFTY", "  nifty   GAINS "))).isFalse();
        assertThat(news.size()).isEqualTo(1);
    }

    @Test
    void theSampleIsReplayedWithItsNewestHeadlineNow() {
        List<Headline> sample = SampleHeadlines.replayedAt(NOW);
        assertThat(sample).hasSizeGreaterThanOrEqualTo(200);
        assertThat(sample.getLast().published()).isEqualTo(NOW);
        assertThat(sample.getFirst().published()).isBefore(NOW.minus(Duration.ofDays(20)));
        sample.forEach(news::add);
        assertThat(news.size()).isGreaterThanOrEqualTo(200);
    }
}
