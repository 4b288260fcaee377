package io.deltastream.bench.quant;

import io.deltastream.quant.volatility.ImpliedVolSolver;

import java.util.Arrays;

/**
 * Per-grid-point timing of the implied-vol solver, for the median the target is stated in (JMH measures the mean
 * over the grid). Each point is solved {@value #REPEATS} times in a row after a global warm-up, and the per-solve time
 * of that batch is its figure. Run: {@code java -cp bench/target/benchmarks.jar
 * io.deltastream.bench.quant.ImpliedVolGridTiming}.
 */
public final class ImpliedVolGridTiming {

    private static final int REPEATS = 2000;
    private static final int WARMUP_ROUNDS = 200;
    private static volatile double sink;

    private ImpliedVolGridTiming() {
    }

    public static void main(String[] args) {
        IvGrid grid = IvGrid.build();
        double[] discounts = new double[grid.size()];
        for (int i = 0; i < grid.size(); i++) {
            discounts[i] = Math.exp(-IvGrid.RATE * grid.years[i]);
        }
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            for (int i = 0; i < grid.size(); i++) {
                sink += solve(grid, discounts, i);
            }
        }
        double[] nanos = new double[grid.size()];
        for (int i = 0; i < grid.size(); i++) {
            long start = System.nanoTime();
            double total = 0;
            for (int r = 0; r < REPEATS; r++) {
                total += solve(grid, discounts, i);
            }
            nanos[i] = (System.nanoTime() - start) / (double) REPEATS;
            sink += total;
        }
        Arrays.sort(nanos);
        System.out.printf("implied vol over %d grid points: median %.0f ns, p90 %.0f ns, p99 %.0f ns, max %.0f ns%n",
                nanos.length, nanos[nanos.length / 2], nanos[(int) (nanos.length * 0.9)],
                nanos[(int) (nanos.length * 0.99)], nanos[nanos.length - 1]);
    }

    private static double solve(IvGrid grid, double[] discounts, int i) {
        return ImpliedVolSolver.black(grid.types[i], grid.prices[i], IvGrid.FORWARD, grid.strikes[i], grid.years[i],
                discounts[i]).volatility();
    }
}
