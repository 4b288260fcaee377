package io.deltastream.socket.protocol;

import java.util.Locale;
import java.util.Optional;

/** The room types a client may subscribe to, as {@code {type, symbol}}. */
public enum RoomType {
    /** {@code product:{SYM}}: the product's underlying updates (and its cached price on subscribe). */
    PRODUCT,
    /** {@code chain:{SYM}}: the product's full enriched chains (and the cached ones on subscribe). */
    CHAIN,
    /** {@code user:{userId}}: the user's order, trade and position events; only for that user's token. */
    USER;

    /** The wire name, e.g. {@code product}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named {@code wire} exactly (lower case, as the reference's clients send it). */
    public static Optional<RoomType> fromWire(String wire) {
        for (RoomType t : values()) {
            if (t.wire().equals(wire)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
