package io.deltastream.quant.candles;

import java.time.Instant;

/**
 * One OHLC bucket.
 *
 * @param start  inclusive bucket start
 * @param end    exclusive bucket end
 * @param open   price of the first tick in the bucket (by arrival)
 * @param high   highest tick price
 * @param low    lowest tick price
 * @param close  price of the last tick in the bucket (by arrival)
 * @param volume sum of tick volumes
 * @param ticks  number of ticks
 */
public record OhlcBar(Instant start, Instant end, double open, double high, double low, double close, double volume,
                     long ticks) {
}
