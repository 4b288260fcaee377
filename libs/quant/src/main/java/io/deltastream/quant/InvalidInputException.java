package io.deltastream.quant;

/**
 * An input outside the domain a model is defined on: a non-positive spot, strike or volatility, a negative time to
 * expiry, a non-finite number. The message names the field, the value and the allowed range, so a caller (for example
 * the HTTP calculator) can hand it to its client unchanged.
 *
 * <p>Market outcomes that are not input errors — an option price below intrinsic value, say — are reported as result
 * statuses instead (see {@code io.deltastream.quant.volatility.ImpliedVolStatus}); this exception is only for inputs a
 * caller should not have sent.
 */
public final class InvalidInputException extends IllegalArgumentException {

    private final String field;
    private final double value;
    private final String allowedRange;

    public InvalidInputException(String field, double value, String allowedRange) {
        super(field + " = " + value + " is outside the allowed range " + allowedRange);
        this.field = field;
        this.value = value;
        this.allowedRange = allowedRange;
    }

    /** Name of the offending field, as in the public API ({@code "strike"}, {@code "volatility"}, ...). */
    public String field() {
        return field;
    }

    public double value() {
        return value;
    }

    /** The allowed range in interval notation, e.g. {@code "(0, +inf)"}. */
    public String allowedRange() {
        return allowedRange;
    }
}
