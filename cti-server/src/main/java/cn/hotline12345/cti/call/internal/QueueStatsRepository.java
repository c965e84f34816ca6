package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.tracking.QueueBoard;
import org.jooq.DSLContext;
import org.jooq.Query;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static cn.hotline12345.schema.jooq.Tables.QUEUE_STATS;

/** Hourly queue statistics (offered, answered, within service level, abandoned, wait, talk), upserted. */
public final class QueueStatsRepository {

    private final DSLContext dsl;

    public QueueStatsRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Writes absolute counters, so writing the same hour again is harmless. */
    public void upsert(List<QueueBoard.IntervalStats> stats) {
        if (stats.isEmpty()) {
            return;
        }
        List<Query> queries = new ArrayList<>();
        for (QueueBoard.IntervalStats s : stats) {
            queries.add(dsl.insertInto(QUEUE_STATS)
                    .set(QUEUE_STATS.PBX_ID, s.pbxId())
                    .set(QUEUE_STATS.QUEUE_NAME, s.queue())
                    .set(QUEUE_STATS.INTERVAL_START, s.intervalStart().atOffset(ZoneOffset.UTC))
                    .set(QUEUE_STATS.OFFERED, s.offered())
                    .set(QUEUE_STATS.ANSWERED, s.answered())
                    .set(QUEUE_STATS.ANSWERED_WITHIN_SL, s.answeredWithinSl())
                    .set(QUEUE_STATS.ABANDONED, s.abandoned())
                    .set(QUEUE_STATS.SUM_WAIT_MS, s.sumWaitMs())
                    .set(QUEUE_STATS.SUM_TALK_MS, s.sumTalkMs())
                    .onConflict(QUEUE_STATS.PBX_ID, QUEUE_STATS.QUEUE_NAME, QUEUE_STATS.INTERVAL_START)
                    .doUpdate()
                    .set(QUEUE_STATS.OFFERED, s.offered())
                    .set(QUEUE_STATS.ANSWERED, s.answered())
                    .set(QUEUE_STATS.ANSWERED_WITHIN_SL, s.answeredWithinSl())
                    .set(QUEUE_STATS.ABANDONED, s.abandoned())
                    .set(QUEUE_STATS.SUM_WAIT_MS, s.sumWaitMs())
                    .set(QUEUE_STATS.SUM_TALK_MS, s.sumTalkMs()));
        }
        dsl.batch(queries).execute();
    }
}
