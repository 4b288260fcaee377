package io.deltastream.trading.oms;

import io.deltastream.platform.http.ApiException;
import java.util.Locale;

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

    /** Parses a wire name (case-insensitive; {@code SL_M} and {@code SLM} accepted for SL-M). */
    public static OrderType parse(String field, String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('_', '-');
        for (OrderType o : values()) {
            if (o.wire.equals(t)) {
                return o;
            }
        }
        if (t.equals("SLM")) {
            return SL_M;
        }
        throw ApiException.badRequest("Field '" + field + "' must be one of MARKET, LIMIT, SL, SL-M, got '" + text
                + "'");
    }
}
