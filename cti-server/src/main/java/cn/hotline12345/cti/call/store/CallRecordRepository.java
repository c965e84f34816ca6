package cn.hotline12345.cti.call.store;

import cn.hotline12345.cti.call.AgentStateChange;
import cn.hotline12345.cti.call.CallEventRecord;
import cn.hotline12345.cti.call.CallKey;
import cn.hotline12345.cti.call.CallRecord;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static cn.hotline12345.schema.jooq.Tables.AGENT_STATE_HISTORY;
import static cn.hotline12345.schema.jooq.Tables.CALL;
import static cn.hotline12345.schema.jooq.Tables.CALL_EVENT;

/**
 * Writes call records, call events and agent state history in batches, idempotently: a call record is
 * upserted on (pbx, linkedid) and frozen once it has ended; events and state changes are keyed on ids
 * derived from Asterisk's, so a replay inserts nothing. Blocking: runs on the writer's thread.
 */
public final class CallRecordRepository {

    private final DSLContext dsl;
    private final java.util.function.UnaryOperator<String> normalise;

    /** For reads and maintenance; records written through it get no normalised caller number. */
    public CallRecordRepository(DSLContext dsl) {
        this(dsl, n -> null);
    }

    /**
     * @param normalise the caller profile's key for a raw number (null for withheld or invalid numbers), kept
     *                  on each call record so the profile's indexed queries find the call
     */
    public CallRecordRepository(DSLContext dsl, java.util.function.UnaryOperator<String> normalise) {
        this.dsl = dsl;
        this.normalise = normalise;
    }

    /** Writes one batch in one transaction. */
    public void write(Collection<CallRecord> records, List<CallEventRecord> events, List<AgentStateChange> states) {
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            List<Query> queries = new ArrayList<>(records.size() + events.size() + states.size());
            for (CallRecord r : records) {
                queries.add(upsert(tx, r));
            }
            for (CallEventRecord e : events) {
                queries.add(tx.insertInto(CALL_EVENT)
                        .set(CALL_EVENT.PBX_ID, e.key().pbxId())
                        .set(CALL_EVENT.LINKEDID, e.key().linkedid())
                        .set(CALL_EVENT.EVENT_KEY, e.eventKey())
                        .set(CALL_EVENT.KIND, e.kind())
                        .set(CALL_EVENT.AT, odt(e.at()))
                        .set(CALL_EVENT.DATA, json(e.data()))
                        .onConflictDoNothing());
            }
            for (AgentStateChange s : states) {
                queries.add(tx.insertInto(AGENT_STATE_HISTORY)
                        .set(AGENT_STATE_HISTORY.PBX_ID, s.pbxId())
                        .set(AGENT_STATE_HISTORY.AGENT, s.agent())
                        .set(AGENT_STATE_HISTORY.QUEUE_NAME, s.queue())
                        .set(AGENT_STATE_HISTORY.STATE, s.state())
                        .set(AGENT_STATE_HISTORY.REASON, s.reason())
                        .set(AGENT_STATE_HISTORY.AT, odt(s.at()))
                        .set(AGENT_STATE_HISTORY.EVENT_KEY, s.eventKey())
                        .onConflictDoNothing());
            }
            if (!queries.isEmpty()) {
                tx.batch(queries).execute();
            }
        });
    }

    private Query upsert(DSLContext tx, CallRecord r) {
        var values = new java.util.LinkedHashMap<org.jooq.Field<?>, Object>();
        values.put(CALL.DIRECTION, r.direction());
        values.put(CALL.CALLER_NUMBER, r.callerNumber());
        values.put(CALL.CALLER_NUMBER_NORM, normalise.apply(r.callerNumber()));
        values.put(CALL.CALLER_NAME, r.callerName());
        values.put(CALL.DIALLED_NUMBER, r.dialled());
        values.put(CALL.STARTED_AT, odt(r.startedAt()));
        values.put(CALL.ANSWERED_AT, odt(r.answeredAt()));
        values.put(CALL.ENDED_AT, odt(r.endedAt()));
        values.put(CALL.IVR_PATH, r.ivrPath());
        values.put(CALL.IVR_VARS, json(r.ivrVars()));
        values.put(CALL.QUEUE_NAME, r.queue());
        values.put(CALL.QUEUE_PRIORITY, r.queuePriority());
        values.put(CALL.QUEUE_JOINED_AT, odt(r.queueJoinedAt()));
        values.put(CALL.QUEUE_LEFT_AT, odt(r.queueLeftAt()));
        values.put(CALL.QUEUE_POSITION, r.queuePosition());
        values.put(CALL.QUEUE_WAIT_MS, r.queueWaitMs());
        values.put(CALL.AGENT, r.agent());
        values.put(CALL.AGENTS_RUNG, r.agentsRung().toArray(new String[0]));
        values.put(CALL.TRANSFERS, r.transfers());
        values.put(CALL.HOLDS, r.holds());
        values.put(CALL.HANGUP_CAUSE, r.hangupCause());
        values.put(CALL.HANGUP_CAUSE_TXT, r.hangupCauseText());
        values.put(CALL.DISPOSITION, r.disposition() == null ? null : r.disposition().dbName());
        values.put(CALL.END_REASON, r.endReason());
        values.put(CALL.RECORDING_FILE, r.recordingFile());
        values.put(CALL.UPDATED_AT, OffsetDateTime.now(ZoneOffset.UTC));
        var insert = new java.util.LinkedHashMap<>(values);
        // The IVR may report the path of a caller who hung up after the tracker's snapshot was taken.
        values.put(CALL.IVR_PATH, DSL.coalesce(DSL.excluded(CALL.IVR_PATH), CALL.IVR_PATH));
        insert.put(CALL.PBX_ID, r.key().pbxId());
        insert.put(CALL.LINKEDID, r.key().linkedid());
        return tx.insertInto(CALL).set(insert)
                .onConflict(CALL.PBX_ID, CALL.LINKEDID)
                .doUpdate().set(values)
                .where(CALL.ENDED_AT.isNull());
    }

    /**
     * Closes the records of calls that the database still shows as live on this PBX but the PBX no longer
     * has (the server was down, or the link was lost, while they ended). Returns how many were closed.
     */
    public int closeStale(String pbxId, Set<String> liveLinkedids, Instant at, String reason) {
        var condition = CALL.PBX_ID.eq(pbxId).and(CALL.ENDED_AT.isNull());
        if (!liveLinkedids.isEmpty()) {
            condition = condition.and(CALL.LINKEDID.notIn(liveLinkedids));
        }
        return dsl.update(CALL)
                .set(CALL.ENDED_AT, odt(at))
                .set(CALL.END_REASON, reason)
                .set(CALL.DISPOSITION, DSL.when(CALL.ANSWERED_AT.isNotNull(), "answered")
                        .when(CALL.QUEUE_JOINED_AT.isNotNull(), "abandoned_in_queue")
                        .otherwise("abandoned_in_ivr"))
                .set(CALL.UPDATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .where(condition)
                .execute();
    }

    /**
     * Keeps the IVR path of a session whose caller hung up inside the IVR (no SET VARIABLE is possible then,
     * so the tracker never saw it). The AGI session runs on the call's first channel: uniqueid = linkedid.
     */
    public int recordIvrPath(String pbxId, String linkedid, String path) {
        return dsl.update(CALL).set(CALL.IVR_PATH, path).set(CALL.UPDATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .where(CALL.PBX_ID.eq(pbxId).and(CALL.LINKEDID.eq(linkedid)).and(CALL.IVR_PATH.isNull()))
                .execute();
    }

    /** One stored call record, for tests and the call history API. */
    public Optional<StoredCall> find(CallKey key) {
        return dsl.selectFrom(CALL).where(CALL.PBX_ID.eq(key.pbxId()).and(CALL.LINKEDID.eq(key.linkedid())))
                .fetchOptional()
                .map(r -> new StoredCall(r.getId(), key, r.getCallerNumber(), r.getIvrPath(), r.getQueueName(),
                        r.getAgent(), r.getDisposition(), r.getEndReason(), r.getQueueWaitMs(),
                        r.getAnsweredAt() == null ? null : r.getAnsweredAt().toInstant(),
                        r.getEndedAt() == null ? null : r.getEndedAt().toInstant(), r.getHangupCause()));
    }

    /** A call record as stored. */
    public record StoredCall(long id, CallKey key, String callerNumber, String ivrPath, String queue, String agent,
                             String disposition, String endReason, Long queueWaitMs, Instant answeredAt,
                             Instant endedAt, Integer hangupCause) {
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static JSONB json(Map<String, String> m) {
        return JSONB.valueOf(cn.hotline12345.cti.db.FlatJson.of(m));
    }
}
