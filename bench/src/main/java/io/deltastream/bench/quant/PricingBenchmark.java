package io.deltastream.bench.quant;

import io.deltastream.quant.pricing.Black76;
import io.deltastream.quant.pricing.BlackScholesMerton;
import io.deltastream.quant.pricing.Greeks;
import io.deltastream.quant.pricing.OptionType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Price + all Greeks (delta, gamma, vega, theta, rho, vanna, volga, charm) of one option. Inputs cycle through 1024
 * random options (mixed calls/puts, 1 day to 2 years, +-3 sd) so that nothing is constant-folded or branch-predicted
 * away.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PricingBenchmark {

    private static final int SIZE = 1024;
    private final OptionType[] types = new OptionType[SIZE];
    private final double[] spots = new double[SIZE];
    private final double[] strikes = new double[SIZE];
    private final double[] years = new double[SIZE];
    private final double[] vols = new double[SIZE];
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < SIZE; i++) {
            types[i] = random.nextBoolean() ? OptionType.CALL : OptionType.PUT;
            spots[i] = 100 + random.nextDouble() * 400;
            vols[i] = 0.1 + random.nextDouble() * 0.6;
            years[i] = (1 + random.nextInt(730)) / 365.0;
            strikes[i] = spots[i] * Math.exp((random.nextDouble() * 6 - 3) * vols[i] * Math.sqrt(years[i]));
        }
    }

    @Benchmark
    public Greeks bsmGreeks() {
        int i = next++ & (SIZE - 1);
        return BlackScholesMerton.greeks(types[i], spots[i], strikes[i], years[i], 0.05, 0.01, vols[i]);
    }

    @Benchmark
    public Greeks black76Greeks() {
        int i = next++ & (SIZE - 1);
        return Black76.greeks(types[i], spots[i], strikes[i], years[i], 0.05, vols[i]);
    }

    @Benchmark
    public double bsmPrice() {
        int i = next++ & (SIZE - 1);
        return BlackScholesMerton.price(types[i], spots[i], strikes[i], years[i], 0.05, 0.01, vols[i]);
    }
}
