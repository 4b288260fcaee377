package io.deltastream.enricher;

import io.deltastream.bus.WorkQueues;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.Reply;
import io.deltastream.platform.http.Routes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /dlq} on the worker's port, for {@code ./deltastream dlq} in embedded mode, where the dead-letter queue lives
 * inside the running process: {@code GET /dlq?limit=N} lists the oldest entries, {@code POST /dlq/replay} sends all
 * back to their queues ({@code POST /dlq/replay/{entry_id}} one), {@code DELETE /dlq} empties it. Every route needs
 * the admin credential ({@code X-Admin-Token}: {@code ADMIN_TOKEN}, which the command reads from {@code DATA_DIR} as
 * the service does). Not registered in distributed mode: there the command talks to Redis.
 */
final class DeadLetterRoutes {
    private DeadLetterRoutes() {
    }

    static void install(Routes routes, WorkQueues queues, Credential admin) {
        routes.get("/dlq", req -> {
            admin.require(req);
            int limit = req.queryInt("limit", 100, 1, 10_000);
            List<Map<String, Object>> entries = queues.deadLetters(MarketQueues.DEAD_LETTERS, limit).stream()
                    .map(DeadLetterJson::of).toList();
            return Reply.ok(Map.of("queue", MarketQueues.DEAD_LETTERS, "entries", entries));
        });
        routes.post("/dlq/replay", req -> {
            admin.require(req);
            return Reply.ok(Map.of("replayed", queues.replay(MarketQueues.DEAD_LETTERS, Optional.empty())));
        });
        routes.post("/dlq/replay/{entry}", req -> {
            admin.require(req);
            int n = queues.replay(MarketQueues.DEAD_LETTERS, Optional.of(req.path("entry")));
            if (n == 0) {
                throw ApiException.notFound("no dead letter with entry id '" + req.path("entry") + "'");
            }
            return Reply.ok(Map.of("replayed", n));
        });
        routes.delete("/dlq", req -> {
            admin.require(req);
            return Reply.ok(Map.of("purged", queues.purge(MarketQueues.DEAD_LETTERS)));
        });
    }
}
