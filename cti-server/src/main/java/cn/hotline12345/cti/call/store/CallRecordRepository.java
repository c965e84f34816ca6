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

    /** Rows per multi-row statement: under PostgreSQL's 65,535 bind values for the widest table (call, 27 columns). */
    private static final int ROWS_PER_STATEMENT = 1_000;

    /**
     * Writes one batch in one transaction, one multi-row statement per table (and per 1,000 rows): a JDBC batch
     * of separate statements cost a render and a parse per row, about 0.3 ms per item (docs/benchmarks.md).
     * Records of the same call keep the last one.
     */
    public void write(Collection<CallRecord> records, List<CallEventRecord> events, List<AgentStateChange> states) {
        Map<CallKey, CallRecord> latest = new java.util.LinkedHashMap<>();
        for (CallRecord r : records) {
            latest.put(r.key(), r);
        }
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            for (List<CallRecord> chunk : chunks(new ArrayList<>(latest.values()))) {
                upsert(tx, chunk).execute();
            }
            for (List<CallEventRecord> chunk : chunks(events)) {
                var insert = tx.insertInto(CALL_EVENT, CALL_EVENT.PBX_ID, CALL_EVENT.LINKEDID, CALL_EVENT.EVENT_KEY,
                        CALL_EVENT.KIND, CALL_EVENT.AT, CALL_EVENT.DATA);
                for (CallEventRecord e : chunk) {
                    insert = insert.values(e.key().pbxId(), e.key().linkedid(), e.eventKey(), e.kind(), odt(e.at()),
                            json(e.data()));
                }
                insert.onConflictDoNothing().execute();
            }
            for (List<AgentStateChange> chunk : chunks(states)) {
                var insert = tx.insertInto(AGENT_STATE_HISTORY, AGENT_STATE_HISTORY.PBX_ID, AGENT_STATE_HISTORY.AGENT,
                        AGENT_STATE_HISTORY.QUEUE_NAME, AGENT_STATE_HISTORY.STATE, AGENT_STATE_HISTORY.REASON,
                        AGENT_STATE_HISTORY.AT, AGENT_STATE_HISTORY.EVENT_KEY);
                for (AgentStateChange s : chunk) {
                    insert = insert.values(s.pbxId(), s.agent(), s.queue(), s.state(), s.reason(), odt(s.at()), s.eventKey());
                }
                insert.onConflictDoNothing().execute();
            }
        });
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += ROWS_PER_STATEMENT) {
            out.add(all.subList(i, Math.min(all.size(), i + ROWS_PER_STATEMENT)));
        }
        return out;
    }

    /** Columns a record sets; on conflict all but the key are replaced, unless the stored call has ended. */
    private static final List<org.jooq.Field<?>> CALL_COLUMNS = List.of(CALL.PBX_ID, CALL.LINKEDID, CALL.DIRECTION,
            CALL.CALLER_NUMBER, CALL.CALLER_NUMBER_NORM, CALL.CALLER_NAME, CALL.DIALLED_NUMBER, CALL.STARTED_AT, CALL.ANSWERED_AT, CALL.ENDED_AT,
            CALL.IVR_PATH, CALL.IVR_VARS, CALL.QUEUE_NAME, CALL.QUEUE_PRIORITY, CALL.QUEUE_JOINED_AT, CALL.QUEUE_LEFT_AT,
            CALL.QUEUE_POSITION, CALL.QUEUE_WAIT_MS, CALL.AGENT, CALL.AGENTS_RUNG, CALL.TRANSFERS, CALL.HOLDS,
            CALL.HANGUP_CAUSE, CALL.HANGUP_CAUSE_TXT, CALL.DISPOSITION, CALL.END_REASON, CALL.RECORDING_FILE,
            CALL.UPDATED_AT);

    private Query upsert(DSLContext tx, List<CallRecord> records) {
        var insert = tx.insertInto(CALL).columns(CALL_COLUMNS);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (CallRecord r : records) {
            insert = insert.values(java.util.Arrays.asList(r.key().pbxId(), r.key().linkedid(), r.direction(),
                    r.callerNumber(), normalise.apply(r.callerNumber()), r.callerName(), r.dialled(), odt(r.startedAt()), odt(r.answeredAt()),
                    odt(r.endedAt()), r.ivrPath(), json(r.ivrVars()), r.queue(), r.queuePriority(),
                    odt(r.queueJoinedAt()), odt(r.queueLeftAt()), r.queuePosition(), r.queueWaitMs(), r.agent(),
                    r.agentsRung().toArray(new String[0]), r.transfers(), r.holds(), r.hangupCause(),
                    r.hangupCauseText(), r.disposition() == null ? null : r.disposition().dbName(), r.endReason(),
                    r.recordingFile(), now));
        }
        var update = new java.util.LinkedHashMap<org.jooq.Field<?>, org.jooq.Field<?>>();
        for (org.jooq.Field<?> f : CALL_COLUMNS.subList(2, CALL_COLUMNS.size())) {
            update.put(f, DSL.excluded(f));
        }
        // A disposition decided by people (not accepted under art. 19, ended as a nuisance call) outlives the
        // tracker's own view of how the call went.
        update.put(CALL.DISPOSITION, DSL.when(CALL.DISPOSITION.in("not_accepted", "nuisance"), CALL.DISPOSITION)
                .otherwise(DSL.excluded(CALL.DISPOSITION)));
        // The IVR may have reported the path of a caller who hung up after the tracker's snapshot was taken.
        update.put(CALL.IVR_PATH, DSL.coalesce(DSL.excluded(CALL.IVR_PATH), CALL.IVR_PATH));
        return insert.onConflict(CALL.PBX_ID, CALL.LINKEDID)
                .doUpdate().set(update)
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
