package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.CalendarAlarm;
import cn.hotline12345.cti.matter.api.CalendarDay;
import cn.hotline12345.cti.matter.api.CalendarYear;
import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.matter.api.MatterException;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The working-day calendar and deadline rules as the rest of the feature sees them: loaded from the
 * database once, reloaded after every administrator change (the tables are small and change a few times a
 * year), so deadline computations do not hit the database. Each year carries a "confirmed" marker
 * (calendar_year): whether the State Council's arrangement for it is in the calendar.
 */
public final class CalendarService {

    /**
     * The calendar (with the confirmed years), the effective working days per category, the years' markers and the
     * deadline policy, read together.
     */
    public record Snapshot(WorkingDayCalendar calendar, Map<MatterCategory, Integer> daysByCategory,
                           List<CalendarYear> years, DeadlinePolicy policy) {

        public Snapshot(WorkingDayCalendar calendar, Map<MatterCategory, Integer> daysByCategory) {
            this(calendar, daysByCategory, List.of(), DeadlinePolicy.standard());
        }

        /** The marker of a year ({@link CalendarYear#unknown} when the table has no row for it). */
        public CalendarYear year(int y) {
            return years.stream().filter(c -> c.year() == y).findFirst().orElse(CalendarYear.unknown(y));
        }

        /** The working days a matter of this category and urgency gets (art. 20, shortened for urgent matters). */
        public int days(MatterCategory category, cn.hotline12345.cti.matter.api.Urgency urgency) {
            return policy.daysFor(daysByCategory.get(category), urgency);
        }
    }

    private final CalendarRepository repo;
    private final DeadlinePolicy policy;
    private final Clock clock;
    private final AtomicReference<Future<Snapshot>> current = new AtomicReference<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public CalendarService(CalendarRepository repo, DeadlinePolicy policy) {
        this(repo, policy, Clock.systemUTC());
    }

    public CalendarService(CalendarRepository repo, DeadlinePolicy policy, Clock clock) {
        this.repo = repo;
        this.policy = policy;
        this.clock = clock;
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

    /** Runs after every change of days or markers (on the database worker's completion). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private Future<Snapshot> load() {
        return repo.years().compose(years -> repo.all().compose(days -> repo.deadlineRules().map(rules ->
                new Snapshot(new WorkingDayCalendar(days, years.stream().filter(CalendarYear::confirmed)
                        .map(CalendarYear::year).toList()), policy.effective(rules), List.copyOf(years), policy))));
    }

    private Future<Snapshot> reload() {
        Future<Snapshot> f = load();
        current.set(f);
        return f.onSuccess(s -> listeners.forEach(Runnable::run));
    }

    public Future<List<CalendarDay>> days(int year) {
        return snapshot().map(s -> s.calendar().exceptionsIn(year));
    }

    /** The markers of {@code from}..{@code to} (years without a row are unknown, unconfirmed). */
    public Future<List<CalendarYear>> years(int from, int to) {
        return snapshot().map(s -> java.util.stream.IntStream.rangeClosed(from, to)
                .mapToObj(y -> {
                    CalendarYear c = s.year(y);
                    int days = s.calendar().exceptionsIn(y).size();
                    return new CalendarYear(y, c.confirmed(), c.source(), c.changedAt(), c.changedBy(), days);
                }).toList());
    }

    /** Last year, this year and next year (Asia/Shanghai, by this service's clock). */
    public Future<List<CalendarYear>> yearsAround() {
        int now = clock.instant().atZone(WorkingDayCalendar.ZONE).getYear();
        return years(now - 1, now + 1);
    }

    /** The calendar alarm today (Asia/Shanghai), if any. */
    public Future<Optional<CalendarAlarm>> alarm() {
        LocalDate today = clock.instant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
        return snapshot().map(s -> CalendarAlarm.on(today, s.calendar()));
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

    /**
     * Marks a year confirmed (its days are the official arrangement) or not, with where the days come from.
     *
     * @param by who does it (an administrator's user name, {@code cli})
     */
    public Future<CalendarYear> markYear(int year, boolean confirmed, String source, String by) {
        if (year < 2000 || year > 2100) {
            return Future.failedFuture(MatterException.invalid("year", "between 2000 and 2100")
                    .reason("calendar.reason.year"));
        }
        String src = source == null ? "" : source.strip();
        if (src.length() > 300 || src.chars().anyMatch(Character::isISOControl)) {
            return Future.failedFuture(MatterException.invalid("source", "at most 300 characters")
                    .reason("reason.too_long", "max", 300));
        }
        if (confirmed && src.isEmpty()) {
            // a confirmation says which notice the days come from (the State Council's document number)
            return Future.failedFuture(MatterException.invalid("source", "required to confirm a year")
                    .reason("calendar.reason.source_required"));
        }
        return snapshot().compose(s -> {
            if (confirmed && s.calendar().exceptionsIn(year).isEmpty()) {
                return Future.failedFuture(MatterException.conflict("year " + year + " has no days to confirm")
                        .tell("calendar.error.nothing_to_confirm", "year", year));
            }
            return repo.markYear(year, confirmed, src, by, clock.instant());
        }).compose(v -> reload()).map(s -> s.year(year));
    }

    /**
     * Replaces a year's days with an imported holiday-cn file (one transaction) and sets its marker: confirmed when
     * {@code confirm}, else unconfirmed with the file as the source.
     */
    public Future<CalendarYear> importYear(HolidayCnFormat.Year y, boolean confirm, String by) {
        return repo.replaceYear(y.year(), y.days(), confirm, y.source(), by, clock.instant())
                .compose(v -> reload()).map(s -> {
                    CalendarYear c = s.year(y.year());
                    return new CalendarYear(c.year(), c.confirmed(), c.source(), c.changedAt(), c.changedBy(),
                            s.calendar().exceptionsIn(y.year()).size());
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
