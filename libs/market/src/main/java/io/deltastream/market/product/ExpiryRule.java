package io.deltastream.market.product;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * One series of expiries of a product, e.g. "weekly on Tuesday, the next 4" or "monthly on the last Tuesday, the
 * next 3". There is no holiday calendar: an expiry falls on its nominal day.
 *
 * @param cadence weekly or monthly
 * @param day     the weekday of expiry
 * @param week    monthly only: which occurrence of {@code day} in the month, 1..4, or -1 for the last; ignored
 *                for weekly rules (0)
 * @param count   how many upcoming expiries of this series are listed, 1..52
 */
public record ExpiryRule(@JsonProperty("cadence") Cadence cadence, @JsonProperty("day") DayOfWeek day,
                         @JsonProperty("week") int week, @JsonProperty("count") int count) {

    /** How often the series expires. */
    public enum Cadence {
        WEEKLY,
        MONTHLY
    }

    public ExpiryRule {
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(day, "day");
        if (count < 1 || count > 52) {
            throw new IllegalArgumentException("count must be from 1 to 52, got " + count);
        }
        if (cadence == Cadence.MONTHLY && !(week == -1 || (week >= 1 && week <= 4))) {
            throw new IllegalArgumentException("week must be 1..4 or -1 (last) for a monthly rule, got " + week);
        }
        if (cadence == Cadence.WEEKLY) {
            week = 0;
        }
    }

    public static ExpiryRule weekly(DayOfWeek day, int count) {
        return new ExpiryRule(Cadence.WEEKLY, day, 0, count);
    }

    /** A monthly series on the {@code week}-th (or last, -1) {@code day} of each month. */
    public static ExpiryRule monthly(DayOfWeek day, int week, int count) {
        return new ExpiryRule(Cadence.MONTHLY, day, week, count);
    }

    /** The date of this monthly series in the month of {@code anyDayOfMonth}. */
    LocalDate inMonth(LocalDate anyDayOfMonth) {
        return week == -1
                ? anyDayOfMonth.with(TemporalAdjusters.lastInMonth(day))
                : anyDayOfMonth.with(TemporalAdjusters.dayOfWeekInMonth(week, day));
    }
}
