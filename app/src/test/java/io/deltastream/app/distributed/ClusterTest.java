package io.deltastream.app.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.market.store.MarketCollections;
import io.deltastream.market.store.MarketRetention;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.json.Json;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.Filter;
import io.deltastream.store.Order;
import io.deltastream.store.mongo.MongoStore;
import io.deltastream.testkit.EmbeddedMongo;
import io.deltastream.testkit.EmbeddedRedis;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.SocketIoConnection;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.socket.client.Socket;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./deltastream cluster --workers 2 --socket-gateways 2} over Redis and a MongoDB-protocol store, with a live
 * feed: one worker is killed with SIGKILL mid-feed; nothing is lost or duplicated. Uses {@code redis-server} when it
 * is installed (as the command does), else embedded-redis's binary through {@code REDIS_URL}.
 */
class ClusterTest {
    private static final Pattern MEMBER = Pattern.compile("^\\s+(\\S+)\\s+pid (\\d+)\\s+(http://\\S+)");
    private static final Pattern REDIS = Pattern.compile("Redis (redis://\\S+?)[,)]");
    private static final Duration START = Duration.ofMinutes(5);
    private static final Duration DRAIN = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private record Member(String label, long pid, String url) {
    }

    /** A real Socket.IO client subscribed to one product's room, recording the ticks it receives. */
    private static final class TickClient implements AutoCloseable {
        private final SocketIoConnection connection;
        private final List<String> ticks = new CopyOnWriteArrayList<>();
        private volatile boolean subscribed;

        TickClient(String url, String product) {
            connection = SocketIoConnection.create(url, "websocket", b -> { });
            Socket socket = connection.socket();
            socket.on("connected", a -> socket.emit("subscribe",
                    new JSONObject(Map.of("type", "product", "symbol", product))));
            socket.on("subscribed", a -> subscribed = true);
            socket.on("underlying_update", a -> ticks.add(a[0].toString()));
            socket.connect();
        }

        /**
         * The market times of the received ticks of {@code product} (an enriched tick's identity), in order of
         * arrival; the client's default room brings every product's.
         */
        List<Instant> tickTimes(String product) {
            List<Instant> out = new ArrayList<>();
            for (String t : ticks) {
                JsonNode tick = json(t);
                if (tick.path("product").asText().equals(product)) {
                    out.add(WireTime.parse(tick.path("timestamp").asText()));
                }
            }
            return out;
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    @Test
    void twoWorkersAndTwoSocketGatewaysLoseAndDuplicateNothingWhenAWorkerIsKilled() throws Exception {
        Launcher launcher = Launcher.in(dir);
        Path recording = dir.resolve("feed.jsonl");
        boolean installed = Files.isExecutable(Path.of("/usr/bin/redis-server")) || onPath("redis-server");
        try (EmbeddedMongo mongo = EmbeddedMongo.start();
             EmbeddedRedis fallback = installed ? null : EmbeddedRedis.start()) {
            Map<String, String> env = new HashMap<>();
            env.put("MONGO_URL", mongo.url("deltastream"));
            if (fallback != null) {
                env.put("REDIS_URL", fallback.url());
            }
            env.put("FEED_INTERVAL", "0.1");
            env.put("FEED_PRODUCTS", "NIFTY,BANKNIFTY");
            env.put("FEED_CHAIN_EVERY", "2");
            env.put("FEED_EXPIRIES", "1");
            env.put("FEED_QUOTES", "0");
            env.put("FEED_SEED", "16");
            env.put("FEED_RECORD", recording.toString());
            env.put("CHAIN_SNAPSHOT_SECONDS", "0");
            env.put("QUOTE_SNAPSHOT_SECONDS", "0");
            env.put("BUS_VISIBILITY_TIMEOUT", "2");
            env.put("WORKER_CONCURRENCY", "1");
            Launcher.Run cluster = launcher.start(env, "cluster", "--workers", "2", "--socket-gateways", "2",
                    "--services", "feed-generator,worker-enricher,socket-gateway", "--dir", dir.resolve("run").toString());
            try {
                Eventually.until("cluster ready", START, () -> !cluster.process().isAlive()
                        || cluster.stdout().contains("cluster ready"));
                assertThat(cluster.process().isAlive()).as(cluster.stdout() + cluster.stderr()).isTrue();
                Map<String, Member> members = members(cluster.stdout());
                assertThat(members.keySet()).containsExactlyInAnyOrder("socket-gateway#1", "socket-gateway#2",
                        "worker-enricher#1", "worker-enricher#2", "feed-generator");
                Matcher redisUrl = REDIS.matcher(cluster.stdout());
                assertThat(redisUrl.find()).isTrue();
                verify(cluster, members, redisUrl.group(1), mongo, recording);
            } finally {
                int exit = cluster.stop();
                assertThat(exit).as(cluster.stderr()).isZero();
            }
            assertThat(cluster.stdout()).contains("cluster stopped");
            for (Member m : members(cluster.stdout()).values()) {
                Eventually.until(m.label() + " stopped with the cluster",
                        () -> ProcessHandle.of(m.pid()).map(p -> !p.isAlive()).orElse(true));
            }
        }
    }

    private void verify(Launcher.Run cluster, Map<String, Member> members, String redisUrl, EmbeddedMongo mongo,
                        Path recording) throws Exception {
        Bus bus = Buses.open(BusConfig.DEFAULTS.withRedis(URI.create(redisUrl)));
        MongoStore store = new MongoStore(mongo.url("deltastream"));
        RedisClient redis = RedisClient.create(redisUrl);
        try (TickClient first = new TickClient(members.get("socket-gateway#1").url(), "NIFTY");
             TickClient second = new TickClient(members.get("socket-gateway#2").url(), "NIFTY");
             StatefulRedisConnection<String, String> conn = redis.connect()) {
            DocumentCollection ticks = store.collection(MarketCollections.underlyingTicks(MarketRetention.DEFAULTS));
            DocumentCollection chains = store.collection(MarketCollections.optionChains(MarketRetention.DEFAULTS));
            Eventually.until("both clients subscribed and receiving ticks", () -> first.subscribed && second.subscribed
                    && first.ticks.size() >= 5 && second.ticks.size() >= 5);

            Member victim = members.get("worker-enricher#1");
            String victimConsumers = victim.pid() + "-";
            Eventually.until("the victim consumes", () -> consumers(conn).stream()
                    .anyMatch(c -> c.startsWith(victimConsumers)));
            signal(victim.pid(), "KILL");
            Eventually.until("the cluster reports the kill", () -> cluster.stdout()
                    .contains("worker-enricher#1 (pid " + victim.pid() + ") exited"));
            long storedAtKill = ticks.count(Filter.all());
            Eventually.until("the feed goes on through the survivor", DRAIN,
                    () -> ticks.count(Filter.all()) >= storedAtKill + 20);

            Member feed = members.get("feed-generator");
            signal(feed.pid(), "TERM");
            Eventually.until("the feed stopped",
                    () -> ProcessHandle.of(feed.pid()).map(p -> !p.isAlive()).orElse(true));
            Eventually.until("every queue drained", DRAIN, () -> MarketQueues.ALL.stream()
                    .allMatch(q -> bus.work().depth(q, MarketQueues.ENRICHER_GROUP).total() == 0));

            // Every message the feed published was enriched and stored exactly once.
            List<JsonNode> published = Files.readAllLines(recording).stream().map(ClusterTest::json).toList();
            List<JsonNode> sentTicks = published.stream()
                    .filter(m -> m.path("queue").asText().equals(MarketQueues.UNDERLYING))
                    .map(m -> json(m.path("payload").asText())).toList();
            long sentChains = published.stream()
                    .filter(m -> m.path("queue").asText().equals(MarketQueues.OPTION_CHAIN)).count();
            assertThat(sentTicks).hasSizeGreaterThan(40);
            assertThat(sentChains).isPositive();
            assertThat(bus.work().deadLetterCount(MarketQueues.DEAD_LETTERS)).isZero();
            Set<String> sentKeys = new HashSet<>();
            sentTicks.forEach(t -> sentKeys.add(t.path("product").asText() + "#" + t.path("tick_id").asLong()));
            assertThat(sentKeys).hasSameSizeAs(sentTicks);
            List<String> storedKeys = ticks.find(Filter.all(), Order.OLDEST_FIRST, 100_000).stream()
                    .map(d -> d.path("product").asText() + "#" + d.path("tick_id").asLong()).toList();
            assertThat(storedKeys).doesNotHaveDuplicates();
            assertThat(new HashSet<>(storedKeys)).isEqualTo(sentKeys);
            assertThat(chains.count(Filter.all())).isEqualTo(sentChains);

            // Each client got each update at most once, in order, and the last one: fan-out is latest-value-wins,
            // so a tick that reached a gateway after a newer one (a reclaimed message) is dropped, never shown twice.
            Instant lastNifty = sentTicks.stream().filter(t -> t.path("product").asText().equals("NIFTY"))
                    .map(t -> WireTime.parse(t.path("timestamp").asText())).max(Instant::compareTo).orElseThrow();
            for (TickClient client : List.of(first, second)) {
                Eventually.until("the last tick reaches the client",
                        () -> client.tickTimes("NIFTY").contains(lastNifty));
                assertThat(client.tickTimes("NIFTY")).doesNotHaveDuplicates().isSorted();
            }

            // The dead worker's consumers leave the group once their messages were reclaimed; the survivor's stay.
            Eventually.until("the dead worker's consumers are removed", DRAIN, () -> consumers(conn).stream()
                    .noneMatch(c -> c.startsWith(victimConsumers)));
            assertThat(consumers(conn)).isNotEmpty();
            Path survivorLog = dir.resolve("run/logs/worker-enricher-2.log");
            List<String> busLines = Files.readAllLines(survivorLog).stream()
                    .filter(l -> l.contains("\"logger\":\"io.deltastream.bus.")).toList();
            assertThat(busLines).isNotEmpty().allMatch(l -> l.contains("\"service\":\"worker-enricher\""));
            assertThat(busLines).anyMatch(l -> l.contains("consumer(s) of group " + MarketQueues.ENRICHER_GROUP));
        } finally {
            redis.shutdown();
            store.close();
            bus.close();
        }
    }

    /** The consumer names of the enricher's group on the underlying queue. */
    private static List<String> consumers(StatefulRedisConnection<String, String> conn) {
        List<String> names = new ArrayList<>();
        for (Object entry : conn.sync().xinfoConsumers(MarketQueues.UNDERLYING, MarketQueues.ENRICHER_GROUP)) {
            List<?> fields = (List<?>) entry;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                if ("name".equals(String.valueOf(fields.get(i)))) {
                    names.add(String.valueOf(fields.get(i + 1)));
                }
            }
        }
        return names;
    }

    private static Map<String, Member> members(String stdout) {
        Map<String, Member> out = new HashMap<>();
        for (String line : stdout.lines().toList()) {
            Matcher m = MEMBER.matcher(line);
            if (m.find()) {
                out.put(m.group(1), new Member(m.group(1), Long.parseLong(m.group(2)), m.group(3)));
            }
        }
        return out;
    }

    private static JsonNode json(String text) {
        try {
            return Json.tree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    private static boolean onPath(String program) {
        return Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(p -> List.of(p.split(File.pathSeparator)).stream())
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private static void signal(long pid, String signal) throws Exception {
        int rc = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
        assertThat(rc).as("kill -" + signal + " " + pid).isZero();
    }
}
