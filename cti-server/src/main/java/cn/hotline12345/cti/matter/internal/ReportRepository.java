package cn.hotline12345.cti.matter.internal;

import cn.hotline12345.cti.platform.db.Db;
import io.vertx.core.Future;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.List;

import static cn.hotline12345.schema.jooq.Tables.HANDLING_UNIT;
import static cn.hotline12345.schema.jooq.Tables.MATTER;
import static cn.hotline12345.schema.jooq.Tables.REVISIT_TASK;

/** The aggregate queries behind the reports; rows are lists of strings in column order. */
public final class ReportRepository {

    /** Which column volumes are grouped by; DAY is the intake day in the hotline's time zone (yyyy-MM-dd). */
    public enum Dimension { CATEGORY, AREA, UNIT, CHANNEL, DAY }

    /** The key of a group without a value (no area given, not dispatched): the web layer names it for the reader. */
    public static final String NONE = "";

    private final Db db;

    public ReportRepository(Db db) {
        this.db = db;
    }

    public Future<List<List<String>>> volumes(Dimension d, Instant from, Instant to) {
        return db.query(dsl -> {
            Field<String> key = switch (d) {
                case CATEGORY -> MATTER.CATEGORY;
                case AREA -> DSL.coalesce(DSL.nullif(DSL.trim(MATTER.AREA), DSL.inline("")), DSL.inline(NONE));
                case UNIT -> DSL.coalesce(HANDLING_UNIT.NAME, DSL.inline(NONE));
                case CHANNEL -> MATTER.CHANNEL;
                case DAY -> DSL.field("to_char({0} at time zone {1}, 'YYYY-MM-DD')", String.class, MATTER.CREATED_AT,
                        DSL.inline(cn.hotline12345.cti.matter.api.WorkingDayCalendar.ZONE.getId()));
            };
            Field<Integer> n = DSL.count();
            var grouped = dsl.select(key, n).from(MATTER).leftJoin(HANDLING_UNIT).on(HANDLING_UNIT.ID.eq(MATTER.LEAD_UNIT_ID))
                    .where(MATTER.CREATED_AT.ge(MatterRowRepository.odt(from))).and(MATTER.CREATED_AT.lt(MatterRowRepository.odt(to)))
                    .and(MATTER.STATUS.ne("draft"))
                    .groupBy(key);
            return (d == Dimension.DAY ? grouped.orderBy(key) : grouped.orderBy(n.desc(), key))
                    .fetch(r -> List.of(r.value1(), String.valueOf(r.value2())));
        });
    }

    /** [replied in period, of which by the deadline, still open and overdue at {@code now}]. */
    public Future<long[]> onTime(Instant from, Instant to, Instant now) {
        return db.query(dsl -> {
            var inPeriod = MATTER.REPLIED_AT.ge(MatterRowRepository.odt(from)).and(MATTER.REPLIED_AT.lt(MatterRowRepository.odt(to)));
            long replied = dsl.fetchCount(MATTER, inPeriod.and(MATTER.DEADLINE_AT.isNotNull()));
            long onTime = dsl.fetchCount(MATTER, inPeriod.and(MATTER.REPLIED_AT.le(MATTER.DEADLINE_AT)));
            long overdue = dsl.fetchCount(MATTER, MATTER.REPLIED_AT.isNull()
                    .and(MATTER.STATUS.in("accepted", "dispatched", "signed_for", "in_progress", "termination_requested",
                            "returned", "reopened", "escalated"))
                    .and(MATTER.DEADLINE_AT.lt(MatterRowRepository.odt(now)))
                    .and(MATTER.CREATED_AT.lt(MatterRowRepository.odt(to))));
            return new long[] {replied, onTime, overdue};
        });
    }

    /**
     * Per lead unit: [unit name, replied in the period, of which by the deadline, still open and overdue at
     * {@code now}], the units with the most replies first.
     */
    public Future<List<List<String>>> onTimeByUnit(Instant from, Instant to, Instant now) {
        return db.query(dsl -> {
            var inPeriod = MATTER.REPLIED_AT.ge(MatterRowRepository.odt(from)).and(MATTER.REPLIED_AT.lt(MatterRowRepository.odt(to)))
                    .and(MATTER.DEADLINE_AT.isNotNull());
            Field<Integer> replied = DSL.count().filterWhere(inPeriod);
            Field<Integer> onTime = DSL.count().filterWhere(inPeriod.and(MATTER.REPLIED_AT.le(MATTER.DEADLINE_AT)));
            Field<Integer> overdue = DSL.count().filterWhere(MATTER.REPLIED_AT.isNull()
                    .and(MATTER.STATUS.in("dispatched", "signed_for", "in_progress", "termination_requested", "reopened",
                            "escalated"))
                    .and(MATTER.DEADLINE_AT.lt(MatterRowRepository.odt(now)))
                    .and(MATTER.CREATED_AT.lt(MatterRowRepository.odt(to))));
            return dsl.select(HANDLING_UNIT.NAME, replied, onTime, overdue).from(MATTER)
                    .join(HANDLING_UNIT).on(HANDLING_UNIT.ID.eq(MATTER.LEAD_UNIT_ID))
                    .groupBy(HANDLING_UNIT.NAME).having(replied.gt(0).or(overdue.gt(0)))
                    .orderBy(replied.desc(), HANDLING_UNIT.NAME)
                    .fetch(r -> List.of(r.value1(), String.valueOf(r.value2()), String.valueOf(r.value3()),
                            String.valueOf(r.value4())));
        });
    }

    public Future<List<List<String>>> satisfaction(Instant from, Instant to) {
        return db.query(dsl -> dsl.select(REVISIT_TASK.SATISFACTION, DSL.count()).from(REVISIT_TASK)
                .where(REVISIT_TASK.STATUS.eq("done")).and(REVISIT_TASK.SATISFACTION.isNotNull())
                .and(REVISIT_TASK.DONE_AT.ge(MatterRowRepository.odt(from))).and(REVISIT_TASK.DONE_AT.lt(MatterRowRepository.odt(to)))
                .groupBy(REVISIT_TASK.SATISFACTION).orderBy(REVISIT_TASK.SATISFACTION)
                .fetch(r -> List.of(r.value1(), String.valueOf(r.value2()))));
    }

    /** Callers with at least {@code min} matters in the period: raw number, count, latest subject. */
    public Future<List<List<String>>> repeats(Instant from, Instant to, int min, int limit) {
        return db.query(dsl -> {
            Field<Integer> n = DSL.count();
            Field<String> latest = DSL.field("(array_agg({0} order by {1} desc))[1]", String.class,
                    MATTER.SUBJECT, MATTER.CREATED_AT);
            return dsl.select(MATTER.CONTACT_NUMBER_NORM, n, latest).from(MATTER)
                    .where(MATTER.CREATED_AT.ge(MatterRowRepository.odt(from))).and(MATTER.CREATED_AT.lt(MatterRowRepository.odt(to)))
                    .and(MATTER.CONTACT_NUMBER_NORM.isNotNull()).and(MATTER.STATUS.ne("draft"))
                    .groupBy(MATTER.CONTACT_NUMBER_NORM).having(n.ge(min)).orderBy(n.desc()).limit(limit)
                    .fetch(r -> List.of(r.value1(), String.valueOf(r.value2()), r.value3() == null ? "" : r.value3()));
        });
    }

    /** The most frequent subjects (trimmed) in the period. */
    public Future<List<List<String>>> hotSubjects(Instant from, Instant to, int limit) {
        return db.query(dsl -> {
            Field<String> subject = DSL.trim(MATTER.SUBJECT);
            Field<Integer> n = DSL.count();
            return dsl.select(subject, n).from(MATTER)
                    .where(MATTER.CREATED_AT.ge(MatterRowRepository.odt(from))).and(MATTER.CREATED_AT.lt(MatterRowRepository.odt(to)))
                    .and(DSL.trim(MATTER.SUBJECT).ne("")).and(MATTER.STATUS.ne("draft"))
                    .groupBy(subject).orderBy(n.desc(), subject).limit(limit)
                    .fetch(r -> List.of(r.value1(), String.valueOf(r.value2())));
        });
    }
}
