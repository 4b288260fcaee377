package io.deltastream.quant.volatility;

/**
 * Delbourgo–Gregory rational cubic interpolation between two points with given slopes, with a control parameter r
 * (r = 3 is the cubic Hermite spline); used by "Let's Be Rational" to build its initial guesses. The control parameter
 * is chosen to match a known second derivative at one end, but never below what keeps the interpolant monotone and
 * convex (or concave) like the data.
 */
final class RationalCubic {

    private static final double MAX_CONTROL = 1e6;

    private RationalCubic() {
    }

    static double interpolate(double x, double xl, double xr, double yl, double yr, double dl, double dr, double r) {
        double h = xr - xl;
        if (h <= 0) {
            return 0.5 * (yl + yr);
        }
        double t = (x - xl) / h;
        double u = 1 - t;
        double t2 = t * t;
        double u2 = u * u;
        return (yr * t2 * t + (r * yr - h * dr) * t2 * u + (r * yl + h * dl) * t * u2 + yl * u2 * u)
                / (1 + (r - 3) * t * u);
    }

    /** Control parameter matching second derivative {@code second} at the left end. */
    static double controlForLeftSecondDerivative(double xl, double xr, double yl, double yr, double dl, double dr,
                                                 double second) {
        double h = xr - xl;
        double slope = (yr - yl) / h;
        return shapePreserving((dr - dl + 0.5 * h * second) / (slope - dl), slope, dl, dr);
    }

    /** Control parameter matching second derivative {@code second} at the right end. */
    static double controlForRightSecondDerivative(double xl, double xr, double yl, double yr, double dl, double dr,
                                                  double second) {
        double h = xr - xl;
        double slope = (yr - yl) / h;
        return shapePreserving((dr - dl + 0.5 * h * second) / (dr - slope), slope, dl, dr);
    }

    private static double shapePreserving(double fitted, double slope, double dl, double dr) {
        double minimum = 0;
        if (slope != 0 && dl * slope >= 0 && dr * slope >= 0) {
            minimum = (dl + dr) / slope;
        }
        boolean convexData = dl < slope && slope < dr;
        boolean concaveData = dl > slope && slope > dr;
        if (convexData || concaveData) {
            minimum = Math.max(minimum, Math.max((dr - dl) / (slope - dl), (dr - dl) / (dr - slope)));
        }
        double r = Double.isFinite(fitted) ? Math.max(fitted, minimum) : Math.max(3, minimum);
        return Math.min(r, MAX_CONTROL);
    }
}
