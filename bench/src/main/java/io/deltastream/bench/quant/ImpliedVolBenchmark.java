package io.deltastream.bench.quant;

import io.deltastream.quant.volatility.ImpliedVol;
import io.deltastream.quant.volatility.ImpliedVolSolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** One implied volatility per operation, cycling through the whole test grid: the mean over the grid. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ImpliedVolBenchmark {

    private IvGrid grid;
    private int next;

    @Setup
    public void setUp() {
        grid = IvGrid.build();
    }

    @Benchmark
    public ImpliedVol letsBeRational() {
        int i = next++;
        if (next == grid.size()) {
            next = 0;
        }
        return ImpliedVolSolver.black(grid.types[i], grid.prices[i], IvGrid.FORWARD, grid.strikes[i], grid.years[i],
                Math.exp(-IvGrid.RATE * grid.years[i]));
    }
}
