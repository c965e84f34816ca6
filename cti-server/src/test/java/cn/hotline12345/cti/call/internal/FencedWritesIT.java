package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.AgentStateChange;
import cn.hotline12345.cti.call.api.CallEventRecord;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallRecord;
import cn.hotline12345.cti.call.api.Disposition;
import cn.hotline12345.cti.cluster.AmiLease;
import cn.hotline12345.cti.cluster.AmiLeaseRepository;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 25 item 2: the writes of a PBX carry the epoch of the writer's AMI lease and the database refuses them, in
 * the batch's own transaction, once a newer epoch exists: an owner that paused (GC, VM freeze) past its lease and
 * wakes up with a batch in hand cannot overwrite what the new owner wrote. The other PBXs' items in the same batch
 * are written; refusals are counted.
 */
@ExtendWith(PostgresExtension.class)
class FencedWritesIT {

    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    private final AmiLeaseRepository leases = new AmiLeaseRepository();
    private DSLContext dsl;

    @BeforeEach
    void clean(TestDatabase db) {
        dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        dsl.execute("delete from ami_lease");
        dsl.execute("delete from call_event where pbx_id like 'fp%'");
        dsl.execute("delete from agent_state_history where pbx_id like 'fp%'");
        dsl.execute("delete from call where pbx_id like 'fp%'");
    }

    @Test
    void aPausedOwnersLateBatchIsRefusedAndTheNewOwnersRowsStand(TestDatabase db, @TempDir Path dir) throws Exception {
        AmiLease a = leases.tryAcquire(dsl, "fp1", "node-a", Duration.ofSeconds(1)).orElseThrow();
        leases.tryAcquire(dsl, "fp2", "node-a", Duration.ofSeconds(60)).orElseThrow();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        AtomicLong epochA = new AtomicLong(a.epoch());
        CallRecordWriter writer = new CallRecordWriter(new CallRecordRepository(dsl), 1_000, 100, Duration.ZERO, 1,
                metrics, new Readiness(), dir.resolve("journal"));
        writer.start();
        writer.fenceWith(pbx -> pbx.equals("fp1") ? epochA.get() : 1);
        try {
            CallKey before = new CallKey("fp1", "before");
            writer.record(record(before, null, "1001"));
            assertThat(writer.awaitIdle(10_000)).isTrue();
            assertThat(agentOf("fp1", "before")).as("written while the lease was node A's").isEqualTo("1001");

            // node A "pauses" past its 1 s lease; node B takes fp1 over (epoch + 1) and writes the call's truth
            dsl.execute("update ami_lease set expires_at = now() - interval '1 second' where pbx_id = 'fp1'");
            AmiLease b = leases.tryAcquire(dsl, "fp1", "node-b", Duration.ofSeconds(60)).orElseThrow();
            assertThat(b.epoch()).isEqualTo(a.epoch() + 1);
            CallRecordRepository nodeB = new CallRecordRepository(dsl);
            CallKey late = new CallKey("fp1", "late");
            assertThat(nodeB.write(List.of(record(late, T0.plusSeconds(60), "1002")), List.of(), List.of(),
                    Map.of("fp1", b.epoch())).items()).isZero();

            // node A wakes up with a batch of its old view: a reopened call, an event, an agent state; and fp2's call
            writer.record(record(late, null, "9999"));
            writer.record(record(before, T0.plusSeconds(5), "9999"));
            writer.event(new CallEventRecord(late, "ev:late", "call_started", T0, Map.of()));
            writer.agentState(new AgentStateChange("fp1", "1001", null, "logged_out", null, T0, "st:late"));
            writer.record(record(new CallKey("fp2", "other"), T0.plusSeconds(9), "2001"));
            assertThat(writer.awaitIdle(10_000)).isTrue();
        } finally {
            writer.close();
        }
        assertThat(agentOf("fp1", "late")).as("node B's row stands").isEqualTo("1002");
        assertThat(agentOf("fp1", "before")).as("node A's late update of an older call is refused too").isEqualTo("1001");
        assertThat(count("select count(*) from call_event where pbx_id = 'fp1'")).isZero();
        assertThat(count("select count(*) from agent_state_history where pbx_id = 'fp1'")).as("no agent logged out").isZero();
        assertThat(agentOf("fp2", "other")).as("the PBX node A still owns is written").isEqualTo("2001");
        assertThat(writer.fencedCount()).isEqualTo(4);
        assertThat(metrics.counter("cti_call_writer_fenced_total").count()).isEqualTo(4);
    }

    @Test
    void aTakeoverWaitsForTheOwnersBatchInFlightSoNoWriteSlipsPastTheFence(TestDatabase db) throws Exception {
        AmiLease a = leases.tryAcquire(dsl, "fp3", "node-a", Duration.ofSeconds(60)).orElseThrow();
        dsl.execute("update ami_lease set expires_at = now() - interval '1 second' where pbx_id = 'fp3'");
        // node A's batch holds the lease row FOR SHARE until it commits: node B's takeover must wait for it, so no
        // batch of node A can commit after node B's epoch exists
        CompletableFuture<AmiLease> takeover;
        try (var c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            c.createStatement().execute("select epoch from ami_lease where pbx_id = 'fp3' for share");
            takeover = CompletableFuture.supplyAsync(() -> leases.tryAcquire(dsl, "fp3", "node-b", Duration.ofSeconds(60))
                    .orElseThrow());
            CompletableFuture<AmiLease> waiting = takeover;
            assertThatThrownBy(() -> waiting.get(500, TimeUnit.MILLISECONDS)).as("the takeover waits for the batch")
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            c.commit();
        }
        AmiLease b = takeover.get(10, TimeUnit.SECONDS);
        assertThat(b.owner()).isEqualTo("node-b");
        assertThat(b.epoch()).isEqualTo(a.epoch() + 1);
        // and node A's next batch sees the new epoch and is refused
        CallRecordRepository.Fenced refused = new CallRecordRepository(dsl).write(
                List.of(record(new CallKey("fp3", "x"), null, "1")), List.of(), List.of(), Map.of("fp3", a.epoch()));
        assertThat(refused.pbxIds()).containsExactly("fp3");
        assertThat(refused.items()).isEqualTo(1);
        assertThat(count("select count(*) from call where pbx_id = 'fp3'")).isZero();
    }

    private String agentOf(String pbx, String linkedid) {
        return dsl.fetchOne("select agent from call where pbx_id = ? and linkedid = ?", pbx, linkedid).get(0, String.class);
    }

    private long count(String sql) {
        return ((Number) dsl.fetchValue(sql)).longValue();
    }

    private static CallRecord record(CallKey key, Instant endedAt, String agent) {
        return new CallRecord(key, "inbound", "13800138000", null, "12345", T0, null, endedAt, null, Map.of(), null,
                null, null, null, null, null, agent, List.of(), 0, 0, null, null,
                endedAt == null ? null : Disposition.ABANDONED_IN_IVR, endedAt == null ? null : "normal", null);
    }
}
