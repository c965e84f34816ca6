package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.testing.TestSql;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciler on a real database: corrects, creates, logs, pages through batches, is idempotent, leaves calls of a
 * PBX this node does not own alone, and survives hostile rows in Asterisk's tables without losing the other calls.
 */
@ExtendWith(PostgresExtension.class)
class CallReconcilerIT {

    static final Instant T0 = Instant.parse("2026-12-06T02:00:00Z");
    Vertx vertx;
    TestDatabase db;
    final AtomicBoolean owner = new AtomicBoolean(true);
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    CallReconciler reconciler;

    @BeforeEach
    void setUp(TestDatabase database) throws Exception {
        db = database;
        vertx = Vertx.vertx();
        CtiConfig.Reconcile cfg = new CtiConfig.Reconcile(true, Duration.ofMinutes(1), Duration.ofSeconds(15),
                Duration.ofHours(6), Duration.ofHours(1), 2);
        reconciler = new CallReconciler(vertx, new Db(vertx, database.dataSource(), 2), cfg, List.of("pbx1"),
                p -> owner.get(), n -> n, new Readiness(), metrics, Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC));
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("delete from call_event; delete from call; delete from asterisk.cel; delete from asterisk.queue_log; "
                    + "delete from call_reconcile_state");
            // A: answered, but the row says abandoned and was closed at a link loss
            answered(st, "1.1", 0, "PJSIP/1001-0001");
            st.execute("insert into call (pbx_id, linkedid, caller_number, started_at, ended_at, queue_name, disposition, end_reason) "
                    + "values ('pbx1', '1.1', '13800138000', '" + T0 + "', '" + T0.plusSeconds(90) + "', 'q-general', "
                    + "'abandoned_in_queue', 'pbx_link_lost')");
            // B and C: answered, never seen by the server
            answered(st, "2.1", 100, "PJSIP/1002-0002");
            answered(st, "3.1", 200, "Local/1003@agents-0003;1");
            // D: hostile rows: garbage extra, non-numeric queue_log fields, an unknown event, a huge value
            cel(st, "CHAN_START", "4.1", "4.1", 300, "PJSIP/trunk-4", "", "x".repeat(5000));
            cel(st, "HANGUP", "4.1", "4.1", 301, "PJSIP/trunk-4", "AGI", "{not json");
            cel(st, "NO_SUCH_EVENT", "4.1", "4.1", 301, "PJSIP/trunk-4", "", "");
            ql(st, "4.1", 300, "ENTERQUEUE", "NONE", "", "'; drop table call; --", "x");
            ql(st, "4.1", 301, "CONNECT", "张三", "soon", "no-such-uniqueid", "");
            cel(st, "LINKEDID_END", "4.1", "4.1", 302, "PJSIP/trunk-4", "", "");
            // E: still going on (no LINKEDID_END): not touched
            cel(st, "CHAN_START", "5.1", "5.1", 400, "PJSIP/trunk-5", "", "");
        }
    }

    @AfterEach
    void tearDown() {
        reconciler.close();
        vertx.close();
    }

    static void answered(Statement st, String id, int at, String agentChannel) throws Exception {
        String agentUid = id + "9";
        cel(st, "CHAN_START", id, id, at, "PJSIP/trunk-" + id, "", "");
        cel(st, "ANSWER", id, id, at, "PJSIP/trunk-" + id, "Answer", "");
        ql(st, id, at + 5, "ENTERQUEUE", "NONE", "", "13800138000", "1");
        cel(st, "CHAN_START", agentUid, id, at + 10, agentChannel, "", "");
        ql(st, id, at + 12, "CONNECT", "坐席", "7", agentUid, "2");
        ql(st, id, at + 72, "COMPLETEAGENT", "坐席", "7", "60", "1");
        cel(st, "HANGUP", id, id, at + 72, "PJSIP/trunk-" + id, "Queue", "{\"hangupcause\":16,\"hangupsource\":\"\",\"dialstatus\":\"\"}");
        cel(st, "LINKEDID_END", id, id, at + 72, "PJSIP/trunk-" + id, "Queue", "");
    }

    static void cel(Statement st, String type, String uid, String linkedid, int at, String chan, String app, String extra)
            throws Exception {
        st.execute("insert into asterisk.cel (eventtype, eventtime, cid_num, exten, channame, appname, uniqueid, linkedid, "
                + "extra, pbx_id) values ('" + type + "', '" + T0.plusSeconds(at).toString().replace("T", " ").replace("Z", "")
                + "', '13800138000', '12345', '" + chan + "', '" + app + "', '" + uid + "', '" + linkedid + "', '"
                + extra.replace("'", "''") + "', 'pbx1')");
    }

    static void ql(Statement st, String callid, int at, String event, String agent, String d1, String d2, String d3)
            throws Exception {
        st.execute("insert into asterisk.queue_log (time, callid, queuename, agent, event, data1, data2, data3, pbx_id) values ('"
                + T0.plusSeconds(at).toString().replace("T", " ").replace("Z", "") + "', '" + callid + "', 'q-general', '"
                + agent + "', '" + event + "', '" + d1.replace("'", "''") + "', '" + d2.replace("'", "''") + "', '"
                + d3.replace("'", "''") + "', 'pbx1')");
    }

    CallReconciler.Stats pass() throws Exception {
        return reconciler.window("pbx1", T0, T0.plusSeconds(3000)).await(30, TimeUnit.SECONDS);
    }

    long count(String sql) {
        return TestSql.count(db.dataSource(), sql);
    }

    @Test
    void correctsCreatesLogsAndChangesNothingTheSecondTime() throws Exception {
        CallReconciler.Stats first = pass();
        assertThat(first.checked()).isEqualTo(4);
        assertThat(first.corrected()).isEqualTo(1);
        assertThat(first.created()).isEqualTo(3); // B, C and the hostile D
        assertThat(count("select count(*) from call where linkedid = '1.1' and disposition = 'answered' "
                + "and agent = 'PJSIP/1001' and queue_wait_ms = 7000 and talk_ms = 60000 and end_reason = 'normal' "
                + "and hangup_cause = 16 and reconciled_at is not null")).isEqualTo(1);
        assertThat(count("select count(*) from call where linkedid = '3.1' and agent = 'Local/1003@agents/n' "
                + "and source = 'cel' and recording_file is null")).isEqualTo(1);
        assertThat(count("select count(*) from call_event where linkedid = '1.1' and kind = 'reconciled'")).isEqualTo(9);
        assertThat(count("select count(*) from call_event where linkedid = '1.1' and kind = 'reconciled' "
                + "and data->>'field' = 'disposition' and data->>'from' = 'abandoned_in_queue' and data->>'to' = 'answered' "
                + "and data->>'source' = 'queue_log'")).isEqualTo(1);
        assertThat(count("select count(*) from call_event where kind = 'reconciled_created'")).isEqualTo(3);
        assertThat(count("select count(*) from call where linkedid = '5.1'")).isZero();
        // the hostile call: a record, with what could be read; nothing else disturbed
        assertThat(count("select count(*) from call where linkedid = '4.1' and disposition = 'answered' and agent is null")).isEqualTo(1);
        assertThat(count("select count(*) from call")).isEqualTo(4);
        assertThat(metrics.counter("cti_reconcile_calls_total", "pbx", "pbx1", "outcome", "created").count()).isEqualTo(3);

        long events = count("select count(*) from call_event");
        CallReconciler.Stats second = pass();
        assertThat(second.checked()).isEqualTo(4);
        assertThat(second.corrected()).isZero();
        assertThat(second.created()).isZero();
        assertThat(count("select count(*) from call_event")).isEqualTo(events);
    }

    @Test
    void aPbxThisNodeDoesNotOwnIsLeftAlone() throws Exception {
        owner.set(false);
        assertThat(pass().checked()).isZero();
        assertThat(reconciler.reconcileRecent("pbx1").await(30, TimeUnit.SECONDS).checked()).isZero();
        assertThat(count("select count(*) from call")).isEqualTo(1);
        assertThat(count("select count(*) from call_event")).isZero();
        owner.set(true);
        assertThat(reconciler.reconcileRecent("pbx1").await(30, TimeUnit.SECONDS).created()).isEqualTo(3);
        // the progress is stored: a new owner goes on from there
        assertThat(count("select count(*) from call_reconcile_state where pbx_id = 'pbx1' and checked_until = '"
                + T0.plusSeconds(3600).minusSeconds(15) + "'")).isEqualTo(1);
    }

    /**
     * Issue 25: node A paused past its lease and still believes it owns pbx1 ({@code owns} says yes); node B took the
     * PBX over. A's pass is refused in its first batch's transaction (nothing corrected, created or logged, no progress
     * stored, counted); node B's pass, with the new epoch, does the whole work.
     */
    @Test
    void aPausedOwnersPassIsRefusedByTheLeaseAndTheNewOwnerDoesItWhole() throws Exception {
        org.jooq.DSLContext dsl = org.jooq.impl.DSL.using(db.dataSource(), org.jooq.SQLDialect.POSTGRES);
        cn.hotline12345.cti.cluster.AmiLeaseRepository leases = new cn.hotline12345.cti.cluster.AmiLeaseRepository();
        dsl.execute("delete from ami_lease where pbx_id = 'pbx1'");
        try {
            long a = leases.tryAcquire(dsl, "pbx1", "node-a", Duration.ofSeconds(60)).orElseThrow().epoch();
            java.util.concurrent.atomic.AtomicLong epoch = new java.util.concurrent.atomic.AtomicLong(a);
            reconciler.fenceWith(p -> epoch.get());
            dsl.execute("update ami_lease set expires_at = now() - interval '1 second' where pbx_id = 'pbx1'");
            long b = leases.tryAcquire(dsl, "pbx1", "node-b", Duration.ofSeconds(60)).orElseThrow().epoch();

            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(this::pass);
            assertThat(LeaseFence.refusal(refused)).as("refused by the fence: %s", refused).isNotNull();
            Throwable recent = org.assertj.core.api.Assertions.catchThrowable(
                    () -> reconciler.reconcileRecent("pbx1").await(30, TimeUnit.SECONDS));
            assertThat(LeaseFence.refusal(recent)).as("refused by the fence: %s", recent).isNotNull();
            assertThat(count("select count(*) from call")).as("nothing created").isEqualTo(1);
            assertThat(count("select count(*) from call where linkedid = '1.1' and disposition = 'abandoned_in_queue'"))
                    .as("nothing corrected").isEqualTo(1);
            assertThat(count("select count(*) from call_event")).as("nothing logged").isZero();
            assertThat(count("select count(*) from call_reconcile_state")).as("no progress kept").isZero();
            assertThat(metrics.counter(LeaseFence.METRIC, "kind", "reconcile").count()).isEqualTo(2);
            assertThat(metrics.counter("cti_reconcile_failures_total").count()).as("a refusal is not a failure").isZero();

            epoch.set(b); // node B
            CallReconciler.Stats whole = pass();
            assertThat(whole.corrected()).isEqualTo(1);
            assertThat(whole.created()).isEqualTo(3);
            assertThat(metrics.counter(LeaseFence.METRIC, "kind", "reconcile").count()).isEqualTo(2);
        } finally {
            dsl.execute("delete from ami_lease where pbx_id = 'pbx1'");
        }
    }
}
