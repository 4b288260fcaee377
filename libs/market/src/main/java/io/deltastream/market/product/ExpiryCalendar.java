package io.deltastream.market.product;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Upcoming expiries of a product and time to expiry. An expiry is listed until its expiry time on the expiry day
 * (so a Thursday expiry is still listed on Thursday morning, unlike the reference, which skipped it).
 */
public final class ExpiryCalendar {
    /** Seconds in the ACT/365 year used for time to expiry. */
    public static final double SECONDS_PER_YEAR = 365.0 * 24 * 3600;

    private ExpiryCalendar() {
    }

    /** The product's listed expiries that have not yet expired at {@code now}, ascending and distinct. */
    public static List<LocalDate> upcoming(Product product, Instant now) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        LocalDate today = now.atZone(product.timezone()).toLocalDate();
        for (ExpiryRule rule : product.expiries()) {
            int found = 0;
            if (rule.cadence() == ExpiryRule.Cadence.WEEKLY) {
                LocalDate d = today.with(java.time.temporal.TemporalAdjusters.nextOrSame(rule.day()));
                for (; found < rule.count(); d = d.plusWeeks(1)) {
                    if (isLive(product, d, now)) {
                        dates.add(d);
                        found++;
                    }
                }
            } else {
                LocalDate month = today.withDayOfMonth(1);
                for (; found < rule.count(); month = month.plusMonths(1)) {
                    LocalDate d = rule.inMonth(month);
                    if (isLive(product, d, now)) {
                        dates.add(d);
                        found++;
                    }
                }
            }
        }
        return new ArrayList<>(dates);
    }

    /** The instant at which options of {@code expiry} stop trading. */
    public static Instant expiryInstant(Product product, LocalDate expiry) {
        return ZonedDateTime.of(expiry, product.expiryTime(), product.timezone()).toInstant();
    }

    /** ACT/365 years from {@code now} to the expiry time of {@code expiry}; zero or negative once expired. */
    public static double yearsToExpiry(Product product, LocalDate expiry, Instant now) {
        Duration left = Duration.between(now, expiryInstant(product, expiry));
        return (left.getSeconds() + left.getNano() / 1e9) / SECONDS_PER_YEAR;
    }

    private static boolean isLive(Product product, LocalDate date, Instant now) {
        return expiryInstant(product, date).isAfter(now);
    }
}
