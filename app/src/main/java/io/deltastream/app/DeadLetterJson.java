package io.deltastream.app;

import io.deltastream.bus.DeadLetter;
import io.deltastream.market.wire.WireTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON form of a dead letter printed by {@code dlq list --json} (the worker's {@code /dlq} entry shape). */
final class DeadLetterJson {
    private DeadLetterJson() {
    }

    static Map<String, Object> of(DeadLetter d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry_id", d.entryId());
        m.put("message_id", d.messageId());
        m.put("queue", d.queue());
        m.put("error", d.error());
        m.put("attempts", d.attempts());
        m.put("failed_at", WireTime.format(d.failedAt()));
        m.put("payload", d.payload());
        return m;
    }
}
