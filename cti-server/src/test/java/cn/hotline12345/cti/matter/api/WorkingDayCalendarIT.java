package cn.hotline12345.cti.matter.api;


import cn.hotline12345.cti.matter.internal.CalendarRepository;
import cn.hotline12345.cti.matter.internal.CalendarService;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.internal.DeadlinePolicy;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deadlines over the shipped calendar data (V11). Expected dates hand-checked against the State Council's
 * 2026 arrangement: Spring Festival off 2026-02-15..23, working Sat 02-14 and Sat 02-28; Mid-Autumn off
 * 09-25..27; National Day off 10-01..07, working Sun 09-20 and Sat 10-10.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkingDayCalendarIT {

    private Vertx vertx;
    private Db db;
    private WorkingDayCalendar cal;

    @BeforeAll
    void load(TestDatabase database) throws Exception {
        vertx = Vertx.vertx();
        db = new Db(vertx, database.dataSource(), 2);
        List<CalendarDay> days = new CalendarRepository(db).all().await();
        cal = new WorkingDayCalendar(days);
    }

    @AfterAll
    void close() throws Exception {
        db.close();
        vertx.close().await();
    }

    @ParameterizedTest(name = "intake {0} + {1} working days -> end of {2}")
    @CsvSource({
            // a Friday before Spring Festival: Sat 02-14 is a make-up working day, then 9 days off
            "2026-02-13T10:00, 5, 2026-02-27",
            // on the make-up Saturday itself: the day of intake never counts
            "2026-02-14T09:00, 5, 2026-02-28",
            // on a holiday: counting starts after the holiday
            "2026-02-17T15:00, 1, 2026-02-24",
            "2026-02-17T15:00, 5, 2026-02-28",
            // late on the last working day before the holiday
            "2026-02-13T23:50, 1, 2026-02-14",
            // Mid-Autumn then National Day, with the Sat 10-10 make-up day
            "2026-09-24T11:00, 5, 2026-10-09",
            "2026-09-30T16:00, 5, 2026-10-13",
            "2026-09-30T16:00, 3, 2026-10-10",
            // the Sunday 09-20 make-up day
            "2026-09-18T10:00, 1, 2026-09-20",
            "2026-09-18T10:00, 5, 2026-09-24",
            // New Year with Sun 01-04 working
            "2025-12-31T10:00, 1, 2026-01-04",
            // Labour Day 05-01..05 with Sat 05-09 working
            "2026-04-30T10:00, 5, 2026-05-11",
            // an ordinary week
            "2026-03-02T10:00, 5, 2026-03-09",
    })
    void deadlineIsTheEndOfTheNthWorkingDayAfterIntake(String intakeLocal, int days, String lastDay) {
        Instant intake = LocalDateTime.parse(intakeLocal).atZone(WorkingDayCalendar.ZONE).toInstant();
        Instant deadline = cal.deadline(intake, days);
        assertThat(deadline).isEqualTo(LocalDate.parse(lastDay).atTime(23, 59, 59)
                .atZone(WorkingDayCalendar.ZONE).toInstant());
    }

    @Test
    void intakeDayIsTheShanghaiDayNotTheUtcDay() {
        // 2026-02-13T17:00Z is already Saturday 02-14 01:00 in Shanghai
        Instant intake = Instant.parse("2026-02-13T17:00:00Z");
        assertThat(cal.deadline(intake, 1)).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.parse("2026-02-24")));
    }

    @Test
    void knowsTheShippedHolidaysAndMakeUpDays() {
        assertThat(cal.isWorkingDay(LocalDate.parse("2026-02-14"))).isTrue();
        assertThat(cal.isWorkingDay(LocalDate.parse("2026-02-28"))).isTrue();
        assertThat(cal.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();
        assertThat(cal.isWorkingDay(LocalDate.parse("2026-09-20"))).isTrue();
        assertThat(cal.isWorkingDay(LocalDate.parse("2026-02-23"))).isFalse();
        assertThat(cal.isWorkingDay(LocalDate.parse("2026-10-07"))).isFalse();
        assertThat(cal.isWorkingDay(LocalDate.parse("2026-06-19"))).isFalse();
        assertThat(cal.isWorkingDay(LocalDate.parse("2027-02-08"))).isFalse();
        assertThat(cal.isWorkingDay(LocalDate.parse("2026-03-06"))).isTrue();
        assertThat(cal.isWorkingDay(LocalDate.parse("2026-03-07"))).isFalse();
        assertThat(cal.exceptionsIn(2026)).hasSize(33 + 6);
    }

    @Test
    void administratorChangesTakeEffect() throws Exception {
        CalendarService svc = new CalendarService(new CalendarRepository(db), DeadlinePolicy.standard());
        LocalDate day = LocalDate.parse("2027-03-03");
        Instant intake = LocalDate.parse("2027-03-02").atTime(10, 0).atZone(WorkingDayCalendar.ZONE).toInstant();
        assertThat(svc.snapshot().await().calendar().deadline(intake, 1)).isEqualTo(WorkingDayCalendar.endOfDay(day));
        svc.put(new CalendarDay(day, CalendarDay.Kind.HOLIDAY, "test holiday")).await();
        assertThat(svc.snapshot().await().calendar().deadline(intake, 1))
                .isEqualTo(WorkingDayCalendar.endOfDay(day.plusDays(1)));
        svc.remove(day).await();
        assertThat(svc.snapshot().await().calendar().isWorkingDay(day)).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> svc.remove(day).await())
                .isInstanceOf(MatterException.class);
    }
}
