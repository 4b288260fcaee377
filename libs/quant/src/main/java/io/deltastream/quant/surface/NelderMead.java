package io.deltastream.quant.surface;

import java.util.function.ToDoubleFunction;

/**
 * Derivative-free Nelder–Mead simplex minimisation (standard coefficients 1, 2, 0.5, 0.5), for the small smooth
 * objectives of smile fitting. Infeasible points are expected to return +infinity.
 */
final class NelderMead {

    private NelderMead() {
    }

    /**
     * @param start   initial point
     * @param steps   initial simplex edge per coordinate
     * @param maxEvaluations budget of objective evaluations
     * @param tolerance stop when the simplex's objective values differ by less than this
     * @return the best point found
     */
    static double[] minimize(ToDoubleFunction<double[]> objective, double[] start, double[] steps, int maxEvaluations,
                             double tolerance) {
        int n = start.length;
        double[][] simplex = new double[n + 1][];
        double[] values = new double[n + 1];
        simplex[0] = start.clone();
        values[0] = objective.applyAsDouble(simplex[0]);
        for (int i = 0; i < n; i++) {
            simplex[i + 1] = start.clone();
            simplex[i + 1][i] += steps[i];
            values[i + 1] = objective.applyAsDouble(simplex[i + 1]);
        }
        int evaluations = n + 1;
        double[] centroid = new double[n];
        while (evaluations < maxEvaluations) {
            sort(simplex, values);
            if (Math.abs(values[n] - values[0]) <= tolerance * (Math.abs(values[0]) + tolerance)) {
                break;
            }
            java.util.Arrays.fill(centroid, 0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    centroid[j] += simplex[i][j] / n;
                }
            }
            double[] reflected = along(centroid, simplex[n], -1);
            double reflectedValue = objective.applyAsDouble(reflected);
            evaluations++;
            if (reflectedValue < values[0]) {
                double[] expanded = along(centroid, simplex[n], -2);
                double expandedValue = objective.applyAsDouble(expanded);
                evaluations++;
                if (expandedValue < reflectedValue) {
                    simplex[n] = expanded;
                    values[n] = expandedValue;
                } else {
                    simplex[n] = reflected;
                    values[n] = reflectedValue;
                }
            } else if (reflectedValue < values[n - 1]) {
                simplex[n] = reflected;
                values[n] = reflectedValue;
            } else {
                boolean outside = reflectedValue < values[n];
                double[] contracted = along(centroid, outside ? reflected : simplex[n], 0.5);
                double contractedValue = objective.applyAsDouble(contracted);
                evaluations++;
                if (contractedValue < Math.min(reflectedValue, values[n])) {
                    simplex[n] = contracted;
                    values[n] = contractedValue;
                } else {
                    for (int i = 1; i <= n; i++) {
                        simplex[i] = along(simplex[0], simplex[i], 0.5);
                        values[i] = objective.applyAsDouble(simplex[i]);
                    }
                    evaluations += n;
                }
            }
        }
        sort(simplex, values);
        return simplex[0];
    }

    /** centroid + factor * (point - centroid). */
    private static double[] along(double[] centroid, double[] point, double factor) {
        double[] result = new double[centroid.length];
        for (int j = 0; j < result.length; j++) {
            result[j] = centroid[j] + factor * (point[j] - centroid[j]);
        }
        return result;
    }

    private static void sort(double[][] simplex, double[] values) {
        for (int i = 1; i < values.length; i++) {
            double value = values[i];
            double[] point = simplex[i];
            int j = i - 1;
            while (j >= 0 && values[j] > value) {
                values[j + 1] = values[j];
                simplex[j + 1] = simplex[j];
                j--;
            }
            values[j + 1] = value;
            simplex[j + 1] = point;
        }
    }
}
