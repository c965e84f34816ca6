package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.AgentStateChange;
import cn.hotline12345.cti.call.api.CallEventRecord;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.sql.Statement;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static cn.hotline12345.schema.jooq.Tables.AGENT_STATE_HISTORY;
import static cn.hotline12345.schema.jooq.Tables.CALL;

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

    /** Per connection, whether its staging tables exist (temporary tables live as long as the session). */
    private final Set<Object> staged = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    private static final String CALL_STAGE_DDL = """
            create temp table if not exists call_stage (pbx_id text, linkedid text, direction text,
              caller_number text, caller_number_norm text, caller_name text, dialled_number text,
              started_at timestamptz, answered_at timestamptz, ended_at timestamptz, ivr_path text, ivr_vars jsonb,
              queue_name text, queue_priority integer, queue_joined_at timestamptz, queue_left_at timestamptz,
              queue_position integer, queue_wait_ms bigint, agent text, agents_rung text[], transfers integer,
              holds integer, hangup_cause integer, hangup_cause_txt text, disposition text, end_reason text,
              recording_file text) on commit delete rows""";
    private static final String EVENT_STAGE_DDL = """
            create temp table if not exists call_event_stage (pbx_id text, linkedid text, event_key text, kind text,
              at timestamptz, data jsonb) on commit delete rows""";
    private static final String CALL_COLUMNS = "pbx_id, linkedid, direction, caller_number, caller_number_norm, "
            + "caller_name, dialled_number, started_at, answered_at, ended_at, ivr_path, ivr_vars, queue_name, "
            + "queue_priority, queue_joined_at, queue_left_at, queue_position, queue_wait_ms, agent, agents_rung, "
            + "transfers, holds, hangup_cause, hangup_cause_txt, disposition, end_reason, recording_file";
    /**
     * On conflict all columns but the key are replaced, unless the stored call has ended (a late record never
     * reopens it). A disposition decided by people (not accepted under art. 19, ended as a nuisance call)
     * outlives the tracker's own view of how the call went; the IVR may have reported the path of a caller who
     * hung up after the tracker's snapshot was taken, so a null path keeps the stored one.
     */
    private static final String CALL_UPSERT = "insert into call (" + CALL_COLUMNS + ", updated_at) select "
            + CALL_COLUMNS + ", now() from call_stage on conflict (pbx_id, linkedid) do update set "
            + "direction = excluded.direction, caller_number = excluded.caller_number, "
            + "caller_number_norm = excluded.caller_number_norm, caller_name = excluded.caller_name, "
            + "dialled_number = excluded.dialled_number, started_at = excluded.started_at, "
            + "answered_at = excluded.answered_at, ended_at = excluded.ended_at, "
            + "ivr_path = coalesce(excluded.ivr_path, call.ivr_path), ivr_vars = excluded.ivr_vars, "
            + "queue_name = excluded.queue_name, queue_priority = excluded.queue_priority, "
            + "queue_joined_at = excluded.queue_joined_at, queue_left_at = excluded.queue_left_at, "
            + "queue_position = excluded.queue_position, queue_wait_ms = excluded.queue_wait_ms, "
            + "agent = excluded.agent, agents_rung = excluded.agents_rung, transfers = excluded.transfers, "
            + "holds = excluded.holds, hangup_cause = excluded.hangup_cause, "
            + "hangup_cause_txt = excluded.hangup_cause_txt, "
            + "disposition = case when call.disposition in ('not_accepted', 'nuisance') then call.disposition "
            + "else excluded.disposition end, end_reason = excluded.end_reason, "
            + "recording_file = excluded.recording_file, updated_at = excluded.updated_at "
            + "where call.ended_at is null";
    private static final String EVENT_INSERT = "insert into call_event (pbx_id, linkedid, event_key, kind, at, data) "
            + "select pbx_id, linkedid, event_key, kind, at, data from call_event_stage on conflict do nothing";

    /**
     * Writes one batch in one transaction. Call records are streamed with {@code COPY} into a session-local
     * staging table and moved with one prepared {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE}; call events
     * are copied straight into call_event (see {@link #insertEvents}). The rows cross as plain text, and no
     * statement grows with the batch (a multi-row jOOQ statement spent most of the writer's CPU rendering and
     * binding, docs/performance.md). Records of the same call keep the last one, unless an earlier one had ended
     * the call.
     */
    public void write(Collection<CallRecord> records, List<CallEventRecord> events, List<AgentStateChange> states) {
        write(records, events, states, Map.of());
    }

    /** What a fenced write refused: the PBXs whose lease has a newer epoch and how many items were theirs. */
    public record Fenced(Set<String> pbxIds, int items) {
    }

    /**
     * As {@link #write(Collection, List, List)}, fenced (issue 25 item 2): first in the batch's transaction the
     * lease rows of {@code epochs}' PBXs are read {@code FOR SHARE} (a takeover, which updates the row, waits for
     * this commit; a batch after a takeover sees the new epoch), and the items of every PBX whose lease epoch is
     * newer than the one given are left out. PBXs not in {@code epochs} are not fenced (a single server).
     */
    public Fenced write(Collection<CallRecord> records, List<CallEventRecord> events, List<AgentStateChange> states,
                        Map<String, Long> epochs) {
        Map<CallKey, CallRecord> latest = new java.util.LinkedHashMap<>();
        for (CallRecord r : records) {
            latest.merge(r.key(), r, CallRecordRepository::newer);
        }
        Fenced[] refused = {new Fenced(Set.of(), 0)};
        try {
            write(latest, events, states, false, epochs, refused);
        } catch (org.jooq.exception.DataAccessException e) {
            // Only the straight COPY of the events can meet a stored key (everything else skips or merges
            // conflicts): a journal replay or a resync. The whole batch was rolled back; write it again with the
            // events going through the staging table, skipping those that exist.
            if (!UNIQUE_VIOLATION.equals(e.sqlState()) || events.isEmpty()) {
                throw e;
            }
            write(latest, events, states, true, epochs, refused);
        }
        return refused[0];
    }

    private void write(Map<CallKey, CallRecord> latestIn, List<CallEventRecord> eventsIn, List<AgentStateChange> statesIn,
                       boolean eventsMayExist, Map<String, Long> epochs, Fenced[] refused) {
        dsl.connection(c -> {
            Object physical = c.unwrap(PGConnection.class);
            boolean autoCommit = c.getAutoCommit();
            try {
                if (!staged.contains(physical)) {
                    try (Statement st = c.createStatement()) {
                        st.execute(CALL_STAGE_DDL);
                        st.execute(EVENT_STAGE_DDL);
                    }
                    staged.add(physical);
                }
                c.setAutoCommit(false);
                Map<CallKey, CallRecord> latest = latestIn;
                List<CallEventRecord> events = eventsIn;
                List<AgentStateChange> states = statesIn;
                Set<String> stale = epochs.isEmpty() ? Set.of() : LeaseFence.stale(c, epochs);
                refused[0] = new Fenced(stale, 0);
                if (!stale.isEmpty()) {
                    latest = new java.util.LinkedHashMap<>(latestIn);
                    latest.keySet().removeIf(k -> stale.contains(k.pbxId()));
                    events = eventsIn.stream().filter(e -> !stale.contains(e.key().pbxId())).toList();
                    states = statesIn.stream().filter(st -> !stale.contains(st.pbxId())).toList();
                    refused[0] = new Fenced(stale, latestIn.size() - latest.size() + eventsIn.size() - events.size()
                            + statesIn.size() - states.size());
                }
                CopyManager copy = ((PGConnection) physical).getCopyAPI();
                if (!latest.isEmpty()) {
                    copy.copyIn("copy call_stage (" + CALL_COLUMNS + ") from stdin", new StringReader(callRows(latest.values())));
                    // prepared: PgJDBC keeps it per connection and, from the fifth use, as a named server-side
                    // statement, so PostgreSQL stops parsing and planning it for every batch
                    try (java.sql.PreparedStatement st = c.prepareStatement(CALL_UPSERT)) {
                        st.executeUpdate();
                    }
                }
                if (!events.isEmpty()) {
                    insertEvents(c, copy, eventRows(events), eventsMayExist);
                }
                if (!states.isEmpty()) {
                    insertStates(DSL.using(c, dsl.dialect(), dsl.settings()), states);
                }
                c.commit();
            } catch (Exception e) {
                staged.remove(physical); // a rolled-back session may have lost them; creating again is harmless
                try {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                } catch (java.sql.SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        });
    }

    /**
     * Events are new in the normal stream, so they are copied straight into call_event (a key already stored
     * fails the batch, which {@link #write(Collection, List, List)} then writes again with
     * {@code eventsMayExist}); only then are they inserted through the staging table, skipping what exists.
     * Straight COPY spares PostgreSQL the staging copy and the speculative-insertion probes for the common case,
     * and the batch a savepoint's two round trips.
     */
    private static void insertEvents(java.sql.Connection c, CopyManager copy, String rows, boolean eventsMayExist)
            throws java.sql.SQLException, java.io.IOException {
        if (!eventsMayExist) {
            copy.copyIn("copy call_event (pbx_id, linkedid, event_key, kind, at, data) from stdin", new StringReader(rows));
            return;
        }
        copy.copyIn("copy call_event_stage (pbx_id, linkedid, event_key, kind, at, data) from stdin", new StringReader(rows));
        try (java.sql.PreparedStatement st = c.prepareStatement(EVENT_INSERT)) {
            st.executeUpdate();
        }
    }

    private static final String UNIQUE_VIOLATION = "23505";

    /** Of two records of one call, the one to keep: the later, unless only the earlier has ended. */
    static CallRecord newer(CallRecord older, CallRecord later) {
        return older.ended() && !later.ended() ? older : later;
    }

    private String callRows(Collection<CallRecord> records) {
        CopyText t = new CopyText(records.size() * 400);
        for (CallRecord r : records) {
            t.text(r.key().pbxId()).text(r.key().linkedid()).text(r.direction()).text(r.callerNumber())
                    .text(normalise.apply(r.callerNumber())).text(r.callerName()).text(r.dialled())
                    .time(r.startedAt()).time(r.answeredAt()).time(r.endedAt()).text(r.ivrPath())
                    .text(cn.hotline12345.cti.platform.db.FlatJson.of(r.ivrVars())).text(r.queue()).number(r.queuePriority())
                    .time(r.queueJoinedAt()).time(r.queueLeftAt()).number(r.queuePosition()).number(r.queueWaitMs())
                    .text(r.agent()).textArray(r.agentsRung()).number(r.transfers()).number(r.holds())
                    .number(r.hangupCause()).text(r.hangupCauseText())
                    .text(r.disposition() == null ? null : r.disposition().dbName()).text(r.endReason())
                    .text(r.recordingFile()).endRow();
        }
        return t.toString();
    }

    private static String eventRows(List<CallEventRecord> events) {
        CopyText t = new CopyText(events.size() * 160);
        for (CallEventRecord e : events) {
            t.text(e.key().pbxId()).text(e.key().linkedid()).text(e.eventKey()).text(e.kind()).time(e.at())
                    .text(cn.hotline12345.cti.platform.db.FlatJson.of(e.data())).endRow();
        }
        return t.toString();
    }

    /** Agent state changes are rare (logins, pauses): one multi-row statement is fine for them. */
    private static void insertStates(DSLContext tx, List<AgentStateChange> states) {
        for (int i = 0; i < states.size(); i += 1_000) {
            var insert = tx.insertInto(AGENT_STATE_HISTORY, AGENT_STATE_HISTORY.PBX_ID, AGENT_STATE_HISTORY.AGENT,
                    AGENT_STATE_HISTORY.QUEUE_NAME, AGENT_STATE_HISTORY.STATE, AGENT_STATE_HISTORY.REASON,
                    AGENT_STATE_HISTORY.AT, AGENT_STATE_HISTORY.EVENT_KEY);
            for (AgentStateChange s : states.subList(i, Math.min(states.size(), i + 1_000))) {
                insert = insert.values(s.pbxId(), s.agent(), s.queue(), s.state(), s.reason(), odt(s.at()), s.eventKey());
            }
            insert.onConflictDoNothing().execute();
        }
    }

    /**
     * Closes the records of calls that the database still shows as live on this PBX but the PBX no longer
     * has (the server was down, or the link was lost, while they ended), among those that started before
     * {@code startedBefore} (this link's start: later calls are the running server's own). Returns how many were closed.
     */
    public int closeStale(String pbxId, Set<String> liveLinkedids, Instant startedBefore, Instant at, String reason) {
        return closeStale(pbxId, liveLinkedids, startedBefore, at, reason, 0);
    }

    /**
     * As {@link #closeStale(String, Set, Instant, Instant, String)}, fenced by this node's lease epoch (issue 25): in
     * the same transaction, {@link LeaseFence.Refused} is thrown (and nothing closed) when the PBX's lease has a newer
     * epoch. A paused owner's resync list is stale: it would close the calls the new owner is tracking.
     */
    public int closeStale(String pbxId, Set<String> liveLinkedids, Instant startedBefore, Instant at, String reason,
                          long epoch) {
        var condition = CALL.PBX_ID.eq(pbxId).and(CALL.ENDED_AT.isNull()).and(CALL.STARTED_AT.lt(odt(startedBefore)));
        if (!liveLinkedids.isEmpty()) {
            condition = condition.and(CALL.LINKEDID.notIn(liveLinkedids));
        }
        var where = condition;
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.connection(c -> LeaseFence.check(c, pbxId, epoch));
            return tx.update(CALL)
                    .set(CALL.ENDED_AT, odt(at))
                    .set(CALL.END_REASON, reason)
                    .set(CALL.DISPOSITION, DSL.when(CALL.ANSWERED_AT.isNotNull(), "answered")
                            .when(CALL.QUEUE_JOINED_AT.isNotNull(), "abandoned_in_queue")
                            .otherwise("abandoned_in_ivr"))
                    .set(CALL.UPDATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                    .where(where)
                    .execute();
        });
    }

    /**
     * Keeps the IVR path of a session whose caller hung up inside the IVR (no SET VARIABLE is possible then,
     * so the tracker never saw it). The AGI session runs on the call's first channel: uniqueid = linkedid.
     */
    public int recordIvrPath(String pbxId, String linkedid, String path) {
        return recordIvrPath(pbxId, linkedid, path, 0);
    }

    /**
     * As {@link #recordIvrPath(String, String, String)}, fenced (issue 25): {@link LeaseFence.Refused} when the PBX's
     * lease has a newer epoch than {@code epoch} (see {@code CallModule#recordIvrPath} for which epoch that is).
     */
    public int recordIvrPath(String pbxId, String linkedid, String path, long epoch) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.connection(c -> LeaseFence.check(c, pbxId, epoch));
            return tx.update(CALL).set(CALL.IVR_PATH, path).set(CALL.UPDATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                    .where(CALL.PBX_ID.eq(pbxId).and(CALL.LINKEDID.eq(linkedid)).and(CALL.IVR_PATH.isNull()))
                    .execute();
        });
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

}
