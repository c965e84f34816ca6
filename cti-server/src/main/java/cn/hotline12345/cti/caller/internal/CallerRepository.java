package cn.hotline12345.cti.caller.internal;

import cn.hotline12345.cti.matter.api.MatterStatus;


import cn.hotline12345.cti.caller.api.CallSummary;
import cn.hotline12345.cti.caller.api.CallerFlagEntry;
import cn.hotline12345.cti.caller.api.FlagKind;
import cn.hotline12345.cti.caller.api.MatterSummary;
import cn.hotline12345.cti.caller.api.Measure;
import cn.hotline12345.cti.caller.api.NuisanceFacts;
import cn.hotline12345.cti.caller.api.ProfileData;
import cn.hotline12345.cti.caller.api.CallerSettings;
import org.jooq.AggregateFunction;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.hotline12345.schema.jooq.Tables.CALL;
import static cn.hotline12345.schema.jooq.Tables.CALLER;
import static cn.hotline12345.schema.jooq.Tables.CALLER_CALL_SEEN;
import static cn.hotline12345.schema.jooq.Tables.CALLER_FLAG;
import static cn.hotline12345.schema.jooq.Tables.CALLER_MEASURE;
import static cn.hotline12345.schema.jooq.Tables.MATTER;
import static cn.hotline12345.schema.jooq.Tables.MATTER_MERGE;

/**
 * Reads a caller's profile data and keeps the {@code caller} row. Every read is an index range scan on the
 * number: {@code call_caller_started}, {@code matter_contact}, {@code caller_flag_number_at},
 * {@code caller_measure_number}, the {@code caller} primary key.
 */
public final class CallerRepository {

    /** Matter statuses that are over: the matter slice's one definition. */
    static final List<String> CLOSED_MATTER_STATUSES = MatterStatus.finalDbNames();
    static final Duration FLAG_HORIZON = Duration.ofDays(90);
    static final int MAX_OPEN_MATTERS = 20;
    static final int MAX_FLAGS = 50;

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant inst(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** Everything a profile needs, in a handful of indexed reads. */
    public ProfileData load(DSLContext dsl, String norm, Instant now, List<Duration> windows, int recentCalls) {
        Record caller = dsl.select(CALLER.FIRST_SEEN_AT, CALLER.LAST_CONTACT_AT, CALLER.CALL_COUNT)
                .from(CALLER).where(CALLER.NUMBER_NORM.eq(norm)).fetchOne();
        Map<Duration, Integer> counts = windowCounts(dsl, norm, now, windows);
        List<CallSummary> calls = dsl.select(CALL.ID, CALL.PBX_ID, CALL.LINKEDID, CALL.STARTED_AT, CALL.ANSWERED_AT,
                        CALL.ENDED_AT, CALL.DISPOSITION, CALL.AGENT, CALL.MATTER_ID)
                .from(CALL)
                .where(CALL.CALLER_NUMBER_NORM.eq(norm))
                .orderBy(CALL.STARTED_AT.desc())
                .limit(recentCalls)
                .fetch(r -> new CallSummary(r.value1(), r.value2(), r.value3(), inst(r.value4()), inst(r.value5()),
                        inst(r.value6()), r.value7(), r.value8(), r.value9()));
        List<MatterSummary> matters = openMatters(dsl, norm);
        List<CallerFlagEntry> flags = dsl.selectFrom(CALLER_FLAG)
                .where(CALLER_FLAG.NUMBER_NORM.eq(norm).and(CALLER_FLAG.AT.ge(odt(now.minus(FLAG_HORIZON)))))
                .orderBy(CALLER_FLAG.AT.desc())
                .limit(MAX_FLAGS)
                .fetch(r -> new CallerFlagEntry(r.getId(), FlagKind.parse(r.getKind()), r.getNote(), r.getFlaggedBy(),
                        inst(r.getAt()), r.getCallId()));
        List<Measure> measures = dsl.selectFrom(CALLER_MEASURE)
                .where(CALLER_MEASURE.NUMBER_NORM.eq(norm).and(CALLER_MEASURE.LIFTED_AT.isNull()))
                .orderBy(CALLER_MEASURE.STARTED_AT.desc())
                .fetch(MeasureRepository::toMeasure);
        boolean known = caller != null;
        return new ProfileData(norm, known, known ? inst(caller.get(CALLER.FIRST_SEEN_AT)) : null,
                known ? inst(caller.get(CALLER.LAST_CONTACT_AT)) : null,
                known ? caller.get(CALLER.CALL_COUNT) : 0, counts, calls, matters, flags, measures, now);
    }

    /** Calls per window in one index range scan bounded by the longest window. */
    Map<Duration, Integer> windowCounts(DSLContext dsl, String norm, Instant now, List<Duration> windows) {
        Duration longest = windows.stream().max(Duration::compareTo).orElseThrow();
        List<AggregateFunction<Integer>> fields = new ArrayList<>();
        for (Duration w : windows) {
            fields.add((AggregateFunction<Integer>) DSL.count().filterWhere(CALL.STARTED_AT.ge(odt(now.minus(w)))));
        }
        Record r = dsl.select(fields).from(CALL)
                .where(CALL.CALLER_NUMBER_NORM.eq(norm).and(CALL.STARTED_AT.ge(odt(now.minus(longest)))))
                .fetchOne();
        Map<Duration, Integer> out = new HashMap<>();
        for (int i = 0; i < windows.size(); i++) {
            out.put(windows.get(i), r.get(i, Integer.class));
        }
        return out;
    }

    private List<MatterSummary> openMatters(DSLContext dsl, String norm) {
        return dsl.select(MATTER.ID, MATTER.NUMBER, MATTER.CATEGORY, MATTER.STATUS, MATTER.CREATED_AT,
                        MATTER.DEADLINE_AT, MATTER.CONFIDENTIAL, MATTER.TAKEN_BY, MATTER.ORIGIN_PBX_ID, MATTER.ORIGIN_LINKEDID)
                .from(MATTER)
                .where(MATTER.CONTACT_NUMBER_NORM.eq(norm)
                        .and(MATTER.CLOSED_AT.isNull())
                        .and(MATTER.STATUS.notIn(CLOSED_MATTER_STATUSES))
                        .andNotExists(DSL.selectOne().from(MATTER_MERGE)
                                .where(MATTER_MERGE.MERGED_MATTER_ID.eq(MATTER.ID).and(MATTER_MERGE.SPLIT_AT.isNull()))))
                .orderBy(MATTER.CREATED_AT.desc())
                .limit(MAX_OPEN_MATTERS)
                .fetch(r -> new MatterSummary(r.value1(), r.value2(), r.value3(), r.value4(), inst(r.value5()),
                        inst(r.value6()), Boolean.TRUE.equals(r.value7()), r.value8(), r.value9(), r.value10()));
    }

    /**
     * Counts a call once per (pbx, linkedid) and keeps first seen / last contact / count on the caller row.
     *
     * @return whether the call was new (a replay returns false and changes nothing)
     */
    public boolean recordCall(DSLContext dsl, String norm, String pbxId, String linkedid, Instant at) {
        int fresh = dsl.insertInto(CALLER_CALL_SEEN)
                .set(CALLER_CALL_SEEN.PBX_ID, pbxId)
                .set(CALLER_CALL_SEEN.LINKEDID, linkedid)
                .set(CALLER_CALL_SEEN.NUMBER_NORM, norm)
                .set(CALLER_CALL_SEEN.AT, odt(at))
                .onConflictDoNothing()
                .execute();
        if (fresh == 0) {
            return false;
        }
        dsl.insertInto(CALLER)
                .set(CALLER.NUMBER_NORM, norm)
                .set(CALLER.FIRST_SEEN_AT, odt(at))
                .set(CALLER.LAST_CONTACT_AT, odt(at))
                .set(CALLER.CALL_COUNT, 1)
                .onConflict(CALLER.NUMBER_NORM)
                .doUpdate()
                .set(CALLER.FIRST_SEEN_AT, DSL.least(CALLER.FIRST_SEEN_AT, DSL.excluded(CALLER.FIRST_SEEN_AT)))
                .set(CALLER.LAST_CONTACT_AT, DSL.greatest(CALLER.LAST_CONTACT_AT, DSL.excluded(CALLER.LAST_CONTACT_AT)))
                .set(CALLER.CALL_COUNT, CALLER.CALL_COUNT.plus(1))
                .execute();
        return true;
    }

    /** Moves last contact forward (a call's end); creates the row if the start was never seen. */
    public void touch(DSLContext dsl, String norm, Instant at) {
        ensureCaller(dsl, norm, at);
        dsl.update(CALLER)
                .set(CALLER.LAST_CONTACT_AT, DSL.greatest(CALLER.LAST_CONTACT_AT, DSL.val(odt(at))))
                .where(CALLER.NUMBER_NORM.eq(norm))
                .execute();
    }

    /** Makes sure the caller row exists (flags and measures reference it). */
    public void ensureCaller(DSLContext dsl, String norm, Instant at) {
        dsl.insertInto(CALLER)
                .set(CALLER.NUMBER_NORM, norm)
                .set(CALLER.FIRST_SEEN_AT, odt(at))
                .set(CALLER.LAST_CONTACT_AT, odt(at))
                .set(CALLER.CALL_COUNT, 0)
                .onConflictDoNothing()
                .execute();
    }

    /** The signals' inputs for one number at {@code now}. */
    public NuisanceFacts nuisanceFacts(DSLContext dsl, String norm, Instant now, CallerSettings.NuisanceRules rules) {
        OffsetDateTime freqSince = odt(now.minus(rules.frequency().within()));
        // Issue 22: every call that reaches an agent opens a draft; a draft is not a matter raised. The frequency rule
        // counts calls: a call counts as "without a matter" unless a matter beyond a draft is linked to it or opened by
        // it, and only such matters are new matters of the window.
        var linked = cn.hotline12345.schema.jooq.Tables.MATTER_CALL;
        Condition realMatter = MATTER.STATUS.ne("draft");
        List<Long> withoutMatter = dsl.select(CALL.ID).from(CALL)
                .where(CALL.CALLER_NUMBER_NORM.eq(norm).and(CALL.STARTED_AT.ge(freqSince))
                        .andNotExists(DSL.selectOne().from(MATTER).where(MATTER.ID.eq(CALL.MATTER_ID)).and(realMatter))
                        .andNotExists(DSL.selectOne().from(linked).join(MATTER).on(MATTER.ID.eq(linked.MATTER_ID))
                                .where(linked.CALL_ID.eq(CALL.ID)).and(realMatter))
                        .andNotExists(DSL.selectOne().from(MATTER).where(MATTER.ORIGIN_PBX_ID.eq(CALL.PBX_ID))
                                .and(MATTER.ORIGIN_LINKEDID.eq(CALL.LINKEDID)).and(realMatter)))
                .orderBy(CALL.STARTED_AT.desc())
                .limit(1000)
                .fetch(CALL.ID);
        int newMatters = dsl.fetchCount(MATTER, MATTER.CONTACT_NUMBER_NORM.eq(norm).and(MATTER.CREATED_AT.ge(freqSince))
                .and(realMatter));
        return new NuisanceFacts(withoutMatter, newMatters,
                flagsSince(dsl, norm, Set.of(FlagKind.OCCUPATION), now.minus(rules.occupation().within())),
                flagsSince(dsl, norm, Set.of(FlagKind.SILENT), now.minus(rules.silent().within())),
                flagsSince(dsl, norm, Set.of(FlagKind.HARASSMENT, FlagKind.INSULT, FlagKind.THREAT),
                        now.minus(longer(rules.agentFlag().within(), rules.agentFlagRepeated().within()))));
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private List<CallerFlagEntry> flagsSince(DSLContext dsl, String norm, Set<FlagKind> kinds, Instant since) {
        return dsl.selectFrom(CALLER_FLAG)
                .where(CALLER_FLAG.NUMBER_NORM.eq(norm)
                        .and(CALLER_FLAG.KIND.in(kinds.stream().map(FlagKind::dbName).toList()))
                        .and(CALLER_FLAG.AT.ge(odt(since))))
                .orderBy(CALLER_FLAG.AT.desc())
                .fetch(r -> new CallerFlagEntry(r.getId(), FlagKind.parse(r.getKind()), r.getNote(), r.getFlaggedBy(),
                        inst(r.getAt()), r.getCallId()));
    }

    /** Inserts a flag (the caller row must exist) and returns its id. */
    public long insertFlag(DSLContext dsl, String norm, FlagKind kind, String note, String by, Instant at, Long callId) {
        return dsl.insertInto(CALLER_FLAG)
                .set(CALLER_FLAG.NUMBER_NORM, norm)
                .set(CALLER_FLAG.KIND, kind.dbName())
                .set(CALLER_FLAG.NOTE, note)
                .set(CALLER_FLAG.FLAGGED_BY, by)
                .set(CALLER_FLAG.AT, odt(at))
                .set(CALLER_FLAG.CALL_ID, callId)
                .returning(CALLER_FLAG.ID)
                .fetchOne(CALLER_FLAG.ID);
    }

    /** Whether a call id exists (a flag's call reference must be real). */
    public boolean callExists(DSLContext dsl, long callId) {
        return dsl.fetchExists(CALL, CALL.ID.eq(callId));
    }

    /** The call ends as a nuisance call in its record (an agent flagged harassment, insult or threat on it). */
    public void markCallNuisance(DSLContext dsl, long callId) {
        dsl.update(CALL).set(CALL.DISPOSITION, "nuisance").where(CALL.ID.eq(callId)).execute();
    }

    /** The id of a call by its Asterisk key, null while the tracker has not written it. */
    public Long callId(DSLContext dsl, String pbxId, String linkedid) {
        return dsl.select(CALL.ID).from(CALL).where(CALL.PBX_ID.eq(pbxId).and(CALL.LINKEDID.eq(linkedid)))
                .fetchOne(CALL.ID);
    }

    static List<Long> evidence(Long[] ids) {
        return ids == null ? List.of() : Arrays.asList(ids);
    }
}
