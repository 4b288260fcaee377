package io.deltastream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.bus.WorkMessage;
import io.deltastream.bus.memory.InMemoryBus;
import io.deltastream.enricher.WorkerEnricherService;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.EmbeddedRedis;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DeadLetterCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run dlq(Map<String, String> env, String... args) {
        DeadLetterCommand command = new DeadLetterCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.env = Env.of(env);
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(command).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listReplayAndPurgeTheEmbeddedPlatformsDeadLetters() {
        try (TestServices platform = new TestServices()) {
            Bus bus = platform.shared().get("bus:memory", Bus.class, () -> new InMemoryBus(BusConfig.DEFAULTS));
            RunningService worker = platform.start(new WorkerEnricherService());
            bus.work().send(MarketQueues.OPTION_CHAIN, new WorkMessage("bad-1", "{\"product\": 42}"));
            Eventually.until("dead-lettered", () -> bus.work().deadLetters(MarketQueues.DEAD_LETTERS, 5).size() == 1);
            // The command finds the admin token where the platform keeps it: ADMIN_TOKEN, or the file in DATA_DIR.
            Map<String, String> env = Map.of("WORKER_ENRICHER_URL", worker.baseUrl(),
                    "DATA_DIR", platform.dataDir().toString());

            Run list = dlq(env, "list");
            assertThat(list.exit()).isZero();
            assertThat(list.out()).contains("1 dead letter(s) in dlq:enrichment").contains("bad-1")
                    .contains("market:option_chain").contains("attempts=1").contains("error: malformed message");
            Run json = dlq(env, "list", "--json");
            assertThat(json.out()).contains("\"message_id\":\"bad-1\"").contains("\"payload\":\"{\\\"product\\\": 42}\"");

            // Replayed, the still-malformed message comes straight back.
            Run replay = dlq(env, "replay");
            assertThat(replay.out()).contains("replayed 1 message(s)");
            Eventually.until("back in the queue", () -> bus.work().deadLetters(MarketQueues.DEAD_LETTERS, 5).size() == 1);
            assertThat(dlq(env, "replay", "no-such-entry").exit()).isEqualTo(3);
            assertThat(dlq(env, "purge").out()).contains("purged 1 message(s)");
            assertThat(dlq(env, "list").out()).contains("0 dead letter(s)");
            assertThat(dlq(env, "list", "--limit", "0").exit()).isEqualTo(2);
        }
    }

    @Test
    void theWorkersDeadLetterRoutesNeedTheAdminToken() throws Exception {
        try (TestServices platform = new TestServices()) {
            Bus bus = platform.shared().get("bus:memory", Bus.class, () -> new InMemoryBus(BusConfig.DEFAULTS));
            RunningService worker = platform.start(new WorkerEnricherService());
            bus.work().send(MarketQueues.OPTION_CHAIN, new WorkMessage("bad-3", "{\"product\": 42}"));
            Eventually.until("dead-lettered", () -> bus.work().deadLetters(MarketQueues.DEAD_LETTERS, 5).size() == 1);
            HttpJson http = TestServices.http(worker);
            String wrong = "w".repeat(43);
            for (String[] headers : List.of(new String[0], new String[] {"X-Admin-Token", wrong})) {
                for (HttpJson.Response r : List.of(http.get("/dlq", headers), http.delete("/dlq", headers),
                        http.send("POST", "/dlq/replay", null, headers),
                        http.send("POST", "/dlq/replay/x-1", null, headers))) {
                    assertThat(r.status()).as(r.body()).isEqualTo(401);
                    assertThat(r.json().get("error").asText()).contains("X-Admin-Token");
                }
            }
            assertThat(bus.work().deadLetters(MarketQueues.DEAD_LETTERS, 5)).hasSize(1);
            String token = Files.readString(platform.dataDir().resolve("admin-token")).trim();
            assertThat(http.get("/dlq", "X-Admin-Token", token).json().get("entries")).hasSize(1);
            // a command holding another data directory's token is refused, and says why
            Path elsewhere = Files.createTempDirectory("other-data");
            Run refused = dlq(Map.of("WORKER_ENRICHER_URL", worker.baseUrl(), "DATA_DIR", elsewhere.toString()),
                    "purge");
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.err()).contains("X-Admin-Token");
            assertThat(bus.work().deadLetters(MarketQueues.DEAD_LETTERS, 5)).hasSize(1);
            assertThat(dlq(Map.of("WORKER_ENRICHER_URL", worker.baseUrl(), "ADMIN_TOKEN", token), "purge").out())
                    .contains("purged 1");
        }
    }

    @Test
    void withRedisTheCommandWorksOnRedisDirectly() {
        try (EmbeddedRedis redis = EmbeddedRedis.start();
             Bus bus = Buses.open(BusConfig.DEFAULTS.withRedis(URI.create(redis.url())))) {
            bus.work().send(MarketQueues.OPTION_CHAIN, new WorkMessage("bad-2", "nonsense"));
            // No worker here: reject by hand as a worker would.
            var consumer = bus.work().consume(new io.deltastream.bus.ConsumerSpec(MarketQueues.ENRICHER_GROUP,
                    MarketQueues.ALL, MarketQueues.DEAD_LETTERS, 1, 10), batch -> batch.forEach(d -> d.reject("bad")));
            Eventually.until("dead-lettered", () -> bus.work().deadLetters(MarketQueues.DEAD_LETTERS, 5).size() == 1);
            consumer.close();
            Map<String, String> env = Map.of("REDIS_URL", redis.url());
            assertThat(dlq(env, "list").out()).contains("bad-2").contains("Redis 127.0.0.1:" + redis.port());
            assertThat(dlq(env, "replay").out()).contains("replayed 1");
            assertThat(bus.work().depth(MarketQueues.OPTION_CHAIN, MarketQueues.ENRICHER_GROUP).waiting()).isEqualTo(1);
            assertThat(dlq(env, "purge").out()).contains("purged 0");
        }
    }

    @Test
    void anUnreachablePlatformIsReportedClearly() {
        Run run = dlq(Map.of("WORKER_ENRICHER_URL", "http://127.0.0.1:1", "ADMIN_TOKEN", "a".repeat(43)), "list");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("not reachable");
    }
}
