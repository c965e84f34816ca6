package cn.hotline12345.cti.call;

import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.internal.LeaseFence;
import cn.hotline12345.cti.cluster.AmiLeaseRepository;
import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 25 item 2, the PBX-owned writes outside the call writer's batches: closing the records the PBX no longer has
 * (the first resync after a link starts) and keeping the IVR path of a caller who hung up in the IVR. Each carries
 * the node's lease epoch and is refused in its own transaction once a newer epoch exists; refusals are counted in
 * {@code cti_pbx_writes_fenced_total{kind}}. Without fencing (a single server) both write as before.
 */
@ExtendWith(PostgresExtension.class)
class FencedPbxWritesIT {

    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    private final AmiLeaseRepository leases = new AmiLeaseRepository();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final AtomicLong lastHeld = new AtomicLong();
    private final AtomicLong heldNow = new AtomicLong();
    private Vertx vertx;
    private DSLContext dsl;
    private CallModule calls;

    @BeforeEach
    void setUp(TestDatabase db, @TempDir Path dir) {
        vertx = Vertx.vertx();
        dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        dsl.execute("delete from ami_lease where pbx_id like 'fq%'");
        dsl.execute("delete from call where pbx_id like 'fq%'");
        CtiConfig config = new ConfigLoader(Map.of()).bind(Map.of("database", Map.of("journalDir", dir.toString())));
        calls = new CallModule(vertx, new Db(vertx, db.dataSource(), 2), config.database(), List.of("fq1"),
                dir.resolve("recordings"), new CallUpdateHub(), new Readiness(), metrics, Clock.systemUTC(), n -> null);
        calls.fenceWith(p -> lastHeld.get(), p -> heldNow.get());
    }

    @AfterEach
    void tearDown() {
        calls.close();
        vertx.close().await();
    }

    @Test
    void aPausedOwnersStaleCloseIsRefusedAndTheNewOwnersLiveCallStaysOpen() throws Exception {
        long a = leases.tryAcquire(dsl, "fq1", "node-a", Duration.ofSeconds(60)).orElseThrow().epoch();
        lastHeld.set(a);
        open("fq1", "live.1");
        // node A pauses past its lease; node B takes fq1 over and is tracking live.1
        dsl.execute("update ami_lease set expires_at = now() - interval '1 second' where pbx_id = 'fq1'");
        long b = leases.tryAcquire(dsl, "fq1", "node-b", Duration.ofSeconds(60)).orElseThrow().epoch();
        // node A wakes up and runs the close of its (stale) first resync: the PBX had no live call when A looked
        Throwable refused = catchThrowable(() -> calls.closeStale("fq1", Set.of(), T0.plusSeconds(60), T0.plusSeconds(61),
                "pbx_link_lost").await(10, TimeUnit.SECONDS));
        assertThat(LeaseFence.refusal(refused)).as("refused by the fence: %s", refused).isNotNull();
        assertThat(endedAt("fq1", "live.1")).as("node B's live call stays open").isNull();
        assertThat(fenced("close_stale")).isEqualTo(1);

        // node B's own close (its epoch) goes through
        lastHeld.set(b);
        assertThat(calls.closeStale("fq1", Set.of(), T0.plusSeconds(60), T0.plusSeconds(61), "pbx_link_lost")
                .await(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(endedAt("fq1", "live.1")).isNotNull();
        assertThat(fenced("close_stale")).isEqualTo(1);
    }

    @Test
    void anIvrPathIsFencedOnlyWhileTheNodeBelievesItHoldsTheLease() throws Exception {
        long a = leases.tryAcquire(dsl, "fq1", "node-a", Duration.ofSeconds(60)).orElseThrow().epoch();
        open("fq1", "ivr.1");
        open("fq1", "ivr.2");
        dsl.execute("update ami_lease set expires_at = now() - interval '1 second' where pbx_id = 'fq1'");
        leases.tryAcquire(dsl, "fq1", "node-b", Duration.ofSeconds(60)).orElseThrow();
        // node A paused while it held the lease and still believes it does: its late IVR write is refused
        heldNow.set(a);
        Throwable refused = catchThrowable(() -> calls.recordIvrPath("fq1", "ivr.1", "1>2").await(10, TimeUnit.SECONDS));
        assertThat(LeaseFence.refusal(refused)).as("refused by the fence: %s", refused).isNotNull();
        assertThat(ivrPath("fq1", "ivr.1")).isNull();
        assertThat(fenced("ivr_path")).isEqualTo(1);
        // a node that knows it holds no lease (a standby serving FastAGI, as every node does) keeps its caller's path
        heldNow.set(0);
        assertThat(calls.recordIvrPath("fq1", "ivr.2", "3>1").await(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(ivrPath("fq1", "ivr.2")).isEqualTo("3>1");
        assertThat(fenced("ivr_path")).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedWithoutTouchingOtherRows() throws Exception {
        open("fq1", "keep.1");
        // an unknown PBX and a linkedid that is not stored write nothing and fail nothing
        assertThat(calls.recordIvrPath("fq-unknown", "keep.1", "1").await(10, TimeUnit.SECONDS)).isZero();
        assertThat(calls.recordIvrPath("fq1", "no-such-call", "1").await(10, TimeUnit.SECONDS)).isZero();
        // a PBX without a lease row is not fenced (nobody holds a newer epoch)
        heldNow.set(7);
        assertThat(calls.recordIvrPath("fq1", "keep.1", "9").await(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(fenced("ivr_path")).isZero();
        assertThat(endedAt("fq1", "keep.1")).isNull();
    }

    private void open(String pbx, String linkedid) {
        dsl.execute("insert into call (pbx_id, linkedid, caller_number, started_at) values (?, ?, '13800138000', ?::timestamptz)",
                pbx, linkedid, T0.toString());
    }

    private Object endedAt(String pbx, String linkedid) {
        return dsl.fetchOne("select ended_at from call where pbx_id = ? and linkedid = ?", pbx, linkedid).get(0);
    }

    private String ivrPath(String pbx, String linkedid) {
        return dsl.fetchOne("select ivr_path from call where pbx_id = ? and linkedid = ?", pbx, linkedid).get(0, String.class);
    }

    private double fenced(String kind) {
        return metrics.counter(LeaseFence.METRIC, "kind", kind).count();
    }
}
