package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.CalendarDay;
import cn.hotline12345.cti.matter.api.CalendarYear;
import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.platform.db.Db;
import io.vertx.core.Future;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static cn.hotline12345.schema.jooq.Tables.CALENDAR_DAY;
import static cn.hotline12345.schema.jooq.Tables.CALENDAR_YEAR;
import static cn.hotline12345.schema.jooq.Tables.MATTER_DEADLINE_RULE;

/** The calendar_day, calendar_year and matter_deadline_rule tables. */
public final class CalendarRepository {

    private final Db db;

    public CalendarRepository(Db db) {
        this.db = db;
    }

    public Future<List<CalendarDay>> all() {
        return db.query(dsl -> dsl.selectFrom(CALENDAR_DAY).orderBy(CALENDAR_DAY.DAY).fetch(r ->
                new CalendarDay(r.getDay(), CalendarDay.Kind.parse(r.getKind(), "kind"), r.getName())));
    }

    /** Every year the calendar_year table knows, with the number of days each lists. */
    public Future<List<CalendarYear>> years() {
        return db.query(dsl -> {
            var count = DSL.field(DSL.selectCount().from(CALENDAR_DAY).where(DSL.extract(CALENDAR_DAY.DAY,
                    org.jooq.DatePart.YEAR).eq(CALENDAR_YEAR.YEAR)));
            return dsl.select(CALENDAR_YEAR.YEAR, CALENDAR_YEAR.CONFIRMED, CALENDAR_YEAR.SOURCE,
                            CALENDAR_YEAR.CHANGED_AT, CALENDAR_YEAR.CHANGED_BY, count)
                    .from(CALENDAR_YEAR).orderBy(CALENDAR_YEAR.YEAR)
                    .fetch(r -> new CalendarYear(r.value1(), r.value2(), r.value3(), r.value4().toInstant(), r.value5(),
                            r.value6()));
        });
    }

    public Future<Void> upsert(CalendarDay d) {
        return db.query(dsl -> {
            dsl.insertInto(CALENDAR_DAY).set(CALENDAR_DAY.DAY, d.day()).set(CALENDAR_DAY.KIND, d.kind().code())
                    .set(CALENDAR_DAY.NAME, d.name())
                    .onConflict(CALENDAR_DAY.DAY).doUpdate()
                    .set(CALENDAR_DAY.KIND, d.kind().code()).set(CALENDAR_DAY.NAME, d.name()).execute();
            return null;
        });
    }

    /** Deletes a day; true when it existed. */
    public Future<Boolean> delete(LocalDate day) {
        return db.query(dsl -> dsl.deleteFrom(CALENDAR_DAY).where(CALENDAR_DAY.DAY.eq(day)).execute() > 0);
    }

    /** Sets a year's marker (the year row is created when missing). */
    public Future<Void> markYear(int year, boolean confirmed, String source, String by, Instant at) {
        return db.query(dsl -> {
            markYear(dsl, year, confirmed, source, by, at);
            return null;
        });
    }

    private static void markYear(org.jooq.DSLContext dsl, int year, boolean confirmed, String source, String by,
                                 Instant at) {
        dsl.insertInto(CALENDAR_YEAR).set(CALENDAR_YEAR.YEAR, year).set(CALENDAR_YEAR.CONFIRMED, confirmed)
                .set(CALENDAR_YEAR.SOURCE, source).set(CALENDAR_YEAR.CHANGED_BY, by)
                .set(CALENDAR_YEAR.CHANGED_AT, at.atOffset(ZoneOffset.UTC))
                .onConflict(CALENDAR_YEAR.YEAR).doUpdate()
                .set(CALENDAR_YEAR.CONFIRMED, confirmed).set(CALENDAR_YEAR.SOURCE, source)
                .set(CALENDAR_YEAR.CHANGED_BY, by).set(CALENDAR_YEAR.CHANGED_AT, at.atOffset(ZoneOffset.UTC)).execute();
    }

    /**
     * Replaces every day of {@code year} with {@code days} and sets the year's marker, in one transaction: a
     * failed import leaves the year as it was.
     */
    public Future<Void> replaceYear(int year, List<CalendarDay> days, boolean confirmed, String source, String by,
                                    Instant at) {
        return db.tx(dsl -> {
            dsl.deleteFrom(CALENDAR_DAY).where(CALENDAR_DAY.DAY.between(LocalDate.of(year, 1, 1),
                    LocalDate.of(year, 12, 31))).execute();
            for (CalendarDay d : days) {
                dsl.insertInto(CALENDAR_DAY).set(CALENDAR_DAY.DAY, d.day()).set(CALENDAR_DAY.KIND, d.kind().code())
                        .set(CALENDAR_DAY.NAME, d.name()).execute();
            }
            markYear(dsl, year, confirmed, source, by, at);
            return null;
        });
    }

    public Future<Map<MatterCategory, Integer>> deadlineRules() {
        return db.query(dsl -> {
            Map<MatterCategory, Integer> m = new EnumMap<>(MatterCategory.class);
            dsl.selectFrom(MATTER_DEADLINE_RULE).forEach(r ->
                    m.put(MatterCategory.parse(r.getCategory(), "category"), r.getWorkingDays()));
            return m;
        });
    }

    public Future<Void> setDeadlineRule(MatterCategory category, Integer workingDays) {
        return db.query(dsl -> {
            if (workingDays == null) {
                dsl.deleteFrom(MATTER_DEADLINE_RULE).where(MATTER_DEADLINE_RULE.CATEGORY.eq(category.code())).execute();
            } else {
                dsl.insertInto(MATTER_DEADLINE_RULE).set(MATTER_DEADLINE_RULE.CATEGORY, category.code())
                        .set(MATTER_DEADLINE_RULE.WORKING_DAYS, workingDays)
                        .onConflict(MATTER_DEADLINE_RULE.CATEGORY).doUpdate()
                        .set(MATTER_DEADLINE_RULE.WORKING_DAYS, workingDays).execute();
            }
            return null;
        });
    }
}
