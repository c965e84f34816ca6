package cn.hotline12345.cti.desk.web;

import cn.hotline12345.cti.call.api.AgentActions.Progress;
import cn.hotline12345.cti.call.api.AgentActions.Progress.Kind;
import cn.hotline12345.cti.call.api.AgentState;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.desk.api.DeskPorts;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.cti.testing.WsProbe;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's desk over real HTTP and WebSocket against recording fakes of the PBX (issue 19): wrap-up holding the
 * phone and what ends it, the state the console shows, pops for a colleague's transfer and for a caller coming back,
 * the checks before a transfer, a unit by id, the nuisance flag of the agent's own call, and who may do what.
 */
@ExtendWith(PostgresExtension.class)
class AgentDeskIT {

    private WebFixture web;

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    private static LiveQueues.AgentSnapshot agent(String ext, AgentState state, String reason) {
        return new LiveQueues.AgentSnapshot("pbx1", "PJSIP/" + ext, "话务员", state, reason, Instant.now(),
                List.of("q-general", "q-consult", "q-help"));
    }

    private void tell(String ext, String linkedid, Kind kind, String target, String detail) {
        web.actions.tell(new Progress("pbx1", ext, linkedid, kind, target, detail, Instant.now()));
    }

    private WsProbe console(WebClientSession s) throws Exception {
        WsProbe c = WsProbe.connect(web.vertx, web.port, "/ws/console", web.origin(), s.sessionId);
        c.awaitType("hello", null);
        return c;
    }

    private static String code(HttpResponse<String> r) {
        return new JsonObject(r.body()).getString("error");
    }

    @Test
    void wrapUpPausesThePhoneUntilTheAgentIsDoneAndThePauseTheyChoseIsKept(TestDatabase db) throws Exception {
        web = new WebFixture(db);
        WebClientSession a = web.client().login("agent1");
        web.live.agents = List.of(agent("1001", AgentState.AVAILABLE, null));
        try (WsProbe c = console(a)) {
            String call = web.ring("1001", "1700000100.1", "13800138000", "张三");
            c.awaitType("screen_pop", call);
            tell("1001", "1700000100.1", Kind.PHONE_UP, null, null);
            c.awaitType("call_active", call);
            // the agent hangs up: the caller goes on to the survey, the agent's part is over
            tell("1001", "1700000100.1", Kind.PHONE_DOWN, null, "16");
            c.awaitType("call_ended", call);
            Http.await("paused for wrap-up", Duration.ofSeconds(5),
                    () -> web.actions.calls.contains("pause pbx1 1001 after_call_work"));
            c.await("state 话后处理", f -> f.getString("type").equals("agent_state")
                    && "WRAP_UP".equals(f.getJsonObject("data").getString("state")));
            // 示忙 with a reason during wrap-up: shown as what comes after, and kept when wrap-up ends
            assertThat(a.post("/api/agent/pause", "{\"reason\":\"meal\"}").statusCode()).isEqualTo(200);
            c.await("wrap-up then meal", f -> f.getString("type").equals("agent_state")
                    && "WRAP_UP".equals(f.getJsonObject("data").getString("state"))
                    && "meal".equals(f.getJsonObject("data").getString("reason")));
            web.actions.calls.clear();
            assertThat(a.post("/api/agent/wrapup", "{}").statusCode()).isEqualTo(200);
            c.awaitType("pop_withdrawn", call);
            assertThat(web.actions.calls).as("the chosen pause is not lifted").doesNotContain("unpause pbx1 1001");
            // the queue view says paused without a reason (its wrap-up window ate it): the desk knows it
            web.live.agents = List.of(agent("1001", AgentState.PAUSED, null));
            c.await("paused, meal", f -> f.getString("type").equals("agent_state")
                    && "PAUSED".equals(f.getJsonObject("data").getString("state"))
                    && "meal".equals(f.getJsonObject("data").getString("reason"))
                    && f.getJsonObject("data").getJsonArray("queues").size() == 3);
        }
    }

    @Test
    void wrapUpEndsByItselfAfterItsMaximumAndAReloadDoesNotBringTheCallBack(TestDatabase db) throws Exception {
        web = new WebFixture(db, Duration.ofSeconds(1));
        WebClientSession a = web.client().login("agent1");
        try (WsProbe c = console(a)) {
            String call = web.ring("1001", "1700000200.1", "13800138000", "张三");
            c.awaitType("screen_pop", call);
            tell("1001", "1700000200.1", Kind.PHONE_UP, null, null);
            tell("1001", "1700000200.1", Kind.PHONE_DOWN, null, "16");
            c.awaitType("call_ended", call);
            JsonObject gone = c.awaitType("pop_withdrawn", call);
            assertThat(gone.getJsonObject("data").getString("reason")).isEqualTo("wrapup_timeout");
            Http.await("unpaused", Duration.ofSeconds(5), () -> web.actions.calls.contains("unpause pbx1 1001"));
        }
        try (WsProbe later = console(a)) {
            later.await("state", f -> f.getString("type").equals("agent_state"));
            assertThat(later.ofType("screen_pop")).as("an ended call does not come back").isEmpty();
        }
    }

    /**
     * A wrap-up pause this node did not start (the node that paused the agent died and its PBX link was taken over,
     * or the server restarted) still ends at the maximum: without it the agent would stay paused for ever.
     */
    @Test
    void aWrapUpPauseLeftByAnotherNodeIsAdoptedAndEndsAtTheMaximum(TestDatabase db) throws Exception {
        web = new WebFixture(db, Duration.ofSeconds(1));
        web.live.agents = List.of(agent("1001", AgentState.PAUSED, "after_call_work"),
                agent("1002", AgentState.PAUSED, "meal"));
        Http.await("the left-over wrap-up ends", Duration.ofSeconds(10),
                () -> web.actions.calls.contains("unpause pbx1 1001"));
        assertThat(web.actions.calls).as("a pause of another reason is the agent's own").doesNotContain("unpause pbx1 1002");
    }

    @Test
    void aColleaguesTransferPopsThereAndACallerWhoComesBackPopsAgain(TestDatabase db) throws Exception {
        web = new WebFixture(db);
        WebClientSession a1 = web.client().login("agent1");
        WebClientSession a2 = web.client().login("agent2");
        web.live.agents = List.of(agent("1001", AgentState.ON_CALL, null), agent("1002", AgentState.PAUSED, "meeting"));
        try (WsProbe c1 = console(a1); WsProbe c2 = console(a2)) {
            String call = web.ring("1001", "1700000300.1", "13800138000", "张三");
            tell("1001", "1700000300.1", Kind.PHONE_UP, null, null);
            c1.awaitType("call_active", call);
            assertThat(a1.post("/api/agent/transfer", "{\"kind\":\"agent\",\"value\":\"1002\"}").statusCode()).isEqualTo(200);
            tell("1001", "1700000300.1", Kind.PHONE_DOWN, null, "16");
            c1.awaitType("call_ended", call);
            // the colleague's phone rings: their console pops the same call, its origin a transfer
            tell("1002", "1700000300.1", Kind.PHONE_RINGING, null, null);
            tell("1001", "1700000300.1", Kind.TRANSFER_RINGING, "1002", null);
            JsonObject pop = c2.awaitType("screen_pop", call);
            assertThat(pop.getJsonObject("data").getString("origin")).isEqualTo("transfer");
            assertThat(pop.getJsonObject("data").getJsonObject("caller").getString("number")).isEqualTo("138****8000");
            c1.await("notice ringing", f -> f.getString("type").equals("call_notice")
                    && "transfer_ringing".equals(f.getJsonObject("data").getString("kind")));
            // busy after all: the colleague's pop goes, the caller rings 1001 again, whose console pops it again
            tell("1002", "1700000300.1", Kind.PHONE_DOWN, null, "17");
            c2.awaitType("pop_withdrawn", call);
            tell("1001", "1700000300.1", Kind.TRANSFER_FAILED, "1002", "busy");
            tell("1001", "1700000300.1", Kind.PHONE_RINGING, null, null);
            tell("1001", "1700000300.1", Kind.RETURN_RINGING, "1002", null);
            c1.await("pop again, returned", f -> f.getString("type").equals("screen_pop")
                    && "returned".equals(f.getJsonObject("data").getString("origin")));
            c1.await("busy notice", f -> f.getString("type").equals("call_notice")
                    && "transfer_failed".equals(f.getJsonObject("data").getString("kind"))
                    && "busy".equals(f.getJsonObject("data").getString("detail")));
            tell("1001", "1700000300.1", Kind.PHONE_UP, null, null);
            Http.await("active again", Duration.ofSeconds(5), () -> c1.ofType("call_active").size() == 2);
            // the agent's own outbound call: the number shows masked in notices
            tell("1001", "1700000300.1", Kind.OUTBOUND_RINGING, "13900139000", null);
            c1.await("masked", f -> f.getString("type").equals("call_notice")
                    && "139****9000".equals(f.getJsonObject("data").getString("target")));
            assertThat(c1.frames.toString()).doesNotContain("13900139000").doesNotContain("13800138000");
        }
    }

    @Test
    void aTransferToABusyAbsentOrWrappingUpColleagueIsRefusedAndNothingIsSent(TestDatabase db) throws Exception {
        web = new WebFixture(db);
        WebClientSession a1 = web.client().login("agent1");
        web.live.agents = List.of(agent("1002", AgentState.ON_CALL, null), agent("1003", AgentState.WRAP_UP, null));
        for (String[] c : new String[][] {{"1002", "target_busy"}, {"1004", "target_absent"}, {"1003", "target_wrap_up"},
                {"1001", "self_transfer"}}) {
            web.actions.calls.clear();
            HttpResponse<String> r = a1.post("/api/agent/transfer", "{\"kind\":\"agent\",\"value\":\"" + c[0]
                    + "\",\"attended\":true}");
            if (c[1].equals("self_transfer")) {
                // the desk passes the agent's own number on: the PBX layer refuses it (RecordingAgentActions does not)
                continue;
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
            assertThat(code(r)).isEqualTo(c[1]);
            assertThat(new JsonObject(r.body()).getString("message")).matches(".*[\\u4e00-\\u9fff].*");
            assertThat(web.actions.calls).isEmpty();
        }
    }

    @Test
    void aUnitIsTransferredToByItsIdThroughItsNumber(TestDatabase db) {
        web = new WebFixture(db);
        WebClientSession a1 = web.client().login("agent1");
        web.ports.units.put("city-housing", new DeskPorts.UnitLine("city-housing", "市住建局", "05368881234"));
        web.ports.units.put("no-phone", new DeskPorts.UnitLine("no-phone", "某单位", null));
        assertThat(a1.post("/api/agent/transfer", "{\"kind\":\"unit\",\"value\":\"city-housing\"}").statusCode()).isEqualTo(200);
        assertThat(web.actions.calls).containsExactly("transfer pbx1 1001 UNIT 05368881234 false");
        web.actions.calls.clear();
        HttpResponse<String> unknown = a1.post("/api/agent/transfer", "{\"kind\":\"unit\",\"value\":\"no-such-unit\"}");
        assertThat(unknown.statusCode()).isEqualTo(409);
        assertThat(code(unknown)).isEqualTo("unknown_unit");
        HttpResponse<String> noPhone = a1.post("/api/agent/transfer", "{\"kind\":\"unit\",\"value\":\"no-phone\"}");
        assertThat(code(noPhone)).isEqualTo("unit_no_phone");
        assertThat(web.actions.calls).isEmpty();
    }

    @Test
    void anAgentFlagsTheCallerOfTheirOwnCallOnlyAndNeverSeesTheNumber(TestDatabase db) throws Exception {
        web = new WebFixture(db);
        WebClientSession a1 = web.client().login("agent1");
        WebClientSession a2 = web.client().login("agent2");
        WebClientSession sup = web.client().login("supervisor1");
        HttpResponse<String> none = a1.post("/api/agent/flag", "{\"kind\":\"insult\",\"note\":\"辱骂坐席\"}");
        assertThat(none.statusCode()).isEqualTo(409);
        assertThat(code(none)).isEqualTo("no_call");
        String own = web.ring("1001", "1700000400.1", "13800138000", "张三");
        String theirs = web.ring("1002", "1700000400.2", "13900139000", "李四");
        try (WsProbe c = console(a1)) {
            c.awaitType("screen_pop", own);
        }
        // agent1 names agent2's call: refused, nothing flagged
        HttpResponse<String> attack = a1.post("/api/agent/flag", "{\"kind\":\"threat\",\"note\":\"威胁\",\"callId\":\""
                + theirs + "\"}");
        assertThat(attack.statusCode()).isEqualTo(409);
        assertThat(web.ports.flags).isEmpty();
        // a supervisor is not an agent on a call; a unit user neither
        assertThat(sup.post("/api/agent/flag", "{\"kind\":\"insult\",\"note\":\"辱骂坐席\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> ok = a1.post("/api/agent/flag", "{\"kind\":\"insult\",\"note\":\"辱骂坐席\",\"callId\":\""
                + own + "\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).doesNotContain("13800138000");
        assertThat(web.ports.flags).containsExactly("13800138000 insult 辱骂坐席 agent1");
        assertThat(a2.post("/api/agent/flag", "{\"kind\":\"insult\",\"note\":\"辱骂\"}").statusCode()).isEqualTo(200);
        assertThat(web.ports.flags).hasSize(2).last().asString().startsWith("13900139000 ");
    }

    @Test
    void theQueuesAreListedWithTheirChineseNamesForStaffOnly(TestDatabase db) {
        web = new WebFixture(db);
        HttpResponse<String> r = web.client().login("agent1").get("/api/agent/queues");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonArray a = new JsonArray(r.body());
        assertThat(a).hasSize(7);
        assertThat(a.getJsonObject(0).getString("name")).isEqualTo("综合咨询");
        assertThat(web.client().login("engineer1").get("/api/agent/queues").statusCode()).isEqualTo(403);
        assertThat(web.client().login("unit1").get("/api/agent/queues").statusCode()).isEqualTo(403);
        assertThat(web.client().get("/api/agent/queues").statusCode()).isEqualTo(401);
    }

    @Test
    void aCallThatEndsWhileRingingWithdrawsThePopAndTheTrackersEndAlsoStartsWrapUp(TestDatabase db) throws Exception {
        web = new WebFixture(db);
        WebClientSession a = web.client().login("agent1");
        try (WsProbe c = console(a)) {
            String call = web.ring("1001", "1700000500.1", "13800138000", "张三");
            c.awaitType("screen_pop", call);
            CallKey key = new CallKey("pbx1", "1700000500.1");
            web.hub.publish(new CallUpdate.AgentConnected(key, Instant.now(), WebFixture.view(key, "13800138000", "张三",
                    "PJSIP/1001"), "PJSIP/1001", "q-general", 1000));
            c.awaitType("call_active", call);
            // no leg events (a reconnect lost them): the call's end still ends the agent's part
            web.hub.publish(new CallUpdate.CallEnded(key, Instant.now(), WebFixture.view(key, "13800138000", "张三",
                    "PJSIP/1001"), cn.hotline12345.cti.call.api.Disposition.ANSWERED, "normal", "PJSIP/1001"));
            c.awaitType("call_ended", call);
            String second = web.ring("1001", "1700000500.2", "13900139000", "李四");
            tell("1001", "1700000500.2", Kind.PHONE_RINGING, null, null);
            c.awaitType("screen_pop", second);
            tell("1001", "1700000500.2", Kind.PHONE_DOWN, null, "19");
            JsonObject w = c.awaitType("pop_withdrawn", second);
            assertThat(w.getJsonObject("data").getString("reason")).isEqualTo("no_answer");
        }
    }
}
