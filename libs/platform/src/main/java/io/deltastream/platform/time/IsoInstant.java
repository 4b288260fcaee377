package io.deltastream.platform.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The one rule for reading an ISO-8601 time, shared by the wire codecs and the document store: any offset, or none
 * at all meaning UTC (the reference writes naive timestamps).
 */
public final class IsoInstant {
    private IsoInstant() {
    }

    /** Parses {@code text}; an {@link IllegalArgumentException} names the text when it is not an ISO-8601 time. */
    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 time: " + text, e);
            }
        }
    }
}
