package io.deltastream.trading.oms;

/**
 * Order states. Working: {@code PENDING} (a market order waiting for liquidity on the next tick),
 * {@code TRIGGER_PENDING} (a stop order before its trigger), {@code OPEN} (resting in the book),
 * {@code PARTIALLY_FILLED}. Terminal: {@code FILLED}, {@code CANCELLED} (by the user, or the unfilled rest of an IOC
 * order; {@code filled_quantity} tells whether part traded), {@code REJECTED}, {@code EXPIRED} (end of day or the
 * instrument's expiry).
 */
public enum OrderStatus {
    PENDING,
    TRIGGER_PENDING,
    OPEN,
    PARTIALLY_FILLED,
    FILLED,
    CANCELLED,
    REJECTED,
    EXPIRED;

    public boolean isTerminal() {
        return this == FILLED || this == CANCELLED || this == REJECTED || this == EXPIRED;
    }
}
