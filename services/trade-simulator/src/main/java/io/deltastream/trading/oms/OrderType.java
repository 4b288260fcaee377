package io.deltastream.trading.oms;

import java.util.Locale;
import java.util.Optional;

/**
 * Order types; the wire names are {@code MARKET}, {@code LIMIT}, {@code SL} (stop-limit), {@code SL-M} (stop-market).
 */
public enum OrderType {
    MARKET("MARKET"),
    LIMIT("LIMIT"),
    SL("SL"),
    SL_M("SL-M");

    private final String wire;

    OrderType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** True for types that carry a limit price. */
    public boolean hasPrice() {
        return this == LIMIT || this == SL;
    }

    /** True for stop types, which wait for their trigger. */
    public boolean isStop() {
        return this == SL || this == SL_M;
    }

    /** The type of a wire name (case-insensitive; {@code SL_M} and {@code SLM} accepted for SL-M), if any. */
    public static Optional<OrderType> find(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('_', '-');
        for (OrderType o : values()) {
            if (o.wire.equals(t)) {
                return Optional.of(o);
            }
        }
        return t.equals("SLM") ? Optional.of(SL_M) : Optional.empty();
    }
}
