package cn.hotline12345.cti.matter;

import java.time.LocalDate;

/**
 * An exception to the Monday-to-Friday week: a public holiday on a weekday, or a weekend day that is a
 * working day (调休 make-up day).
 */
public record CalendarDay(LocalDate day, Kind kind, String name) {

    /** holiday: not a working day; workday: a working day even on a weekend. */
    public enum Kind {
        HOLIDAY, WORKDAY;

        public String code() {
            return Codes.db(this);
        }

        public static Kind parse(String s, String field) {
            return Codes.parse(Kind.class, s, field);
        }
    }
}
