package cn.hotline12345.cti.app;

import cn.hotline12345.cti.matter.api.CalendarAlarm;
import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import cn.hotline12345.cti.matter.internal.CalendarService;
import cn.hotline12345.cti.platform.i18n.Catalogue;
import cn.hotline12345.softphone.ws.Alarm;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import cn.hotline12345.cti.platform.lifecycle.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The calendar alarm where people see it (issue 22 item 4): from 1 November while next year's holiday arrangement
 * is unconfirmed (or whenever this year's is), the wallboard lists an alarm of kind {@value CalendarAlarm#KIND},
 * {@code /metrics} shows {@code cti_calendar_alarm 1} and {@code cti_calendar_alarm_year}, the admin page's banner
 * reads {@code GET /api/calendar/status}. The state is re-read every ten minutes and after every calendar change, so
 * the wallboard's once-a-second board never waits for the database.
 */
final class CalendarWatch implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarWatch.class);
    private static final long REFRESH_MS = 600_000;

    private final Vertx vertx;
    private final CalendarService calendar;
    private final AtomicReference<Optional<CalendarAlarm>> current = new AtomicReference<>(Optional.empty());
    private long timer = -1;
    private volatile int loggedYear;

    CalendarWatch(Vertx vertx, CalendarService calendar, MeterRegistry metrics) {
        this.vertx = vertx;
        this.calendar = calendar;
        Gauge.builder("cti_calendar_alarm", current, c -> c.get().isPresent() ? 1 : 0)
                .description("1 while a year's holiday arrangement is unconfirmed and deadlines count its days")
                .register(metrics);
        Gauge.builder("cti_calendar_alarm_year", current, c -> c.get().map(CalendarAlarm::year).orElse(0))
                .description("the unconfirmed year of the calendar alarm, 0 without alarm").register(metrics);
    }

    /** Reads the state now, after every calendar change and every ten minutes. */
    @Override
    public synchronized Future<Void> start() {
        if (timer < 0) {
            calendar.onChange(this::refresh);
            refresh();
            this.timer = vertx.setPeriodic(REFRESH_MS, id -> refresh());
        }
        return Future.succeededFuture();
    }

    void refresh() {
        calendar.alarm().onSuccess(a -> {
            current.set(a);
            if (a.isPresent() && a.get().year() != loggedYear) {
                loggedYear = a.get().year();
                LOG.warn("calendar: the holiday arrangement for {} is not confirmed; deadlines counting its days are "
                        + "provisional. Import it: POST /api/admin/calendar/import or cti-server calendar-import FILE "
                        + "--confirm (docs/working-day-calendar.md)", a.get().year());
            } else if (a.isEmpty()) {
                loggedYear = 0;
            }
        }).onFailure(e -> LOG.warn("calendar: cannot read the calendar's state: {}", e.toString()));
    }

    Optional<CalendarAlarm> alarm() {
        return current.get();
    }

    /** The wallboard's alarm list entry, empty without alarm. */
    List<Alarm> wallboardAlarms() {
        return current.get().map(a -> List.of(new Alarm(CalendarAlarm.KIND, Integer.toString(a.year()),
                Catalogue.zh().text("calendar.alarm", Map.of("year", a.year())),
                a.since().atStartOfDay(WorkingDayCalendar.ZONE).toInstant()))).orElse(List.of());
    }

    @Override
    public synchronized void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
