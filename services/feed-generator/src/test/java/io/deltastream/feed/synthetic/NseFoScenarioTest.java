package io.deltastream.feed.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.feed.FeedConfig;
import io.deltastream.feed.provider.FeedMessage;
import io.deltastream.feed.provider.Pacer;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.market.wire.OptionChain;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NseFoScenarioTest {
    private static final Instant START = Instant.parse("2026-11-25T05:00:00Z");

    private static SyntheticProvider provider(FeedConfig config) {
        return new SyntheticProvider(config.universe(), config.synthetic(), config.interval(), config.quotePairs(),
                config.chainEvery(), new Pacer(Clock.fixed(START, ZoneOffset.UTC)));
    }

    @Test
    void everyIntervalPublishesAllChainsOfTheUniverseWithTheirStrikesAndATickPerProduct() throws Exception {
        FeedConfig config = FeedConfig.from(Env.of(Map.of("FEED_PRESET", "nse-fo", "FEED_SEED", "7")));
        SyntheticProvider feed = provider(config);
        for (int second = 0; second < 2; second++) {
            List<FeedMessage> messages = feed.generate(START.plusSeconds(second));
            Map<String, Integer> perQueue = new HashMap<>();
            int chainQuotes = 0;
            Map<String, Integer> strikesByProduct = new HashMap<>();
            for (FeedMessage m : messages) {
                perQueue.merge(m.queue(), 1, Integer::sum);
                if (m.queue().equals(MarketQueues.OPTION_CHAIN)) {
                    OptionChain c = WireCodec.decodeChain(m.payload());
                    chainQuotes += c.calls().size() + c.puts().size();
                    strikesByProduct.put(c.product(), c.strikes().length);
                }
            }
            assertThat(perQueue.get(MarketQueues.OPTION_CHAIN)).isEqualTo(575);
            assertThat(chainQuotes).isEqualTo(49_550);
            assertThat(perQueue.get(MarketQueues.UNDERLYING)).isEqualTo(190);
            assertThat(perQueue.get(MarketQueues.OPTION_QUOTE)).isEqualTo(190 * 3 * 2);
            assertThat(strikesByProduct).containsEntry("NIFTY", 101).containsEntry("STK042", 41).hasSize(190);
        }
    }

    @Test
    void explicitVariablesStillWinOverThePresetsChoices() {
        FeedConfig config = FeedConfig.from(Env.of(Map.of("FEED_PRESET", "nse-fo", "FEED_STRIKES", "11",
                "FEED_CHAIN_EVERY", "5")));
        assertThat(config.synthetic().strikesFor("NIFTY")).isEqualTo(11);
        assertThat(config.synthetic().strikesFor("STK001")).isEqualTo(11);
        assertThat(config.chainEvery()).isEqualTo(5);
        FeedConfig preset = FeedConfig.from(Env.of(Map.of("FEED_PRESET", "nse-fo")));
        assertThat(preset.chainEvery()).isEqualTo(1);
        assertThat(preset.synthetic().strikesFor("BANKNIFTY")).isEqualTo(101);
        assertThatThrownBy(() -> FeedConfig.from(Env.of(Map.of("FEED_PRESET", "cme"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FEED_PRESET must be one of nse-fo");
    }
}
