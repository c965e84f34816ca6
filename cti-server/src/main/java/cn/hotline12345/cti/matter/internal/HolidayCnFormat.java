package cn.hotline12345.cti.matter.internal;

import cn.hotline12345.cti.matter.api.CalendarDay;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.platform.error.Refusal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The holiday-cn JSON format (github.com/NateScarlet/holiday-cn, one file per year, widely used to publish the State
 * Council's arrangement as data): {@code {"year": 2025, "papers": ["https://www.gov.cn/..."], "days": [{"name":
 * "春节", "date": "2025-01-28", "isOffDay": true}, ...]}}. {@code isOffDay} false is a make-up working day (调休上班).
 * Days off may fall on a weekend (the file lists every day of a break); they are kept as holidays, which changes
 * nothing for a weekend. Everything is checked before anything is imported: a bad file is refused whole.
 */
public final class HolidayCnFormat {

    /** A whole year is about 40 entries; this bounds what a request may ask the database to write. */
    public static final int MAX_DAYS = 400;
    public static final int MAX_BYTES = 256 * 1024;

    private HolidayCnFormat() {
    }

    /** A year read from a file: its days and the notices it cites. */
    public record Year(int year, List<CalendarDay> days, List<String> papers) {

        /** What the calendar_year row says the days come from. */
        public String source() {
            return papers.isEmpty() ? "holiday-cn" : "holiday-cn: " + String.join(" ", papers);
        }
    }

    public static Year parse(String text) {
        if (text == null || text.isBlank()) {
            throw bad("body", "empty", "reason.required");
        }
        if (text.length() > MAX_BYTES) {
            throw bad("body", "longer than " + MAX_BYTES + " characters", "reason.too_long", "max", MAX_BYTES);
        }
        JsonObject o;
        try {
            o = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw bad("body", "not a JSON object", "reason.not_json");
        }
        Object y = o.getValue("year");
        if (!(y instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.intValue() < 2000 || n.intValue() > 2100) {
            throw bad("year", "a year between 2000 and 2100 is required", "calendar.reason.year");
        }
        int year = n.intValue();
        List<String> papers = new ArrayList<>();
        Object p = o.getValue("papers");
        if (p instanceof JsonArray a) {
            for (Object x : a) {
                if (!(x instanceof String s) || s.length() > 300 || s.chars().anyMatch(Character::isISOControl)) {
                    throw bad("papers", "a list of notice addresses", "reason.bad_value");
                }
                papers.add(s.strip());
            }
        } else if (p != null) {
            throw bad("papers", "a list of notice addresses", "reason.bad_value");
        }
        if (!(o.getValue("days") instanceof JsonArray days)) {
            throw bad("days", "a list of days is required", "reason.required");
        }
        if (days.isEmpty()) {
            // holiday-cn publishes an empty list for a year whose notice is not out yet: nothing to import
            throw bad("days", "empty: the year's arrangement is not in the file", "calendar.reason.no_days");
        }
        if (days.size() > MAX_DAYS) {
            throw bad("days", "more than " + MAX_DAYS + " entries", "calendar.reason.too_many_days", "max", MAX_DAYS);
        }
        List<CalendarDay> out = new ArrayList<>(days.size());
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < days.size(); i++) {
            int index = i + 1;
            if (!(days.getValue(i) instanceof JsonObject d)) {
                throw bad("days", "entry " + index + " is not an object", "calendar.reason.day_entry", "index", index);
            }
            Object name = d.getValue("name");
            Object date = d.getValue("date");
            Object off = d.getValue("isOffDay");
            if (!(name instanceof String nm) || nm.isBlank() || nm.length() > 80
                    || nm.chars().anyMatch(Character::isISOControl)) {
                throw bad("days", "entry " + index + ": name of 1..80 characters", "calendar.reason.day_name",
                        "index", index);
            }
            LocalDate day;
            try {
                day = LocalDate.parse(String.valueOf(date));
            } catch (DateTimeParseException e) {
                throw bad("days", "entry " + index + ": date is not yyyy-MM-dd", "calendar.reason.day_date",
                        "index", index);
            }
            if (!(date instanceof String) || day.getYear() != year) {
                throw bad("days", "entry " + index + ": " + day + " is not in " + year, "calendar.reason.day_year",
                        "index", index, "year", year);
            }
            if (!(off instanceof Boolean isOff)) {
                throw bad("days", "entry " + index + ": isOffDay must be true or false", "calendar.reason.day_off",
                        "index", index);
            }
            if (!seen.add(day)) {
                throw bad("days", "entry " + index + ": " + day + " is listed twice", "calendar.reason.day_twice",
                        "index", index, "day", day.toString());
            }
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (!isOff && !weekend) {
                // a make-up working day is a weekend day by definition: a weekday one means a broken file
                throw bad("days", "entry " + index + ": " + day + " is a working day on a weekday",
                        "calendar.reason.workday_weekday", "index", index, "day", day.toString());
            }
            String label = nm.strip();
            if (!isOff && !label.contains("上班") && !label.contains("补班")) {
                label = label + "调休上班";
            }
            out.add(new CalendarDay(day, isOff ? CalendarDay.Kind.HOLIDAY : CalendarDay.Kind.WORKDAY, label));
        }
        out.sort(java.util.Comparator.comparing(CalendarDay::day));
        return new Year(year, List.copyOf(out), List.copyOf(papers));
    }

    private static Refusal bad(String field, String english, String reasonKey, Object... params) {
        return MatterException.invalid(field, english).reason(reasonKey, params);
    }
}
