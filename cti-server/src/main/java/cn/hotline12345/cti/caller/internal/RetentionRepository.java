package cn.hotline12345.cti.caller.internal;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

import java.time.Instant;

import static cn.hotline12345.cti.caller.internal.CallerRepository.odt;
import static cn.hotline12345.schema.jooq.Tables.CALL;
import static cn.hotline12345.schema.jooq.Tables.CALLER;
import static cn.hotline12345.schema.jooq.Tables.CALLER_CALL_SEEN;
import static cn.hotline12345.schema.jooq.Tables.CALLER_FLAG;
import static cn.hotline12345.schema.jooq.Tables.CALLER_MEASURE;
import static cn.hotline12345.schema.jooq.Tables.CALL_EVENT;

/**
 * Forgets personal data in call records past retention, one bounded batch per statement so no statement holds
 * locks for long. Call rows are anonymised, not deleted: matters, flags and statistics reference them.
 */
public final class RetentionRepository {

    /** Anonymises up to {@code batch} calls started before the cutoff; returns how many. */
    public int anonymiseCalls(DSLContext dsl, Instant cutoff, int batch) {
        var ids = DSL.select(CALL.ID).from(CALL)
                .where(CALL.STARTED_AT.lt(odt(cutoff))
                        .and(CALL.CALLER_NUMBER.isNotNull().or(CALL.CALLER_NUMBER_NORM.isNotNull())
                                .or(CALL.CALLER_NAME.isNotNull()).or(CALL.RECORDING_FILE.isNotNull())))
                .limit(batch);
        return dsl.update(CALL)
                .setNull(CALL.CALLER_NUMBER)
                .setNull(CALL.CALLER_NUMBER_NORM)
                .setNull(CALL.CALLER_NAME)
                .setNull(CALL.RECORDING_FILE)
                .set(CALL.IVR_VARS, JSONB.valueOf("{}"))
                .where(CALL.ID.in(ids))
                .execute();
    }

    /** Deletes up to {@code batch} call events before the cutoff. */
    public int deleteEvents(DSLContext dsl, Instant cutoff, int batch) {
        return dsl.deleteFrom(CALL_EVENT)
                .where(CALL_EVENT.ID.in(DSL.select(CALL_EVENT.ID).from(CALL_EVENT)
                        .where(CALL_EVENT.AT.lt(odt(cutoff))).limit(batch)))
                .execute();
    }

    /** Deletes the dedupe keys, old flags and callers not heard of since the cutoff and never under a measure. */
    public int forgetCallers(DSLContext dsl, Instant cutoff) {
        dsl.deleteFrom(CALLER_CALL_SEEN).where(CALLER_CALL_SEEN.AT.lt(odt(cutoff))).execute();
        dsl.deleteFrom(CALLER_FLAG).where(CALLER_FLAG.AT.lt(odt(cutoff))
                .andNotExists(DSL.selectOne().from(CALLER_MEASURE).where(CALLER_MEASURE.NUMBER_NORM.eq(CALLER_FLAG.NUMBER_NORM)
                        .and(CALLER_MEASURE.LIFTED_AT.isNull())))).execute();
        return dsl.deleteFrom(CALLER)
                .where(CALLER.LAST_CONTACT_AT.lt(odt(cutoff))
                        .andNotExists(DSL.selectOne().from(CALLER_MEASURE).where(CALLER_MEASURE.NUMBER_NORM.eq(CALLER.NUMBER_NORM)))
                        .andNotExists(DSL.selectOne().from(CALLER_FLAG).where(CALLER_FLAG.NUMBER_NORM.eq(CALLER.NUMBER_NORM))))
                .execute();
    }
}
