package io.deltastream.trading.oms;

/** How long an order works: until the end of the trading day, or immediately-or-cancel. */
public enum Validity {
    /** Works until filled or cancelled, expiring at the product's close (its expiry time) of the day it was placed. */
    DAY,
    /** Trades what it can at once; the rest is cancelled. */
    IOC
}
