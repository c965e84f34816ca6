package cn.hotline12345.cti.app;

import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.ServerConfigs;
import cn.hotline12345.cti.testing.TestSql;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallHandle;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.pbxsim.records.GroundTruth;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21, the acceptance test: pbx-sim writes Asterisk's own CEL and queue_log rows into the server's database while
 * it runs a burst of calls; the AMI link is cut for 30 s in the middle of it, and then the server (a JVM of its own)
 * is killed with SIGKILL under traffic and started again, calls going on while it is down. After reconciliation every
 * call pbx-sim made has exactly one row, and that row says what pbx-sim's own ground truth says: disposition, agent,
 * queue, wait, talk time, end reason, end time.
 */
@ExtendWith(PostgresExtension.class)
class CallReconciliationIT {

    private static final String PBX = "pbx1";

    @Test
    void everyCallOfABurstThroughAnAmiCutAndAServerKillEndsAsExactlyOneTrueRecord(TestDatabase db, @TempDir Path dir)
            throws Exception {
        int httpPort = ServerConfigs.freePort();
        int agiPort = ServerConfigs.freePort();
        Random random = new Random(21);
        QueueConfig.Member[] members = new QueueConfig.Member[6];
        List<AgentSpec> agents = new ArrayList<>();
        for (int i = 0; i < members.length; i++) {
            String ext = Integer.toString(1001 + i);
            members[i] = QueueConfig.Member.of("PJSIP/" + ext, "坐席" + ext);
            agents.add(AgentSpec.pjsip(ext).answerAfter(300 + random.nextInt(700)).talkFor(2_000 + random.nextInt(4_000)));
        }
        PbxSim.Builder sb = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret").pbxId(PBX)
                .agiTarget("127.0.0.1", agiPort).seed(21).keepGroundTruth()
                .asteriskRecords(db.url(), db.user(), db.password(), PBX)
                .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, members).timing(15, 1, 1));
        agents.forEach(sb::agent);
        List<CallHandle> calls = new ArrayList<>();
        try (PbxSim sim = sb.build().startBlocking()) {
            Map<String, String> env = new HashMap<>(ServerConfigs.env(db, httpPort, agiPort, sim.amiPort()));
            env.put("CTI_RECONCILE_INTERVAL", "2s");
            env.put("CTI_RECONCILE_SETTLE", "3s");
            env.put("CTI_RECONCILE_LOOKBACK", "1h");
            env.put("CTI_RECONCILE_BATCH_SIZE", "7"); // several batches per pass: the keyset paging is exercised
            Process first = startServer(env, dir.resolve("first.log"));
            try {
                awaitReady(httpPort, first, dir.resolve("first.log"));
                burst(sim, calls, random, 8);
                Http.await("calls answered while the AMI link is up", Duration.ofSeconds(30), () -> TestSql.count(
                        db.dataSource(), "select count(*) from call where answered_at is not null") >= 2);

                // 30 s without AMI: calls begin, are answered and end inside it; the earlier ones span it
                sim.faults().cutAmi(Duration.ofSeconds(30));
                Instant cutEnds = Instant.now().plusSeconds(30);
                while (Instant.now().isBefore(cutEnds.minusSeconds(12))) {
                    List<CallHandle> during = burst(sim, calls, random, 3);
                    for (CallHandle c : during) {
                        assertThat(c.awaitEnd(Duration.ofSeconds(40))).isTrue();
                    }
                }
                Http.await("the AMI link back", Duration.ofSeconds(60), () -> Http.get(httpPort, "/ready").statusCode() == 200);
                burst(sim, calls, random, 6);
                Http.await("calls live when the server dies", Duration.ofSeconds(20), () -> sim.activeCalls() >= 3);
            } finally {
                first.destroyForcibly();
                first.waitFor();
            }
            // the server is down: these calls it never sees, some of them whole
            List<CallHandle> unseen = burst(sim, calls, random, 5);
            Http.await("calls over while the server is down", Duration.ofSeconds(40),
                    () -> unseen.stream().filter(c -> c.ended().isComplete()).count() >= 2);
            Process second = startServer(env, dir.resolve("second.log"));
            try {
                awaitReady(httpPort, second, dir.resolve("second.log"));
                for (CallHandle c : calls) {
                    assertThat(c.awaitEnd(Duration.ofSeconds(90))).as("call %s ends", c.linkedid()).isTrue();
                }
                GroundTruth truth = sim.groundTruth();
                assertThat(sim.asteriskRecords().awaitIdle(10_000)).isTrue();
                assertThat(sim.asteriskRecords().dropped()).isZero();

                Http.await("every call reconciled to its truth", Duration.ofSeconds(60), () -> mismatches(db, calls, truth).isEmpty());
                assertThat(mismatches(db, calls, truth)).isEmpty();
                assertThat(TestSql.count(db.dataSource(), "select count(*) from call")).isEqualTo(calls.size());
                for (CallHandle c : calls) {
                    assertThat(TestSql.count(db.dataSource(), "select count(*) from call where pbx_id = '" + PBX
                            + "' and linkedid = '" + c.linkedid() + "'")).as(c.linkedid()).isEqualTo(1);
                }
                // the gaps showed: rows created from CEL for calls the server never saw, corrections of calls it
                // saw only in part, each change in the call's timeline
                assertThat(TestSql.count(db.dataSource(), "select count(*) from call where source = 'cel'")).isPositive();
                assertThat(TestSql.count(db.dataSource(),
                        "select count(*) from call_event where kind = 'reconciled' and data->>'source' in ('cel', 'queue_log')"))
                        .isPositive();
                System.out.printf("reconciliation: %d calls by pbx-sim, %d rows created from CEL, %d rows corrected, "
                                + "%d changes logged%n", calls.size(),
                        TestSql.count(db.dataSource(), "select count(*) from call where source = 'cel'"),
                        TestSql.count(db.dataSource(), "select count(*) from call where source = 'ami' and linkedid in "
                                + "(select linkedid from call_event where kind = 'reconciled' and data->>'field' <> 'talk_ms')"),
                        TestSql.count(db.dataSource(), "select count(*) from call_event where kind = 'reconciled'"));
                // every created row and every corrected row has its entries in the call's timeline
                assertThat(TestSql.count(db.dataSource(), "select count(*) from call c where source = 'cel' and not exists "
                        + "(select 1 from call_event e where e.pbx_id = c.pbx_id and e.linkedid = c.linkedid "
                        + "and e.kind = 'reconciled_created')")).isZero();
                assertThat(TestSql.count(db.dataSource(), "select count(*) from call c where reconciled_at is not null "
                        + "and source = 'ami' and not exists (select 1 from call_event e where e.pbx_id = c.pbx_id "
                        + "and e.linkedid = c.linkedid and e.kind = 'reconciled')")).isZero();
                String metrics = Http.get(httpPort, "/metrics").body();
                assertThat(metrics).contains("cti_reconcile_calls_total").contains("cti_reconcile_lag_seconds");
                assertThat(metricValue(metrics, "cti_reconcile_calls_total{outcome=\"checked\",pbx=\"pbx1\"}")).isPositive();
                // a second pass over the same calls changes nothing
                long events = TestSql.count(db.dataSource(), "select count(*) from call_event where kind like 'reconciled%'");
                long changed = TestSql.count(db.dataSource(), "select count(*) from call where reconciled_at is not null");
                Instant progress = checkedUntil(db);
                Http.await("two more passes", Duration.ofSeconds(30),
                        () -> checkedUntil(db).isAfter(progress.plusSeconds(3)));
                assertThat(TestSql.count(db.dataSource(), "select count(*) from call_event where kind like 'reconciled%'"))
                        .isEqualTo(events);
                assertThat(TestSql.count(db.dataSource(), "select count(*) from call where reconciled_at is not null"))
                        .isEqualTo(changed);
            } finally {
                second.destroy();
                second.waitFor();
            }
        }
    }

    /** Places {@code n} calls: most wait for an agent, some give up in the queue. */
    private static List<CallHandle> burst(PbxSim sim, List<CallHandle> calls, Random random, int n) {
        List<CallHandle> placed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CallerSpec spec = CallerSpec.of(String.format("1390000%04d", calls.size())).digits("5,0");
            if (random.nextInt(4) == 0) {
                spec = spec.patience(Duration.ofMillis(1_500 + random.nextInt(2_500)));
            }
            CallHandle h = sim.placeCall(spec);
            calls.add(h);
            placed.add(h);
        }
        return placed;
    }

    /** What differs between each call's row and pbx-sim's truth (empty: all equal). */
    private static List<String> mismatches(TestDatabase db, List<CallHandle> calls, GroundTruth truth) {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("select disposition, agent, queue_name, queue_wait_ms, talk_ms, "
                     + "end_reason, ended_at from call where pbx_id = ? and linkedid = ?")) {
            for (CallHandle h : calls) {
                GroundTruth.CallTruth t = truth.call(h.linkedid());
                st.setString(1, PBX);
                st.setString(2, h.linkedid());
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        out.add(h.linkedid() + ": no row");
                        continue;
                    }
                    String expectDisposition = t.agent() != null ? "answered" : t.queue() != null ? "abandoned_in_queue" : null;
                    check(out, h, "disposition", expectDisposition, rs.getString(1));
                    check(out, h, "agent", t.agent(), rs.getString(2));
                    check(out, h, "queue", t.queue(), rs.getString(3));
                    check(out, h, "wait", t.holdSec() == null ? null : t.holdSec() * 1000, (Long) rs.getObject(4));
                    check(out, h, "talk", t.talkSec() == null ? null : t.talkSec() * 1000, (Long) rs.getObject(5));
                    check(out, h, "end_reason", "normal", rs.getString(6));
                    java.time.OffsetDateTime ended = rs.getObject(7, java.time.OffsetDateTime.class);
                    if (ended == null || Math.abs(ended.toInstant().toEpochMilli() - t.endedMs()) > 2_000) {
                        out.add(h.linkedid() + ": ended_at " + ended + " vs " + Instant.ofEpochMilli(t.endedMs()));
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void check(List<String> out, CallHandle h, String what, Object expected, Object actual) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            out.add(h.linkedid() + ": " + what + " " + actual + " vs truth " + expected);
        }
    }

    private static double metricValue(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(
                l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private static Instant checkedUntil(TestDatabase db) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("select checked_until from call_reconcile_state where pbx_id = ?")) {
            st.setString(1, PBX);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getObject(1, java.time.OffsetDateTime.class).toInstant() : Instant.EPOCH;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Process startServer(Map<String, String> env, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    static void awaitReady(int port, Process p, Path log) {
        try {
            Http.await("server ready", Duration.ofSeconds(60), () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("server exited: " + TestSql.tail(log, 4000));
                }
                try {
                    return Http.get(port, "/ready").statusCode() == 200;
                } catch (IllegalStateException notYet) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + TestSql.tail(log, 4000), e);
        }
    }
}
