package io.deltastream.market.wire;

import io.deltastream.store.Documents;
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

    public static String format(Instant t) {
        return MICROS.format(t);
    }

    /** {@code t} at the wire's precision (microseconds), so that a decoded time equals the encoded one. */
    public static Instant truncate(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    /** Parses a wire time (the store's rules: any offset, or none meaning UTC); an {@link IllegalArgumentException} names the text. */
    public static Instant parse(String text) {
        return Documents.parse(text);
    }
}
