package io.deltastream.bench.quant;

import io.deltastream.quant.math.BatchMath;
import io.deltastream.quant.math.Exponential;
import io.deltastream.quant.math.NormalDistribution;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Time per element of e^x and the normal distribution function over an array of 108 (the default ALO setting's
 * quadrature points per Newton step): {@link BatchMath}'s vectorised loops against the scalar kernels in the same kind
 * of loop. Inputs are the ranges the quadrature sees: exponents in [-60, 1], arguments of Phi in [-9, 9].
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BatchMathBenchmark {

    private static final int SIZE = 108;
    private final double[] exponents = new double[SIZE];
    private final double[] z = new double[SIZE];
    private final double[] density = new double[SIZE];
    private final double[] out = new double[SIZE];

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < SIZE; i++) {
            exponents[i] = -60 + random.nextDouble() * 61;
            z[i] = -9 + random.nextDouble() * 18;
            density[i] = NormalDistribution.pdf(z[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public double[] expBatch() {
        System.arraycopy(exponents, 0, out, 0, SIZE);
        BatchMath.exp(out, SIZE);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public double[] expScalar() {
        for (int i = 0; i < SIZE; i++) {
            out[i] = Exponential.exp(exponents[i]);
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public double[] cdfBatch() {
        BatchMath.cdfGivenDensity(z, density, out, SIZE);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public double[] cdfScalar() {
        for (int i = 0; i < SIZE; i++) {
            out[i] = NormalDistribution.cdfGivenDensity(z[i], density[i]);
        }
        return out;
    }
}
