package io.deltastream.quant.pricing;

/** Call or put. */
public enum OptionType {
    CALL(1),
    PUT(-1);

    private final int sign;

    OptionType(int sign) {
        this.sign = sign;
    }

    /** +1 for a call, -1 for a put: the payoff is {@code max(sign * (underlying - strike), 0)}. */
    public int sign() {
        return sign;
    }

    /** Exercise value {@code max(sign * (underlying - strike), 0)}. */
    public double intrinsic(double underlying, double strike) {
        return Math.max(sign * (underlying - strike), 0);
    }

    public OptionType opposite() {
        return this == CALL ? PUT : CALL;
    }
}
