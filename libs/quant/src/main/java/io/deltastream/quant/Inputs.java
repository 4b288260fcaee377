package io.deltastream.quant;

/**
 * Domain checks on model inputs, throwing {@link InvalidInputException} with the field name and the allowed range.
 *
 * <p>They live here rather than on the exception because HotSpot's C2 compiler never inlines a method declared in a
 * {@link Throwable} subclass into ordinary code; the pricing kernels call six of these per option, and as real calls
 * each one also spilled every live floating-point register. The throw itself is kept out of line so the checks stay
 * small enough to inline everywhere.
 */
public final class Inputs {

    private Inputs() {
    }

    /** @return {@code value} if it is finite and strictly positive */
    public static double requirePositive(String field, double value) {
        if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
            throw outside(field, value, "(0, +inf)");
        }
        return value;
    }

    /** @return {@code value} if it is finite and not negative */
    public static double requireNonNegative(String field, double value) {
        if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
            throw outside(field, value, "[0, +inf)");
        }
        return value;
    }

    /** @return {@code value} if it is finite */
    public static double requireFinite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw outside(field, value, "(-inf, +inf), finite");
        }
        return value;
    }

    private static InvalidInputException outside(String field, double value, String allowedRange) {
        return new InvalidInputException(field, value, allowedRange);
    }
}
