package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.platform.db.FlatJson;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static cn.hotline12345.schema.jooq.Tables.CALL;
import static cn.hotline12345.schema.jooq.Tables.CALL_RECONCILE_STATE;

/**
 * The reconciler's writes to the server's own tables: reads the stored rows of a batch of calls, applies
 * corrections (each guarded by the row's {@code updated_at}, so a row the AMI writer changed meanwhile is left for
 * the next pass), creates the rows of calls the server never saw, appends what changed to {@code call_event}
 * (kind {@code reconciled}, keyed so that the same change is never logged twice), and keeps each PBX's progress.
 * Blocking: runs on the database worker.
 */
public final class ReconcileRepository {

    private final DSLContext dsl;

    public ReconcileRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The stored rows of these calls, by Linkedid. */
    public Map<String, CallCorrection.Stored> stored(String pbxId, Collection<String> linkedids) {
        Map<String, CallCorrection.Stored> out = new HashMap<>();
        if (linkedids.isEmpty()) {
            return out;
        }
        dsl.select(CALL.ID, CALL.LINKEDID, CALL.DISPOSITION, CALL.AGENT, CALL.QUEUE_NAME, CALL.QUEUE_WAIT_MS, CALL.TALK_MS,
                        CALL.END_REASON, CALL.ANSWERED_AT, CALL.ENDED_AT, CALL.HANGUP_CAUSE, CALL.QUEUE_JOINED_AT,
                        CALL.UPDATED_AT, CALL.SOURCE)
                .from(CALL).where(CALL.PBX_ID.eq(pbxId)).and(CALL.LINKEDID.eq(DSL.any(linkedids.toArray(String[]::new))))
                .fetch().forEach(r -> out.put(r.get(CALL.LINKEDID), new CallCorrection.Stored(r.get(CALL.ID),
                        r.get(CALL.LINKEDID), r.get(CALL.DISPOSITION), r.get(CALL.AGENT), r.get(CALL.QUEUE_NAME),
                        r.get(CALL.QUEUE_WAIT_MS), r.get(CALL.TALK_MS), r.get(CALL.END_REASON),
                        instant(r.get(CALL.ANSWERED_AT)), instant(r.get(CALL.ENDED_AT)), r.get(CALL.HANGUP_CAUSE),
                        instant(r.get(CALL.QUEUE_JOINED_AT)), r.get(CALL.UPDATED_AT), r.get(CALL.SOURCE))));
        return out;
    }

    /** One correction to write. */
    public record Fix(CallCorrection.Stored stored, CallRebuilder.Rebuilt truth, CallCorrection.Result result) {
    }

    /** Only the fields a change names are set (coalesce keeps the others); guarded by the row's updated_at. */
    private static final String UPDATE = "update call set disposition = coalesce(?, disposition), "
            + "agent = coalesce(?, agent), queue_name = coalesce(?, queue_name), queue_wait_ms = coalesce(?, queue_wait_ms), "
            + "queue_joined_at = coalesce(?, queue_joined_at), answered_at = coalesce(?, answered_at), "
            + "ended_at = coalesce(?, ended_at), end_reason = coalesce(?, end_reason), hangup_cause = coalesce(?, hangup_cause), "
            + "talk_ms = coalesce(?, talk_ms), reconciled_at = coalesce(?, reconciled_at), updated_at = ? "
            + "where id = ? and updated_at = ?";
    private static final String INSERT = "insert into call (pbx_id, linkedid, direction, caller_number, caller_number_norm, "
            + "caller_name, dialled_number, started_at, answered_at, ended_at, queue_name, queue_joined_at, queue_left_at, "
            + "queue_wait_ms, agent, agents_rung, transfers, hangup_cause, disposition, end_reason, recording_file, talk_ms, "
            + "source, reconciled_at, updated_at) values (?, ?, 'inbound', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "'normal', ?, ?, 'cel', ?, ?) on conflict (pbx_id, linkedid) do nothing";
    private static final String EVENT = "insert into call_event (pbx_id, linkedid, event_key, kind, at, data) "
            + "values (?, ?, ?, ?, ?, ?::jsonb) on conflict do nothing";

    /**
     * Writes the corrections and the created rows of one batch in one transaction, each kind as one prepared statement
     * in a JDBC batch. A fix that only fills in the talk time (the AMI writer never keeps it) is written without a
     * timeline entry and without {@code reconciled_at}: it corrects nothing.
     *
     * @return how many corrections took effect (a row changed meanwhile is skipped) and how many rows were created
     */
    public int[] apply(String pbxId, List<Fix> fixes, List<CallRebuilder.Rebuilt> created, Instant at,
                       UnaryOperator<String> normalise) {
        return apply(pbxId, fixes, created, at, normalise, 0);
    }

    /**
     * As {@link #apply(String, List, List, Instant, UnaryOperator)}, fenced by this node's lease epoch (issue 25): first
     * in the transaction, {@link LeaseFence.Refused} is thrown (nothing written) when the PBX's lease has a newer epoch.
     */
    public int[] apply(String pbxId, List<Fix> fixes, List<CallRebuilder.Rebuilt> created, Instant at,
                       UnaryOperator<String> normalise, long epoch) {
        OffsetDateTime now = odt(at);
        return dsl.transactionResult(cfg -> DSL.using(cfg).connectionResult(c -> {
            LeaseFence.check(c, pbxId, epoch);
            List<String[]> events = new ArrayList<>();
            int corrected = 0;
            if (!fixes.isEmpty()) {
                try (java.sql.PreparedStatement st = c.prepareStatement(UPDATE)) {
                    for (Fix f : fixes) {
                        bindFix(st, f, now);
                        st.addBatch();
                    }
                    int[] n = st.executeBatch();
                    for (int k = 0; k < n.length; k++) {
                        Fix f = fixes.get(k);
                        if (n[k] == 0 || !f.result().counts()) {
                            continue; // changed meanwhile (the next pass looks again), or only a talk time filled in
                        }
                        corrected++;
                        for (CallCorrection.Change ch : f.result().changes()) {
                            Map<String, String> data = new LinkedHashMap<>();
                            data.put("field", ch.field());
                            data.put("from", ch.from() == null ? "" : ch.from());
                            data.put("to", ch.to() == null ? "" : ch.to());
                            data.put("source", ch.source());
                            // call_event keys are unique per PBX: the call is part of the key, and the new value makes a
                            // second, different correction of the same field a new entry
                            events.add(new String[] {f.stored().linkedid(),
                                    "Reconciled:" + f.stored().linkedid() + ":" + ch.field() + ":" + ch.to(),
                                    "reconciled", FlatJson.of(data)});
                        }
                    }
                }
            }
            int made = 0;
            if (!created.isEmpty()) {
                try (java.sql.PreparedStatement st = c.prepareStatement(INSERT)) {
                    for (CallRebuilder.Rebuilt r : created) {
                        bindCreated(c, st, pbxId, r, now, normalise);
                        st.addBatch();
                    }
                    int[] n = st.executeBatch();
                    for (int k = 0; k < n.length; k++) {
                        if (n[k] == 1) {
                            made++;
                            CallRebuilder.Rebuilt r = created.get(k);
                            Map<String, String> data = new LinkedHashMap<>();
                            data.put("source", "cel");
                            data.put("disposition", r.disposition().dbName());
                            events.add(new String[] {r.key().linkedid(), "Reconciled:" + r.key().linkedid() + ":created", "reconciled_created",
                                    FlatJson.of(data)});
                        }
                    }
                }
            }
            if (!events.isEmpty()) {
                try (java.sql.PreparedStatement st = c.prepareStatement(EVENT)) {
                    for (String[] e : events) {
                        st.setString(1, pbxId);
                        st.setString(2, e[0]);
                        st.setString(3, e[1].length() > 200 ? e[1].substring(0, 200) : e[1]);
                        st.setString(4, e[2]);
                        st.setObject(5, now);
                        st.setString(6, e[3]);
                        st.addBatch();
                    }
                    st.executeBatch();
                }
            }
            return new int[] {corrected, made};
        }));
    }

    private static final int[] FIX_TYPES = {java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR,
            java.sql.Types.BIGINT, java.sql.Types.TIMESTAMP_WITH_TIMEZONE, java.sql.Types.TIMESTAMP_WITH_TIMEZONE,
            java.sql.Types.TIMESTAMP_WITH_TIMEZONE, java.sql.Types.VARCHAR, java.sql.Types.INTEGER, java.sql.Types.BIGINT};

    private static void bindFix(java.sql.PreparedStatement st, Fix f, OffsetDateTime now) throws java.sql.SQLException {
        Object[] v = new Object[10];
        CallRebuilder.Rebuilt r = f.truth();
        for (CallCorrection.Change c : f.result().changes()) {
            switch (c.field()) {
                case "disposition" -> v[0] = c.to();
                case "agent" -> v[1] = r.agent();
                case "queue" -> v[2] = r.queue();
                case "queue_wait_ms" -> v[3] = r.queueWaitMs();
                case "queue_joined_at" -> v[4] = odt(r.queueJoinedAt());
                case "answered_at" -> v[5] = odt(r.answeredAt());
                case "ended_at" -> v[6] = odt(r.endedAt());
                case "end_reason" -> v[7] = "normal";
                case "hangup_cause" -> v[8] = r.hangupCause();
                case "talk_ms" -> v[9] = r.talkMs();
                default -> throw new IllegalArgumentException("no such field: " + c.field());
            }
        }
        for (int k = 0; k < v.length; k++) {
            if (v[k] == null) {
                st.setNull(k + 1, FIX_TYPES[k]);
            } else {
                st.setObject(k + 1, v[k]);
            }
        }
        if (f.result().counts()) {
            st.setObject(11, now);
        } else {
            st.setNull(11, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        }
        st.setObject(12, now);
        st.setLong(13, f.stored().id());
        st.setObject(14, f.stored().updatedAt());
    }

    private static void bindCreated(java.sql.Connection c, java.sql.PreparedStatement st, String pbxId,
                                    CallRebuilder.Rebuilt r, OffsetDateTime now, UnaryOperator<String> normalise)
            throws java.sql.SQLException {
        String linkedid = r.key().linkedid();
        int i = 1;
        st.setString(i++, pbxId);
        st.setString(i++, linkedid);
        st.setString(i++, r.callerNumber());
        st.setString(i++, normalise.apply(r.callerNumber()));
        st.setString(i++, r.callerName());
        st.setString(i++, r.dialled());
        st.setObject(i++, odt(r.startedAt() != null ? r.startedAt() : r.endedAt()));
        st.setObject(i++, odt(r.answeredAt()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        st.setObject(i++, odt(r.endedAt()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        st.setString(i++, r.queue());
        st.setObject(i++, odt(r.queueJoinedAt()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        st.setObject(i++, odt(r.queueLeftAt()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        st.setObject(i++, r.queueWaitMs(), java.sql.Types.BIGINT);
        st.setString(i++, r.agent());
        st.setArray(i++, c.createArrayOf("text", r.agent() == null ? new String[0] : new String[] {r.agent()}));
        st.setInt(i++, r.transfers());
        st.setObject(i++, r.hangupCause(), java.sql.Types.INTEGER);
        st.setString(i++, r.disposition().dbName());
        // the dialplan starts MixMonitor(${UNIQUEID}.wav,b) on the caller's channel just before Queue()
        st.setString(i++, r.reachedQueueApp() ? linkedid + ".wav" : null);
        st.setObject(i++, r.talkMs(), java.sql.Types.BIGINT);
        st.setObject(i++, now);
        st.setObject(i, now);
    }

    /** Every call of this PBX that ended before this instant has been reconciled once; empty for a new PBX. */
    public Optional<Instant> checkedUntil(String pbxId) {
        return dsl.select(CALL_RECONCILE_STATE.CHECKED_UNTIL).from(CALL_RECONCILE_STATE)
                .where(CALL_RECONCILE_STATE.PBX_ID.eq(pbxId)).fetchOptional(CALL_RECONCILE_STATE.CHECKED_UNTIL)
                .map(OffsetDateTime::toInstant);
    }

    /** Moves the PBX's progress forward (never back: a sweep of older calls leaves it). */
    public void advance(String pbxId, Instant until) {
        advance(pbxId, until, 0);
    }

    /**
     * As {@link #advance(String, Instant)}, fenced (issue 25): {@link LeaseFence.Refused} when the PBX's lease has a
     * newer epoch, so a paused owner cannot move the progress past calls it never reconciled.
     */
    public void advance(String pbxId, Instant until, long epoch) {
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.connection(c -> LeaseFence.check(c, pbxId, epoch));
            upsertProgress(tx, pbxId, until);
        });
    }

    private static void upsertProgress(DSLContext dsl, String pbxId, Instant until) {
        dsl.insertInto(CALL_RECONCILE_STATE).set(CALL_RECONCILE_STATE.PBX_ID, pbxId)
                .set(CALL_RECONCILE_STATE.CHECKED_UNTIL, odt(until)).set(CALL_RECONCILE_STATE.UPDATED_AT, odt(Instant.now()))
                .onConflict(CALL_RECONCILE_STATE.PBX_ID).doUpdate()
                .set(CALL_RECONCILE_STATE.CHECKED_UNTIL, DSL.greatest(CALL_RECONCILE_STATE.CHECKED_UNTIL,
                        DSL.excluded(CALL_RECONCILE_STATE.CHECKED_UNTIL)))
                .set(CALL_RECONCILE_STATE.UPDATED_AT, DSL.excluded(CALL_RECONCILE_STATE.UPDATED_AT))
                .execute();
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
