package cn.hotline12345.cti.desk.web;

import cn.hotline12345.cti.app.CtiServer;
import cn.hotline12345.cti.platform.config.ConfigLoader;
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

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19 item 5 on the whole server against pbx-sim (shipped dialplan): a caller who hangs up ends the agent's call
 * on the console (call_ended), the state shows wrap-up and then the pause reason the agent chose (never
 * {@code reason:null}), every queue the agent is in, and a call whose wrap-up ran out does not come back on a reload.
 */
@ExtendWith(PostgresExtension.class)
class ConsoleStateOverPbxSimIT {

    private static final Duration T = Duration.ofSeconds(30);

    private static boolean state(JsonObject f, String state, String reason) {
        JsonObject d = f.getJsonObject("data");
        return f.getString("type").equals("agent_state") && state.equals(d.getString("state"))
                && java.util.Objects.equals(reason, d.getString("reason"));
    }

    @Test
    void aCallerWhoHangsUpEndsTheCallAndTheStateTellsWrapUpThenThePauseChosen(TestDatabase db) throws Exception {
        int httpPort = ServerConfigs.freePort();
        int agiPort = ServerConfigs.freePort();
        String origin = ServerConfigs.origin(httpPort);
        QueueConfig.Member a1 = QueueConfig.Member.of("PJSIP/1001", "话务员一");
        try (PbxSim sim = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret").agiTarget("127.0.0.1", agiPort)
                .seed(5)
                .queue(QueueConfig.of("q-consult", Strategy.RRMEMORY, a1).timing(30, 1, 2))
                .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, a1).timing(30, 1, 2))
                .agent(AgentSpec.pjsip("1001").answerAfter(500).talkFor(3_600_000))
                .build().startBlocking()) {
            Map<String, String> env = new HashMap<>(ServerConfigs.env(db, httpPort, agiPort, sim.amiPort()));
            env.put("CTI_DESK_WRAP_UP_MAX", "12s");
            try (CtiServer server = CtiServer.start(new ConfigLoader(env).load(null))) {
                Http.await("ready", Duration.ofSeconds(20), () -> server.readiness().ready());
                WebClientSession agent = new WebClientSession(httpPort, origin).login("agent1");
                String callId;
                try (WsProbe c = WsProbe.connect(server.vertx(), httpPort, "/ws/console", origin, agent.sessionId)) {
                    c.await("both queues", f -> f.getString("type").equals("agent_state")
                            && f.getJsonObject("data").getJsonArray("queues").size() == 2);
                    // the caller hangs up 20 s after dialling, while talking to the agent
                    CallHandle call = sim.placeCall(CallerSpec.of("13812345678").digits("5,1,1")
                            .hangupAfter(Duration.ofSeconds(20)));
                    callId = server.config().pbxs().get(0).id() + "/" + call.linkedid();
                    c.awaitType("screen_pop", callId);
                    c.awaitType("call_active", callId);
                    assertThat(call.awaitEnd(T)).isTrue();
                    c.awaitType("call_ended", callId);
                    c.await("wrap-up", f -> state(f, "WRAP_UP", null));
                    // 示忙 during wrap-up: still wrap-up, with the pause that follows it
                    assertThat(agent.post("/api/agent/pause", "{\"reason\":\"meal\"}").statusCode()).isEqualTo(200);
                    c.await("wrap-up, then meal", f -> state(f, "WRAP_UP", "meal"));
                    assertThat(agent.post("/api/agent/wrapup", "{}").statusCode()).isEqualTo(200);
                    c.awaitType("pop_withdrawn", callId);
                    c.await("paused, meal", f -> state(f, "PAUSED", "meal"));
                    assertThat(agent.post("/api/agent/unpause", "{}").statusCode()).isEqualTo(200);
                    c.await("available", f -> state(f, "AVAILABLE", null));

                    // a second call; its wrap-up runs out by itself
                    CallHandle second = sim.placeCall(CallerSpec.of("13900139000").digits("5,1,1"));
                    String secondId = server.config().pbxs().get(0).id() + "/" + second.linkedid();
                    c.awaitType("call_active", secondId);
                    assertThat(agent.post("/api/agent/hangup", "{}").statusCode()).isEqualTo(200);
                    c.awaitType("call_ended", secondId);
                    // desk.wrapUpMax is 12 s here
                    Http.await("wrap-up over", T, () -> c.frames.stream().anyMatch(f -> f.getString("type")
                            .equals("pop_withdrawn") && secondId.equals(f.getJsonObject("data").getString("callId"))));
                    JsonObject out = c.await("wrap-up over", f -> f.getString("type").equals("pop_withdrawn")
                            && secondId.equals(f.getJsonObject("data").getString("callId")));
                    assertThat(out.getJsonObject("data").getString("reason")).isEqualTo("wrapup_timeout");
                    c.await("available again", f -> state(f, "AVAILABLE", null));
                    callId = secondId;
                }
                try (WsProbe reload = WsProbe.connect(server.vertx(), httpPort, "/ws/console", origin, agent.sessionId)) {
                    reload.await("state", f -> f.getString("type").equals("agent_state"));
                    String ended = callId;
                    assertThat(reload.frames).noneMatch(f -> f.getString("type").equals("screen_pop")
                            && ended.equals(f.getJsonObject("data").getString("callId")));
                }
            }
        }
    }
}
