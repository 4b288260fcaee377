package io.deltastream.socket.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/**
 * Parses the payload of {@code subscribe}/{@code unsubscribe}: a JSON object {@code {"type": ..., "symbol": ...}}
 * naming a known room type and, for market rooms, a known product. Anything else (no payload, a string, an array,
 * missing or non-string fields, unknown type or product) is refused with a reason, never an exception.
 */
public final class RoomRequest {
    /** Longest accepted symbol or user id, in characters. */
    public static final int MAX_SYMBOL_LENGTH = 64;

    /** The outcome: a room, or the reason it was refused. */
    public sealed interface Result permits Valid, Invalid {
    }

    public record Valid(Room room) implements Result {
    }

    public record Invalid(String reason) implements Result {
    }

    private RoomRequest() {
    }

    /**
     * @param payload      the event's first argument (null when the client sent none)
     * @param knownProduct whether a symbol names a product the gateway serves
     */
    public static Result parse(JsonNode payload, Predicate<String> knownProduct) {
        if (payload == null || !payload.isObject()) {
            return new Invalid("expected an object {type, symbol}, got " + kind(payload));
        }
        JsonNode type = payload.get("type");
        JsonNode symbol = payload.get("symbol");
        if (type == null || !type.isTextual() || type.asText().isEmpty()) {
            return new Invalid("'type' must be a non-empty string");
        }
        if (symbol == null || !symbol.isTextual() || symbol.asText().isEmpty()) {
            return new Invalid("'symbol' must be a non-empty string");
        }
        String s = symbol.asText();
        if (s.length() > MAX_SYMBOL_LENGTH) {
            return new Invalid("'symbol' is longer than " + MAX_SYMBOL_LENGTH + " characters");
        }
        RoomType roomType = RoomType.fromWire(type.asText()).orElse(null);
        if (roomType == null) {
            return new Invalid("unknown room type '" + clip(type.asText()) + "' (expected product, chain or user)");
        }
        if (roomType != RoomType.USER && !knownProduct.test(s)) {
            return new Invalid("unknown symbol '" + s + "'");
        }
        return new Valid(new Room(roomType, s));
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String clip(String s) {
        return s.length() <= MAX_SYMBOL_LENGTH ? s : s.substring(0, MAX_SYMBOL_LENGTH) + "...";
    }
}
