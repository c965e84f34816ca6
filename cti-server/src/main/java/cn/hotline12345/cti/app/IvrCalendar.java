package cn.hotline12345.cti.app;

import cn.hotline12345.cti.ivr.api.HotlineCalendar;
import cn.hotline12345.cti.matter.internal.CalendarService;
import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import cn.hotline12345.cti.platform.lifecycle.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The working-day calendar the IVR's flows ask ("is today a holiday?"), kept as a snapshot so that a FastAGI session
 * never waits for the database: read at start, after every calendar change and every ten minutes. Until the first
 * read arrives (or while the database is away at start) it answers Monday to Friday.
 */
final class IvrCalendar implements HotlineCalendar, Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(IvrCalendar.class);
    private static final long REFRESH_MS = 600_000;

    private final Vertx vertx;
    private final CalendarService calendar;
    private final AtomicReference<WorkingDayCalendar> snapshot = new AtomicReference<>();
    private final HotlineCalendar fallback = HotlineCalendar.mondayToFriday();
    private long timer = -1;

    IvrCalendar(Vertx vertx, CalendarService calendar) {
        this.vertx = vertx;
        this.calendar = calendar;
    }

    @Override
    public synchronized Future<Void> start() {
        if (timer < 0) {
            calendar.onChange(this::refresh);
            refresh();
            timer = vertx.setPeriodic(REFRESH_MS, id -> refresh());
        }
        return Future.succeededFuture();
    }

    private void refresh() {
        calendar.snapshot()
                .onSuccess(s -> snapshot.set(s.calendar()))
                .onFailure(e -> LOG.warn("cannot load the working-day calendar for the IVR: {}", e.getMessage()));
    }

    @Override
    public boolean isWorkingDay(LocalDate d) {
        WorkingDayCalendar c = snapshot.get();
        return c == null ? fallback.isWorkingDay(d) : c.isWorkingDay(d);
    }

    @Override
    public boolean isHoliday(LocalDate d) {
        WorkingDayCalendar c = snapshot.get();
        if (c == null) {
            return fallback.isHoliday(d);
        }
        return !c.isWorkingDay(d) && d.getDayOfWeek().getValue() < 6;
    }

    @Override
    public synchronized void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
