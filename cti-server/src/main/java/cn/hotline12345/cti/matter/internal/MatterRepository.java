package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import cn.hotline12345.cti.matter.api.HandlingUnit;
import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterCategory;

import cn.hotline12345.cti.matter.api.MatterChannel;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.MatterQuery;
import cn.hotline12345.cti.matter.api.MatterRequest;
import cn.hotline12345.cti.matter.api.MatterState;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.MatterSummary;
import cn.hotline12345.cti.matter.api.MatterUnit;
import cn.hotline12345.cti.matter.api.NotAcceptedReason;
import cn.hotline12345.cti.matter.api.RequestKind;
import cn.hotline12345.cti.matter.api.RequestStatus;
import cn.hotline12345.cti.matter.api.Satisfaction;
import cn.hotline12345.cti.matter.api.Transition;
import cn.hotline12345.cti.matter.api.UnitLevel;
import cn.hotline12345.cti.matter.api.UnitRole;
import cn.hotline12345.cti.matter.api.Urgency;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.schema.jooq.tables.records.MatterRecord;
import io.vertx.core.Future;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
    /** Told of every matter written (after its commit), e.g. to drop the caller's cached profile. */
    private final java.util.List<java.util.function.Consumer<Matter>> written = new java.util.concurrent.CopyOnWriteArrayList<>();

    public MatterRepository(Db db) {
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
                    .fetch(MatterRepository::request);
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
                .fetchOptional(MatterRepository::request));
    }

    public Future<List<MatterRequest>> requests(long matterId) {
        return db.query(dsl -> dsl.selectFrom(MATTER_REQUEST).where(MATTER_REQUEST.MATTER_ID.eq(matterId))
                .orderBy(MATTER_REQUEST.ID).fetch(MatterRepository::request));
    }

    /** Pending requests of all matters, oldest first (the supervisor's review list). */
    public Future<List<MatterRequest>> pendingRequests(int limit) {
        return db.query(dsl -> dsl.selectFrom(MATTER_REQUEST).where(MATTER_REQUEST.STATUS.eq("pending"))
                .orderBy(MATTER_REQUEST.ID).limit(limit).fetch(MatterRepository::request));
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
        return db.query(dsl -> {
            List<Condition> where = new ArrayList<>();
            if (q.status() != null) {
                where.add(MATTER.STATUS.eq(q.status().dbName()));
            }
            if (q.category() != null) {
                where.add(MATTER.CATEGORY.eq(q.category().code()));
            }
            if (q.channel() != null) {
                where.add(MATTER.CHANNEL.eq(q.channel().code()));
            }
            if (q.unitId() != null) {
                where.add(DSL.exists(DSL.selectOne().from(MATTER_UNIT).where(MATTER_UNIT.MATTER_ID.eq(MATTER.ID))
                        .and(MATTER_UNIT.UNIT_ID.eq(q.unitId()))));
            }
            if (q.contactNumberNorm() != null) {
                where.add(MATTER.CONTACT_NUMBER_NORM.eq(q.contactNumberNorm()));
            }
            if (q.text() != null && !q.text().isBlank()) {
                String like = "%" + escapeLike(q.text().trim()) + "%";
                where.add(MATTER.NUMBER.likeIgnoreCase(like, '\\').or(MATTER.SUBJECT.likeIgnoreCase(like, '\\'))
                        .or(MATTER.CONTENT.likeIgnoreCase(like, '\\')));
            }
            if (q.from() != null) {
                where.add(MATTER.CREATED_AT.ge(odt(q.from())));
            }
            if (q.to() != null) {
                where.add(MATTER.CREATED_AT.lt(odt(q.to())));
            }
            if (q.confidentialTakenBy() != null) {
                where.add(MATTER.CONFIDENTIAL.isFalse().or(MATTER.TAKEN_BY.eq(q.confidentialTakenBy())));
            }
            int limit = Math.max(1, Math.min(q.limit() <= 0 ? 100 : q.limit(), 500));
            return dsl.select(MATTER.fields()).select(HANDLING_UNIT.NAME).from(MATTER)
                    .leftJoin(HANDLING_UNIT).on(HANDLING_UNIT.ID.eq(MATTER.LEAD_UNIT_ID))
                    .where(where).orderBy(MATTER.CREATED_AT.desc(), MATTER.ID.desc()).limit(limit)
                    .fetch(MatterRepository::summary);
        });
    }

    /** Matters open for a caller, or all of the caller's latest ones. */
    public Future<List<MatterSummary>> byContact(String numberNorm, boolean openOnly, int limit) {
        return db.query(dsl -> {
            Condition c = MATTER.CONTACT_NUMBER_NORM.eq(numberNorm);
            if (openOnly) {
                c = c.and(MATTER.STATUS.notIn(finalStates()));
            }
            return dsl.select(MATTER.fields()).select(HANDLING_UNIT.NAME).from(MATTER)
                    .leftJoin(HANDLING_UNIT).on(HANDLING_UNIT.ID.eq(MATTER.LEAD_UNIT_ID))
                    .where(c).orderBy(MATTER.CREATED_AT.desc(), MATTER.ID.desc()).limit(limit)
                    .fetch(MatterRepository::summary);
        });
    }

    /**
     * Supervision candidates: matters not final that are due before {@code dueBefore}, or in a state that
     * needs the hotline (returned, reopened, escalated, termination requested), or rated dissatisfied.
     */
    public Future<List<Matter>> supervisionCandidates(Instant dueBefore, int limit) {
        return db.query(dsl -> dsl.select(MATTER.ID).from(MATTER)
                .where(MATTER.STATUS.notIn(finalStates()))
                .and(MATTER.DEADLINE_AT.le(odt(dueBefore))
                        .or(MATTER.STATUS.in("returned", "reopened", "escalated", "termination_requested"))
                        .or(MATTER.REOPEN_COUNT.gt(0)).or(MATTER.SATISFACTION.eq("dissatisfied"))
                        .or(DSL.exists(DSL.selectOne().from(MATTER_REQUEST).where(MATTER_REQUEST.MATTER_ID.eq(MATTER.ID))
                                .and(MATTER_REQUEST.STATUS.eq("pending")))))
                .orderBy(MATTER.DEADLINE_AT.asc().nullsLast(), MATTER.ID).limit(limit)
                .fetch(MATTER.ID).stream().map(id -> load(dsl, id, false).orElseThrow()).toList());
    }

    private static List<String> finalStates() {
        return MatterStatus.finalDbNames();
    }

    // ------------------------------------------------------------------ mapping

    private static Optional<Matter> load(DSLContext dsl, long id, boolean lock) {
        var select = dsl.selectFrom(MATTER).where(MATTER.ID.eq(id));
        MatterRecord r = lock ? select.forUpdate().fetchOne() : select.fetchOne();
        if (r == null) {
            return Optional.empty();
        }
        List<MatterUnit> units = dsl.select(MATTER_UNIT.UNIT_ID, HANDLING_UNIT.NAME, MATTER_UNIT.ROLE, MATTER_UNIT.SIGNED_AT)
                .from(MATTER_UNIT).join(HANDLING_UNIT).on(HANDLING_UNIT.ID.eq(MATTER_UNIT.UNIT_ID))
                .where(MATTER_UNIT.MATTER_ID.eq(id)).orderBy(MATTER_UNIT.ROLE.desc(), MATTER_UNIT.UNIT_ID)
                .fetch(u -> new MatterUnit(u.value1(), u.value2(), UnitRole.parse(u.value3(), "role"), instant(u.value4())));
        return Optional.of(matter(r, units));
    }

    private static Matter matter(MatterRecord r, List<MatterUnit> units) {
        return Matter.builder().id(r.getId()).number(r.getNumber())
                .channel(MatterChannel.parse(r.getChannel(), "channel"))
                .category(MatterCategory.parse(r.getCategory(), "category"))
                .subject(r.getSubject()).content(r.getContent()).area(r.getArea()).place(r.getPlace())
                .address(r.getAddress()).hasPlace(r.getHasPlace()).contactName(r.getContactName())
                .contactNumber(r.getContactNumber()).contactNumberNorm(r.getContactNumberNorm())
                .confidential(r.getConfidential()).urgency(Urgency.parse(r.getUrgency(), "urgency"))
                .status(MatterStatus.fromDb(r.getStatus()))
                .statusBefore(r.getStatusBefore() == null ? null : MatterStatus.fromDb(r.getStatusBefore()))
                .notAcceptedReason(NotAcceptedReason.parse(r.getNotAcceptedReason(), "not_accepted_reason"))
                .properChannel(r.getProperChannel()).answer(r.getAnswer()).reply(r.getReply())
                .deadlineAt(instant(r.getDeadlineAt())).workingDays(r.getWorkingDays()).leadUnitId(r.getLeadUnitId())
                .units(units).noReturn(r.getNoReturn()).takenBy(r.getTakenBy()).ivrPath(r.getIvrPath())
                .originPbxId(r.getOriginPbxId()).originLinkedid(r.getOriginLinkedid())
                .createdAt(instant(r.getCreatedAt())).updatedAt(instant(r.getUpdatedAt()))
                .acceptedAt(instant(r.getAcceptedAt())).dispatchedAt(instant(r.getDispatchedAt()))
                .repliedAt(instant(r.getRepliedAt())).closedAt(instant(r.getClosedAt()))
                .satisfaction(Satisfaction.parse(r.getSatisfaction(), "satisfaction"))
                .reopenCount(r.getReopenCount()).returnedCount(r.getReturnedCount()).escalated(r.getEscalated())
                .version(r.getVersion()).deadlineProvisional(r.getDeadlineProvisional()).build();
    }

    private static void write(MatterRecord r, Matter m) {
        r.setChannel(m.channel().code());
        r.setCategory(m.category().code());
        r.setSubject(m.subject() == null ? "" : m.subject());
        r.setContent(m.content() == null ? "" : m.content());
        r.setArea(m.area());
        r.setPlace(m.place());
        r.setAddress(m.address());
        r.setHasPlace(m.hasPlace());
        r.setContactName(m.contactName());
        r.setContactNumber(m.contactNumber());
        r.setContactNumberNorm(m.contactNumberNorm());
        r.setConfidential(m.confidential());
        r.setUrgency(m.urgency().code());
        r.setStatus(m.status().dbName());
        r.setStatusBefore(m.statusBefore() == null ? null : m.statusBefore().dbName());
        r.setNotAcceptedReason(m.notAcceptedReason() == null ? null : m.notAcceptedReason().code());
        r.setProperChannel(m.properChannel());
        r.setAnswer(m.answer());
        r.setReply(m.reply());
        r.setDeadlineAt(odt(m.deadlineAt()));
        r.setDeadlineProvisional(m.deadlineProvisional());
        r.setWorkingDays(m.workingDays());
        r.setLeadUnitId(m.leadUnitId());
        r.setNoReturn(m.noReturn());
        r.setTakenBy(m.takenBy());
        r.setIvrPath(m.ivrPath());
        r.setOriginPbxId(m.originPbxId());
        r.setOriginLinkedid(m.originLinkedid());
        r.setUpdatedAt(odt(m.updatedAt()));
        r.setAcceptedAt(odt(m.acceptedAt()));
        r.setDispatchedAt(odt(m.dispatchedAt()));
        r.setRepliedAt(odt(m.repliedAt()));
        r.setClosedAt(odt(m.closedAt()));
        r.setSatisfaction(m.satisfaction() == null ? null : m.satisfaction().code());
        r.setReopenCount(m.reopenCount());
        r.setReturnedCount(m.returnedCount());
        r.setEscalated(m.escalated());
    }

    private static MatterSummary summary(Record r) {
        return new MatterSummary(r.get(MATTER.ID), r.get(MATTER.NUMBER),
                MatterCategory.parse(r.get(MATTER.CATEGORY), "category"), MatterStatus.fromDb(r.get(MATTER.STATUS)),
                r.get(MATTER.SUBJECT), r.get(MATTER.AREA), r.get(MATTER.LEAD_UNIT_ID), r.get(HANDLING_UNIT.NAME),
                instant(r.get(MATTER.DEADLINE_AT)), instant(r.get(MATTER.CREATED_AT)), r.get(MATTER.CONFIDENTIAL),
                r.get(MATTER.CONTACT_NUMBER_NORM));
    }

    static MatterRequest request(cn.hotline12345.schema.jooq.tables.records.MatterRequestRecord r) {
        return new MatterRequest(r.getId(), r.getMatterId(), RequestKind.parse(r.getKind(), "kind"), r.getUnitId(),
                r.getReason(), instant(r.getRequestedDeadline()), RequestStatus.parse(r.getStatus(), "status"),
                r.getDecidedBy(), instant(r.getDecidedAt()), r.getDecisionNote(), instant(r.getCreatedAt()));
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime o) {
        return o == null ? null : o.toInstant();
    }
}
