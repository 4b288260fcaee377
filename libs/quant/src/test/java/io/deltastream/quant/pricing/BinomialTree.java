package io.deltastream.quant.pricing;

/** Cox–Ross–Rubinstein tree with early exercise: the slow, independent American oracle for tests. */
final class BinomialTree {

    private BinomialTree() {
    }

    static double american(OptionType type, double s, double k, double t, double r, double q, double vol, int steps) {
        double dt = t / steps;
        double up = Math.exp(vol * Math.sqrt(dt));
        double down = 1 / up;
        double p = (Math.exp((r - q) * dt) - down) / (up - down);
        double discount = Math.exp(-r * dt);
        // node (i, j) has underlying s * up^(i - 2j); tabulate the powers once
        double[] levels = new double[2 * steps + 1];
        for (int m = -steps; m <= steps; m++) {
            levels[m + steps] = s * Math.exp(m * vol * Math.sqrt(dt));
        }
        double[] values = new double[steps + 1];
        for (int j = 0; j <= steps; j++) {
            values[j] = type.intrinsic(levels[steps - 2 * j + steps], k);
        }
        for (int i = steps - 1; i >= 0; i--) {
            for (int j = 0; j <= i; j++) {
                double continuation = discount * (p * values[j] + (1 - p) * values[j + 1]);
                values[j] = Math.max(continuation, type.intrinsic(levels[i - 2 * j + steps], k));
            }
        }
        return values[0];
    }
}
