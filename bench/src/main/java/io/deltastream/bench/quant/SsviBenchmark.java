package io.deltastream.bench.quant;

import io.deltastream.quant.surface.SsviFitter;
import io.deltastream.quant.surface.SsviSurface;
import io.deltastream.quant.surface.SviParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One SSVI fit of a whole surface, as the surface endpoint runs it per request: 7 expiries (1 week to 1 year) of 21
 * noisy quotes each (equity-like skew, 0.3 vol point noise).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SsviBenchmark {

    private static final double[] YEARS = {7 / 365.0, 14 / 365.0, 30 / 365.0, 60 / 365.0, 91 / 365.0, 0.5, 1};
    private final List<SsviFitter.Smile> smiles = new ArrayList<>();

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(5);
        for (double t : YEARS) {
            SviParameters truth = new SviParameters(0.03 * t, 0.1 * Math.sqrt(t), -0.5, 0.0, 0.15);
            double[] strikes = new double[21];
            double[] vols = new double[21];
            for (int i = 0; i < 21; i++) {
                strikes[i] = 100 * Math.exp(-0.3 + 0.03 * i);
                vols[i] = truth.impliedVol(Math.log(strikes[i] / 100), t) + 0.003 * random.nextGaussian();
            }
            smiles.add(new SsviFitter.Smile(t, 100, strikes, vols));
        }
    }

    @Benchmark
    public SsviSurface fit() {
        return SsviFitter.fit(smiles);
    }
}
