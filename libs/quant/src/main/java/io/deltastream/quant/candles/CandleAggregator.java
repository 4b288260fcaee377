package io.deltastream.quant.candles;

import io.deltastream.quant.Inputs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Streams ticks of one instrument into time-aligned candles of one interval. A tick in a later bucket closes the open
 * candle, which is returned; buckets without ticks produce no candle. Ticks older than the open bucket (late or
 * replayed) cannot change an emitted candle: they are dropped and counted in {@link #lateTicks()}.
 *
 * <p>Buckets are aligned to multiples of the interval since the epoch, shifted by {@code alignment}: with
 * {@code Duration.ZERO} daily candles run from 00:00 UTC; with the exchange's UTC offset (IST: 5 h 30 min) they run
 * from local midnight.
 *
 * <p>Not thread-safe: one aggregator per instrument and interval, fed by one consumer.
 */
public final class CandleAggregator {

    private final CandleInterval interval;
    private final long lengthMillis;
    private final long alignmentMillis;

    private long bucketStart = Long.MIN_VALUE;
    private double open;
    private double high;
    private double low;
    private double close;
    private double volume;
    private long ticks;
    private long lateTicks;

    /** Buckets aligned to UTC. */
    public CandleAggregator(CandleInterval interval) {
        this(interval, Duration.ZERO);
    }

    /**
     * @param alignment offset of the bucket grid: the UTC offset of the exchange's time zone, so that daily candles
     *                  start at local midnight
     */
    public CandleAggregator(CandleInterval interval, Duration alignment) {
        this.interval = Objects.requireNonNull(interval, "interval");
        this.lengthMillis = interval.length().toMillis();
        this.alignmentMillis = alignment.toMillis();
    }

    public CandleInterval interval() {
        return interval;
    }

    /**
     * Adds a tick.
     *
     * @param time   exchange timestamp of the tick
     * @param price  traded price, finite and > 0
     * @param volume traded quantity, >= 0 (0 for index ticks without volume)
     * @return the candle this tick closed, if it opened a new bucket
     */
    public Optional<OhlcBar> onTick(Instant time, double price, double volume) {
        Inputs.requirePositive("price", price);
        Inputs.requireNonNegative("volume", volume);
        long millis = time.toEpochMilli();
        long start = Math.floorDiv(millis + alignmentMillis, lengthMillis) * lengthMillis - alignmentMillis;
        if (ticks > 0 && start < bucketStart) {
            lateTicks++;
            return Optional.empty();
        }
        Optional<OhlcBar> closed = Optional.empty();
        if (ticks > 0 && start > bucketStart) {
            closed = Optional.of(snapshot());
            ticks = 0;
        }
        if (ticks == 0) {
            bucketStart = start;
            open = price;
            high = price;
            low = price;
            this.volume = 0;
        }
        high = Math.max(high, price);
        low = Math.min(low, price);
        close = price;
        this.volume += volume;
        ticks++;
        return closed;
    }

    /** The candle still being built, if any tick has arrived in the current bucket. */
    public Optional<OhlcBar> current() {
        return ticks == 0 ? Optional.empty() : Optional.of(snapshot());
    }

    /** Ticks dropped because they belonged to an already closed bucket. */
    public long lateTicks() {
        return lateTicks;
    }

    private OhlcBar snapshot() {
        return new OhlcBar(Instant.ofEpochMilli(bucketStart), Instant.ofEpochMilli(bucketStart + lengthMillis), open,
                high, low, close, volume, ticks);
    }
}
