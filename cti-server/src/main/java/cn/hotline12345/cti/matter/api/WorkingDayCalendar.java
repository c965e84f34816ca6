package cn.hotline12345.cti.matter.api;

import cn.hotline12345.cti.platform.config.HotlineTime;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Working days in China (art. 20 deadlines): Monday to Friday, except the public holidays, plus the
 * weekend days declared working days (调休). Immutable: an administrator's change produces a new calendar.
 *
 * <p>A deadline is defined as: <b>the end (23:59:59 Asia/Shanghai) of the N-th working day after the day
 * of intake</b>. The intake day itself never counts, whatever its hour and kind, so a matter accepted at
 * 23:50 on a Friday and one accepted at 08:00 that Friday get the same deadline, and a matter taken on a
 * holiday (the hotline answers every day, art. 17) starts counting with the next working day.
 *
 * <p>Each year's arrangement is {@linkplain #isConfirmed confirmed} or not (calendar_year, V91): a year the State
 * Council has not published yet carries only the statutory holidays, and a deadline counted over its days is
 * {@linkplain #provisional provisional}.
 */
public final class WorkingDayCalendar {

    /** The hotline's time zone. */
    public static final ZoneId ZONE = HotlineTime.ZONE; // one definition: platform.config.HotlineTime
    /** Safety bound: no deadline computation walks more than this many days. */
    private static final int MAX_SCAN_DAYS = 3_660;

    private final Map<LocalDate, CalendarDay> exceptions;
    /** null: confirmation is not tracked (every year counts as confirmed). */
    private final java.util.Set<Integer> confirmedYears;

    /** A calendar that does not track confirmation: every year counts as confirmed. */
    public WorkingDayCalendar(Collection<CalendarDay> days) {
        this(days, null);
    }

    /**
     * @param confirmedYears the years whose official arrangement is in {@code days}; null = every year (confirmation
     *                       not tracked)
     */
    public WorkingDayCalendar(Collection<CalendarDay> days, Collection<Integer> confirmedYears) {
        TreeMap<LocalDate, CalendarDay> m = new TreeMap<>();
        days.forEach(d -> m.put(d.day(), d));
        this.exceptions = java.util.Collections.unmodifiableMap(m);
        this.confirmedYears = confirmedYears == null ? null : java.util.Set.copyOf(confirmedYears);
    }

    /** Whether the year's official holiday arrangement is in this calendar. */
    public boolean isConfirmed(int year) {
        return confirmedYears == null || confirmedYears.contains(year);
    }

    /**
     * Whether a deadline counted from {@code from} to {@code deadline} rests on a year that is not confirmed: the
     * counted days are those after {@code from}'s day up to {@code deadline}'s day (Asia/Shanghai).
     */
    public boolean provisional(Instant from, Instant deadline) {
        if (confirmedYears == null || from == null || deadline == null) {
            return false;
        }
        int first = from.atZone(ZONE).toLocalDate().plusDays(1).getYear();
        int last = deadline.atZone(ZONE).toLocalDate().getYear();
        for (int y = first; y <= last; y++) {
            if (!confirmedYears.contains(y)) {
                return true;
            }
        }
        return false;
    }

    public boolean isWorkingDay(LocalDate day) {
        CalendarDay e = exceptions.get(day);
        if (e != null) {
            return e.kind() == CalendarDay.Kind.WORKDAY;
        }
        DayOfWeek d = day.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    /** The N-th working day after {@code day} (N &gt;= 1); {@code day} itself never counts. */
    public LocalDate addWorkingDays(LocalDate day, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("working days must be at least 1: " + n);
        }
        LocalDate d = day;
        int counted = 0;
        for (int i = 0; i < MAX_SCAN_DAYS; i++) {
            d = d.plusDays(1);
            if (isWorkingDay(d) && ++counted == n) {
                return d;
            }
        }
        throw new IllegalStateException("no " + n + " working days within " + MAX_SCAN_DAYS + " days of " + day);
    }

    /** The deadline of a matter taken at {@code intake} with {@code workingDays} allowed. */
    public Instant deadline(Instant intake, int workingDays) {
        LocalDate intakeDay = intake.atZone(ZONE).toLocalDate();
        return endOfDay(addWorkingDays(intakeDay, workingDays));
    }

    /** 23:59:59 of the day in Asia/Shanghai. */
    public static Instant endOfDay(LocalDate day) {
        return day.atTime(LocalTime.of(23, 59, 59)).atZone(ZONE).toInstant();
    }

    /** The working days strictly after {@code from}'s day up to and including {@code to}'s day. */
    public int workingDaysBetween(Instant from, Instant to) {
        LocalDate a = from.atZone(ZONE).toLocalDate();
        LocalDate b = to.atZone(ZONE).toLocalDate();
        int n = 0;
        for (LocalDate d = a.plusDays(1); !d.isAfter(b) && n < MAX_SCAN_DAYS; d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    /** The exceptions in a year, in date order. */
    public java.util.List<CalendarDay> exceptionsIn(int year) {
        return exceptions.values().stream().filter(d -> d.day().getYear() == year).toList();
    }
}
