package io.deltastream.market.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.json.Json;
import io.deltastream.store.Documents;

/**
 * The {@code candles} document: the reference's OHLC shape plus {@code bucket} (bucket start in epoch minutes), one
 * document per product, window and bucket, replaced as the bucket fills — {@code {_id, product, window_minutes,
 * bucket, open, high, low, close, start_time, end_time, num_ticks}}.
 */
public final class StoredCandle {
    private StoredCandle() {
    }

    /** The document's id: {@code {product}:{window}m:{bucket}}. */
    public static String id(Candle c) {
        return c.product() + ":" + c.windowMinutes() + "m:" + bucket(c);
    }

    /** Bucket start in epoch minutes. */
    public static long bucket(Candle c) {
        return c.startTime().getEpochSecond() / 60;
    }

    public static ObjectNode toDocument(Candle c) {
        ObjectNode d = Json.object();
        d.put(Documents.ID, id(c));
        d.put("product", c.product());
        d.put("window_minutes", c.windowMinutes());
        d.put("bucket", bucket(c));
        d.put("open", c.open());
        d.put("high", c.high());
        d.put("low", c.low());
        d.put("close", c.close());
        d.put("start_time", WireTime.format(c.startTime()));
        d.put("end_time", WireTime.format(c.endTime()));
        d.put("num_ticks", c.numTicks());
        return d;
    }

    public static Candle fromDocument(ObjectNode doc) {
        return new Candle(StoredFields.text(doc, "product"), (int) StoredFields.integer(doc, "window_minutes"),
                StoredFields.number(doc, "open"), StoredFields.number(doc, "high"), StoredFields.number(doc, "low"),
                StoredFields.number(doc, "close"), StoredFields.time(doc, "start_time"),
                StoredFields.time(doc, "end_time"), StoredFields.integer(doc, "num_ticks"));
    }
}
