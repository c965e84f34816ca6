package cn.hotline12345.cti.app;

import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.testing.WsProbe;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallHandle;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 25: two servers (separate JVMs) and pbx-sim over TCP. The owner of the PBX's AMI link is frozen with SIGSTOP
 * (as in a long GC pause or a VM freeze) for longer than its lease (TTL 4 s) while calls are in progress: node B takes
 * the lease over, resyncs and tracks the calls, new calls keep coming. Then SIGCONT: the old owner wakes up with its
 * sockets full of AMI events and its own view of the calls; its late writes are refused by the lease fence
 * ({@code cti_call_writer_fenced_total} &gt; 0 on it), it drops its link, and after the burst every call has exactly one
 * record with the right outcome, the agent (whose console is on B) was never logged out, and no call popped twice.
 */
@ExtendWith(PostgresExtension.class)
class ClusterPauseIT {

    @Test
    void anOwnerPausedPastItsLeaseIsFencedWhenItWakesAndNothingIsDuplicated(TestDatabase db, @TempDir Path dir)
            throws Exception {
        List<AgentSpec> agents = new ArrayList<>();
        QueueConfig.Member[] members = new QueueConfig.Member[6];
        for (int i = 0; i < 6; i++) {
            agents.add(AgentSpec.pjsip(Integer.toString(1001 + i)).answerAfter(300).talkFor(10_000));
            members[i] = QueueConfig.Member.of("PJSIP/" + (1001 + i), "坐席 " + (1001 + i));
        }
        Vertx vertx = Vertx.vertx();
        PbxSim.Builder sb = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret").seed(11)
                .queue(QueueConfig.of("q-general", Strategy.RINGALL, members).timing(15, 1, 0));
        agents.forEach(sb::agent);
        ClusterNodes cluster = new ClusterNodes(db, dir, "node-a", "node-b");
        // FastAGI on node B, which is never paused (every node serves it; the dialplan may name several)
        try (PbxSim sim = sb.agiTarget("127.0.0.1", cluster.get("node-b").agi).build().startBlocking()) {
            cluster.pbx(sim.amiPort());
            ClusterNodes c = cluster;
            ClusterNodes.Node a = cluster.get("node-a");
            ClusterNodes.Node b = cluster.get("node-b");
            a.start().awaitReady();
            Http.await("node A holds the AMI lease", Duration.ofSeconds(20), () -> "node-a".equals(c.leaseOwner("pbx1")));
            b.start().awaitReady();
            assertThat(b.component("ami:pbx1").getString("detail")).startsWith("standby");

            WebClientSession agent = new WebClientSession(b.http, b.origin()).login("agent1");
            try (WsProbe console = WsProbe.connect(vertx, b.http, "/ws/console", b.origin(), agent.sessionId)) {
                console.awaitType("hello", null);
                List<CallHandle> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    calls.add(sim.placeCall(CallerSpec.of("1390000100" + i).digits("5,0")));
                }
                Http.await("the calls are answered", Duration.ofSeconds(30),
                        () -> c.count("select count(*) from call where answered_at is not null") >= 4);
                // ring-all: agent1's phone (1001) rings for the first calls (the first pop of a fresh node can take a while)
                Http.await("a pop on agent1's console", Duration.ofSeconds(30), () -> !console.ofType("screen_pop").isEmpty());

                // what A's call writer has committed so far (items written less those the fence refused)
                double committedBefore = committed(a);
                a.signal("STOP");
                long stoppedAt = System.nanoTime();
                Http.await("node B takes the AMI lease over", Duration.ofSeconds(30),
                        () -> "node-b".equals(c.leaseOwner("pbx1")));
                long takeoverMs = (System.nanoTime() - stoppedAt) / 1_000_000;
                Http.await("B's link is up", Duration.ofSeconds(20),
                        () -> b.component("ami:pbx1").getString("detail").startsWith("connected"));
                long linkUpMs = (System.nanoTime() - stoppedAt) / 1_000_000;
                // calls go on while A is frozen: B tracks them
                for (int i = 0; i < 3; i++) {
                    calls.add(sim.placeCall(CallerSpec.of("1370000200" + i).digits("5,0")));
                }
                Http.await("B records the calls placed during the pause", Duration.ofSeconds(20), () -> c.count(
                        "select count(*) from call where caller_number like '1370000200%'") == 3);
                for (CallHandle call : calls.subList(0, 4)) {
                    assertThat(call.awaitEnd(Duration.ofSeconds(40))).isTrue(); // their end events queue up at A too
                }

                a.signal("CONT");
                long contAt = System.nanoTime();
                Http.await("A drops its link once it sees the lease is B's", Duration.ofSeconds(20),
                        () -> a.component("ami:pbx1").getString("detail").startsWith("standby"));
                long dropMs = (System.nanoTime() - contAt) / 1_000_000;
                assertThat(a.metric("cti_ami_link_owner", "pbx=\"pbx1\"")).isZero();
                assertThat(b.metric("cti_ami_link_owner", "pbx=\"pbx1\"")).isEqualTo(1);
                System.out.printf("cluster pause: lease taken by node-b %d ms after SIGSTOP of node-a, link up at %d ms; "
                                + "node-a dropped its link %d ms after SIGCONT; on node-a %.0f call items and %.0f other "
                                + "writes fenced, %.0f call updates not published%n", takeoverMs, linkUpMs, dropMs,
                        a.metric("cti_call_writer_fenced_total", ""), a.metric("cti_pbx_writes_fenced_total", ""),
                        a.metric("cti_call_updates_stale_dropped_total", ""));

                for (CallHandle call : calls) {
                    assertThat(call.awaitEnd(Duration.ofSeconds(40))).isTrue();
                }
                Http.await("every call has its final record", Duration.ofSeconds(20),
                        () -> c.count("select count(*) from call where ended_at is not null") == calls.size());
                for (CallHandle call : calls) {
                    assertThat(c.count("select count(*) from call where linkedid = '" + call.linkedid() + "'"))
                            .as("records of " + call.linkedid()).isEqualTo(1);
                    assertThat(c.count("select count(*) from call where linkedid = '" + call.linkedid()
                            + "' and disposition = 'answered' and agent is not null and answered_at is not null"))
                            .as("outcome of " + call.linkedid() + ": " + c.stored(call.linkedid())).isEqualTo(1);
                }
                assertThat(c.count("select count(*) from call")).isEqualTo(calls.size());
                // A woke up with the calls' events in its sockets and its old view in its writer: whatever it made of
                // them after the pause was refused by the fence (cti_call_writer_fenced_total) or never made (it hung
                // up first); nothing of it was committed
                assertThat(committed(a)).as("items A committed after its pause (written %s, fenced %s)",
                        a.metric("cti_call_writer_items_written_total", ""), a.metric("cti_call_writer_fenced_total", ""))
                        .isEqualTo(committedBefore);

                // no agent logged out: the session and the console on B are whole, no logout in the state history
                HttpResponse<String> me = agent.get("/api/auth/me");
                assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
                assertThat(console.closeCode).isNull();
                assertThat(c.count("select count(*) from agent_state_history where state = 'logged_out'")).isZero();
                // no duplicated pop: A's wake-up replays nothing on the consoles
                Map<String, Integer> pops = ClusterNodes.popsPerCall(console);
                assertThat(pops).isNotEmpty();
                assertThat(pops.values()).as("pops per call " + pops).allMatch(n -> n == 1);
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + cluster.logs(), e);
        } finally {
            cluster.stopAll();
            vertx.close().await();
        }
    }

    /** Items the node's call writer has committed: written less refused by the lease fence. */
    private static double committed(ClusterNodes.Node n) {
        return n.metric("cti_call_writer_items_written_total", "") - n.metric("cti_call_writer_fenced_total", "");
    }
}
