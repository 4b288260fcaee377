package io.deltastream.bench.quant;

import io.deltastream.quant.pricing.AndersenLakeOffengelden;
import io.deltastream.quant.pricing.BjerksundStensland2002;
import io.deltastream.quant.pricing.Greeks;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.quant.volatility.AmericanImpliedVolSolver;
import io.deltastream.quant.volatility.ImpliedVol;
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
 * American options, one price per call: Andersen–Lake–Offengelden at the default ({@code STANDARD}) and
 * {@code FAST} settings (the boundary is solved anew for every option: consecutive options differ), its Greeks,
 * Bjerksund–Stensland 2002 for comparison, and the American implied volatility of a default ALO price. Inputs cycle
 * through 256 random options (calls and puts, 1 week to 3 years, vol 10%–80%, r 0–6%, q 0–4%, strikes within
 * +-2 sd), all in the single-boundary regime.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AmericanBenchmark {

    private static final int SIZE = 256;
    private final OptionType[] types = new OptionType[SIZE];
    private final double[] spots = new double[SIZE];
    private final double[] strikes = new double[SIZE];
    private final double[] years = new double[SIZE];
    private final double[] rates = new double[SIZE];
    private final double[] yields = new double[SIZE];
    private final double[] vols = new double[SIZE];
    private final double[] prices = new double[SIZE];
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < SIZE; i++) {
            types[i] = random.nextBoolean() ? OptionType.CALL : OptionType.PUT;
            spots[i] = 100 + random.nextDouble() * 400;
            vols[i] = 0.1 + random.nextDouble() * 0.7;
            years[i] = 7 / 365.0 + random.nextDouble() * 3;
            rates[i] = random.nextDouble() * 0.06;
            yields[i] = random.nextDouble() * 0.04;
            strikes[i] = spots[i] * Math.exp((random.nextDouble() * 4 - 2) * vols[i] * Math.sqrt(years[i]));
            prices[i] = AndersenLakeOffengelden.price(types[i], spots[i], strikes[i], years[i], rates[i], yields[i],
                    vols[i]);
        }
    }

    @Benchmark
    public double andersenLakeOffengeldenStandard() {
        int i = next++ & (SIZE - 1);
        return AndersenLakeOffengelden.price(types[i], spots[i], strikes[i], years[i], rates[i], yields[i], vols[i]);
    }

    @Benchmark
    public double andersenLakeOffengeldenFast() {
        int i = next++ & (SIZE - 1);
        return AndersenLakeOffengelden.price(types[i], spots[i], strikes[i], years[i], rates[i], yields[i], vols[i],
                AndersenLakeOffengelden.Accuracy.FAST);
    }

    /** Value and the nine Greeks by bumps (the enricher's call per American option). */
    @Benchmark
    public Greeks andersenLakeOffengeldenGreeks() {
        int i = next++ & (SIZE - 1);
        return AndersenLakeOffengelden.greeks(types[i], spots[i], strikes[i], years[i], rates[i], yields[i], vols[i]);
    }

    @Benchmark
    public double bjerksundStensland2002() {
        int i = next++ & (SIZE - 1);
        return BjerksundStensland2002.price(types[i], spots[i], strikes[i], years[i], rates[i], yields[i], vols[i]);
    }

    @Benchmark
    public ImpliedVol americanImpliedVol() {
        int i = next++ & (SIZE - 1);
        return AmericanImpliedVolSolver.solve(types[i], prices[i], spots[i], strikes[i], years[i], rates[i],
                yields[i]);
    }
}
