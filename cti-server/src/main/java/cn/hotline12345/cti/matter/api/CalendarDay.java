package cn.hotline12345.cti.matter.api;

import java.time.LocalDate;
import cn.hotline12345.cti.platform.error.Refusal;

import java.util.Locale;

/**
 * An exception to the Monday-to-Friday week: a public holiday on a weekday, or a weekend day that is a
 * working day (调休 make-up day).
 */
public record CalendarDay(LocalDate day, Kind kind, String name) {

    /** holiday: not a working day; workday: a working day even on a weekend. */
    public enum Kind {
        HOLIDAY, WORKDAY;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind of a code; a {@link Refusal} (400) naming {@code field} for anything else. */
        public static Kind parse(String s, String field) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw Refusal.invalid(field, "unknown value '" + s + "'");
            }
        }
    }
}
