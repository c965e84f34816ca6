package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallLogQuery;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cn.hotline12345.schema.jooq.Tables.CALL;
import static cn.hotline12345.schema.jooq.Tables.CALL_EVENT;
import static cn.hotline12345.schema.jooq.Tables.MATTER;
import static cn.hotline12345.schema.jooq.Tables.MATTER_CALL;

/**
 * Reads the call log: the call rows matching a {@link CallLogQuery}, newest first, keyset-paged on
 * {@code (started_at, id)}; one call with its event log. Blocking: runs on the database worker.
 */
public final class CallLogRepository {

    private final DSLContext dsl;

    public CallLogRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** One call as the log shows it. Numbers are raw here: the web layer masks them. */
    public record Entry(long id, CallKey key, Instant startedAt, Instant answeredAt, Instant endedAt,
                        String callerNumber, String callerName, String dialled, String ivrPath, String queue,
                        Long queueWaitMs, String agent, Long talkMs, String disposition, String endReason,
                        Integer hangupCause, boolean recorded, String surveyRating, String matterNumber, String source,
                        Instant reconciledAt, int transfers, int holds) {
    }

    /** One call_event row. */
    public record Event(Instant at, String kind, Map<String, String> data) {
    }

    /** At most {@code q.limit() + 1} calls: one more than asked tells the caller there is a next page. */
    public List<Entry> search(CallLogQuery q) {
        List<Condition> where = new ArrayList<>();
        where.add(CALL.STARTED_AT.ge(odt(q.from())));
        where.add(CALL.STARTED_AT.lt(odt(q.to())));
        if (q.callerNorm() != null) {
            where.add(CALL.CALLER_NUMBER_NORM.eq(q.callerNorm()));
        }
        if (q.agentExt() != null) {
            String e = q.agentExt();
            where.add(CALL.AGENT.in("PJSIP/" + e, "SIP/" + e).or(CALL.AGENT.like("Local/" + e + "@%")));
        }
        if (q.agentIface() != null) {
            where.add(CALL.AGENT.eq(q.agentIface()));
        }
        if (q.queue() != null) {
            where.add(CALL.QUEUE_NAME.eq(q.queue()));
        }
        if (q.disposition() != null) {
            where.add(CALL.DISPOSITION.eq(q.disposition()));
        }
        if (q.pbxId() != null) {
            where.add(CALL.PBX_ID.eq(q.pbxId()));
        }
        if (q.matterNumber() != null) {
            var m = MATTER.as("mf");
            where.add(DSL.exists(DSL.selectOne().from(m).where(m.NUMBER.eq(q.matterNumber()))
                    .and(m.ID.eq(CALL.MATTER_ID).or(DSL.exists(DSL.selectOne().from(MATTER_CALL)
                            .where(MATTER_CALL.MATTER_ID.eq(m.ID)).and(MATTER_CALL.CALL_ID.eq(CALL.ID)))))));
        }
        if (q.afterStarted() != null) {
            where.add(DSL.row(CALL.STARTED_AT, CALL.ID).lt(odt(q.afterStarted()), q.afterId()));
        }
        return dsl.select(CALL.asterisk(), MATTER.NUMBER).from(CALL).leftJoin(MATTER).on(MATTER.ID.eq(CALL.MATTER_ID))
                .where(where).orderBy(CALL.STARTED_AT.desc(), CALL.ID.desc()).limit(q.limit() + 1)
                .fetch(CallLogRepository::entry);
    }

    public Optional<Entry> find(CallKey key) {
        return dsl.select(CALL.asterisk(), MATTER.NUMBER).from(CALL).leftJoin(MATTER).on(MATTER.ID.eq(CALL.MATTER_ID))
                .where(CALL.PBX_ID.eq(key.pbxId())).and(CALL.LINKEDID.eq(key.linkedid()))
                .fetchOptional(CallLogRepository::entry);
    }

    /** The call's event log, oldest first (at most 2,000 rows: a call's own events are far fewer). */
    public List<Event> events(CallKey key) {
        return dsl.select(CALL_EVENT.AT, CALL_EVENT.KIND, CALL_EVENT.DATA).from(CALL_EVENT)
                .where(CALL_EVENT.PBX_ID.eq(key.pbxId())).and(CALL_EVENT.LINKEDID.eq(key.linkedid()))
                .orderBy(CALL_EVENT.AT, CALL_EVENT.ID).limit(2_000)
                .fetch(r -> new Event(r.value1().toInstant(), r.value2(), flat(r.value3() == null ? "{}" : r.value3().data())));
    }

    private static Entry entry(Record r) {
        String file = r.get(CALL.RECORDING_FILE);
        return new Entry(r.get(CALL.ID), new CallKey(r.get(CALL.PBX_ID), r.get(CALL.LINKEDID)),
                instant(r.get(CALL.STARTED_AT)), instant(r.get(CALL.ANSWERED_AT)), instant(r.get(CALL.ENDED_AT)),
                r.get(CALL.CALLER_NUMBER), r.get(CALL.CALLER_NAME), r.get(CALL.DIALLED_NUMBER), r.get(CALL.IVR_PATH),
                r.get(CALL.QUEUE_NAME), r.get(CALL.QUEUE_WAIT_MS), r.get(CALL.AGENT), r.get(CALL.TALK_MS),
                r.get(CALL.DISPOSITION), r.get(CALL.END_REASON), r.get(CALL.HANGUP_CAUSE),
                file != null && !file.isBlank(), r.get(CALL.SURVEY_RATING), r.get(MATTER.NUMBER), r.get(CALL.SOURCE),
                instant(r.get(CALL.RECONCILED_AT)), r.get(CALL.TRANSFERS), r.get(CALL.HOLDS));
    }

    /** A flat JSON object of strings (what call_event.data holds) as a map; anything else is skipped. */
    static Map<String, String> flat(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        io.vertx.core.json.JsonObject o;
        try {
            o = new io.vertx.core.json.JsonObject(json);
        } catch (RuntimeException e) {
            return out;
        }
        o.forEach(e -> {
            if (e.getValue() != null && !(e.getValue() instanceof io.vertx.core.json.JsonObject)
                    && !(e.getValue() instanceof io.vertx.core.json.JsonArray)) {
                out.put(e.getKey(), String.valueOf(e.getValue()));
            }
        });
        return out;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
