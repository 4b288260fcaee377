package io.deltastream.trading.oms;

/** How long an order works. */
public enum Validity {
    /** Works until filled or cancelled, expiring at the product's close (its expiry time) of the day it was placed. */
    DAY,
    /** Trades what it can at once; the rest is cancelled. */
    IOC,
    /**
     * Good till triggered (and then till filled) or cancelled: works across days, ending only when its instrument
     * expires.
     */
    GTT
}
