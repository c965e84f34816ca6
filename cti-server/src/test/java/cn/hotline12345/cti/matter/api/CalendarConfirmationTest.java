package cn.hotline12345.cti.matter.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Confirmed years, provisional deadlines and the calendar alarm (issue 22 item 4). */
class CalendarConfirmationTest {

    static final WorkingDayCalendar CAL = new WorkingDayCalendar(List.of(), List.of(2025, 2026));

    static Instant at(String day) {
        return LocalDate.parse(day).atTime(10, 0).atZone(WorkingDayCalendar.ZONE).toInstant();
    }

    @Test
    void aDeadlineCountingDaysOfAnUnconfirmedYearIsProvisional() {
        assertThat(CAL.provisional(at("2026-12-01"), CAL.deadline(at("2026-12-01"), 5))).isFalse();
        assertThat(CAL.provisional(at("2026-12-28"), CAL.deadline(at("2026-12-28"), 5))).isTrue();
        // counted days start the day after intake: intake on 31 December counts only 2027 days
        assertThat(CAL.provisional(at("2026-12-31"), WorkingDayCalendar.endOfDay(LocalDate.parse("2027-01-04")))).isTrue();
        // a deadline that ends on 31 December stays within the confirmed year
        assertThat(CAL.provisional(at("2026-12-24"), WorkingDayCalendar.endOfDay(LocalDate.parse("2026-12-31")))).isFalse();
        assertThat(CAL.isConfirmed(2026)).isTrue();
        assertThat(CAL.isConfirmed(2027)).isFalse();
        // a calendar that does not track confirmation never says provisional
        assertThat(new WorkingDayCalendar(List.of()).provisional(at("2026-12-28"), at("2027-01-05"))).isFalse();
    }

    @Test
    void theAlarmStartsOnTheFirstOfNovemberForNextYear() {
        assertThat(CalendarAlarm.on(LocalDate.parse("2026-10-31"), CAL)).isEmpty();
        assertThat(CalendarAlarm.on(LocalDate.parse("2026-11-01"), CAL))
                .contains(new CalendarAlarm(2027, LocalDate.parse("2026-11-01")));
        assertThat(CalendarAlarm.on(LocalDate.parse("2026-12-31"), CAL)).map(CalendarAlarm::year).contains(2027);
        assertThat(CalendarAlarm.on(LocalDate.parse("2025-11-15"), CAL)).isEmpty();
    }

    @Test
    void anUnconfirmedCurrentYearAlarmsAllYear() {
        assertThat(CalendarAlarm.on(LocalDate.parse("2027-03-01"), CAL))
                .isEqualTo(Optional.of(new CalendarAlarm(2027, LocalDate.parse("2027-01-01"))));
        WorkingDayCalendar all = new WorkingDayCalendar(List.of(), List.of(2025, 2026, 2027));
        assertThat(CalendarAlarm.on(LocalDate.parse("2027-03-01"), all)).isEmpty();
    }
}
