package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallRecord;
import cn.hotline12345.cti.call.api.Disposition;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer's batches stay within maxBatch, and every call ends up written once, ended, whatever was coalesced. */
@ExtendWith(PostgresExtension.class)
class CallRecordWriterIT {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void batchesNeverExceedMaxBatchAndEveryCallArrivesEnded(TestDatabase db, @TempDir Path dir) throws Exception {
        DSLContext dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        CallRecordWriter writer = new CallRecordWriter(new CallRecordRepository(dsl), 10_000, 7, Duration.ofMillis(2), 1,
                metrics, new Readiness(), dir.resolve("journal"));
        writer.start();
        try {
            for (int i = 0; i < 60; i++) {
                CallKey key = new CallKey("pbx-batch", "c" + i);
                writer.record(record(key, null));
                writer.event(new cn.hotline12345.cti.call.api.CallEventRecord(key, "ev:" + i, "call_started", T0, Map.of()));
                writer.record(record(key, T0.plusSeconds(30)));
            }
            assertThat(writer.awaitIdle(30_000)).isTrue();
        } finally {
            writer.close();
        }
        var items = metrics.get("cti_call_writer_batch_items").summary();
        assertThat(items.max()).isLessThanOrEqualTo(7);
        double written = metrics.counter("cti_call_writer_items_written_total").count();
        double coalesced = metrics.counter("cti_call_writer_records_coalesced_total").count();
        assertThat(items.totalAmount()).isEqualTo(written);
        assertThat(written + coalesced).isEqualTo(180);
        assertThat(((Number) dsl.fetchValue("select count(*) from call where pbx_id = 'pbx-batch' and ended_at is not null"))
                .longValue()).isEqualTo(60);
        assertThat(((Number) dsl.fetchValue("select count(*) from call_event where pbx_id = 'pbx-batch'")).longValue())
                .isEqualTo(60);
    }

    @Test
    void withSeveralLanesACallStaysInOneLaneAndEveryCallArrivesWhole(TestDatabase db, @TempDir Path dir) throws Exception {
        DSLContext dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        CallRecordWriter writer = new CallRecordWriter(new CallRecordRepository(dsl), 30_000, 20, Duration.ofMillis(1), 3,
                metrics, new Readiness(), dir.resolve("journal"));
        writer.start();
        try {
            int[] perLane = new int[3];
            for (int i = 0; i < 900; i++) {
                CallKey key = new CallKey("pbx-lanes", "1700000000." + i);
                CallRecord live = record(key, null);
                var event = new cn.hotline12345.cti.call.api.CallEventRecord(key, "ev:" + i, "call_started", T0, Map.of());
                CallRecord ended = record(key, T0.plusSeconds(30));
                int lane = writer.laneIndexOf(live);
                assertThat(writer.laneIndexOf(event)).isEqualTo(lane);
                assertThat(writer.laneIndexOf(ended)).isEqualTo(lane);
                perLane[lane]++;
                writer.record(live);
                writer.event(event);
                writer.record(ended);
            }
            assertThat(java.util.Arrays.stream(perLane).boxed().toList()).as("calls per lane").allSatisfy(n -> assertThat(n).isBetween(200, 400));
            var agent = new cn.hotline12345.cti.call.api.AgentStateChange("pbx-lanes", "1001", null, "paused", "lunch", T0, "st:1");
            assertThat(writer.laneIndexOf(agent)).isEqualTo(writer.laneIndexOf(
                    new cn.hotline12345.cti.call.api.AgentStateChange("pbx-lanes", "1001", null, "ready", null, T0, "st:2")));
            writer.agentState(agent);
            assertThat(writer.awaitIdle(30_000)).isTrue();
        } finally {
            writer.close();
        }
        assertThat(metrics.get("cti_call_writer_batch_items").summary().max()).isLessThanOrEqualTo(20);
        assertThat(((Number) dsl.fetchValue("select count(*) from call where pbx_id = 'pbx-lanes' and ended_at is not null"))
                .longValue()).isEqualTo(900);
        assertThat(((Number) dsl.fetchValue("select count(*) from call_event where pbx_id = 'pbx-lanes'")).longValue())
                .isEqualTo(900);
        assertThat(((Number) dsl.fetchValue("select count(*) from agent_state_history where pbx_id = 'pbx-lanes'"))
                .longValue()).isEqualTo(1);
    }

    private static CallRecord record(CallKey key, Instant endedAt) {
        return new CallRecord(key, "inbound", "13800138000", null, "12345", T0, null, endedAt, null, Map.of(), null,
                null, null, null, null, null, null, List.of(), 0, 0, null, null,
                endedAt == null ? null : Disposition.ABANDONED_IN_IVR, endedAt == null ? null : "normal", null);
    }
}
