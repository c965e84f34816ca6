package cn.hotline12345.cti.app;

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
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One call through the whole product over real TCP: pbx-sim dials 12345, the real IVR flow runs over
 * FastAGI (the caller presses 5 at the emergency notice, 1 for "report a matter", 1 for consultation),
 * the call joins q-consult, agent1's console receives the screen pop over the WebSocket when their phone
 * rings, the agent answers, the call record and the draft matter are in PostgreSQL, and the wallboard
 * API counts the call.
 */
@ExtendWith(PostgresExtension.class)
class EndToEndIT {

    @Test
    void aCitizensCallFromDialToRecordWithScreenPopAndDraftMatter(TestDatabase db) throws Exception {
        int httpPort = ServerConfigs.freePort();
        int agiPort = ServerConfigs.freePort();
        try (PbxSim sim = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret")
                .agiTarget("127.0.0.1", agiPort).seed(11).timeScale(0.25)
                .queue(QueueConfig.of("q-consult", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "坐席 1001"))
                        .timing(15, 1, 0))
                .agent(AgentSpec.pjsip("1001").answerAfter(2_000).talkFor(2_000))
                .build().startBlocking()) {
            String origin = "http://127.0.0.1:" + httpPort;
            CtiConfig config = ServerConfigs.config(db, httpPort, agiPort, sim.amiPort());
            try (CtiServer server = CtiServer.start(config)) {
                Http.await("database, AMI and FastAGI ready", Duration.ofSeconds(15), () -> server.readiness().ready());
                JsonObject ready = new JsonObject(Http.get(httpPort, "/ready").body());
                assertThat(ready.getJsonObject("components").fieldNames()).contains("database", "ami:pbx1", "agi");

                WebClientSession agent = new WebClientSession(httpPort, origin).login("agent1");
                try (WsProbe console = WsProbe.connect(server.vertx(), httpPort, "/ws/console", origin, agent.sessionId)) {
                    console.awaitType("hello", null);
                    CallHandle call = sim.placeCall(CallerSpec.of("13800138000").name("张三").digits("5,1,1"));

                    JsonObject pop = console.awaitType("screen_pop", null);
                    String text = pop.encode();
                    assertThat(text).contains("138****8000").doesNotContain("13800138000");
                    assertThat(pop.getJsonObject("data").getJsonArray("ivrPath").getList())
                            .containsExactly("welcome", "emergency", "main-menu:1", "category:1");
                    assertThat(pop.getJsonObject("data").getJsonObject("draft").getString("category")).isEqualTo("consultation");
                    console.awaitType("call_active", null);

                    assertThat(call.awaitEnd(Duration.ofSeconds(30))).isTrue();
                    Http.await("call record final", Duration.ofSeconds(10), () -> server.db().query(dsl -> dsl.fetchValue(
                            "select disposition from call where linkedid = ?", call.linkedid())).await() != null);
                    var rec = server.db().query(dsl -> dsl.fetchOne(
                            "select caller_number, ivr_path, queue_name, agent, disposition from call where linkedid = ?",
                            call.linkedid())).await();
                    assertThat(rec.get("caller_number", String.class)).isEqualTo("13800138000");
                    assertThat(rec.get("ivr_path", String.class)).isEqualTo("welcome>emergency>main-menu:1>category:1");
                    assertThat(rec.get("queue_name", String.class)).isEqualTo("q-consult");
                    assertThat(rec.get("agent", String.class)).isEqualTo("PJSIP/1001");
                    assertThat(rec.get("disposition", String.class)).isEqualTo("answered");
                    Http.await("draft matter opened for the call", Duration.ofSeconds(10), () -> server.db().query(dsl ->
                            dsl.fetchCount(dsl.selectFrom("matter").where("origin_linkedid = ?", call.linkedid()))).await() == 1);
                    var draft = server.db().query(dsl -> dsl.fetchOne(
                            "select status, category, contact_number from matter where origin_linkedid = ?", call.linkedid())).await();
                    assertThat(draft.get("status", String.class)).isEqualTo("draft");
                    assertThat(draft.get("category", String.class)).isEqualTo("consultation");

                    // The agent finds the matter is for a court (art. 19): not accepted, and the call record says so.
                    String draftId = pop.getJsonObject("data").getJsonObject("draft").getString("id");
                    HttpResponse<String> refused = agent.post("/api/matters/" + draftId + "/not-accept",
                            new JsonObject().put("reason", "litigation").put("note", "已起诉").encode());
                    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
                    assertThat(server.db().query(dsl -> dsl.fetchValue("select disposition from call where linkedid = ?",
                            call.linkedid())).await()).isEqualTo("not_accepted");

                    HttpResponse<String> board = new WebClientSession(httpPort, origin).login("supervisor1").get("/api/wallboard");
                    assertThat(board.statusCode()).isEqualTo(200);
                    assertThat(board.body()).contains("q-consult");
                }
            }
        }
    }
}
