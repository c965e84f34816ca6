package cn.hotline12345.cti.caller.internal;


import cn.hotline12345.cti.caller.api.AppealStatus;
import cn.hotline12345.cti.caller.api.Measure;
import cn.hotline12345.cti.caller.api.MeasureLevel;
import cn.hotline12345.schema.jooq.tables.records.CallerMeasureRecord;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.List;

import static cn.hotline12345.cti.caller.internal.CallerRepository.inst;
import static cn.hotline12345.cti.caller.internal.CallerRepository.odt;
import static cn.hotline12345.schema.jooq.Tables.CALLER_MEASURE;

/** Reads and writes {@code caller_measure}; callers pass their transaction so the audit entry commits with it. */
public final class MeasureRepository {

    static Measure toMeasure(CallerMeasureRecord r) {
        return new Measure(r.getId(), r.getNumberNorm(), MeasureLevel.parse(r.getLevel()), r.getReason(),
                CallerRepository.evidence(r.getEvidence()), r.getDecidedBy(), inst(r.getStartedAt()),
                inst(r.getExpiresAt()), inst(r.getLiftedAt()), r.getLiftedBy(), r.getLiftReason(), r.getConfirmedBy(),
                inst(r.getConfirmedAt()), AppealStatus.parse(r.getAppealStatus()), r.getAppealNote(),
                inst(r.getAppealFiledAt()), r.getAppealDecidedBy(), inst(r.getAppealDecidedAt()));
    }

    /** Inserts a measure; a supervisor's own decision is confirmed at once, a rule's proposal is not. */
    public Measure insert(DSLContext dsl, String norm, MeasureLevel level, String reason, List<Long> evidence,
                          String decidedBy, boolean confirmed, Instant start, Instant expires) {
        CallerMeasureRecord r = dsl.insertInto(CALLER_MEASURE)
                .set(CALLER_MEASURE.NUMBER_NORM, norm)
                .set(CALLER_MEASURE.LEVEL, level.dbName())
                .set(CALLER_MEASURE.REASON, reason)
                .set(CALLER_MEASURE.EVIDENCE, evidence.toArray(Long[]::new))
                .set(CALLER_MEASURE.DECIDED_BY, decidedBy)
                .set(CALLER_MEASURE.STARTED_AT, odt(start))
                .set(CALLER_MEASURE.EXPIRES_AT, odt(expires))
                .set(CALLER_MEASURE.CONFIRMED_BY, confirmed ? decidedBy : null)
                .set(CALLER_MEASURE.CONFIRMED_AT, confirmed ? odt(start) : null)
                .returning()
                .fetchOne();
        return toMeasure(r);
    }

    /** Locks the row for the rest of the transaction; null when there is no such measure. */
    public Measure lock(DSLContext dsl, long id) {
        CallerMeasureRecord r = dsl.selectFrom(CALLER_MEASURE).where(CALLER_MEASURE.ID.eq(id)).forUpdate().fetchOne();
        return r == null ? null : toMeasure(r);
    }

    public Measure confirm(DSLContext dsl, long id, String by, Instant at) {
        return toMeasure(dsl.update(CALLER_MEASURE)
                .set(CALLER_MEASURE.CONFIRMED_BY, by)
                .set(CALLER_MEASURE.CONFIRMED_AT, odt(at))
                .where(CALLER_MEASURE.ID.eq(id)).returning().fetchOne());
    }

    public Measure lift(DSLContext dsl, long id, String by, String reason, Instant at) {
        return toMeasure(dsl.update(CALLER_MEASURE)
                .set(CALLER_MEASURE.LIFTED_AT, odt(at))
                .set(CALLER_MEASURE.LIFTED_BY, by)
                .set(CALLER_MEASURE.LIFT_REASON, reason)
                .where(CALLER_MEASURE.ID.eq(id)).returning().fetchOne());
    }

    public Measure fileAppeal(DSLContext dsl, long id, String note, Instant at) {
        return toMeasure(dsl.update(CALLER_MEASURE)
                .set(CALLER_MEASURE.APPEAL_STATUS, AppealStatus.PENDING.dbName())
                .set(CALLER_MEASURE.APPEAL_NOTE, note)
                .set(CALLER_MEASURE.APPEAL_FILED_AT, odt(at))
                .where(CALLER_MEASURE.ID.eq(id)).returning().fetchOne());
    }

    /** Records the appeal decision; lifting also ends the measure. */
    public Measure decideAppeal(DSLContext dsl, long id, AppealStatus decision, String note, String by, Instant at) {
        var update = dsl.update(CALLER_MEASURE)
                .set(CALLER_MEASURE.APPEAL_STATUS, decision.dbName())
                .set(CALLER_MEASURE.APPEAL_DECIDED_BY, by)
                .set(CALLER_MEASURE.APPEAL_DECIDED_AT, odt(at))
                .set(CALLER_MEASURE.CONFIRMED_BY, org.jooq.impl.DSL.coalesce(CALLER_MEASURE.CONFIRMED_BY, org.jooq.impl.DSL.val(by)))
                .set(CALLER_MEASURE.CONFIRMED_AT, org.jooq.impl.DSL.coalesce(CALLER_MEASURE.CONFIRMED_AT, org.jooq.impl.DSL.val(odt(at))));
        if (decision == AppealStatus.LIFTED) {
            update = update.set(CALLER_MEASURE.LIFTED_AT, odt(at))
                    .set(CALLER_MEASURE.LIFTED_BY, by)
                    .set(CALLER_MEASURE.LIFT_REASON, "appeal: " + note);
        }
        return toMeasure(update.where(CALLER_MEASURE.ID.eq(id)).returning().fetchOne());
    }

    /** Measures in force that wait on a supervisor (unconfirmed proposals, pending appeals), oldest first. */
    public List<Measure> reviewList(DSLContext dsl, Instant now, int limit) {
        return dsl.selectFrom(CALLER_MEASURE)
                .where(CALLER_MEASURE.LIFTED_AT.isNull()
                        .and(CALLER_MEASURE.EXPIRES_AT.isNull().or(CALLER_MEASURE.EXPIRES_AT.gt(odt(now))))
                        .and(CALLER_MEASURE.CONFIRMED_AT.isNull().or(CALLER_MEASURE.APPEAL_STATUS.eq(AppealStatus.PENDING.dbName()))))
                .orderBy(CALLER_MEASURE.STARTED_AT.asc())
                .limit(limit)
                .fetch(MeasureRepository::toMeasure);
    }

    /** All measures of a number, lifted and expired ones included, newest first. */
    public List<Measure> history(DSLContext dsl, String norm, int limit) {
        return dsl.selectFrom(CALLER_MEASURE)
                .where(CALLER_MEASURE.NUMBER_NORM.eq(norm))
                .orderBy(CALLER_MEASURE.STARTED_AT.desc())
                .limit(limit)
                .fetch(MeasureRepository::toMeasure);
    }

    /** Measures in force at {@code now} (for exports and the supervisor's list), newest first. */
    public List<Measure> active(DSLContext dsl, Instant now, int limit) {
        return dsl.selectFrom(CALLER_MEASURE)
                .where(CALLER_MEASURE.LIFTED_AT.isNull()
                        .and(CALLER_MEASURE.EXPIRES_AT.isNull().or(CALLER_MEASURE.EXPIRES_AT.gt(odt(now)))))
                .orderBy(CALLER_MEASURE.STARTED_AT.desc())
                .limit(limit)
                .fetch(MeasureRepository::toMeasure);
    }

    /**
     * Whether a rule should stay quiet for this level: a measure of that level is in force, or a person lifted
     * one after {@code since} (a supervisor's or an appeal's decision is not overridden by the next call).
     */
    public boolean suppressed(DSLContext dsl, String norm, MeasureLevel level, Instant now, Instant since) {
        return dsl.fetchExists(CALLER_MEASURE, CALLER_MEASURE.NUMBER_NORM.eq(norm)
                .and(CALLER_MEASURE.LEVEL.eq(level.dbName()))
                .and(CALLER_MEASURE.LIFTED_AT.isNull()
                        .and(CALLER_MEASURE.EXPIRES_AT.isNull().or(CALLER_MEASURE.EXPIRES_AT.gt(odt(now))))
                        .or(CALLER_MEASURE.LIFTED_AT.ge(odt(since)))));
    }
}
