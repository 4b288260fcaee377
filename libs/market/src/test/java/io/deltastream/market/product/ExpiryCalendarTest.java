package io.deltastream.market.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpiryCalendarTest {
    private static final ProductUniverse U = ProductUniverse.defaults();

    private static Instant at(String localDateTime, String zone) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), ZoneId.of(zone)).toInstant();
    }

    @Test
    void anExpiryDayStillListsTodayUntilTheExpiryTime() {
        Product sensex = U.get("SENSEX"); // weekly Thursday, 15:30 IST
        Instant thursdayMorning = at("2026-11-26T10:00:00", "Asia/Kolkata");
        assertThat(ExpiryCalendar.upcoming(sensex, thursdayMorning)).first().isEqualTo(LocalDate.of(2026, 11, 26));
        Instant thursdayEvening = at("2026-11-26T15:31:00", "Asia/Kolkata");
        assertThat(ExpiryCalendar.upcoming(sensex, thursdayEvening)).first().isEqualTo(LocalDate.of(2026, 12, 3));
    }

    @Test
    void weekliesAndMonthliesAreMergedSortedAndDistinct() {
        Product nifty = U.get("NIFTY"); // 4 weekly Tuesdays + 3 monthly last Tuesdays
        List<LocalDate> e = ExpiryCalendar.upcoming(nifty, at("2026-11-23T09:00:00", "Asia/Kolkata"));
        assertThat(e).isSorted().doesNotHaveDuplicates();
        assertThat(e).allMatch(d -> d.getDayOfWeek() == DayOfWeek.TUESDAY);
        // Weeklies 11-24, 12-01, 12-08, 12-15; monthlies 11-24 (last Tuesday of November), 12-29, 2027-01-26.
        assertThat(e).containsExactly(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 8),
                LocalDate.of(2026, 12, 15), LocalDate.of(2026, 12, 29), LocalDate.of(2027, 1, 26));
    }

    @Test
    void usMonthliesAreTheThirdFridayAcrossTheYearEnd() {
        Product spy = U.get("SPY");
        List<LocalDate> e = ExpiryCalendar.upcoming(spy, at("2026-12-20T12:00:00", "America/New_York"));
        assertThat(e).contains(LocalDate.of(2027, 1, 15), LocalDate.of(2027, 2, 19), LocalDate.of(2027, 3, 19));
        assertThat(e).doesNotContain(LocalDate.of(2026, 12, 18));
        assertThat(e.getFirst()).isEqualTo(LocalDate.of(2026, 12, 25));
    }

    @Test
    void yearsToExpiryCountToTheExchangeExpiryTime() {
        Product nifty = U.get("NIFTY");
        Instant now = at("2026-11-24T15:30:00", "Asia/Kolkata").minusSeconds(365 * 864);
        assertThat(ExpiryCalendar.yearsToExpiry(nifty, LocalDate.of(2026, 11, 24), now)).isCloseTo(0.01,
                org.assertj.core.data.Offset.offset(1e-12));
    }
}
