package cn.hotline12345.cti.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 11: a confidential reporter calls and reports; afterwards the full number appears in no
 * log line, no WebSocket frame, no handling unit's answer and no export, and the unit never sees the
 * reporter's name. The whole server runs, with pbx-sim calling in through the real IVR.
 */
@ExtendWith(PostgresExtension.class)
class PrivacySweepIT {

    private static final String REPORTER = "13912345678";
    private static final String REPORTER_NAME = "保密举报人乙";

    @Test
    void aConfidentialReportersNumberLeaksNowhere(TestDatabase db) throws Exception {
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.setContext(lc);
        logs.start();
        Logger root = lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        StringBuilder seen = new StringBuilder();
        StringBuilder unitSaw = new StringBuilder();
        int httpPort = ServerConfigs.freePort();
        int agiPort = ServerConfigs.freePort();
        String origin = "http://127.0.0.1:" + httpPort;
        try (PbxSim sim = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret")
                .agiTarget("127.0.0.1", agiPort).seed(3).timeScale(0.25)
                .queue(QueueConfig.of("q-complaint", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1002", "坐席 1002"))
                        .timing(15, 1, 0))
                .agent(AgentSpec.pjsip("1002").answerAfter(1_500).talkFor(1_500))
                .build().startBlocking()) {
            CtiConfig config = ServerConfigs.config(db, httpPort, agiPort, sim.amiPort());
            try (CtiServer server = CtiServer.start(config)) {
                Http.await("ready", Duration.ofSeconds(15), () -> server.readiness().ready());
                WebClientSession admin = new WebClientSession(httpPort, origin).login("admin");
                admin.send("PUT", "/api/admin/units/unit-x", new JsonObject().put("name", "市住建局").put("level", "city")
                        .encode(), true);
                String unitKey = new JsonObject(admin.post("/api/admin/units/unit-x/api-key", "{}").body()).getString("apiKey");

                // the reporter calls: the pop goes to agent2 (extension 1002), who takes the report
                WebClientSession agent2 = new WebClientSession(httpPort, origin).login("agent2");
                try (WsProbe console = WsProbe.connect(server.vertx(), httpPort, "/ws/console", origin, agent2.sessionId)) {
                    console.awaitType("hello", null);
                    CallHandle call = sim.placeCall(CallerSpec.of(REPORTER).name(REPORTER_NAME).digits("5,1,5"));
                    console.awaitType("screen_pop", null);
                    assertThat(call.awaitEnd(Duration.ofSeconds(30))).isTrue();
                    console.ofType("screen_pop").forEach(f -> seen.append(f.encode()).append('\n'));
                    console.ofType("call_active").forEach(f -> seen.append(f.encode()).append('\n'));
                }
                HttpResponse<String> created = agent2.post("/api/matters", new JsonObject().put("channel", "phone")
                        .put("category", "report").put("subject", "违规施工举报").put("content", "夜间施工扰民")
                        .put("hasPlace", true).put("address", "奎文区胜利街100号").put("contactName", REPORTER_NAME)
                        .put("contactNumber", REPORTER).put("confidential", true).encode());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                seen.append(created.body());
                long id = new JsonObject(created.body()).getLong("id");
                seen.append(agent2.post("/api/matters/" + id + "/accept", "{}").body());
                HttpResponse<String> dispatched = agent2.post("/api/matters/" + id + "/dispatch",
                        new JsonObject().put("leadUnitId", "unit-x").encode());
                assertThat(dispatched.statusCode()).as(dispatched.body()).isEqualTo(200);
                seen.append(dispatched.body());

                HttpClient http = HttpClient.newHttpClient();
                for (String path : List.of("/api/unit/matters", "/api/unit/matters/" + id)) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(origin + path))
                            .header("Authorization", "Bearer " + unitKey).GET().build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
                    unitSaw.append(r.body()).append('\n');
                }
                WebClientSession supervisor = new WebClientSession(httpPort, origin).login("supervisor1");
                for (String path : List.of("/api/matters", "/api/matters/" + id, "/api/supervision",
                        "/api/reports/volumes?format=csv&by=category", "/api/reports/repeats?format=csv",
                        "/api/caller-measures/export.csv", "/api/audit")) {
                    HttpResponse<String> r = supervisor.get(path);
                    assertThat(r.statusCode()).as(path + " " + r.body()).isBetween(200, 299);
                    seen.append(r.body()).append('\n');
                }
            }
        } finally {
            root.detachAppender(logs);
        }
        PatternLayout layout = new PatternLayout();
        layout.setContext(lc);
        layout.getInstanceConverterMap().put("maskedMsg", cn.hotline12345.cti.logging.MaskingMessageConverter::new);
        layout.getInstanceConverterMap().put("maskedEx", cn.hotline12345.cti.logging.MaskingThrowableConverter::new);
        layout.setPattern("%logger - %maskedMsg%n%maskedEx");
        layout.start();
        StringBuilder logText = new StringBuilder();
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            logText.append(layout.doLayout(e));
        }
        assertThat(logText).as("the log capture works").isNotEmpty();
        assertThat(logText.toString()).doesNotContain(REPORTER);
        assertThat(seen.toString()).as("frames, staff answers and exports").doesNotContain(REPORTER).contains("139****5678");
        assertThat(unitSaw.toString()).as("the unit's answers").doesNotContain(REPORTER).doesNotContain(REPORTER_NAME)
                .doesNotContain("139****5678").contains("违规施工举报");
    }
}
