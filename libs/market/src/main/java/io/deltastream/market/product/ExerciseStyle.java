package io.deltastream.market.product;

/** When an option may be exercised: decides the pricing model (Black–Scholes–Merton or an American approximation). */
public enum ExerciseStyle {
    /** Only at expiry (the Indian index options). */
    EUROPEAN,
    /** Any time up to expiry (US single-stock and ETF options). */
    AMERICAN
}
