package io.deltastream.platform.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON mapper of the platform. Instants are written as ISO-8601 UTC strings with {@code Z};
 * unknown properties are rejected so that a typo in a request is a 400, not a silent default; an object with the
 * same key twice is malformed (otherwise the last one would silently win, and two parsers in a chain could disagree
 * on which one counts).
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.{0,100})'.*", Pattern.DOTALL);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serializable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String string(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serializable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses JSON text; malformed input raises {@link JsonProcessingException}. */
    public static JsonNode tree(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    public static JsonNode tree(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }

    public static <T> T read(String text, Class<T> type) throws JsonProcessingException {
        return MAPPER.readValue(text, type);
    }

    /**
     * What is wrong with unparseable JSON, in a client's terms ("Malformed JSON at line 1, column 7", "Duplicate
     * field 'price' at ..."): never the parser's class names or feature flags.
     */
    public static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "Malformed JSON: nested too deeply or a value too long";
        }
        if (e instanceof JsonEOFException) {
            return "Malformed JSON: unexpected end of input";
        }
        String original = String.valueOf(e.getOriginalMessage());
        Matcher duplicate = DUPLICATE.matcher(original);
        String where = at(e.getLocation());
        if (duplicate.matches()) {
            return "Malformed JSON: duplicate field '" + duplicate.group(1) + "'" + where;
        }
        if (original.startsWith("Trailing token")) {
            return "Malformed JSON: unexpected data after the JSON value" + where;
        }
        return "Malformed JSON" + where;
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    public static <T> T convert(Object value, Class<T> type) {
        return MAPPER.convertValue(value, type);
    }

    /** Parses JSON text known to be well-formed (our own stored or published documents). */
    public static JsonNode trusted(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt stored JSON", e);
        }
    }
}
