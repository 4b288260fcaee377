package io.deltastream.market.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.wire.UnderlyingTick;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.json.Json;
import io.deltastream.store.Documents;
import java.time.Instant;

/**
 * The {@code underlying_ticks} document, the reference's shape: {@code {_id, product, price, timestamp, tick_id,
 * processed_at}} (times as ISO-8601 UTC strings; the store keeps {@code timestamp} at millisecond precision).
 */
public final class StoredTick {
    private StoredTick() {
    }

    /**
     * @param id the bus message id, so that a redelivered tick is not stored twice
     */
    public static ObjectNode toDocument(String id, UnderlyingTick tick, Instant processedAt) {
        ObjectNode d = Json.object();
        d.put(Documents.ID, id);
        d.put("product", tick.product());
        d.put("price", tick.price());
        d.put("timestamp", WireTime.format(tick.timestamp()));
        d.put("tick_id", tick.tickId());
        d.put("processed_at", WireTime.format(processedAt));
        return d;
    }

    public static UnderlyingTick fromDocument(ObjectNode doc) {
        return new UnderlyingTick(StoredFields.text(doc, "product"), StoredFields.number(doc, "price"),
                StoredFields.time(doc, "timestamp"), StoredFields.integer(doc, "tick_id"));
    }
}
