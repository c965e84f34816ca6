package cn.hotline12345.cti.matter.internal;


import static cn.hotline12345.cti.matter.internal.MatterRowRepository.instant;
import static cn.hotline12345.cti.matter.internal.MatterRowRepository.load;
import static cn.hotline12345.cti.matter.internal.MatterRowRepository.odt;
import static cn.hotline12345.cti.matter.internal.MatterRowRepository.write;
import static cn.hotline12345.cti.matter.internal.MatterRowRepository.matter;
import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import cn.hotline12345.cti.matter.api.HandlingUnit;
import cn.hotline12345.cti.matter.api.Matter;

import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.MatterQuery;
import cn.hotline12345.cti.matter.api.MatterRequest;
import cn.hotline12345.cti.matter.api.MatterState;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.MatterSummary;
import cn.hotline12345.cti.matter.api.RequestStatus;
import cn.hotline12345.cti.matter.api.Transition;
import cn.hotline12345.cti.matter.api.UnitLevel;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.schema.jooq.tables.records.MatterRecord;
import io.vertx.core.Future;
import org.jooq.DSLContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static cn.hotline12345.schema.jooq.Tables.CALL;
import static cn.hotline12345.schema.jooq.Tables.HANDLING_UNIT;
import static cn.hotline12345.schema.jooq.Tables.MATTER;
import static cn.hotline12345.schema.jooq.Tables.MATTER_CALL;
import static cn.hotline12345.schema.jooq.Tables.MATTER_NUMBER_COUNTER;
import static cn.hotline12345.schema.jooq.Tables.MATTER_REQUEST;
import static cn.hotline12345.schema.jooq.Tables.MATTER_TRANSITION;
import static cn.hotline12345.schema.jooq.Tables.MATTER_UNIT;
import static cn.hotline12345.schema.jooq.Tables.REVISIT_TASK;

/**
 * Persistence of matters: numbering, inserts, the locked read-decide-write of every change (optimistic
 * version check plus a row lock, so two people never lose an update), lists and lookups.
 */
public final class MatterRepository {

    /** Prefix of the human-readable number (潍坊 = Weifang). */
    public static final String NUMBER_PREFIX = "WF";
    /** First key of the per-call advisory lock that serialises the drafts of one call (no other lock uses it). */
    private static final int DRAFT_LOCK_CLASS = 12345_01;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Db db;
    private final MatterListRepository lists;
    /** Told of every matter written (after its commit), e.g. to drop the caller's cached profile. */
    private final java.util.List<java.util.function.Consumer<Matter>> written = new java.util.concurrent.CopyOnWriteArrayList<>();

    public MatterRepository(Db db) {
        this.lists = new MatterListRepository(db);
        this.db = db;
    }

    /**
     * Registers a listener told of every matter inserted or changed, after the transaction committed, on the
     * thread that completes the write's future; it must not block and its failure does not fail the write.
     */
    public void onWritten(java.util.function.Consumer<Matter> listener) {
        written.add(listener);
    }

    private Future<Matter> told(Future<Matter> write) {
        return write.onSuccess(m -> {
            for (java.util.function.Consumer<Matter> l : written) {
                try {
                    l.accept(m);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(MatterRepository.class)
                            .warn("a listener of matter {} failed: {}", m.number(), e.toString());
                }
            }
        });
    }

    // ------------------------------------------------------------------ inserts

    /**
     * Inserts a new matter (its id, number and version are assigned here) with its first transition.
     * When {@code next} carries an origin call that already has a matter, that matter is returned and
     * nothing is written: one draft per call.
     */
    public Future<Matter> insert(Matter next, MatterChange.Step first, Long callId) {
        return told(db.tx(dsl -> {
            if (next.originLinkedid() != null) {
                // The ring listener and the screen pop open the same call's draft at the same moment. Without this
                // per-call lock both went on to take the day's number counter row lock (held to commit), so every
                // call queued twice on one global lock and burnt a number; the soak (docs/performance.md) showed
                // waits of 105 ms on average there. Now the second waits for the first only, then finds its draft.
                dsl.execute("select pg_advisory_xact_lock(?, hashtext(?))", DRAFT_LOCK_CLASS,
                        next.originPbxId() + "/" + next.originLinkedid());
                Optional<Long> existing = findByOrigin(dsl, next.originPbxId(), next.originLinkedid());
                if (existing.isPresent()) {
                    return load(dsl, existing.get(), false).orElseThrow();
                }
            }
            String number = allocateNumber(dsl, next.createdAt());
            MatterRecord r = dsl.newRecord(MATTER);
            write(r, next);
            r.setNumber(number);
            r.setCreatedAt(odt(next.createdAt()));
            r.setVersion(0);
            MatterRecord inserted = dsl.insertInto(MATTER).set(r).onConflictDoNothing().returning().fetchOne();
            if (inserted == null) {
                // a concurrent AgentRinging for the same call won the race; its row is committed now
                return load(dsl, findByOrigin(dsl, next.originPbxId(), next.originLinkedid()).orElseThrow(), false)
                        .orElseThrow();
            }
            long id = inserted.getId();
            transition(dsl, id, first, next.createdAt());
            if (callId != null) {
                linkCall(dsl, id, callId);
            }
            return load(dsl, id, false).orElseThrow();
        }));
    }

    private static Optional<Long> findByOrigin(DSLContext dsl, String pbxId, String linkedid) {
        return dsl.select(MATTER.ID).from(MATTER)
                .where(MATTER.ORIGIN_PBX_ID.eq(pbxId)).and(MATTER.ORIGIN_LINKEDID.eq(linkedid))
                .fetchOptional(MATTER.ID);
    }

    /** WF + yyyyMMdd (Asia/Shanghai) + 5-digit daily sequence; the counter row lock makes it race-free. */
    private static String allocateNumber(DSLContext dsl, Instant at) {
        LocalDate day = at.atZone(WorkingDayCalendar.ZONE).toLocalDate();
        Integer seq = dsl.insertInto(MATTER_NUMBER_COUNTER)
                .set(MATTER_NUMBER_COUNTER.DAY, day).set(MATTER_NUMBER_COUNTER.LAST_VALUE, 1)
                .onConflict(MATTER_NUMBER_COUNTER.DAY).doUpdate()
                .set(MATTER_NUMBER_COUNTER.LAST_VALUE, MATTER_NUMBER_COUNTER.LAST_VALUE.plus(1))
                .returning(MATTER_NUMBER_COUNTER.LAST_VALUE).fetchOne(MATTER_NUMBER_COUNTER.LAST_VALUE);
        return NUMBER_PREFIX + DAY.format(day) + String.format("%05d", seq);
    }

    /** Links a call to a matter when the call row exists (it may be written later by the call recorder). */
    public Future<Void> linkCall(long matterId, long callId) {
        return db.tx(dsl -> {
            linkCall(dsl, matterId, callId);
            return null;
        });
    }

    private static void linkCall(DSLContext dsl, long matterId, long callId) {
        if (dsl.fetchExists(CALL, CALL.ID.eq(callId))) {
            dsl.insertInto(MATTER_CALL).set(MATTER_CALL.MATTER_ID, matterId).set(MATTER_CALL.CALL_ID, callId)
                    .onConflictDoNothing().execute();
            dsl.update(CALL).set(CALL.MATTER_ID, matterId).where(CALL.ID.eq(callId)).and(CALL.MATTER_ID.isNull())
                    .execute();
        }
    }

    // ------------------------------------------------------------------ the change of one matter

    /**
     * Reads the matter under a row lock, checks {@code expectedVersion} (when given), lets {@code decide}
     * compute the change (it may throw a {@link MatterException}, which rolls back), and writes it all in the
     * same transaction with the version incremented.
     */
    private static final cn.hotline12345.cti.privacy.api.AuditRepository AUDIT = new cn.hotline12345.cti.privacy.api.AuditRepository();

    /** Appends an audit entry on its own (a confidential reporter shown to someone other than the agent who took it). */
    public Future<Long> audit(cn.hotline12345.cti.privacy.api.AuditEntry e) {
        return db.query(dsl -> AUDIT.append(dsl, e));
    }

    public Future<Matter> mutate(long id, Integer expectedVersion, Function<MatterState, MatterChange> decide) {
        return told(db.tx(dsl -> {
            Matter current = load(dsl, id, true).orElseThrow(() -> MatterException.notFound("matter " + id));
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw MatterException.conflict("matter " + current.number() + " was changed by someone else (version "
                        + expectedVersion + " is stale, current is " + current.version() + "); reload and retry");
            }
            List<MatterRequest> pending = dsl.selectFrom(MATTER_REQUEST).where(MATTER_REQUEST.MATTER_ID.eq(id))
                    .and(MATTER_REQUEST.STATUS.eq(RequestStatus.PENDING.code())).orderBy(MATTER_REQUEST.ID)
                    .fetch(MatterRowRepository::request);
            Long task = dsl.select(REVISIT_TASK.ID).from(REVISIT_TASK).where(REVISIT_TASK.MATTER_ID.eq(id))
                    .and(REVISIT_TASK.STATUS.in("pending", "calling")).fetchOptional(REVISIT_TASK.ID).orElse(null);
            MatterChange change = decide.apply(new MatterState(current, pending, task));
            apply(dsl, current, change, task);
            return load(dsl, id, false).orElseThrow();
        }));
    }

    private static void apply(DSLContext dsl, Matter current, MatterChange c, Long openTask) {
        Matter next = c.next;
        Instant now = next.updatedAt();
        MatterRecord r = dsl.newRecord(MATTER);
        write(r, next);
        r.changed(MATTER.ID, false);
        r.changed(MATTER.NUMBER, false);
        r.changed(MATTER.CREATED_AT, false);
        r.changed(MATTER.ORIGIN_PBX_ID, false);
        r.changed(MATTER.ORIGIN_LINKEDID, false);
        r.setVersion(current.version() + 1);
        int n = dsl.update(MATTER).set(r).where(MATTER.ID.eq(current.id()))
                .and(MATTER.VERSION.eq(current.version())).execute();
        if (n != 1) {
            throw MatterException.conflict("matter " + current.number() + " was changed concurrently; reload and retry");
        }
        for (MatterChange.Step s : c.steps) {
            transition(dsl, current.id(), s, now);
        }
        for (cn.hotline12345.cti.privacy.api.AuditEntry e : c.audits) {
            // in the change's own transaction: no change without its audit entry, no entry without the change
            AUDIT.append(dsl, e);
        }
        if (c.assignments != null) {
            dsl.deleteFrom(MATTER_UNIT).where(MATTER_UNIT.MATTER_ID.eq(current.id())).execute();
            for (MatterChange.Assignment a : c.assignments) {
                dsl.insertInto(MATTER_UNIT).set(MATTER_UNIT.MATTER_ID, current.id())
                        .set(MATTER_UNIT.UNIT_ID, a.unitId()).set(MATTER_UNIT.ROLE, a.role().code()).execute();
            }
        }
        if (c.signUnitId != null) {
            dsl.update(MATTER_UNIT).set(MATTER_UNIT.SIGNED_AT, odt(now)).where(MATTER_UNIT.MATTER_ID.eq(current.id()))
                    .and(MATTER_UNIT.UNIT_ID.eq(c.signUnitId)).execute();
        }
        if (c.newRequest != null) {
            MatterChange.NewRequest q = c.newRequest;
            boolean decided = q.status() != RequestStatus.PENDING;
            dsl.insertInto(MATTER_REQUEST).set(MATTER_REQUEST.MATTER_ID, current.id())
                    .set(MATTER_REQUEST.KIND, q.kind().code()).set(MATTER_REQUEST.UNIT_ID, q.unitId())
                    .set(MATTER_REQUEST.REASON, q.reason()).set(MATTER_REQUEST.REQUESTED_DEADLINE, odt(q.requestedDeadline()))
                    .set(MATTER_REQUEST.STATUS, q.status().code())
                    .set(MATTER_REQUEST.DECIDED_BY, decided ? q.decidedBy() : null)
                    .set(MATTER_REQUEST.DECIDED_AT, decided ? odt(now) : null)
                    .set(MATTER_REQUEST.CREATED_AT, odt(now)).execute();
        }
        if (c.decision != null) {
            MatterChange.Decision d = c.decision;
            dsl.update(MATTER_REQUEST)
                    .set(MATTER_REQUEST.STATUS, (d.approved() ? RequestStatus.APPROVED : RequestStatus.REFUSED).code())
                    .set(MATTER_REQUEST.DECIDED_BY, d.decidedBy()).set(MATTER_REQUEST.DECIDED_AT, odt(now))
                    .set(MATTER_REQUEST.DECISION_NOTE, d.note())
                    .where(MATTER_REQUEST.ID.eq(d.requestId())).and(MATTER_REQUEST.STATUS.eq("pending")).execute();
        }
        if (c.revisitDone != null) {
            MatterChange.RevisitDone d = c.revisitDone;
            if (openTask != null) {
                dsl.update(REVISIT_TASK).set(REVISIT_TASK.STATUS, "done").set(REVISIT_TASK.METHOD, d.method().code())
                        .set(REVISIT_TASK.SOLVED, d.solved())
                        .set(REVISIT_TASK.SATISFACTION, d.satisfaction() == null ? null : d.satisfaction().code())
                        .set(REVISIT_TASK.NOTE, d.note()).set(REVISIT_TASK.DONE_AT, odt(now))
                        .where(REVISIT_TASK.ID.eq(openTask)).execute();
            } else {
                dsl.insertInto(REVISIT_TASK).set(REVISIT_TASK.MATTER_ID, current.id()).set(REVISIT_TASK.STATUS, "done")
                        .set(REVISIT_TASK.METHOD, d.method().code()).set(REVISIT_TASK.SOLVED, d.solved())
                        .set(REVISIT_TASK.SATISFACTION, d.satisfaction() == null ? null : d.satisfaction().code())
                        .set(REVISIT_TASK.NOTE, d.note()).set(REVISIT_TASK.DUE_AT, odt(now))
                        .set(REVISIT_TASK.DONE_AT, odt(now)).set(REVISIT_TASK.CREATED_AT, odt(now)).execute();
            }
        }
        if (c.revisitDueAt != null) {
            dsl.insertInto(REVISIT_TASK).set(REVISIT_TASK.MATTER_ID, current.id())
                    .set(REVISIT_TASK.DUE_AT, odt(c.revisitDueAt)).set(REVISIT_TASK.CREATED_AT, odt(now))
                    .onConflictDoNothing().execute();
        }
    }

    private static void transition(DSLContext dsl, long matterId, MatterChange.Step s, Instant at) {
        dsl.insertInto(MATTER_TRANSITION).set(MATTER_TRANSITION.MATTER_ID, matterId)
                .set(MATTER_TRANSITION.FROM_STATUS, s.from() == null ? null : s.from().dbName())
                .set(MATTER_TRANSITION.TO_STATUS, s.to().dbName()).set(MATTER_TRANSITION.ACTOR, s.actor())
                .set(MATTER_TRANSITION.REASON, s.reason()).set(MATTER_TRANSITION.AT, odt(at)).execute();
    }

    // ------------------------------------------------------------------ reads

    public Future<Optional<Matter>> find(long id) {
        return db.query(dsl -> load(dsl, id, false));
    }

    /** The call the matter came from ends as "not accepted" in its record (art. 19). */
    public Future<Integer> markCallNotAccepted(String pbxId, String linkedid) {
        return db.query(dsl -> dsl.update(cn.hotline12345.schema.jooq.Tables.CALL)
                .set(cn.hotline12345.schema.jooq.Tables.CALL.DISPOSITION, "not_accepted")
                .where(cn.hotline12345.schema.jooq.Tables.CALL.PBX_ID.eq(pbxId)
                        .and(cn.hotline12345.schema.jooq.Tables.CALL.LINKEDID.eq(linkedid)))
                .execute());
    }

    public Future<Optional<Matter>> findByNumber(String number) {
        return db.query(dsl -> dsl.select(MATTER.ID).from(MATTER).where(MATTER.NUMBER.eq(number))
                .fetchOptional(MATTER.ID).flatMap(id -> load(dsl, id, false)));
    }

    public Future<Optional<Matter>> findByCall(String pbxId, String linkedid) {
        return db.query(dsl -> findByOrigin(dsl, pbxId, linkedid).flatMap(id -> load(dsl, id, false)));
    }

    /** The matter an earlier request belongs to. */
    public Future<Optional<MatterRequest>> findRequest(long requestId) {
        return db.query(dsl -> dsl.selectFrom(MATTER_REQUEST).where(MATTER_REQUEST.ID.eq(requestId))
                .fetchOptional(MatterRowRepository::request));
    }

    public Future<List<MatterRequest>> requests(long matterId) {
        return db.query(dsl -> dsl.selectFrom(MATTER_REQUEST).where(MATTER_REQUEST.MATTER_ID.eq(matterId))
                .orderBy(MATTER_REQUEST.ID).fetch(MatterRowRepository::request));
    }

    /** Pending requests of all matters, oldest first (the supervisor's review list). */
    public Future<List<MatterRequest>> pendingRequests(int limit) {
        return db.query(dsl -> dsl.selectFrom(MATTER_REQUEST).where(MATTER_REQUEST.STATUS.eq("pending"))
                .orderBy(MATTER_REQUEST.ID).limit(limit).fetch(MatterRowRepository::request));
    }

    public Future<List<Transition>> transitions(long matterId) {
        return db.query(dsl -> dsl.selectFrom(MATTER_TRANSITION).where(MATTER_TRANSITION.MATTER_ID.eq(matterId))
                .orderBy(MATTER_TRANSITION.ID).fetch(r -> new Transition(r.getId(), r.getMatterId(),
                        r.getFromStatus() == null ? null : MatterStatus.fromDb(r.getFromStatus()),
                        MatterStatus.fromDb(r.getToStatus()), r.getActor(), r.getReason(), instant(r.getAt()))));
    }

    public Future<Map<String, HandlingUnit>> units(Collection<String> ids) {
        return db.query(dsl -> {
            Map<String, HandlingUnit> m = new LinkedHashMap<>();
            dsl.selectFrom(HANDLING_UNIT).where(HANDLING_UNIT.ID.in(ids)).forEach(r -> m.put(r.getId(),
                    new HandlingUnit(r.getId(), r.getName(), UnitLevel.parse(r.getLevel(), "level"), r.getActive(), r.getPhone())));
            return m;
        });
    }

    /** Matter lists: the query's filters; a unit's view when {@code q.unitId()} is set (lead or co). */
    public Future<List<MatterSummary>> search(MatterQuery q) {
        return lists.search(q);
    }

    /** Matters open for a caller, or all of the caller's latest ones. */
    public Future<List<MatterSummary>> byContact(String numberNorm, boolean openOnly, int limit) {
        return lists.byContact(numberNorm, openOnly, limit);
    }

    /** Supervision candidates (see {@link MatterListRepository#supervisionCandidates}). */
    public Future<List<Matter>> supervisionCandidates(Instant dueBefore, int limit) {
        return lists.supervisionCandidates(dueBefore, limit);
    }

}
