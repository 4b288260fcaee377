package io.deltastream.trading.portfolio;

/**
 * The fee per fill: {@code min(flat, rate * value)}, rounded to the currency's hundredth (the reference's "flat ₹20
 * or 0.05 %, whichever is lower", charged per fill rather than once per order).
 *
 * @param flat maximum fee per fill, currency units
 * @param rate fraction of the fill's value
 */
public record CommissionSchedule(double flat, double rate) {
    /** The fee of a fill worth {@code value} currency units. */
    public double fee(double value) {
        return Math.round(Math.min(flat, rate * Math.abs(value)) * 100) / 100.0;
    }
}
