package io.deltastream.quant.candles;

import java.time.Duration;

/** Bucket lengths of the candle series; buckets are aligned to multiples of the length since the epoch. */
public enum CandleInterval {
    ONE_MINUTE(Duration.ofMinutes(1)),
    FIVE_MINUTES(Duration.ofMinutes(5)),
    FIFTEEN_MINUTES(Duration.ofMinutes(15)),
    ONE_HOUR(Duration.ofHours(1)),
    ONE_DAY(Duration.ofDays(1));

    private final Duration length;

    CandleInterval(Duration length) {
        this.length = length;
    }

    public Duration length() {
        return length;
    }

    /** The reference's window names: "1m", "5m", "15m", "1h", "1d". */
    public String label() {
        return switch (this) {
            case ONE_MINUTE -> "1m";
            case FIVE_MINUTES -> "5m";
            case FIFTEEN_MINUTES -> "15m";
            case ONE_HOUR -> "1h";
            case ONE_DAY -> "1d";
        };
    }
}
