package io.deltastream.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.bus.Buses;
import io.deltastream.bus.Topics;
import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiRequest;
import io.deltastream.platform.http.JsonBody;
import io.deltastream.platform.http.Reply;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Central log collection (port 8005): {@code POST /logs} appends a JSON object to its service's file under
 * {@code LOG_DIR} and publishes it on {@code logs:all}; {@code GET /logs/{service}?limit=} reads the newest lines back.
 * Every route needs the admin credential ({@code X-Admin-Token}: {@code ADMIN_TOKEN}), since logs may hold anything a
 * service wrote; ingestion is capped by {@link IngestionQuota}.
 */
public final class LoggingService implements Service {
    public static final String NAME = "logging-service";
    /** Fan-out topic every ingested entry is published on (the reference's channel name). */
    public static final String LOGS_TOPIC = "logs:all";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8005;
    }

    @Override
    public void install(ServiceContext ctx) throws IOException {
        Env env = ctx.env();
        LogFiles files = new LogFiles(
                Path.of(env.string("LOG_DIR", "./logs")),
                env.longValue("LOG_MAX_FILE_BYTES", 10L * 1024 * 1024, 1024, Long.MAX_VALUE),
                env.integer("LOG_KEEP_FILES", 5, 0, 1000));
        Topics topics = Buses.open(ctx).topics();
        Credential admin = Credential.admin(env);
        IngestionQuota quota = new IngestionQuota(
                env.integer("LOG_MAX_SERVICES", 50, 1, 100_000),
                env.longValue("LOG_MAX_SERVICE_BYTES_PER_MINUTE", 1024L * 1024, 1024, Long.MAX_VALUE),
                env.longValue("LOG_MAX_TOTAL_BYTES_PER_MINUTE", 10L * 1024 * 1024, 1024, Long.MAX_VALUE),
                files.services(), Clock.systemUTC());
        ctx.routes()
                .post("/logs", req -> {
                    admin.require(req);
                    return ingest(req, files, topics, quota);
                })
                .get("/logs", req -> {
                    admin.require(req);
                    return Reply.ok(Map.of("services", files.services()));
                })
                .get("/logs/{service}", req -> {
                    admin.require(req);
                    return read(req, files);
                });
    }

    private static Reply ingest(ApiRequest req, LogFiles files, Topics topics, IngestionQuota quota)
            throws IOException {
        ObjectNode entry = JsonBody.of(req.jsonTree()).node();
        JsonNode service = entry.get("service");
        String name = "unknown";
        if (service != null && !service.isNull()) {
            if (!service.isTextual() || !LogFiles.isValidService(service.asText())) {
                throw ApiException.badRequest(
                        "service must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit")
                        .with("field", "service");
            }
            name = service.asText();
        }
        if (!entry.hasNonNull("timestamp")) {
            entry.put("timestamp", Instant.now().toString());
        }
        String line = Json.string(entry);
        quota.admit(name, line.getBytes(StandardCharsets.UTF_8).length + 1L);
        files.append(name, line);
        topics.publish(LOGS_TOPIC, line);
        return Reply.created(Map.of("status", "logged"));
    }

    private static Reply read(ApiRequest req, LogFiles files) throws IOException {
        String service = req.path("service");
        if (!LogFiles.isValidService(service)) {
            throw ApiException.badRequest("invalid service name").with("field", "service");
        }
        int limit = req.queryInt("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<String> lines = files.tail(service, limit);
        ArrayNode logs = Json.mapper().createArrayNode();
        for (String line : lines) {
            logs.add(parse(line));
        }
        ObjectNode body = Json.object();
        body.put("count", logs.size());
        body.set("logs", logs);
        body.put("service", service);
        return Reply.ok(body);
    }

    /** A line that is not a JSON object (written by hand, truncated by a crash) is returned raw, not dropped. */
    private static JsonNode parse(String line) {
        try {
            JsonNode node = Json.tree(line);
            if (node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // fall through: returned raw below
        }
        ObjectNode raw = Json.object();
        raw.put("raw", line);
        return raw;
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new LoggingService());
    }
}
