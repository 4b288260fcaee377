package io.deltastream.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.time.IsoInstant;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.bson.types.ObjectId;

/** Rules shared by both adapters: ids, the stored form of the time field, where bytes may go. */
public final class Documents {
    public static final String ID = "_id";
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Documents() {
    }

    /** A new id: 24 hex digits, increasing with time within a process (MongoDB ObjectId layout). */
    public static String newId() {
        return new ObjectId().toHexString();
    }

    /** The document's {@code _id}, assigned when absent. */
    public static String ensureId(ObjectNode doc) {
        JsonNode id = doc.get(ID);
        if (id == null || id.isNull()) {
            String generated = newId();
            doc.put(ID, generated);
            return generated;
        }
        if (!id.isTextual() || id.textValue().isEmpty()) {
            throw new IllegalArgumentException("_id must be a non-empty string");
        }
        return id.textValue();
    }

    /**
     * Checks that raw bytes appear only in the collection's declared bytes field, and returns that field's bytes
     * ({@code null} when the document has none): an adapter that stores bytes elsewhere would turn them into base64
     * text on one store and keep them as bytes on the other.
     *
     * @throws IllegalArgumentException naming the field otherwise
     */
    public static byte[] bytes(ObjectNode doc, CollectionSpec spec) {
        byte[] found = null;
        for (Map.Entry<String, JsonNode> e : doc.properties()) {
            JsonNode v = e.getValue();
            boolean declared = spec.bytesField().filter(e.getKey()::equals).isPresent();
            if (declared && !v.isBinary()) {
                throw new IllegalArgumentException("field '" + e.getKey() + "' of " + spec.name() + " holds bytes, not "
                        + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            if (!declared && v.isBinary()) {
                throw new IllegalArgumentException("field '" + e.getKey() + "' of " + spec.name()
                        + " holds bytes, but the collection declares " + spec.bytesField().map(f -> "'" + f + "'")
                        .orElse("no") + " bytes field");
            }
            if (declared && v.isBinary()) {
                found = ((BinaryNode) v).binaryValue();
            }
        }
        return found;
    }

    /**
     * In a {@link CollectionSpec#compact()} collection, checks that each declared field holds a string or an integer
     * (or is absent): what a column alone gives back unchanged. Both adapters check, so that a write refused by one is
     * refused by the other.
     *
     * @throws IllegalArgumentException naming the field otherwise
     */
    public static void checkCompact(ObjectNode doc, CollectionSpec spec) {
        if (!spec.compact()) {
            return;
        }
        for (String f : spec.fields()) {
            JsonNode v = doc.get(f);
            if (v != null && !v.isTextual() && !v.isIntegralNumber()) {
                throw new IllegalArgumentException("field '" + f + "' of " + spec.name()
                        + " must be a string or an integer, not " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    /** The ISO form in which times are stored and returned. */
    public static String format(Instant instant) {
        return MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Reads the time field (ISO-8601 with offset, or without one meaning UTC), rewrites it in stored
     * form, and returns it as epoch milliseconds.
     */
    public static long normalizeTime(ObjectNode doc, String field) {
        JsonNode v = doc.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("time field '" + field + "' must be an ISO-8601 string");
        }
        Instant t = parse(v.textValue());
        doc.put(field, format(t));
        return t.toEpochMilli();
    }

    /** Reads a stored or given time: any ISO-8601 offset, or none meaning UTC ({@link IsoInstant#parse}). */
    public static Instant parse(String text) {
        return IsoInstant.parse(text);
    }
}
