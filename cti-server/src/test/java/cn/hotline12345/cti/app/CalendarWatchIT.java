package cn.hotline12345.cti.app;

import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.desk.internal.HourlyCalls;
import cn.hotline12345.cti.desk.internal.SocketRegistry;
import cn.hotline12345.cti.desk.internal.WallboardPublisher;
import cn.hotline12345.cti.matter.MatterModule;
import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import cn.hotline12345.cti.matter.internal.DeadlinePolicy;
import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.testing.FakeLiveQueues;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.MutableClock;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import cn.hotline12345.softphone.ws.Alarm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The calendar alarm on the wallboard's board and in /metrics, gone once the year is confirmed. */
@ExtendWith(PostgresExtension.class)
class CalendarWatchIT {

    @Test
    void theAlarmReachesTheWallboardAndTheMetricsAndEndsWithTheConfirmation(TestDatabase database) throws Exception {
        Vertx vertx = Vertx.vertx();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (Db db = new Db(vertx, database.dataSource(), 2)) {
            MutableClock clock = new MutableClock(LocalDate.parse("2026-12-06").atTime(10, 0)
                    .atZone(WorkingDayCalendar.ZONE).toInstant());
            MatterModule matters = new MatterModule(db, clock, DeadlinePolicy.standard(), 1);
            CalendarWatch watch = new CalendarWatch(vertx, matters.calendar(), metrics);
            watch.start();
            WallboardPublisher wallboard = new WallboardPublisher(vertx, new FakeLiveQueues(),
                    new SocketRegistry(metrics, 16), new HourlyCalls(clock, HotlineTime.ZONE), new CallUpdateHub(), clock);
            wallboard.addAlarmSource(watch::wallboardAlarms);
            Http.await("the alarm raised", Duration.ofSeconds(10), () -> metrics.get("cti_calendar_alarm").gauge().value() == 1.0);
            assertThat(metrics.get("cti_calendar_alarm_year").gauge().value()).isEqualTo(2027.0);
            assertThat(wallboard.board().alarms()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo("calendar_unconfirmed");
                assertThat(a.subject()).isEqualTo("2027");
                assertThat(a.message()).startsWith("2027年节假日安排尚未确认");
                assertThat(a.since()).isEqualTo(LocalDate.parse("2026-11-01").atStartOfDay(WorkingDayCalendar.ZONE)
                        .toInstant());
            });
            matters.calendar().markYear(2027, true, "国务院办公厅关于2027年部分节假日安排的通知（测试）", "test")
                    .await(10, TimeUnit.SECONDS);
            Http.await("the alarm ended", Duration.ofSeconds(10), () -> metrics.get("cti_calendar_alarm").gauge().value() == 0.0);
            assertThat(metrics.get("cti_calendar_alarm_year").gauge().value()).isZero();
            assertThat(wallboard.board().alarms()).extracting(Alarm::kind).doesNotContain("calendar_unconfirmed");
            wallboard.close();
            watch.close();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
