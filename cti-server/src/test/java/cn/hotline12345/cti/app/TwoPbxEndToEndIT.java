package cn.hotline12345.cti.app;

import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.platform.config.CtiConfig;
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

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One server, two PBXs ("east" and "west", two pbx-sim instances with the same seed, so the same Uniqueids, and the
 * same agent extension 1001): a call on each runs the real IVR over FastAGI, each PBX's agent gets the pop of their
 * PBX's call only, the west agent's hang-up reaches the west PBX and leaves the east call up, both post-call surveys
 * and call records land under their own PBX, and the wallboard shows both PBXs' queues.
 */
@ExtendWith(PostgresExtension.class)
class TwoPbxEndToEndIT {

    /** A new account's password (the published demo password is refused for new accounts: issue 20). */
    private static final String WEST_PASSWORD = "Westlich-Linie-2026";


    private static PbxSim sim(String id, int agiPort) {
        return PbxSim.builder().pbxId(id).amiPort(0).amiCredentials("cti", "ctisecret")
                .agiTarget("127.0.0.1", agiPort).seed(11).timeScale(0.25)
                .queue(QueueConfig.of("q-consult", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "坐席 1001"))
                        .timing(15, 1, 0))
                // talks far longer than the test: only the agent's hang-up through the API ends the call
                .agent(AgentSpec.pjsip("1001").answerAfter(1_000).talkFor(600_000))
                .build().startBlocking();
    }

    @Test
    void callsOnTwoPbxsStayOnTheirPbxFromPopToSurvey(TestDatabase db) throws Exception {
        int httpPort = ServerConfigs.freePort();
        int agiPort = ServerConfigs.freePort();
        try (PbxSim east = sim("east", agiPort); PbxSim west = sim("west", agiPort)) {
            Path yaml = Files.createTempFile("two-pbxs", ".yaml");
            yaml.toFile().deleteOnExit();
            // pbxs[0].port comes from CTI_AMI_PORT (ServerConfigs.env): the east simulator
            Files.writeString(yaml, "pbxs:\n  - id: east\n  - id: west\n    port: " + west.amiPort() + "\n");
            CtiConfig config = new ConfigLoader(ServerConfigs.env(db, httpPort, agiPort, east.amiPort())).load(yaml);
            String origin = ServerConfigs.origin(httpPort);
            try (CtiServer server = CtiServer.start(config)) {
                Http.await("database, both AMI links and FastAGI ready", Duration.ofSeconds(15), () -> server.readiness().ready());
                assertThat(new JsonObject(Http.get(httpPort, "/ready").body()).getJsonObject("components").fieldNames())
                        .contains("ami:east", "ami:west", "agi");

                WebClientSession admin = new WebClientSession(httpPort, origin).login("admin");
                HttpResponse<String> made = admin.post("/api/admin/users", new JsonObject().put("username", "agentw")
                        .put("displayName", "西区话务员").put("password", WEST_PASSWORD).put("role", "agent")
                        .put("extension", "1001").put("pbxId", "west").encode());
                assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
                WebClientSession eastAgent = new WebClientSession(httpPort, origin).login("agent1"); // first PBX
                WebClientSession westAgent = new WebClientSession(httpPort, origin);
                assertThat(westAgent.login("agentw", WEST_PASSWORD).statusCode()).isEqualTo(200);

                try (WsProbe eastConsole = WsProbe.connect(server.vertx(), httpPort, "/ws/console", origin, eastAgent.sessionId);
                     WsProbe westConsole = WsProbe.connect(server.vertx(), httpPort, "/ws/console", origin, westAgent.sessionId)) {
                    eastConsole.awaitType("hello", null);
                    westConsole.awaitType("hello", null);
                    // 5: past the emergency notice, 1: report, 1: consultation; then the survey digit
                    CallHandle eastCall = east.placeCall(CallerSpec.of("13800138000").name("张三").digits("5,1,1,1"));
                    CallHandle westCall = west.placeCall(CallerSpec.of("13900139000").name("李四").digits("5,1,1,2"));
                    String eastId = "east/" + eastCall.linkedid();
                    String westId = "west/" + westCall.linkedid();

                    eastConsole.awaitType("call_active", eastId);
                    westConsole.awaitType("call_active", westId);
                    assertThat(eastConsole.ofType("screen_pop")).extracting(f -> f.getJsonObject("data").getString("callId"))
                            .containsExactly(eastId);
                    assertThat(westConsole.ofType("screen_pop")).extracting(f -> f.getJsonObject("data").getString("callId"))
                            .containsExactly(westId);
                    assertThat(westConsole.ofType("screen_pop").get(0).encode()).contains("139****9000")
                            .doesNotContain("13900139000");

                    // the west agent hangs up: the west PBX drops its agent leg, the caller rates (2) and leaves;
                    // the east call, on the same extension of the other PBX, stays up
                    HttpResponse<String> hangup = westAgent.post("/api/agent/hangup", "{\"pbx\":\"east\"}");
                    assertThat(hangup.statusCode()).as(hangup.body()).isEqualTo(200);
                    assertThat(westCall.awaitEnd(Duration.ofSeconds(30))).isTrue();
                    assertThat(eastCall.ended().isComplete()).as("east call still up").isFalse();
                    westConsole.awaitType("call_ended", westId);
                    assertThat(eastConsole.ofType("call_ended")).isEmpty();

                    HttpResponse<String> eastHangup = eastAgent.post("/api/agent/hangup", "{}");
                    assertThat(eastHangup.statusCode()).as(eastHangup.body()).isEqualTo(200);
                    assertThat(eastCall.awaitEnd(Duration.ofSeconds(30))).isTrue();

                    Http.await("both surveys stored", Duration.ofSeconds(15), () -> server.db().query(dsl ->
                            dsl.fetchCount(dsl.selectFrom("call_survey"))).await() == 2);
                    assertThat(server.db().query(dsl -> dsl.fetchValue(
                            "select rating from call_survey where pbx_id = 'west' and linkedid = ?", westCall.linkedid()))
                            .await()).isEqualTo("basically_satisfied");
                    assertThat(server.db().query(dsl -> dsl.fetchValue(
                            "select rating from call_survey where pbx_id = 'east' and linkedid = ?", eastCall.linkedid()))
                            .await()).isEqualTo("satisfied");
                    Http.await("both call records final", Duration.ofSeconds(15), () -> server.db().query(dsl -> dsl.fetchCount(
                            dsl.selectFrom("call").where("disposition is not null and survey_rating is not null"))).await() == 2);
                    var westRecord = server.db().query(dsl -> dsl.fetchOne(
                            "select caller_number, ivr_path, agent from call where pbx_id = 'west' and linkedid = ?",
                            westCall.linkedid())).await();
                    assertThat(westRecord.get("caller_number", String.class)).isEqualTo("13900139000");
                    assertThat(westRecord.get("ivr_path", String.class)).isEqualTo("welcome>emergency>main-menu:1>category:1");
                    assertThat(westRecord.get("agent", String.class)).isEqualTo("PJSIP/1001");

                    HttpResponse<String> board = new WebClientSession(httpPort, origin).login("supervisor1").get("/api/wallboard");
                    assertThat(board.statusCode()).isEqualTo(200);
                    assertThat(board.body()).contains("\"pbxId\":\"east\"", "\"pbxId\":\"west\"", "q-consult");
                }
            }
        }
    }
}
