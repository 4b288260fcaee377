package io.deltastream.bench.quant;

import io.deltastream.quant.chain.ChainAnalysis;
import io.deltastream.quant.chain.ChainAnalyzer;
import io.deltastream.quant.chain.ChainInputs;
import io.deltastream.quant.chain.ChainQuote;
import io.deltastream.quant.chain.ChainRow;
import io.deltastream.quant.chain.MaxPain;
import io.deltastream.quant.pricing.Black76;
import io.deltastream.quant.pricing.OptionType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Full enrichment of a NIFTY-like chain (the feed's grid: spot 21,500, strikes every 50 around ATM, 7 days, smile
 * IVs, random OI and volume), against the previous snapshot: IV of every call and put, Greeks, smile, PCR, max pain,
 * straddle, expected moves, OI change and build-up, support/resistance. {@code strikes = 21} is the 42-option chain of
 * the target; 101 compares with the reference's 2.6 ms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChainBenchmark {

    @Param({"21", "101"})
    public int strikes;

    private ChainInputs current;
    private ChainInputs previous;

    @Setup
    public void setUp() {
        previous = chain(new SplittableRandom(1), 21_480);
        current = chain(new SplittableRandom(2), 21_503.1);
    }

    private ChainInputs chain(SplittableRandom random, double spot) {
        double years = 7 / 365.0;
        double rate = 0.065;
        double forward = spot * Math.exp(rate * years);
        List<ChainRow> rows = new ArrayList<>();
        int half = strikes / 2;
        for (int i = -half; i <= half; i++) {
            double k = 21_500 + 50 * i;
            double x = Math.log(k / forward);
            double vol = 0.16 - 0.3 * x + 3 * x * x;
            rows.add(new ChainRow(k,
                    new ChainQuote(Black76.price(OptionType.CALL, forward, k, years, rate, vol),
                            random.nextInt(100, 10_001), random.nextInt(1000, 100_001)),
                    new ChainQuote(Black76.price(OptionType.PUT, forward, k, years, rate, vol),
                            random.nextInt(100, 10_001), random.nextInt(1000, 100_001))));
        }
        return ChainInputs.onForward(spot, forward, years, rate, rows);
    }

    @Benchmark
    public ChainAnalysis analyze() {
        return ChainAnalyzer.analyze(current, previous);
    }

    @Benchmark
    public double maxPain() {
        return MaxPain.strike(current.rows());
    }

    @Benchmark
    public double maxPainBruteForce() {
        return MaxPain.bruteForce(current.rows());
    }
}
