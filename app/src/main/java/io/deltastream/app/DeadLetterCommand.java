package io.deltastream.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.bus.DeadLetter;
import io.deltastream.enricher.DeadLetterJson;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code deltastream dlq list|replay|purge}: the enricher's dead-letter queue ({@code dlq:enrichment}). With
 * {@code REDIS_URL} set it works on Redis directly; otherwise on the running embedded platform through the
 * worker-enricher's {@code /dlq} routes ({@code WORKER_ENRICHER_URL}, default {@code http://localhost:8009}),
 * presenting the admin credential ({@code ADMIN_TOKEN}, or the one the platform keeps in {@code DATA_DIR}).
 */
@Command(name = "dlq", description = "Inspect, replay or purge the dead-letter queue (dlq:enrichment).",
        subcommands = {DeadLetterCommand.ListCommand.class, DeadLetterCommand.ReplayCommand.class,
            DeadLetterCommand.PurgeCommand.class})
final class DeadLetterCommand implements Callable<Integer> {
    /** Exit code when the queue cannot be reached. */
    static final int UNREACHABLE = 3;

    Env env = Env.system();
    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        out.println("usage: deltastream dlq list [--limit N] [--json] | replay [ENTRY_ID] | purge");
        return 2;
    }

    /** Where the dead letters are: Redis, or the embedded platform over HTTP. */
    interface Target extends AutoCloseable {
        List<DeadLetter> list(int limit) throws IOException, InterruptedException;

        int replay(Optional<String> entry) throws IOException, InterruptedException;

        long purge() throws IOException, InterruptedException;

        String describe();

        @Override
        default void close() {
        }
    }

    Target target() {
        BusConfig config = BusConfig.from(env);
        if (config.redisUrl().isPresent()) {
            Bus bus = Buses.open(config);
            return new Target() {
                @Override
                public List<DeadLetter> list(int limit) {
                    return bus.work().deadLetters(MarketQueues.DEAD_LETTERS, limit);
                }

                @Override
                public int replay(Optional<String> entry) {
                    return bus.work().replay(MarketQueues.DEAD_LETTERS, entry);
                }

                @Override
                public long purge() {
                    return bus.work().purge(MarketQueues.DEAD_LETTERS);
                }

                @Override
                public String describe() {
                    return "Redis " + config.redisUrl().get().getHost() + ":" + config.redisUrl().get().getPort();
                }

                @Override
                public void close() {
                    bus.close();
                }
            };
        }
        String base = env.optional("WORKER_ENRICHER_URL")
                .orElse("http://localhost:" + env.port("WORKER_ENRICHER_PORT", 8009));
        return new HttpTarget(URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base),
                Credential.admin(env));
    }

    /** The embedded platform's worker-enricher. */
    static final class HttpTarget implements Target {
        private final URI base;
        private final Credential admin;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        HttpTarget(URI base, Credential admin) {
            this.base = base;
            this.admin = admin;
        }

        private JsonNode call(String method, String path) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header(admin.header(), admin.token())
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException e) {
                throw new IOException("the worker-enricher is not reachable at " + base
                        + " (start the platform with ./deltastream run, or set REDIS_URL for distributed mode)");
            }
            JsonNode body = Json.tree(response.body());
            if (response.statusCode() != 200) {
                throw new IOException(body.path("error").asText("HTTP " + response.statusCode()));
            }
            return body;
        }

        @Override
        public List<DeadLetter> list(int limit) throws IOException, InterruptedException {
            List<DeadLetter> out = new ArrayList<>();
            for (JsonNode e : call("GET", "/dlq?limit=" + limit).path("entries")) {
                out.add(new DeadLetter(e.path("entry_id").asText(), e.path("message_id").asText(),
                        e.path("queue").asText(), e.path("error").asText(), e.path("attempts").asInt(),
                        e.path("payload").asText(), WireTime.parse(e.path("failed_at").asText()),
                        e.path("traceparent").asText(null)));
            }
            return out;
        }

        @Override
        public int replay(Optional<String> entry) throws IOException, InterruptedException {
            String path = entry.map(id -> "/dlq/replay/" + java.net.URLEncoder.encode(id,
                    java.nio.charset.StandardCharsets.UTF_8)).orElse("/dlq/replay");
            return call("POST", path).path("replayed").asInt();
        }

        @Override
        public long purge() throws IOException, InterruptedException {
            return call("DELETE", "/dlq").path("purged").asLong();
        }

        @Override
        public String describe() {
            return "the embedded platform at " + base;
        }
    }

    @FunctionalInterface
    interface Action {
        int run(Target target) throws Exception;
    }

    int with(Action action) {
        try (Target target = target()) {
            return action.run(target);
        } catch (ConfigException e) {
            err.println("deltastream: configuration error: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("deltastream dlq: " + e.getMessage());
            return UNREACHABLE;
        } catch (Exception e) {
            err.println("deltastream dlq: " + e);
            return UNREACHABLE;
        }
    }

    @Command(name = "list", description = "List dead letters, oldest first.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        DeadLetterCommand parent;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "One JSON object per line, with the full payload.")
        boolean json;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 10_000) {
                parent.err.println("deltastream dlq: --limit must be 1..10000");
                return 2;
            }
            return parent.with(t -> {
                List<DeadLetter> entries = t.list(limit);
                PrintStream out = parent.out;
                if (json) {
                    for (DeadLetter d : entries) {
                        out.println(Json.string(DeadLetterJson.of(d)));
                    }
                    return 0;
                }
                out.printf("%d dead letter(s) in %s (%s)%n", entries.size(), MarketQueues.DEAD_LETTERS, t.describe());
                for (DeadLetter d : entries) {
                    out.printf("%s  %s  %s  attempts=%d  failed_at=%s%n    error: %s%n    payload: %s%n", d.entryId(),
                            d.messageId(), d.queue(), d.attempts(), WireTime.format(d.failedAt()), d.error(),
                            preview(d.payload()));
                }
                return 0;
            });
        }

        private static String preview(String payload) {
            String oneLine = payload.replace('\n', ' ');
            return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 157) + "...";
        }
    }

    @Command(name = "replay", description = "Send dead letters back to their queues (all, or the one ENTRY_ID).")
    static final class ReplayCommand implements Callable<Integer> {
        @ParentCommand
        DeadLetterCommand parent;

        @Parameters(index = "0", arity = "0..1", paramLabel = "ENTRY_ID", description = "One entry (see 'dlq list').")
        String entry;

        @Override
        public Integer call() {
            return parent.with(t -> {
                int n = t.replay(Optional.ofNullable(entry));
                if (entry != null && n == 0) {
                    parent.err.println("deltastream dlq: no dead letter with entry id '" + entry + "'");
                    return 1;
                }
                parent.out.printf("replayed %d message(s)%n", n);
                return 0;
            });
        }
    }

    @Command(name = "purge", description = "Delete every dead letter.")
    static final class PurgeCommand implements Callable<Integer> {
        @ParentCommand
        DeadLetterCommand parent;

        @Override
        public Integer call() {
            return parent.with(t -> {
                parent.out.printf("purged %d message(s)%n", t.purge());
                return 0;
            });
        }
    }
}
