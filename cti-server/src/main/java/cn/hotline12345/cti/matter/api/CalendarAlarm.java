package cn.hotline12345.cti.matter.api;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The calendar alarm (issue 22 item 4): deadlines are about to be counted on a year whose official holiday
 * arrangement is not in the calendar. Raised for the current year whenever it is unconfirmed, and for the next
 * year from 1 November (the State Council publishes the next year's arrangement in November; a matter accepted in
 * late December already counts January days).
 *
 * @param year  the unconfirmed year
 * @param since the day the alarm began: 1 November of the year before, or 1 January of an unconfirmed current year
 */
public record CalendarAlarm(int year, LocalDate since) {

    /** The wallboard alarm's {@code kind} (QueueBoard.alarms[].kind, pushed as an {@code alarm} frame too). */
    public static final String KIND = "calendar_unconfirmed";

    /** The alarm on {@code today} for {@code calendar}, if any (the current year first). */
    public static Optional<CalendarAlarm> on(LocalDate today, WorkingDayCalendar calendar) {
        if (!calendar.isConfirmed(today.getYear())) {
            return Optional.of(new CalendarAlarm(today.getYear(), LocalDate.of(today.getYear(), 1, 1)));
        }
        if (today.getMonthValue() >= 11 && !calendar.isConfirmed(today.getYear() + 1)) {
            return Optional.of(new CalendarAlarm(today.getYear() + 1, LocalDate.of(today.getYear(), 11, 1)));
        }
        return Optional.empty();
    }
}
