package cn.hotline12345.cti.matter.internal;

import cn.hotline12345.cti.matter.api.CalendarDay;
import cn.hotline12345.cti.platform.error.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The holiday-cn format (github.com/NateScarlet/holiday-cn): what is read, and every way a file is refused. */
class HolidayCnFormatTest {

    /** The start of holiday-cn's 2025.json as that project publishes it. */
    static JsonObject year2025() {
        return new JsonObject().put("$schema", "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json")
                .put("year", 2025).put("papers", new JsonArray().add("https://www.gov.cn/zhengce/content/202411/x.htm"))
                .put("days", new JsonArray()
                        .add(day("元旦", "2025-01-01", true))
                        .add(day("春节", "2025-01-26", false))
                        .add(day("春节", "2025-01-28", true))
                        .add(day("春节", "2025-02-01", true))
                        .add(day("春节", "2025-02-08", false)));
    }

    static JsonObject day(String name, String date, boolean off) {
        return new JsonObject().put("name", name).put("date", date).put("isOffDay", off);
    }

    @Test
    void readsDaysOffAndMakeUpWorkingDays() {
        HolidayCnFormat.Year y = HolidayCnFormat.parse(year2025().encode());
        assertThat(y.year()).isEqualTo(2025);
        assertThat(y.days()).hasSize(5);
        assertThat(y.days().get(0)).isEqualTo(new CalendarDay(LocalDate.parse("2025-01-01"), CalendarDay.Kind.HOLIDAY, "元旦"));
        assertThat(y.days().get(1)).isEqualTo(new CalendarDay(LocalDate.parse("2025-01-26"), CalendarDay.Kind.WORKDAY,
                "春节调休上班"));
        // a day off on a weekend is kept as a holiday (it changes nothing)
        assertThat(y.days()).anySatisfy(d -> assertThat(d.day()).isEqualTo(LocalDate.parse("2025-02-01")));
        assertThat(y.source()).isEqualTo("holiday-cn: https://www.gov.cn/zhengce/content/202411/x.htm");
    }

    @Test
    void daysComeOutInDateOrder() {
        JsonObject o = year2025();
        o.getJsonArray("days").add(0, day("国庆节", "2025-10-01", true));
        assertThat(HolidayCnFormat.parse(o.encode()).days()).extracting(CalendarDay::day).isSorted();
    }

    private static void refused(String text, String field, String reasonKey) {
        assertThatThrownBy(() -> HolidayCnFormat.parse(text)).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.kind()).isEqualTo(Refusal.Kind.INVALID);
            assertThat(r.field()).isEqualTo(field);
            assertThat(r.params().get("reasonKey")).isEqualTo(reasonKey);
        });
    }

    @Test
    void refusesBrokenFiles() {
        refused(null, "body", "reason.required");
        refused("  ", "body", "reason.required");
        refused("not json", "body", "reason.not_json");
        refused("[1,2]", "body", "reason.not_json");
        refused("x".repeat(HolidayCnFormat.MAX_BYTES + 1), "body", "reason.too_long");
        refused(year2025().put("year", 1999).encode(), "year", "calendar.reason.year");
        refused(year2025().put("year", "2025").encode(), "year", "calendar.reason.year");
        refused(year2025().put("year", 2025.5).encode(), "year", "calendar.reason.year");
        refused(year2025().put("days", "none").encode(), "days", "reason.required");
        JsonObject noDays = year2025();
        noDays.remove("days");
        refused(noDays.encode(), "days", "reason.required");
        // holiday-cn's file for a year whose notice is not out yet
        refused(year2025().put("days", new JsonArray()).encode(), "days", "calendar.reason.no_days");
        refused(year2025().put("papers", "x").encode(), "papers", "reason.bad_value");
        refused(year2025().put("papers", new JsonArray().add(5)).encode(), "papers", "reason.bad_value");
    }

    @Test
    void refusesBadDays() {
        refused(with(day("", "2025-03-01", true)), "days", "calendar.reason.day_name");
        refused(with(day("x".repeat(81), "2025-03-01", true)), "days", "calendar.reason.day_name");
        refused(with(day("清明\n节", "2025-04-04", true)), "days", "calendar.reason.day_name");
        refused(with(day("清明节", "2025-4-4", true)), "days", "calendar.reason.day_date");
        refused(with(day("清明节", "2025-02-30", true)), "days", "calendar.reason.day_date");
        refused(with(day("清明节", "2026-04-04", true)), "days", "calendar.reason.day_year");
        refused(with(new JsonObject().put("name", "清明节").put("date", "2025-04-04").put("isOffDay", "yes")), "days",
                "calendar.reason.day_off");
        refused(with(day("元旦", "2025-01-01", true)), "days", "calendar.reason.day_twice");
        // a make-up working day on a Wednesday: the file is broken
        refused(with(day("清明节", "2025-04-02", false)), "days", "calendar.reason.workday_weekday");
        JsonObject o = year2025();
        o.getJsonArray("days").add("2025-03-01");
        refused(o.encode(), "days", "calendar.reason.day_entry");
        JsonObject many = year2025();
        JsonArray days = new JsonArray();
        for (int i = 0; i < HolidayCnFormat.MAX_DAYS + 1; i++) {
            days.add(day("x", LocalDate.of(2025, 1, 1).plusDays(i % 365).toString(), true));
        }
        refused(many.put("days", days).encode(), "days", "calendar.reason.too_many_days");
    }

    private static String with(JsonObject extra) {
        JsonObject o = year2025();
        o.getJsonArray("days").add(extra);
        return o.encode();
    }
}
