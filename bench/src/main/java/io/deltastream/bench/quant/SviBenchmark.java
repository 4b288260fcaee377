package io.deltastream.bench.quant;

import io.deltastream.quant.surface.SviFitter;
import io.deltastream.quant.surface.SviParameters;
import io.deltastream.quant.surface.SviSlice;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** One SVI slice fit to 41 noisy quotes (equity-like skew, 0.3 vol point noise, equal weights). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SviBenchmark {

    private static final int STRIKES = 41;
    private final double[] strikes = new double[STRIKES];
    private final double[] vols = new double[STRIKES];
    private final double[] weights = new double[STRIKES];

    @Setup
    public void setUp() {
        SviParameters truth = new SviParameters(0.004, 0.06, -0.55, 0.02, 0.12);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < STRIKES; i++) {
            strikes[i] = 100 * Math.exp(-0.5 + 0.8 * i / (STRIKES - 1));
            vols[i] = truth.impliedVol(Math.log(strikes[i] / 100), 0.25) + 0.003 * random.nextGaussian();
        }
        Arrays.fill(weights, 1);
    }

    @Benchmark
    public SviSlice fit() {
        return SviFitter.fit(0.25, 100, strikes, vols, weights);
    }
}
