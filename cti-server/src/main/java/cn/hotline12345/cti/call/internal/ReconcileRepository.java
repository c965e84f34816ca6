package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.platform.db.FlatJson;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Query;
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
import static cn.hotline12345.schema.jooq.Tables.CALL_EVENT;
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

    /**
     * Writes the corrections and the created rows of one batch in one transaction.
     *
     * @return how many corrections took effect (a row changed meanwhile is skipped) and how many rows were created
     */
    public int[] apply(String pbxId, List<Fix> fixes, List<CallRebuilder.Rebuilt> created, Instant at,
                       UnaryOperator<String> normalise) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            OffsetDateTime now = odt(at);
            int corrected = 0;
            List<Query> events = new ArrayList<>();
            for (Fix f : fixes) {
                Map<Field<?>, Object> set = new LinkedHashMap<>();
                for (CallCorrection.Change c : f.result().changes()) {
                    put(set, c, f.truth());
                }
                set.put(CALL.RECONCILED_AT, now);
                set.put(CALL.UPDATED_AT, now);
                int n = tx.update(CALL).set(set).where(CALL.ID.eq(f.stored().id()))
                        .and(CALL.UPDATED_AT.eq(f.stored().updatedAt())).execute();
                if (n == 1) {
                    corrected++;
                    for (CallCorrection.Change c : f.result().changes()) {
                        Map<String, String> data = new LinkedHashMap<>();
                        data.put("field", c.field());
                        data.put("from", c.from() == null ? "" : c.from());
                        data.put("to", c.to() == null ? "" : c.to());
                        data.put("source", c.source());
                        events.add(event(tx, pbxId, f.stored().linkedid(), "Reconciled:" + c.field() + ":" + c.to(),
                                "reconciled", now, data));
                    }
                }
            }
            int made = 0;
            for (CallRebuilder.Rebuilt r : created) {
                String linkedid = r.key().linkedid();
                int n = tx.insertInto(CALL)
                        .set(CALL.PBX_ID, pbxId).set(CALL.LINKEDID, linkedid).set(CALL.DIRECTION, "inbound")
                        .set(CALL.CALLER_NUMBER, r.callerNumber()).set(CALL.CALLER_NUMBER_NORM, normalise.apply(r.callerNumber()))
                        .set(CALL.CALLER_NAME, r.callerName()).set(CALL.DIALLED_NUMBER, r.dialled())
                        .set(CALL.STARTED_AT, odt(r.startedAt() != null ? r.startedAt() : r.endedAt()))
                        .set(CALL.ANSWERED_AT, odt(r.answeredAt())).set(CALL.ENDED_AT, odt(r.endedAt()))
                        .set(CALL.QUEUE_NAME, r.queue()).set(CALL.QUEUE_JOINED_AT, odt(r.queueJoinedAt()))
                        .set(CALL.QUEUE_LEFT_AT, odt(r.queueLeftAt())).set(CALL.QUEUE_WAIT_MS, r.queueWaitMs())
                        .set(CALL.AGENT, r.agent()).set(CALL.AGENTS_RUNG, r.agent() == null ? new String[0] : new String[] {r.agent()})
                        .set(CALL.TRANSFERS, r.transfers()).set(CALL.HANGUP_CAUSE, r.hangupCause())
                        .set(CALL.DISPOSITION, r.disposition().dbName()).set(CALL.END_REASON, "normal")
                        // the dialplan starts MixMonitor(${UNIQUEID}.wav,b) on the caller's channel just before Queue()
                        .set(CALL.RECORDING_FILE, r.reachedQueueApp() ? linkedid + ".wav" : null)
                        .set(CALL.TALK_MS, r.talkMs()).set(CALL.SOURCE, "cel").set(CALL.RECONCILED_AT, now)
                        .set(CALL.UPDATED_AT, now)
                        .onConflictDoNothing().execute();
                if (n == 1) {
                    made++;
                    Map<String, String> data = new LinkedHashMap<>();
                    data.put("source", "cel");
                    data.put("disposition", r.disposition().dbName());
                    events.add(event(tx, pbxId, linkedid, "Reconciled:created", "reconciled_created", now, data));
                }
            }
            if (!events.isEmpty()) {
                tx.batch(events).execute();
            }
            return new int[] {corrected, made};
        });
    }

    private static void put(Map<Field<?>, Object> set, CallCorrection.Change c, CallRebuilder.Rebuilt r) {
        switch (c.field()) {
            case "disposition" -> set.put(CALL.DISPOSITION, c.to());
            case "agent" -> set.put(CALL.AGENT, r.agent());
            case "queue" -> set.put(CALL.QUEUE_NAME, r.queue());
            case "queue_wait_ms" -> set.put(CALL.QUEUE_WAIT_MS, r.queueWaitMs());
            case "queue_joined_at" -> set.put(CALL.QUEUE_JOINED_AT, odt(r.queueJoinedAt()));
            case "answered_at" -> set.put(CALL.ANSWERED_AT, odt(r.answeredAt()));
            case "ended_at" -> set.put(CALL.ENDED_AT, odt(r.endedAt()));
            case "end_reason" -> set.put(CALL.END_REASON, "normal");
            case "hangup_cause" -> set.put(CALL.HANGUP_CAUSE, r.hangupCause());
            case "talk_ms" -> set.put(CALL.TALK_MS, r.talkMs());
            default -> throw new IllegalArgumentException("no such field: " + c.field());
        }
    }

    private static Query event(DSLContext tx, String pbxId, String linkedid, String key, String kind,
                               OffsetDateTime at, Map<String, String> data) {
        return tx.insertInto(CALL_EVENT).set(CALL_EVENT.PBX_ID, pbxId).set(CALL_EVENT.LINKEDID, linkedid)
                .set(CALL_EVENT.EVENT_KEY, key.length() > 200 ? key.substring(0, 200) : key).set(CALL_EVENT.KIND, kind)
                .set(CALL_EVENT.AT, at).set(CALL_EVENT.DATA, JSONB.valueOf(FlatJson.of(data))).onConflictDoNothing();
    }

    /** Every call of this PBX that ended before this instant has been reconciled once; empty for a new PBX. */
    public Optional<Instant> checkedUntil(String pbxId) {
        return dsl.select(CALL_RECONCILE_STATE.CHECKED_UNTIL).from(CALL_RECONCILE_STATE)
                .where(CALL_RECONCILE_STATE.PBX_ID.eq(pbxId)).fetchOptional(CALL_RECONCILE_STATE.CHECKED_UNTIL)
                .map(OffsetDateTime::toInstant);
    }

    /** Moves the PBX's progress forward (never back: a sweep of older calls leaves it). */
    public void advance(String pbxId, Instant until) {
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
