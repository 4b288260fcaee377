package io.deltastream.bench.trading;

import io.deltastream.trading.matching.FillListener;
import io.deltastream.trading.matching.OrderBook;
import io.deltastream.trading.matching.Side;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The matching engine alone, single-threaded: one book replaying {@link OrderFlow}'s place/IOC/market/cancel/modify/
 * tick mix, one operation per invocation. Throughput mode gives operations per second; sample mode the latency
 * distribution (p50/p99/p99.9) per operation.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatchingBenchmark {
    private static final int SIZE = 1 << 20;

    /** Counts fills so that the listener's work is not optimized away. */
    static final class Counter implements FillListener {
        long units;

        @Override
        public void onFill(long takerId, long makerId, Side takerSide, long priceTicks, long quantity) {
            units += quantity;
        }
    }

    private OrderFlow flow;
    private OrderBook book;
    private final Counter counter = new Counter();
    private int next;

    @Setup(Level.Trial)
    public void generate() {
        flow = OrderFlow.generate(SIZE, 42);
    }

    @Setup(Level.Iteration)
    public void freshBook() {
        book = new OrderBook();
        next = 0;
    }

    @Benchmark
    public long operation() {
        if (next == SIZE) {
            // The stream was recorded from an empty book: start it again on a fresh one.
            book = new OrderBook();
            next = 0;
        }
        OrderFlow.apply(flow, next++, book, counter);
        return counter.units;
    }
}
