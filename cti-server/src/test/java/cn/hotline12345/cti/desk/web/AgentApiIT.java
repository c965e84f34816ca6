package cn.hotline12345.cti.desk.web;

import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent API over real HTTP against a recording fake of the PBX actions. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentApiIT {

    private WebFixture web;
    private WebClientSession agent;
    private WebClientSession supervisor;

    @BeforeAll
    void start(TestDatabase db) {
        web = new WebFixture(db);
        agent = web.client().login("agent1");
        supervisor = web.client().login("supervisor1");
    }

    @AfterAll
    void stop() {
        web.close();
    }

    @BeforeEach
    void reset() {
        web.actions.calls.clear();
        web.actions.failWith = null;
        // a colleague logged in and free: transfers to 1002 pass the desk's check of the target
        web.live.agents = java.util.List.of(new cn.hotline12345.cti.call.api.LiveQueues.AgentSnapshot("pbx1", "PJSIP/1002",
                "话务员二", cn.hotline12345.cti.call.api.AgentState.AVAILABLE, null, java.time.Instant.now(),
                java.util.List.of("q-general")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "/api/agent/login|{\"queues\":[{\"queue\":\"q-general\",\"penalty\":2},{\"queue\":\"q-complaint\"}]}|login pbx1 1001 agent1 [QueueLogin[queue=q-general, penalty=2], QueueLogin[queue=q-complaint, penalty=0]]",
            "/api/agent/logout|{\"queues\":[\"q-general\"]}|logout pbx1 1001 [q-general]",
            "/api/agent/pause|{\"reason\":\"after_call_work\"}|pause pbx1 1001 after_call_work",
            "/api/agent/unpause||unpause pbx1 1001",
            "/api/agent/dial|{\"number\":\"+8613800138000\"}|dial pbx1 1001 +8613800138000",
            "/api/agent/transfer|{\"kind\":\"emergency\",\"value\":\"119\"}|transfer pbx1 1001 EMERGENCY 119 false",
            "/api/agent/transfer|{\"kind\":\"agent\",\"value\":\"1002\",\"attended\":true}|transfer pbx1 1001 AGENT 1002 true",
            "/api/agent/transfer|{\"kind\":\"queue\",\"value\":\"q-general\"}|transfer pbx1 1001 QUEUE q-general false",
            "/api/agent/transfer|{\"kind\":\"unit\",\"value\":\"05368888888\"}|transfer pbx1 1001 UNIT 05368888888 false",
            "/api/agent/hold|{\"on\":false}|hold pbx1 1001 false",
            "/api/agent/hangup|{}|hangup pbx1 1001",
            "/api/agent/consult|{\"complete\":true}|consult pbx1 1001 true",
            "/api/agent/consult|{\"complete\":false}|consult pbx1 1001 false",
            "/api/agent/transfer|{\"kind\":\"agent\",\"value\":\"1002\"}|transfer pbx1 1001 AGENT 1002 false",
    })
    void eachActionReachesThePbxOnTheAgentsOwnExtension(String path, String body, String expected) {
        HttpResponse<String> r = agent.post(path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(web.actions.calls).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "/api/agent/login|",
            "/api/agent/login|{\"queues\":[]}",
            "/api/agent/login|{\"queues\":\"q-general\"}",
            "/api/agent/login|{\"queues\":[{\"queue\":\"q-general\\r\\nAction: Originate\"}]}",
            "/api/agent/login|{\"queues\":[{\"queue\":\"q-general\",\"penalty\":\"1\"}]}",
            "/api/agent/login|{\"queues\":[{\"queue\":\"q-general\",\"penalty\":1000}]}",
            "/api/agent/login|{\"queues\":[{\"queue\":\"q,a\"}]}",
            "/api/agent/login|[1,2]",
            "/api/agent/logout|{\"queues\":[5]}",
            "/api/agent/logout|{}",
            "/api/agent/pause|{}",
            "/api/agent/pause|{\"reason\":\"meal\\r\\nAction: Hangup\"}",
            "/api/agent/pause|{\"reason\":\"lunch-break\"}",
            "/api/agent/pause|{\"reason\":7}",
            "/api/agent/dial|{}",
            "/api/agent/dial|{\"number\":\"138 0013 8000\"}",
            "/api/agent/dial|{\"number\":\"13800138000\\nAction: Originate\"}",
            "/api/agent/dial|{\"number\":13800138000}",
            "/api/agent/dial|{\"number\":\"1380013800013800138000\"}",
            "/api/agent/dial|not json",
            "/api/agent/transfer|{\"kind\":\"emergency\",\"value\":\"911\"}",
            "/api/agent/transfer|{\"kind\":\"teleport\",\"value\":\"110\"}",
            "/api/agent/transfer|{\"value\":\"110\"}",
            "/api/agent/transfer|{\"kind\":\"agent\",\"value\":\"PJSIP/1002\"}",
            "/api/agent/transfer|{\"kind\":\"queue\",\"value\":\"q-general\\r\\n\"}",
            "/api/agent/transfer|{\"kind\":\"external\",\"value\":\"110\\u0000\"}",
            "/api/agent/transfer|{\"kind\":\"agent\",\"value\":\"1002\",\"attended\":\"yes\"}",
            "/api/agent/hold|{}",
            "/api/agent/hold|{\"on\":\"true\"}",
            "/api/agent/consult|{}",
            "/api/agent/consult|{\"complete\":\"yes\"}",
            "/api/agent/transfer|{\"kind\":\"unit\",\"value\":\"Unit One\"}",
            "/api/agent/transfer|{\"kind\":\"unit\",\"value\":\"city-housing\\r\\nAction: Hangup\"}",
            "/api/agent/flag|{}",
            "/api/agent/flag|{\"kind\":\"spam\",\"note\":\"骂人\"}",
            "/api/agent/flag|{\"kind\":\"insult\"}",
            "/api/agent/flag|{\"kind\":\"insult\",\"note\":\"x\"}",
            "/api/agent/flag|{\"kind\":\"insult\",\"note\":\"辱骂坐席\",\"callId\":\"../etc\"}",
    })
    void badInputIs400AndNothingReachesThePbx(String path, String body) {
        HttpResponse<String> r = agent.post(path, body == null ? "" : body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        // "invalid": the server's input check refused it before the route (a NUL, a control character)
        assertThat(new JsonObject(r.body()).getString("error")).isIn("bad_request", "invalid");
        assertThat(web.actions.calls).isEmpty();
    }

    @Test
    void anOversizedBodyIsRefusedAndNothingReachesThePbx() {
        String huge = "{\"reason\":\"meal\",\"pad\":\"" + "x".repeat(10_000) + "\"}";
        assertThat(agent.post("/api/agent/pause", huge).statusCode()).isEqualTo(400);
        String tooBig = "{\"pad\":\"" + "x".repeat(300_000) + "\"}";
        assertThat(agent.post("/api/agent/hangup", tooBig).statusCode()).isIn(400, 413);
        assertThat(web.actions.calls).isEmpty();
    }

    @Test
    void aRefusedValueIs400AndAPbxErrorIs502WithAsterisksMessage() {
        web.actions.failWith = new IllegalArgumentException("number: not dialable");
        HttpResponse<String> refused = agent.post("/api/agent/dial", "{\"number\":\"12345\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("not dialable");
        web.actions.failWith = new AgentActions.ActionFailedException("Interface not found");
        HttpResponse<String> failed = agent.post("/api/agent/hangup", "{}");
        assertThat(failed.statusCode()).isEqualTo(502);
        // the agent reads the catalogue's Chinese; Asterisk's own words travel as the detail
        assertThat(new JsonObject(failed.body()).getString("detail")).isEqualTo("Interface not found");
        assertThat(new JsonObject(failed.body()).getString("message")).contains("交换机");
    }

    @Test
    void aSupervisorActsOnANamedAgentAndBadExtensionsAre400() {
        assertThat(supervisor.post("/api/supervisor/agents/1002/pause", "{\"reason\":\"coaching\"}").statusCode()).isEqualTo(200);
        assertThat(web.actions.calls).containsExactly("pause pbx1 1002 coaching");
        web.actions.calls.clear();
        assertThat(supervisor.post("/api/supervisor/agents/PJSIP%2F1002/unpause", "{}").statusCode()).isIn(400, 404);
        assertThat(supervisor.post("/api/supervisor/agents/10a2/unpause", "{}").statusCode()).isEqualTo(400);
        assertThat(web.actions.calls).isEmpty();
    }
}
