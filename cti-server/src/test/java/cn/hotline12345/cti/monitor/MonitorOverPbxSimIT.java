package cn.hotline12345.cti.monitor;

import cn.hotline12345.cti.app.CtiServer;
import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.ServerConfigs;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallHandle;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23, supervisors monitoring live calls, on the whole server against pbx-sim over real AMI: 监听 rings the
 * supervisor's own phone into {@code ChanSpy(PJSIP/1001-,qES)} (app_chanspy.c: q "Don't play a beep when beginning to
 * spy on a channel, or speak the selected channel name", E "Exit when the spied-on channel hangs up", S "Stop when no
 * more channels are left to spy on"; 耳语 adds w "Enable whisper mode, so the spying channel can talk to the spied-on
 * channel", 强插 B "Instead of whispering on a single channel barge in on both channels involved in the call"); the
 * session follows ChanSpyStart and the spy channel's Hangup; every use is in audit_log; agents, units, a request
 * without the CSRF token, bad input, and a supervisor without the unmask right on a whistle-blower's confidential
 * matter are refused (the last one audited too).
 */
@ExtendWith(PostgresExtension.class)
class MonitorOverPbxSimIT {

    private static final Duration T = Duration.ofSeconds(30);

    @Test
    void listenWhisperBargeAreRoleCheckedAuditedAndNeverOnAConfidentialMatterWithoutTheUnmaskRight(TestDatabase db)
            throws Exception {
        DataSource ds = db.dataSource();
        // supervisor1 (unmask right) gets phone 2001; supervisor2 (no unmask right) 2002; supervisor3's phone 2999 is
        // not known to the PBX; supervisor4 has no extension
        sql(ds, "update app_user set extension = '2001' where username = 'supervisor1'");
        for (String[] u : new String[][] {{"supervisor2", "'2002'"}, {"supervisor3", "'2999'"}, {"supervisor4", "null"}}) {
            sql(ds, "insert into app_user (username, display_name, password_hash, role, extension, can_unmask, active) "
                    + "select '" + u[0] + "', '班长', password_hash, 'supervisor', " + u[1] + ", false, true "
                    + "from app_user where username = 'supervisor1'");
        }
        int httpPort = ServerConfigs.freePort();
        int agiPort = ServerConfigs.freePort();
        String origin = ServerConfigs.origin(httpPort);
        List<AmiMessage> events = new CopyOnWriteArrayList<>();
        QueueConfig.Member a1 = QueueConfig.Member.of("PJSIP/1001", "话务员一");
        try (PbxSim sim = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret").agiTarget("127.0.0.1", agiPort)
                .seed(7).eventListener(events::add)
                .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, a1).timing(30, 1, 2))
                .queue(QueueConfig.of("q-consult", Strategy.RRMEMORY, a1).timing(30, 1, 2))
                .agent(AgentSpec.pjsip("1001").answerAfter(300).talkFor(3_600_000))
                .agent(AgentSpec.pjsip("2001").answerAfter(200).talkFor(3_600_000))
                .agent(AgentSpec.pjsip("2002").answerAfter(200).talkFor(3_600_000))
                .build().startBlocking();
             CtiServer server = CtiServer.start(new ConfigLoader(ServerConfigs.env(db, httpPort, agiPort, sim.amiPort()))
                     .load(null))) {
            Http.await("ready", Duration.ofSeconds(20), () -> server.readiness().ready());
            WebClientSession s1 = new WebClientSession(httpPort, origin).login("supervisor1");
            WebClientSession s2 = new WebClientSession(httpPort, origin).login("supervisor2");
            WebClientSession s3 = new WebClientSession(httpPort, origin).login("supervisor3");
            WebClientSession s4 = new WebClientSession(httpPort, origin).login("supervisor4");
            WebClientSession agent = new WebClientSession(httpPort, origin).login("agent1");
            WebClientSession unit = new WebClientSession(httpPort, origin).login("unit1");
            String listen = "{\"agent\":\"1001\",\"mode\":\"listen\"}";

            // no call yet: a clear Chinese refusal, nothing originated
            HttpResponse<String> idle = s1.post("/api/supervisor/monitor", listen);
            assertThat(idle.statusCode()).as(idle.body()).isEqualTo(409);
            assertThat(new JsonObject(idle.body()).getString("error")).isEqualTo("not_on_call");
            assertThat(new JsonObject(idle.body()).getString("message")).contains("坐席 1001 当前没有已接通的通话");

            CallHandle call = sim.placeCall(CallerSpec.of("13812345678").digits("5,1,1"));
            String linkedid = call.linkedid();
            Http.await("agent 1001 on the call", T, () -> onCall(s1, "138****5678"));

            // attacks: other roles, no or a wrong CSRF token, no session, bad input: 4xx and no Originate at all
            assertThat(agent.post("/api/supervisor/monitor", listen).statusCode()).isEqualTo(403);
            assertThat(unit.post("/api/supervisor/monitor", listen).statusCode()).isEqualTo(403);
            assertThat(agent.post("/api/supervisor/monitor/stop", "{}").statusCode()).isEqualTo(403);
            assertThat(agent.get("/api/supervisor/monitor").statusCode()).isEqualTo(403);
            assertThat(s1.send("POST", "/api/supervisor/monitor", listen, false).statusCode()).isEqualTo(403);
            assertThat(s1.send("POST", "/api/supervisor/monitor", listen, "0" + s1.csrfToken, origin).statusCode())
                    .isEqualTo(403);
            assertThat(new WebClientSession(httpPort, origin).post("/api/supervisor/monitor", listen).statusCode())
                    .isIn(401, 403);
            for (String bad : List.of("", "[1]", "{\"agent\":\"1001\"}", "{\"agent\":\"1001\",\"mode\":\"spy\"}",
                    "{\"agent\":\"1001\\r\\nAction: Originate\",\"mode\":\"listen\"}", "{\"agent\":\"abc\",\"mode\":\"listen\"}",
                    "{\"agent\":1001,\"mode\":\"listen\"}", "{\"agent\":\"1001\",\"call\":\"" + linkedid + "\",\"mode\":\"listen\"}",
                    "{\"call\":\"../../x\",\"mode\":\"barge\"}", "{\"mode\":\"listen\"}",
                    "{\"agent\":\"1001\",\"mode\":\"listen\",\"pbx\":\"pbx1,x\"}")) {
                HttpResponse<String> r = s1.post("/api/supervisor/monitor", bad);
                assertThat(r.statusCode()).as(bad + " -> " + r.body()).isEqualTo(400);
                assertThat(new JsonObject(r.body()).getString("message")).as(bad).containsPattern("[\\u4e00-\\u9fff]");
            }
            HttpResponse<String> noPhone = s4.post("/api/supervisor/monitor", listen);
            assertThat(noPhone.statusCode()).isEqualTo(409);
            assertThat(new JsonObject(noPhone.body()).getString("error")).isEqualTo("no_extension");
            assertThat(originates(events)).isEmpty();
            assertThat(audit(ds, "supervisor1")).isEmpty();

            // 监听: the phone rings, answers, ChanSpy finds the agent's channel
            HttpResponse<String> started = s1.post("/api/supervisor/monitor", listen);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            JsonObject session = new JsonObject(started.body()).getJsonObject("session");
            assertThat(session.getString("mode")).isEqualTo("listen");
            assertThat(session.getString("modeName")).isEqualTo("监听");
            assertThat(session.getString("callId")).endsWith("/" + linkedid);
            Http.await("spying", T, () -> "spying".equals(state(s1)));
            AmiMessage originate = originates(events).get(0);
            assertThat(originate.get("Application")).isEqualTo("ChanSpy");
            assertThat(originate.get("Data")).isEqualTo("PJSIP/1001-,qES");
            assertThat(originate.get("Channel")).startsWith("PJSIP/2001-");
            AmiMessage spy = events.stream().filter(e -> e.name().equals("ChanSpyStart")).findFirst().orElseThrow();
            assertThat(spy.get("SpyeeChannel")).startsWith("PJSIP/1001-");
            // one at a time per supervisor
            HttpResponse<String> again = s1.post("/api/supervisor/monitor", "{\"agent\":\"1001\",\"mode\":\"barge\"}");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(new JsonObject(again.body()).getString("message")).contains("请先结束监听");
            // 结束监听
            assertThat(s1.post("/api/supervisor/monitor/stop", "{}").statusCode()).isEqualTo(200);
            Http.await("ended", T, () -> "ended".equals(state(s1)));
            assertThat(s1.post("/api/supervisor/monitor/stop", "{}").statusCode()).isEqualTo(404);
            Http.await("audited", T, () -> audit(ds, "supervisor1").size() == 2);
            List<String[]> rows = audit(ds, "supervisor1");
            assertThat(rows.get(0)[0]).isEqualTo("call:" + server.config().pbxs().get(0).id() + "/" + linkedid);
            assertThat(rows.get(0)[1]).contains("\"outcome\": \"started\"").contains("\"mode\": \"listen\"")
                    .contains("\"agent\": \"1001\"").contains("\"linkedid\": \"" + linkedid + "\"")
                    .contains("\"phone\": \"2001\"");
            assertThat(rows.get(1)[1]).contains("\"outcome\": \"ended\"");
            assertThat(call.ended().isComplete()).as("listening does not touch the call").isFalse();

            // the call's matter (the draft opened at ring) becomes a whistle-blower's confidential report
            Http.await("draft of the call", T, () -> count(ds, "select count(*) from matter where origin_linkedid = '"
                    + linkedid + "'") == 1);
            sql(ds, "update matter set confidential = true where origin_linkedid = '" + linkedid + "'");
            HttpResponse<String> refused = s2.post("/api/supervisor/monitor", "{\"call\":\"" + linkedid + "\",\"mode\":\"whisper\"}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(new JsonObject(refused.body()).getString("error")).isEqualTo("confidential");
            assertThat(new JsonObject(refused.body()).getString("message")).contains("保密");
            Http.await("refusal audited", T, () -> audit(ds, "supervisor2").size() == 1);
            assertThat(audit(ds, "supervisor2").get(0)[1]).contains("\"outcome\": \"refused\"").contains("\"mode\": \"whisper\"")
                    .containsPattern("\"matter\": \"[0-9]+\"");
            assertThat(originates(events)).hasSize(1);

            // the supervisor with the unmask right may: 强插, and the call's end ends it (E)
            HttpResponse<String> barge = s1.post("/api/supervisor/monitor", "{\"call\":\"" + linkedid + "\",\"mode\":\"barge\"}");
            assertThat(barge.statusCode()).as(barge.body()).isEqualTo(200);
            Http.await("spying again", T, () -> "spying".equals(state(s1)));
            assertThat(originates(events).get(1).get("Data")).isEqualTo("PJSIP/1001-,qBES");
            assertThat(agent.post("/api/agent/hangup", "{}").statusCode()).isEqualTo(200);
            Http.await("ended with the call", T, () -> "ended".equals(state(s1)));
            Http.await("audited", T, () -> audit(ds, "supervisor1").size() == 4);
            // the agent hung up: the caller may still be in the survey, but there is nobody to listen to any more
            HttpResponse<String> gone = s1.post("/api/supervisor/monitor", listen);
            assertThat(gone.statusCode()).as(gone.body()).isEqualTo(409);
            assertThat(new JsonObject(gone.body()).getString("error")).isEqualTo("not_on_call");

            // a phone the PBX does not know: OriginateResponse Failure, Reason 0, told in Chinese and audited
            CallHandle second = sim.placeCall(CallerSpec.of("13912345678").digits("5,1,1"));
            Http.await("agent 1001 on the second call", T, () -> onCall(s1, "139****5678"));
            assertThat(s3.post("/api/supervisor/monitor", listen).statusCode()).isEqualTo(200);
            Http.await("failed", T, () -> "failed".equals(state(s3)));
            JsonObject failed = new JsonObject(s3.get("/api/supervisor/monitor").body()).getJsonObject("session");
            assertThat(failed.getString("error")).isEqualTo("无法呼叫您的电话（分机 2999）：话机未注册或不存在");
            Http.await("failure audited", T, () -> audit(ds, "supervisor3").size() == 2);
            assertThat(audit(ds, "supervisor3").get(1)[1]).contains("\"outcome\": \"failed\"");
            assertThat(agent.post("/api/agent/hangup", "{}").statusCode()).isEqualTo(200);
            assertThat(second.awaitEnd(T)).isTrue();
        }
    }

    private static boolean onCall(WebClientSession s, String caller) {
        JsonObject agents = new JsonObject(s.get("/api/supervisor/agents").body());
        return agents.getJsonArray("agents").stream().map(JsonObject.class::cast)
                .anyMatch(a -> "1001".equals(a.getString("extension")) && a.getJsonObject("call") != null
                        && !a.getJsonObject("call").getBoolean("ringing")
                        && caller.equals(a.getJsonObject("call").getString("caller")));
    }

    private static String state(WebClientSession s) {
        JsonObject session = new JsonObject(s.get("/api/supervisor/monitor").body()).getJsonObject("session");
        return session == null ? null : session.getString("state");
    }

    private static List<AmiMessage> originates(List<AmiMessage> events) {
        // the sim's OriginateResponse carries the Application and Data it was asked for
        return events.stream().filter(e -> e.name().equals("OriginateResponse") && "ChanSpy".equals(e.get("Application")))
                .toList();
    }

    private static List<String[]> audit(DataSource ds, String actor) {
        List<String[]> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(
                "select subject, detail::text from audit_log where action = 'monitor' and actor = ? order by id")) {
            p.setString(1, actor);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new String[] {r.getString(1), r.getString(2)});
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static long count(DataSource ds, String q) {
        return cn.hotline12345.cti.testing.TestSql.count(ds, q);
    }

    private static void sql(DataSource ds, String s) throws java.sql.SQLException {
        try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute(s);
        }
    }
}
