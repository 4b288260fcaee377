package io.deltastream.market.wire;

import java.time.Instant;

/**
 * OHLC of an underlying over one aligned bucket ({@code [startTime, endTime)}, e.g. 10:05:00–10:10:00 UTC for 5
 * minutes). Cached at {@code ohlc:{product}:{N}m} (the current bucket) and stored in {@code candles} (history). Wire
 * shape (reference order): {@code {"product", "window_minutes", "open", "high", "low", "close", "start_time",
 * "end_time", "num_ticks"}}.
 *
 * @param windowMinutes bucket length in minutes
 * @param open          price of the first tick in the bucket, currency units
 * @param close         price of the last tick so far
 * @param startTime     bucket start (aligned to a multiple of the window since the epoch, UTC)
 * @param endTime       bucket end (exclusive)
 * @param numTicks      ticks in the bucket so far
 */
public record Candle(String product, int windowMinutes, double open, double high, double low, double close,
                     Instant startTime, Instant endTime, long numTicks) {
}
