package io.deltastream.quant.volatility;

/** Outcome of an implied-volatility inversion. Only {@link #OK} carries a volatility. */
public enum ImpliedVolStatus {
    /** A positive volatility reproduces the price. */
    OK,
    /**
     * The price is not above the (discounted) intrinsic value: it has no time value, so no positive volatility
     * reproduces it. This includes a price of exactly intrinsic (the zero-volatility limit) and an out-of-the-money
     * option quoted at 0.
     */
    BELOW_INTRINSIC,
    /**
     * American options only: an in-the-money price at (within a price tick of) the exercise value. Exercising now is
     * worth the price, so a range of volatilities reproduces it: the volatility is not determined, and the option is
     * left out of smiles and surface fits.
     */
    AT_INTRINSIC,
    /**
     * The price is at or above the no-arbitrage maximum (the discounted forward for a call, the discounted strike for
     * a put), which only an infinite volatility approaches.
     */
    ABOVE_MAXIMUM,
    /** No usable price was supplied (missing, NaN or infinite quote) — chain-level APIs only. */
    NO_QUOTE
}
