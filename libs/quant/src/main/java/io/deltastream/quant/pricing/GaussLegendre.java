package io.deltastream.quant.pricing;

/** Gauss–Legendre quadrature rules on [-1, 1], computed by Newton's method on the Legendre polynomial. */
final class GaussLegendre {

    private GaussLegendre() {
    }

    /** {nodes ascending, weights} of the n-point rule, exact for polynomials of degree 2n - 1. */
    static double[][] rule(int n) {
        double[] nodes = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p0 = 1;
                double p1 = x;
                for (int degree = 2; degree <= n; degree++) {
                    double p2 = ((2 * degree - 1) * x * p1 - (degree - 1) * p0) / degree;
                    p0 = p1;
                    p1 = p2;
                }
                derivative = n * (x * p1 - p0) / (x * x - 1);
                double step = p1 / derivative;
                x -= step;
                if (Math.abs(step) < 1e-16) {
                    break;
                }
            }
            double weight = 2 / ((1 - x * x) * derivative * derivative);
            nodes[i] = -x;
            nodes[n - 1 - i] = x;
            weights[i] = weight;
            weights[n - 1 - i] = weight;
        }
        return new double[][]{nodes, weights};
    }
}
