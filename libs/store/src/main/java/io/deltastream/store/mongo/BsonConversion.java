package io.deltastream.store.mongo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.store.Documents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * JSON documents to BSON and back, keeping number types (int, long, double), bytes as BinData, and storing the time
 * field as a BSON date so that MongoDB range queries and TTL indexes work on it.
 */
final class BsonConversion {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BsonConversion() {
    }

    static Document toBson(ObjectNode json, String timeField, long timeMillis) {
        Document d = (Document) value(json);
        if (timeField != null) {
            d.put(timeField, new Date(timeMillis));
        }
        return d;
    }

    private static Object value(JsonNode n) {
        return switch (n.getNodeType()) {
            case OBJECT -> {
                Document d = new Document();
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    d.put(e.getKey(), value(e.getValue()));
                }
                yield d;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(n.size());
                n.forEach(e -> list.add(value(e)));
                yield list;
            }
            case STRING -> n.textValue();
            case BOOLEAN -> n.booleanValue();
            case BINARY -> new Binary(((BinaryNode) n).binaryValue());
            case NUMBER -> n.isInt() ? (Object) n.intValue() : n.isIntegralNumber() ? (Object) n.longValue()
                    : (Object) n.doubleValue();
            default -> null;
        };
    }

    static ObjectNode toJson(Document bson) {
        return (ObjectNode) node(bson);
    }

    private static JsonNode node(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof Document d) {
            ObjectNode o = NODES.objectNode();
            d.forEach((k, val) -> o.set(k, node(val)));
            return o;
        }
        if (v instanceof List<?> list) {
            ArrayNode a = NODES.arrayNode(list.size());
            list.forEach(e -> a.add(node(e)));
            return a;
        }
        return switch (v) {
            case String s -> NODES.textNode(s);
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Double d -> NODES.numberNode(d);
            case Date date -> NODES.textNode(Documents.format(Instant.ofEpochMilli(date.getTime())));
            case ObjectId id -> NODES.textNode(id.toHexString());
            case Decimal128 dec -> NODES.numberNode(dec.bigDecimalValue());
            case Binary b -> NODES.binaryNode(b.getData());
            default -> NODES.textNode(v.toString());
        };
    }
}
