package io.deltastream.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.ConsumerSpec;
import io.deltastream.bus.Delivery;
import io.deltastream.bus.WorkConsumer;
import io.deltastream.bus.memory.InMemoryBus;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedGeneratorServiceTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownProviderStopsStartUpNamingTheChoices() {
        assertThatThrownBy(() -> FeedConfig.from(Env.of(Map.of("FEED_PROVIDER", "kafka"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("FEED_PROVIDER must be one of replay, synthetic, got 'kafka'");
        assertThatThrownBy(() -> FeedConfig.from(Env.of(Map.of("FEED_PROVIDER", "replay"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FEED_REPLAY_FILE");
        assertThatThrownBy(() -> FeedConfig.from(Env.of(Map.of("FEED_PRODUCTS", "NIFTY,GOLD"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown product 'GOLD'");
        assertThatThrownBy(() -> FeedConfig.from(Env.of(Map.of("FEED_SEED", "abc"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FEED_SEED");
    }

    @Test
    void aReplayThatHitsABadLineStopsAndHealthSaysWhy() throws Exception {
        Path recording = dir.resolve("bad.jsonl");
        String tick = "{\"queue\":\"market:underlying\",\"time\":\"2026-11-25T05:00:00Z\",\"payload\":"
                + "\"{\\\"type\\\":\\\"UNDERLYING\\\",\\\"product\\\":\\\"NIFTY\\\",\\\"price\\\":21500.0,"
                + "\\\"timestamp\\\":\\\"2026-11-25T05:00:00Z\\\",\\\"tick_id\\\":0}\"}";
        Files.writeString(recording, tick + "\n" + "garbage\n");
        try (TestServices services = new TestServices()) {
            services.env("FEED_PROVIDER", "replay").env("FEED_REPLAY_FILE", recording.toString())
                    .env("FEED_REPLAY_SPEED", "0");
            RunningService feed = services.start(new FeedGeneratorService());
            Eventually.until("unhealthy", () -> TestServices.http(feed).get("/health").status() == 503);
            assertThat(TestServices.http(feed).get("/health").body()).contains("line 2").contains("\"messages_sent\":1");
        }
    }

    @Test
    void theServicePublishesOnTheWorkQueuesWithRunIdsAndRecordsWhatItSends() throws Exception {
        Path recording = dir.resolve("feed.jsonl");
        Set<String> ids = ConcurrentHashMap.newKeySet();
        Map<String, Integer> perQueue = new ConcurrentHashMap<>();
        try (TestServices services = new TestServices()) {
            services.env("FEED_INTERVAL", "0.05").env("FEED_SEED", "1").env("FEED_PRODUCTS", "NIFTY,AAPL")
                    .env("FEED_CHAIN_EVERY", "1").env("FEED_RECORD", recording.toString());
            Bus bus = services.shared().get("bus:memory", Bus.class, () -> new InMemoryBus(BusConfig.DEFAULTS));
            WorkConsumer consumer = bus.work().consume(new ConsumerSpec("test", MarketQueues.ALL,
                    MarketQueues.DEAD_LETTERS, 1, 100), batch -> {
                        for (Delivery d : batch) {
                            ids.add(d.messageId());
                            perQueue.merge(d.queue(), 1, Integer::sum);
                        }
                    });
            RunningService feed = services.start(new FeedGeneratorService());
            Eventually.until("chains published", () -> perQueue.getOrDefault(MarketQueues.OPTION_CHAIN, 0) >= 10);
            String runId = TestServices.http(feed).get("/health").json().path("run_id").asText();
            assertThat(runId).isNotBlank();
            assertThat(ids).allSatisfy(id -> assertThat(id).startsWith(runId + "-"));
            assertThat(perQueue.keySet()).containsExactlyInAnyOrderElementsOf(MarketQueues.ALL);
            consumer.close();
        }
        List<String> lines = Files.readAllLines(recording);
        assertThat(lines.size()).isGreaterThanOrEqualTo(ids.size());
        assertThat(FeedPublisher.newRunId()).isNotEqualTo(FeedPublisher.newRunId());
    }
}
