package io.deltastream.feed.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.feed.provider.FeedMessage;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.json.Json;
import java.io.IOException;

/**
 * The recording file format: JSON lines, one per published message, {@code {"queue", "time", "payload"}} with the
 * message's market time (ISO-8601 UTC) and its wire JSON as a string. A plain text format so recordings can be
 * inspected, trimmed and edited with ordinary tools.
 */
final class Recording {
    private Recording() {
    }

    static String line(FeedMessage m) {
        ObjectNode o = Json.object();
        o.put("queue", m.queue());
        o.put("time", WireTime.format(m.time()));
        o.put("payload", m.payload());
        return Json.string(o);
    }

    /** Parses one line; an {@link IOException} says which line is bad and why. */
    static FeedMessage parse(String line, long lineNumber) throws IOException {
        try {
            JsonNode n = Json.tree(line);
            return new FeedMessage(text(n, "queue"), text(n, "payload"), WireTime.parse(text(n, "time")));
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new IOException("line " + lineNumber + " is not a recorded message: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return v.textValue();
    }
}
