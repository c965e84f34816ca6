package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.CallCounts;
import cn.hotline12345.cti.platform.db.Db;
import io.vertx.core.Future;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import static cn.hotline12345.schema.jooq.Tables.CALL;

/** Counts of call records for the wallboard. */
public final class CallCountRepository implements CallCounts {

    private final Db db;

    public CallCountRepository(Db db) {
        this.db = db;
    }

    /** Calls started in each of the 24 hours from {@code dayStart} (local hours of its zone). */
    @Override
    public Future<int[]> perHour(ZonedDateTime dayStart) {
        return db.query(dsl -> {
            int[] out = new int[24];
            OffsetDateTime from = dayStart.toOffsetDateTime();
            OffsetDateTime to = dayStart.plusDays(1).toOffsetDateTime();
            Field<Integer> hour = DSL.field("cast(extract(hour from {0} at time zone {1}) as integer)",
                    Integer.class, CALL.STARTED_AT, DSL.inline(dayStart.getZone().getId()));
            dsl.select(hour, DSL.count()).from(CALL)
                    .where(CALL.STARTED_AT.ge(from)).and(CALL.STARTED_AT.lt(to))
                    .groupBy(hour)
                    .fetch()
                    .forEach(r -> {
                        Integer h = r.value1();
                        if (h != null && h >= 0 && h < 24) {
                            out[h] = r.value2();
                        }
                    });
            return out;
        });
    }

    @Override
    public Future<java.util.Map<String, Integer>> answeredPerAgent(ZonedDateTime dayStart) {
        return db.query(dsl -> {
            java.util.Map<String, Integer> out = new java.util.HashMap<>();
            dsl.select(CALL.PBX_ID, CALL.AGENT, DSL.count()).from(CALL)
                    .where(CALL.STARTED_AT.ge(dayStart.toOffsetDateTime()))
                    .and(CALL.STARTED_AT.lt(dayStart.plusDays(1).toOffsetDateTime()))
                    .and(CALL.ANSWERED_AT.isNotNull()).and(CALL.AGENT.isNotNull())
                    .groupBy(CALL.PBX_ID, CALL.AGENT)
                    .fetch().forEach(r -> out.put(r.value1() + "|" + r.value2(), r.value3()));
            return out;
        });
    }
}
