package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.CalendarDay;
import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.platform.db.Db;
import io.vertx.core.Future;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static cn.hotline12345.schema.jooq.Tables.CALENDAR_DAY;
import static cn.hotline12345.schema.jooq.Tables.MATTER_DEADLINE_RULE;

/** The calendar_day and matter_deadline_rule tables. */
public final class CalendarRepository {

    private final Db db;

    public CalendarRepository(Db db) {
        this.db = db;
    }

    public Future<List<CalendarDay>> all() {
        return db.query(dsl -> dsl.selectFrom(CALENDAR_DAY).orderBy(CALENDAR_DAY.DAY).fetch(r ->
                new CalendarDay(r.getDay(), CalendarDay.Kind.parse(r.getKind(), "kind"), r.getName())));
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
