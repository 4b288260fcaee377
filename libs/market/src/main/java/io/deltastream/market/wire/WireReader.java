package io.deltastream.market.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Typed, validated field access on a parsed message; every failure names the field's path. */
final class WireReader {
    private WireReader() {
    }

    static JsonNode field(JsonNode obj, String path, String name) throws MalformedMessageException {
        JsonNode v = obj.get(name);
        if (v == null || v.isMissingNode()) {
            throw new MalformedMessageException(path + name + " is missing");
        }
        return v;
    }

    static String text(JsonNode obj, String path, String name) throws MalformedMessageException {
        JsonNode v = field(obj, path, name);
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw new MalformedMessageException(path + name + " must be a non-empty string");
        }
        return v.textValue();
    }

    /** A finite number (null is NaN when {@code nullable}). */
    static double number(JsonNode obj, String path, String name, boolean nullable) throws MalformedMessageException {
        JsonNode v = field(obj, path, name);
        if (v.isNull() && nullable) {
            return Double.NaN;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new MalformedMessageException(path + name + " must be a finite number" + (nullable ? " or null" : ""));
        }
        return v.doubleValue();
    }

    static double positive(JsonNode obj, String path, String name) throws MalformedMessageException {
        double v = number(obj, path, name, false);
        if (!(v > 0)) {
            throw new MalformedMessageException(path + name + " must be greater than 0, got " + v);
        }
        return v;
    }

    static double nonNegative(JsonNode obj, String path, String name) throws MalformedMessageException {
        double v = number(obj, path, name, false);
        if (v < 0) {
            throw new MalformedMessageException(path + name + " must not be negative, got " + v);
        }
        return v;
    }

    /** A whole number >= 0 (a JSON integer, or a float with no fraction as Python may write). */
    static long count(JsonNode obj, String path, String name) throws MalformedMessageException {
        long v = integer(obj, path, name);
        if (v < 0) {
            throw new MalformedMessageException(path + name + " must not be negative, got " + v);
        }
        return v;
    }

    /** A whole number, possibly negative. */
    static long integer(JsonNode obj, String path, String name) throws MalformedMessageException {
        double v = number(obj, path, name, false);
        if (v != Math.rint(v) || Math.abs(v) > 9e15) {
            throw new MalformedMessageException(path + name + " must be a whole number, got " + v);
        }
        return (long) v;
    }

    static Instant time(JsonNode obj, String path, String name) throws MalformedMessageException {
        String s = text(obj, path, name);
        try {
            return WireTime.parse(s);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(path + name + " must be an ISO-8601 time, got '" + s + "'");
        }
    }

    static LocalDate date(JsonNode obj, String path, String name) throws MalformedMessageException {
        String s = text(obj, path, name);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException(path + name + " must be a date YYYY-MM-DD, got '" + s + "'");
        }
    }

    static JsonNode array(JsonNode obj, String path, String name) throws MalformedMessageException {
        JsonNode v = field(obj, path, name);
        if (!v.isArray()) {
            throw new MalformedMessageException(path + name + " must be an array");
        }
        return v;
    }

    static JsonNode object(JsonNode v, String what) throws MalformedMessageException {
        if (v == null || !v.isObject()) {
            throw new MalformedMessageException(what + " must be a JSON object");
        }
        return v;
    }

    /** An array of numbers ({@code null} elements read as NaN when {@code nullable}). */
    static double[] numbers(JsonNode obj, String path, String name, boolean nullable) throws MalformedMessageException {
        JsonNode a = array(obj, path, name);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = a.get(i);
            if (v.isNull() && nullable) {
                out[i] = Double.NaN;
            } else if (v.isNumber() && Double.isFinite(v.doubleValue())) {
                out[i] = v.doubleValue();
            } else {
                throw new MalformedMessageException(path + name + "[" + i + "] must be a finite number");
            }
        }
        return out;
    }
}
