package cn.hotline12345.cti.caller.internal;


import cn.hotline12345.cti.caller.api.MatterMerge;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.List;

import static cn.hotline12345.cti.caller.internal.CallerRepository.inst;
import static cn.hotline12345.cti.caller.internal.CallerRepository.odt;
import static cn.hotline12345.schema.jooq.Tables.CALL;
import static cn.hotline12345.schema.jooq.Tables.MATTER;
import static cn.hotline12345.schema.jooq.Tables.MATTER_CALL;
import static cn.hotline12345.schema.jooq.Tables.MATTER_MERGE;

/**
 * Links calls to matters ({@code matter_call}) and records merges ({@code matter_merge}). Only inserts into
 * and reads those tables; the matter's own columns belong to the matter workflow.
 */
public final class MatterLinkRepository {

    /** The normalised contact number of a matter, or null when there is no such matter. */
    public String matterNumberNorm(DSLContext dsl, long matterId) {
        return dsl.select(MATTER.CONTACT_NUMBER_NORM).from(MATTER).where(MATTER.ID.eq(matterId)).fetchOne(MATTER.CONTACT_NUMBER_NORM);
    }

    public boolean matterExists(DSLContext dsl, long matterId) {
        return dsl.fetchExists(MATTER, MATTER.ID.eq(matterId));
    }

    /** The caller number of a call, or null when there is no such call; empty string when it has none. */
    public String callNumberNorm(DSLContext dsl, long callId) {
        var r = dsl.select(CALL.CALLER_NUMBER_NORM).from(CALL).where(CALL.ID.eq(callId)).fetchOne();
        return r == null ? null : r.value1() == null ? "" : r.value1();
    }

    /** @return whether the link is new */
    public boolean link(DSLContext dsl, long callId, long matterId) {
        return dsl.insertInto(MATTER_CALL).set(MATTER_CALL.CALL_ID, callId).set(MATTER_CALL.MATTER_ID, matterId)
                .onConflictDoNothing().execute() == 1;
    }

    /** The merge currently holding a matter (as the merged one), or null. */
    public MatterMerge activeMergeOf(DSLContext dsl, long mergedMatterId) {
        return dsl.selectFrom(MATTER_MERGE)
                .where(MATTER_MERGE.MERGED_MATTER_ID.eq(mergedMatterId).and(MATTER_MERGE.SPLIT_AT.isNull()))
                .fetchOne(MatterLinkRepository::toMerge);
    }

    public MatterMerge insertMerge(DSLContext dsl, long primary, long merged, String reason, String by, Instant at) {
        return toMerge(dsl.insertInto(MATTER_MERGE)
                .set(MATTER_MERGE.PRIMARY_MATTER_ID, primary)
                .set(MATTER_MERGE.MERGED_MATTER_ID, merged)
                .set(MATTER_MERGE.REASON, reason)
                .set(MATTER_MERGE.MERGED_BY, by)
                .set(MATTER_MERGE.MERGED_AT, odt(at))
                .returning().fetchOne());
    }

    public MatterMerge split(DSLContext dsl, long mergeId, String reason, String by, Instant at) {
        var r = dsl.update(MATTER_MERGE)
                .set(MATTER_MERGE.SPLIT_AT, odt(at))
                .set(MATTER_MERGE.SPLIT_BY, by)
                .set(MATTER_MERGE.SPLIT_REASON, reason)
                .where(MATTER_MERGE.ID.eq(mergeId).and(MATTER_MERGE.SPLIT_AT.isNull()))
                .returning().fetchOne();
        return r == null ? null : toMerge(r);
    }

    /** Active merges whose primary is this matter. */
    public List<MatterMerge> mergedInto(DSLContext dsl, long primary) {
        return dsl.selectFrom(MATTER_MERGE)
                .where(MATTER_MERGE.PRIMARY_MATTER_ID.eq(primary).and(MATTER_MERGE.SPLIT_AT.isNull()))
                .orderBy(MATTER_MERGE.MERGED_AT)
                .fetch(MatterLinkRepository::toMerge);
    }

    private static MatterMerge toMerge(cn.hotline12345.schema.jooq.tables.records.MatterMergeRecord r) {
        return new MatterMerge(r.getId(), r.getPrimaryMatterId(), r.getMergedMatterId(), r.getReason(), r.getMergedBy(),
                inst(r.getMergedAt()), r.getSplitBy(), inst(r.getSplitAt()), r.getSplitReason());
    }
}
