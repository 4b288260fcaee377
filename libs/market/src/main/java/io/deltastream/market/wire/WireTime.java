package io.deltastream.market.wire;

import io.deltastream.platform.time.IsoInstant;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Times on the wire: ISO-8601 UTC with six fraction digits and {@code Z} ({@code 2026-11-23T16:14:09.003260Z}).
 * Reading also accepts any offset, and no offset at all (the reference's naive timestamps, taken as UTC).
 */
public final class WireTime {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private WireTime() {
    }

    /**
     * One remembered conversion per thread: a chain repeats its timestamp in each of its quotes, so encoding or
     * decoding it formats or parses one time instead of 40+.
     */
    private record Remembered(Instant instant, String text) {
    }

    private static final ThreadLocal<Remembered> LAST_FORMAT = new ThreadLocal<>();
    private static final ThreadLocal<Remembered> LAST_PARSE = new ThreadLocal<>();

    public static String format(Instant t) {
        Remembered last = LAST_FORMAT.get();
        if (last != null && last.instant().equals(t)) {
            return last.text();
        }
        String text = MICROS.format(t);
        LAST_FORMAT.set(new Remembered(t, text));
        return text;
    }

    /** {@code t} at the wire's precision (microseconds), so that a decoded time equals the encoded one. */
    public static Instant truncate(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    /** Parses a wire time (any offset, or none meaning UTC: {@link IsoInstant#parse}); an {@link IllegalArgumentException} names the text. */
    public static Instant parse(String text) {
        Remembered last = LAST_PARSE.get();
        if (last != null && last.text().equals(text)) {
            return last.instant();
        }
        Instant t = IsoInstant.parse(text);
        LAST_PARSE.set(new Remembered(t, text));
        return t;
    }
}
