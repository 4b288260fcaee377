package io.deltastream.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON object from a request (or an element of one), read field by field. Every accessor rejects
 * a missing or ill-typed value with a 400 whose message names the field by its full path (e.g.
 * {@code legs[2].strike}) and the allowed range.
 */
public final class JsonBody {
    private final ObjectNode node;
    private final String path;

    private JsonBody(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Wraps a parsed request body, which must be a JSON object. */
    public static JsonBody of(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("Request body must be a JSON object");
        }
        return new JsonBody((ObjectNode) root, "");
    }

    public ObjectNode node() {
        return node;
    }

    /** Rejects fields other than {@code allowed}, naming the first unknown one. */
    public JsonBody allowOnly(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                throw ApiException.badRequest("Unknown field '" + name(n) + "'");
            }
        }
        return this;
    }

    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public String requiredString(String field) {
        return optionalString(field).orElseThrow(() -> missing(field, "a string"));
    }

    public Optional<String> optionalString(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string");
        }
        return Optional.of(v.textValue());
    }

    public double requiredNumber(String field, double min, double max) {
        return optionalNumber(field, min, max).orElseThrow(() -> missing(field, range(min, max)));
    }

    public Optional<Double> optionalNumber(String field, double min, double max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber()) {
            throw wrongType(field, range(min, max));
        }
        double d = v.doubleValue();
        if (!(d >= min && d <= max)) {
            throw ApiException.badRequest("Field '" + name(field) + "' must be " + range(min, max) + ", got " + v);
        }
        return Optional.of(d);
    }

    public long requiredInteger(String field, long min, long max) {
        return optionalInteger(field, min, max).orElseThrow(() -> missing(field, intRange(min, max)));
    }

    public Optional<Long> optionalInteger(String field, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() && !(v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()))) {
            throw wrongType(field, intRange(min, max));
        }
        if (!v.canConvertToLong()) {
            throw wrongType(field, intRange(min, max));
        }
        long l = v.longValue();
        if (l < min || l > max) {
            throw ApiException.badRequest("Field '" + name(field) + "' must be " + intRange(min, max) + ", got " + v);
        }
        return Optional.of(l);
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return Optional.of(v.booleanValue());
    }

    /** An enum constant named by a case-insensitive string. */
    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        return optionalEnum(field, type).orElseThrow(() -> missing(field, "one of " + names(type)));
    }

    public <E extends Enum<E>> Optional<E> optionalEnum(String field, Class<E> type) {
        Optional<String> raw = optionalString(field);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String wanted = raw.get().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return Optional.of(e);
            }
        }
        throw ApiException.badRequest("Field '" + name(field) + "' must be one of " + names(type)
                + ", got '" + raw.get() + "'");
    }

    /** The elements of an array of objects, each readable with the same accessors. */
    public List<JsonBody> requiredObjects(String field, int minSize, int maxSize) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw missing(field, "an array");
        }
        if (!v.isArray()) {
            throw wrongType(field, "an array");
        }
        if (v.size() > maxSize) {
            throw ApiException.payloadTooLarge("Field '" + name(field) + "' has " + v.size()
                    + " elements; at most " + maxSize + " are allowed per request");
        }
        if (v.size() < minSize) {
            throw ApiException.badRequest("Field '" + name(field) + "' must have at least " + minSize + " element(s)");
        }
        List<JsonBody> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String elementPath = name(field) + "[" + i + "]";
            if (!e.isObject()) {
                throw ApiException.badRequest("Field '" + elementPath + "' must be an object");
            }
            out.add(new JsonBody((ObjectNode) e, elementPath + "."));
        }
        return out;
    }

    /** The full path of a field of this object, as used in error messages. */
    public String name(String field) {
        return path + field;
    }

    private ApiException missing(String field, String expected) {
        return ApiException.badRequest("Field '" + name(field) + "' is required (" + expected + ")");
    }

    private ApiException wrongType(String field, String expected) {
        return ApiException.badRequest("Field '" + name(field) + "' must be " + expected);
    }

    private static String range(double min, double max) {
        if (min == -Double.MAX_VALUE && max == Double.MAX_VALUE) {
            return "a number";
        }
        if (max == Double.MAX_VALUE) {
            return "a number >= " + fmt(min);
        }
        return "a number from " + fmt(min) + " to " + fmt(max);
    }

    private static String intRange(long min, long max) {
        return max == Long.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        List<String> n = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            n.add(e.name());
        }
        return String.join(", ", n);
    }
}
