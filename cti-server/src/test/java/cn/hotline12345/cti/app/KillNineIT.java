package cn.hotline12345.cti.app;

import cn.hotline12345.cti.testing.TestSql;

import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.ServerConfigs;
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
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 5: the server, a separate JVM, is killed with SIGKILL under traffic and started again. No
 * matter whose creation was acknowledged is lost, and the calls that were in progress are adopted by the
 * resync of the new process and end in exactly one record each, answered. Issue 25: the agent is not logged out
 * (the session lives in PostgreSQL: the new process serves it and the console reconnects with it and gets its state
 * replayed), and no console connection gets a call's pop twice.
 */
@ExtendWith(PostgresExtension.class)
class KillNineIT {

    @Test
    void killedUnderTrafficAndRestartedLosesNoCommittedMatterAndRecoversLiveCalls(TestDatabase db, @TempDir Path dir)
            throws Exception {
        int httpPort = ServerConfigs.freePort();
        int agiPort = ServerConfigs.freePort();
        String origin = "http://127.0.0.1:" + httpPort;
        List<AgentSpec> agents = new ArrayList<>();
        QueueConfig.Member[] members = new QueueConfig.Member[20];
        for (int i = 0; i < 20; i++) {
            // the calls outlive the restart whatever the machine's load (a second JVM starting on two busy cores took
            // over 8 s once): this test is about calls in progress being adopted; a call that ends while no server
            // watches is closed as pbx_link_lost and left to the reconciler (docs/operations.md)
            agents.add(AgentSpec.pjsip(Integer.toString(1001 + i)).answerAfter(200).talkFor(30_000));
            members[i] = QueueConfig.Member.of("PJSIP/" + (1001 + i), "坐席 " + (1001 + i));
        }
        PbxSim.Builder sb = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret")
                .agiTarget("127.0.0.1", agiPort).seed(5)
                .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, members).timing(15, 1, 0));
        agents.forEach(sb::agent);
        try (PbxSim sim = sb.build().startBlocking()) {
            Map<String, String> env = ServerConfigs.env(db, httpPort, agiPort, sim.amiPort());
            Process first = startServer(env, dir.resolve("first.log"));
            List<String> matterNumbers = new ArrayList<>();
            List<CallHandle> live = new ArrayList<>();
            io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
            WebClientSession agent;
            WsProbe console;
            try {
                awaitReady(httpPort, first, dir.resolve("first.log"));
                agent = new WebClientSession(httpPort, origin).login("agent1");
                console = WsProbe.connect(vertx, httpPort, "/ws/console", origin, agent.sessionId);
                console.awaitType("hello", null);
                for (int i = 0; i < 10; i++) {
                    live.add(sim.placeCall(CallerSpec.of(String.format("1360000%04d", i)).digits("5,0")));
                    HttpResponse<String> r = agent.post("/api/matters", new JsonObject().put("channel", "phone")
                            .put("category", "consultation").put("subject", "公积金提取 " + i)
                            .put("content", "咨询公积金提取手续").put("contactName", "市民")
                            .put("contactNumber", "1360000" + String.format("%04d", i)).encode());
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                    matterNumbers.add(new JsonObject(r.body()).getString("number"));
                }
                Http.await("calls answered", Duration.ofSeconds(30), () -> TestSql.count(db.dataSource(),
                        "select count(*) from call where answered_at is not null") >= 5);
            } finally {
                first.destroyForcibly();
                first.waitFor();
            }
            Process second = startServer(env, dir.resolve("second.log"));
            try {
                awaitReady(httpPort, second, dir.resolve("second.log"));
                WsProbe gone = console;
                Http.await("the console saw its server die", Duration.ofSeconds(10), () -> gone.closeCode != null);
                // the same session, no new login: the console reconnects and is greeted again
                HttpResponse<String> me = agent.get("/api/auth/me");
                assertThat(me.statusCode()).as("agent1 is still logged in: " + me.body()).isEqualTo(200);
                WsProbe again = WsProbe.connect(vertx, httpPort, "/ws/console", origin, agent.sessionId);
                again.awaitType("hello", null);
                for (String number : matterNumbers) {
                    assertThat(TestSql.count(db.dataSource(), "select count(*) from matter where number = '" + number + "'"))
                            .as("matter " + number).isEqualTo(1);
                }
                for (CallHandle c : live) {
                    assertThat(c.awaitEnd(Duration.ofSeconds(60))).isTrue();
                }
                Http.await("every call of the burst has one final record", Duration.ofSeconds(20), () -> TestSql.count(db.dataSource(),
                        "select count(*) from call where ended_at is not null") == live.size());
                assertThat(TestSql.count(db.dataSource(), "select count(*) from call")).isEqualTo(live.size());
                for (CallHandle c : live) {
                    assertThat(TestSql.count(db.dataSource(), "select count(*) from call where linkedid = '"
                            + c.linkedid() + "' and disposition = 'answered' and agent is not null"))
                            .as("outcome of " + c.linkedid()).isEqualTo(1);
                }
                assertThat(TestSql.count(db.dataSource(), "select count(*) from agent_state_history where state = 'logged_out'"))
                        .isZero();
                for (WsProbe c : List.of(gone, again)) {
                    Map<String, Integer> pops = ClusterNodes.popsPerCall(c);
                    assertThat(pops.values()).as("pops per call " + pops).allMatch(n -> n == 1);
                }
                assertThat(ClusterNodes.popsPerCall(gone)).as("agent1's phone rang before the kill").isNotEmpty();
                again.close();
            } finally {
                second.destroy();
                second.waitFor();
                console.close();
                vertx.close().await();
            }
        }
    }

    private static Process startServer(Map<String, String> env, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    private static void awaitReady(int port, Process p, Path log) {
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
