package io.deltastream.quant.chain;

import io.deltastream.quant.Inputs;

/**
 * Where today's implied volatility sits in its own history (typically a year of daily ATM IVs).
 */
public final class IvStatistics {

    private IvStatistics() {
    }

    /**
     * IV rank in percent: 100 (iv - min) / (max - min) over the history; clamped to [0, 100]; 0 when the history is
     * flat or empty.
     */
    public static double rank(double iv, double[] history) {
        Inputs.requireFinite("iv", iv);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : history) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        if (!(max > min)) {
            return 0;
        }
        return Math.min(Math.max(100 * (iv - min) / (max - min), 0), 100);
    }

    /** IV percentile in percent: the share of history observations strictly below iv; 0 for an empty history. */
    public static double percentile(double iv, double[] history) {
        Inputs.requireFinite("iv", iv);
        if (history.length == 0) {
            return 0;
        }
        int below = 0;
        for (double value : history) {
            if (value < iv) {
                below++;
            }
        }
        return 100.0 * below / history.length;
    }
}
