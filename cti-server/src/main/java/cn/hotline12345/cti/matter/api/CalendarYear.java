package cn.hotline12345.cti.matter.api;

import java.time.Instant;

/**
 * Whether a year's holiday arrangement in the working-day calendar is the official one (issue 22 item 4).
 *
 * @param year      the year
 * @param confirmed the State Council's arrangement for the year is in the calendar (an administrator confirmed it,
 *                  or imported it with confirmation); false: only what was known (statutory days) or nothing
 * @param source    where the year's days come from, e.g. the notice's title and number
 * @param changedAt when the marker last changed
 * @param changedBy who changed it ({@code migration V91}, an administrator's user name, {@code cli})
 * @param days      how many holidays and make-up working days the calendar lists for the year
 */
public record CalendarYear(int year, boolean confirmed, String source, Instant changedAt, String changedBy, int days) {

    /** A year the calendar knows nothing about. */
    public static CalendarYear unknown(int year) {
        return new CalendarYear(year, false, "", null, "", 0);
    }
}
