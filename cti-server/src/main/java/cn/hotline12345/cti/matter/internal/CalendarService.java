package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.CalendarDay;
import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.internal.DeadlinePolicy;
import io.vertx.core.Future;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The working-day calendar and deadline rules as the rest of the feature sees them: loaded from the
 * database once, reloaded after every administrator change (the tables are small and change a few times a
 * year), so deadline computations do not hit the database.
 */
public final class CalendarService {

    /** The calendar and the effective working days per category, read together. */
    public record Snapshot(WorkingDayCalendar calendar, Map<MatterCategory, Integer> daysByCategory,
                           DeadlinePolicy policy) {

        public Snapshot(WorkingDayCalendar calendar, Map<MatterCategory, Integer> daysByCategory) {
            this(calendar, daysByCategory, DeadlinePolicy.standard());
        }

        /** The working days a matter of this category and urgency gets (art. 20, shortened for urgent matters). */
        public int days(MatterCategory category, cn.hotline12345.cti.matter.api.Urgency urgency) {
            return policy.daysFor(daysByCategory.get(category), urgency);
        }
    }

    private final CalendarRepository repo;
    private final DeadlinePolicy policy;
    private final AtomicReference<Future<Snapshot>> current = new AtomicReference<>();

    public CalendarService(CalendarRepository repo, DeadlinePolicy policy) {
        this.repo = repo;
        this.policy = policy;
    }

    /** The current calendar (loaded on first use). */
    public Future<Snapshot> snapshot() {
        Future<Snapshot> f = current.get();
        if (f == null || f.failed()) {
            f = load();
            current.set(f);
        }
        return f;
    }

    private Future<Snapshot> load() {
        return repo.all().compose(days -> repo.deadlineRules().map(rules ->
                new Snapshot(new WorkingDayCalendar(days), policy.effective(rules), policy)));
    }

    private Future<Snapshot> reload() {
        Future<Snapshot> f = load();
        current.set(f);
        return f;
    }

    public Future<List<CalendarDay>> days(int year) {
        return snapshot().map(s -> s.calendar().exceptionsIn(year));
    }

    /** Adds or replaces a holiday or make-up working day. */
    public Future<CalendarDay> put(CalendarDay day) {
        if (day.name() == null || day.name().isBlank() || day.name().length() > 100) {
            return Future.failedFuture(MatterException.invalid("name", "required, at most 100 characters"));
        }
        if (day.day().getYear() < 2000 || day.day().getYear() > 2100) {
            return Future.failedFuture(MatterException.invalid("day", "year out of range"));
        }
        return repo.upsert(day).compose(v -> reload()).map(day);
    }

    /** Removes a day (it becomes an ordinary weekday or weekend day again). */
    public Future<Void> remove(LocalDate day) {
        return repo.delete(day).compose(existed -> {
            if (!existed) {
                return Future.failedFuture(MatterException.notFound("calendar day " + day));
            }
            return reload().mapEmpty();
        });
    }

    /** Sets (or with null removes) a category's working days. */
    public Future<Map<MatterCategory, Integer>> setCategoryDays(MatterCategory category, Integer days) {
        if (days != null && (days < 1 || days > 120)) {
            return Future.failedFuture(MatterException.invalid("workingDays", "between 1 and 120"));
        }
        return repo.setDeadlineRule(category, days).compose(v -> reload()).map(Snapshot::daysByCategory);
    }
}
