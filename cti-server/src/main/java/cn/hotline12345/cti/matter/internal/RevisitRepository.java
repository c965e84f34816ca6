package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.RevisitTask;
import cn.hotline12345.cti.matter.api.SurveyRecord;
import cn.hotline12345.cti.platform.db.Db;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;

import static cn.hotline12345.schema.jooq.Tables.CALL;
import static cn.hotline12345.schema.jooq.Tables.CALL_SURVEY;
import static cn.hotline12345.schema.jooq.Tables.MATTER;
import static cn.hotline12345.schema.jooq.Tables.REVISIT_TASK;

/** revisit_task and call_survey. */
public final class RevisitRepository {

    private final Db db;

    public RevisitRepository(Db db) {
        this.db = db;
    }

    /** Pending tasks due by {@code now}, oldest first. */
    public Future<List<RevisitTask>> due(Instant now, int limit) {
        return db.query(dsl -> dsl.select(REVISIT_TASK.fields()).select(MATTER.NUMBER, MATTER.CONTACT_NUMBER)
                .from(REVISIT_TASK).join(MATTER).on(MATTER.ID.eq(REVISIT_TASK.MATTER_ID))
                .where(REVISIT_TASK.STATUS.eq("pending")).and(REVISIT_TASK.DUE_AT.le(MatterRowRepository.odt(now)))
                .orderBy(REVISIT_TASK.DUE_AT, REVISIT_TASK.ID).limit(limit)
                .fetch(r -> new RevisitTask(r.get(REVISIT_TASK.ID), r.get(REVISIT_TASK.MATTER_ID), r.get(MATTER.NUMBER),
                        r.get(MATTER.CONTACT_NUMBER), r.get(REVISIT_TASK.STATUS),
                        MatterRowRepository.instant(r.get(REVISIT_TASK.DUE_AT)), r.get(REVISIT_TASK.ATTEMPTS))));
    }

    /** Marks an outbound attempt: calling, back to pending with a later due time, or failed. */
    public Future<Boolean> attempted(long taskId, String status, Instant nextDue) {
        return db.query(dsl -> dsl.update(REVISIT_TASK).set(REVISIT_TASK.STATUS, status)
                .set(REVISIT_TASK.ATTEMPTS, REVISIT_TASK.ATTEMPTS.plus(status.equals("calling") ? 1 : 0))
                .set(REVISIT_TASK.DUE_AT, nextDue == null ? REVISIT_TASK.DUE_AT : org.jooq.impl.DSL.val(MatterRowRepository.odt(nextDue)))
                .where(REVISIT_TASK.ID.eq(taskId)).and(REVISIT_TASK.STATUS.in("pending", "calling")).execute() == 1);
    }

    /** Stores a survey answer once per call; false when the call was already rated. */
    public Future<Boolean> insertSurvey(SurveyRecord s) {
        return db.tx(dsl -> {
            int n = dsl.insertInto(CALL_SURVEY).set(CALL_SURVEY.PBX_ID, s.callKey().pbxId())
                    .set(CALL_SURVEY.LINKEDID, s.callKey().linkedid()).set(CALL_SURVEY.MATTER_ID, s.matterId())
                    .set(CALL_SURVEY.AGENT, s.agent()).set(CALL_SURVEY.RATING, s.rating().code())
                    .set(CALL_SURVEY.AT, MatterRowRepository.odt(s.at())).onConflictDoNothing().execute();
            if (n == 1) {
                dsl.update(CALL).set(CALL.SURVEY_RATING, s.rating().code())
                        .where(CALL.PBX_ID.eq(s.callKey().pbxId())).and(CALL.LINKEDID.eq(s.callKey().linkedid())).execute();
            }
            return n == 1;
        });
    }

    public Future<Boolean> matterExists(long matterId) {
        return db.query(dsl -> dsl.fetchExists(MATTER, MATTER.ID.eq(matterId)));
    }
}
