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
 * Issue 25: a rolling restart of both servers (separate JVMs, SIGTERM then start again, one after the other) while
 * calls are in progress, as an upgrade is rolled out. Each stop hands the PBX's lease over at once (the node releases
 * it); the calls in progress are adopted by the other node's resync. The agents' consoles lose their node and connect
 * to the other one with the same session (no new login), and get their state replayed. Afterwards every call has
 * exactly one record with the right outcome and no console connection received a call's pop twice.
 */
@ExtendWith(PostgresExtension.class)
class ClusterRollingRestartIT {

    @Test
    void bothNodesRestartedInTurnDuringCallsLoseNoCallNoLoginAndPopNothingTwice(TestDatabase db, @TempDir Path dir)
            throws Exception {
        List<AgentSpec> agents = new ArrayList<>();
        QueueConfig.Member[] members = new QueueConfig.Member[8];
        for (int i = 0; i < 8; i++) {
            agents.add(AgentSpec.pjsip(Integer.toString(1001 + i)).answerAfter(300).talkFor(8_000));
            members[i] = QueueConfig.Member.of("PJSIP/" + (1001 + i), "坐席 " + (1001 + i));
        }
        PbxSim.Builder sb = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret").seed(13)
                .queue(QueueConfig.of("q-general", Strategy.RINGALL, members).timing(15, 1, 0));
        agents.forEach(sb::agent);
        ClusterNodes cluster = new ClusterNodes(db, dir, "node-a", "node-b");
        ClusterNodes.Node a = cluster.get("node-a");
        ClusterNodes.Node b = cluster.get("node-b");
        Vertx vertx = Vertx.vertx();
        List<WsProbe> consoles = new ArrayList<>();
        // the IVR is served by node B's FastAGI: calls placed while B restarts skip the IVR, as the dialplan's
        // defaults before AGI() send them straight to q-general (docs/operations.md)
        try (PbxSim sim = sb.agiTarget("127.0.0.1", b.agi).build().startBlocking()) {
            cluster.pbx(sim.amiPort());
            a.start().awaitReady();
            Http.await("node A holds the AMI lease", Duration.ofSeconds(20), () -> "node-a".equals(cluster.leaseOwner("pbx1")));
            b.start().awaitReady();
            WebClientSession agent1 = new WebClientSession(b.http, b.origin()).login("agent1");
            WebClientSession agent2 = new WebClientSession(a.http, a.origin()).login("agent2");
            WsProbe console1 = console(vertx, consoles, b, agent1);
            WsProbe console2OnA = console(vertx, consoles, a, agent2);
            List<CallHandle> calls = new ArrayList<>();

            burst(sim, calls, cluster, "1350000100");
            a.process.destroy(); // SIGTERM, the owner first
            long t0 = System.nanoTime();
            Http.await("node B takes the lease over", Duration.ofSeconds(20), () -> "node-b".equals(cluster.leaseOwner("pbx1")));
            Http.await("B's link is up", Duration.ofSeconds(20),
                    () -> b.component("ami:pbx1").getString("detail").startsWith("connected"));
            long firstTakeoverMs = (System.nanoTime() - t0) / 1_000_000;
            a.stop(); // waits for the drain to finish
            // agent2's console lost node A: it connects to B with the same session and gets its state again
            Http.await("agent2's console sees its node go", Duration.ofSeconds(10), () -> console2OnA.closeCode != null);
            WsProbe console2 = console(vertx, consoles, b, agent2);
            a.start().awaitReady();

            burst(sim, calls, cluster, "1350000200");
            b.process.destroy();
            t0 = System.nanoTime();
            Http.await("node A takes the lease back", Duration.ofSeconds(20), () -> "node-a".equals(cluster.leaseOwner("pbx1")));
            Http.await("A's link is up", Duration.ofSeconds(20),
                    () -> a.component("ami:pbx1").getString("detail").startsWith("connected"));
            long secondTakeoverMs = (System.nanoTime() - t0) / 1_000_000;
            b.stop();
            Http.await("both consoles see node B go", Duration.ofSeconds(10),
                    () -> console1.closeCode != null && console2.closeCode != null);
            console(vertx, consoles, a, agent1);
            console(vertx, consoles, a, agent2);
            b.start().awaitReady();
            burst(sim, calls, cluster, "1350000300");
            System.out.printf("rolling restart: link up on node-b %d ms after node-a's SIGTERM, on node-a %d ms after "
                    + "node-b's%n", firstTakeoverMs, secondTakeoverMs);

            for (CallHandle call : calls) {
                assertThat(call.awaitEnd(Duration.ofSeconds(40))).isTrue();
            }
            Http.await("every call has its final record", Duration.ofSeconds(20),
                    () -> cluster.count("select count(*) from call where ended_at is not null") == calls.size());
            for (CallHandle call : calls) {
                assertThat(cluster.count("select count(*) from call where linkedid = '" + call.linkedid() + "'"))
                        .as("records of " + call.linkedid()).isEqualTo(1);
                assertThat(cluster.count("select count(*) from call where linkedid = '" + call.linkedid()
                        + "' and disposition = 'answered' and agent is not null"))
                        .as("outcome of " + call.linkedid() + ": " + cluster.stored(call.linkedid())).isEqualTo(1);
            }
            assertThat(cluster.count("select count(*) from call")).isEqualTo(calls.size());
            // no agent logged out: both sessions, made on nodes that have restarted since, are served by either node
            for (WebClientSession s : List.of(agent1, agent2)) {
                for (ClusterNodes.Node n : List.of(a, b)) {
                    WebClientSession on = new WebClientSession(n.http, n.origin());
                    on.sessionId = s.sessionId;
                    on.csrfToken = s.csrfToken;
                    HttpResponse<String> me = on.get("/api/auth/me");
                    assertThat(me.statusCode()).as(n.id + ": " + me.body()).isEqualTo(200);
                }
            }
            assertThat(cluster.count("select count(*) from agent_state_history where state = 'logged_out'")).isZero();
            // no duplicated pop: each console connection got each call's pop at most once
            int pops = 0;
            for (WsProbe c : consoles) {
                Map<String, Integer> perCall = ClusterNodes.popsPerCall(c);
                pops += perCall.size();
                assertThat(perCall.values()).as("pops per call " + perCall).allMatch(n -> n == 1);
            }
            assertThat(pops).as("the agents' phones rang: some pops arrived").isPositive();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + cluster.logs(), e);
        } finally {
            consoles.forEach(WsProbe::close);
            cluster.stopAll();
            vertx.close().await();
        }
    }

    private static WsProbe console(Vertx vertx, List<WsProbe> consoles, ClusterNodes.Node node, WebClientSession s)
            throws Exception {
        WsProbe c = WsProbe.connect(vertx, node.http, "/ws/console", node.origin(), s.sessionId);
        consoles.add(c);
        c.awaitType("hello", null);
        return c;
    }

    /** Three calls, answered before the next restart (they are in progress while it happens). */
    private static void burst(PbxSim sim, List<CallHandle> calls, ClusterNodes cluster, String prefix) {
        long answered = cluster.count("select count(*) from call where answered_at is not null");
        for (int i = 0; i < 3; i++) {
            calls.add(sim.placeCall(CallerSpec.of(prefix + i).digits("5,0")));
        }
        Http.await("the burst's calls are answered", Duration.ofSeconds(30),
                () -> cluster.count("select count(*) from call where answered_at is not null") >= answered + 3);
    }
}
