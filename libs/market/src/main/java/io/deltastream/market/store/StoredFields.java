package io.deltastream.market.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.wire.WireTime;
import java.time.Instant;

/** Reading and writing the fields of stored documents (our own writes: trusted, but checked). */
final class StoredFields {
    private StoredFields() {
    }

    /** NaN as JSON null (JSON has no NaN). */
    static void put(ObjectNode doc, String field, double v) {
        if (Double.isNaN(v)) {
            doc.putNull(field);
        } else {
            doc.put(field, v);
        }
    }

    static void add(ArrayNode arr, double v) {
        if (Double.isNaN(v)) {
            arr.addNull();
        } else {
            arr.add(v);
        }
    }

    static double number(JsonNode doc, String field) {
        JsonNode v = require(doc, field);
        return v.isNull() ? Double.NaN : v.doubleValue();
    }

    static double number(JsonNode arr, int i) {
        JsonNode v = arr.get(i);
        return v == null || v.isNull() ? Double.NaN : v.doubleValue();
    }

    static long integer(JsonNode doc, String field) {
        return require(doc, field).longValue();
    }

    static String text(JsonNode doc, String field) {
        return require(doc, field).asText();
    }

    static Instant time(JsonNode doc, String field) {
        return WireTime.parse(text(doc, field));
    }

    static JsonNode require(JsonNode doc, String field) {
        JsonNode v = doc.get(field);
        if (v == null) {
            throw new IllegalArgumentException("stored document lacks '" + field + "': " + doc.path("_id").asText("?"));
        }
        return v;
    }
}
