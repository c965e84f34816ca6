package cn.hotline12345.cti.desk.web;

import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.cti.testing.WsProbe;
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
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two PBXs ("east", the first, and "west") on one web module: an agent's PBX comes from their user (admin API,
 * checked against the configuration), their actions go to it whatever the request says, and screen pops for
 * extension 1001 on one PBX never reach the agent with extension 1001 on the other.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiPbxAgentIT {

    private WebFixture web;
    private WebClientSession admin;
    private long westAgentId;

    @BeforeAll
    void start(TestDatabase db) throws Exception {
        Path yaml = Files.createTempFile("two-pbxs", ".yaml");
        yaml.toFile().deleteOnExit();
        Files.writeString(yaml, """
                pbxs:
                  - id: east
                  - id: west
                    port: 5039
                """);
        web = new WebFixture(db, yaml);
        admin = web.client().login("admin");
        HttpResponse<String> created = admin.post("/api/admin/users", new JsonObject().put("username", "agentw")
                .put("displayName", "西区话务员").put("password", WebFixture.NEW_PASSWORD).put("role", "agent")
                .put("extension", "1001").put("pbxId", "west").encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(new JsonObject(created.body()).getString("pbxId")).isEqualTo("west");
        westAgentId = new JsonObject(created.body()).getLong("id");
    }

    @AfterAll
    void stop() {
        web.close();
    }

    @BeforeEach
    void reset() {
        web.actions.calls.clear();
    }

    @Test
    void eachAgentActsOnTheirOwnPbxAndABodyCannotNameAnother() {
        WebClientSession west = web.client().loginAs("agentw", WebFixture.NEW_PASSWORD);
        WebClientSession east = web.client().login("agent1"); // no PBX set: the first configured one
        for (String body : new String[] {"{\"pbx\":\"east\"}", "{\"pbxId\":\"east\"}", "{\"pbx\":\"east\",\"extension\":\"1002\"}"}) {
            assertThat(west.post("/api/agent/hangup", body).statusCode()).isEqualTo(200);
        }
        assertThat(west.post("/api/agent/transfer", "{\"kind\":\"queue\",\"value\":\"q-general\",\"pbx\":\"east\"}")
                .statusCode()).isEqualTo(200);
        assertThat(east.post("/api/agent/hangup", "{\"pbx\":\"west\"}").statusCode()).isEqualTo(200);
        assertThat(web.actions.calls).containsExactly("hangup west 1001", "hangup west 1001", "hangup west 1001",
                "transfer west 1001 QUEUE q-general false", "hangup east 1001");
    }

    @Test
    void aSupervisorNamesThePbxOfTheAgentAndAnUnknownPbxIsRefused() {
        WebClientSession sup = web.client().login("supervisor1");
        assertThat(sup.post("/api/supervisor/agents/1001/pause?pbx=west", "{\"reason\":\"meal\"}").statusCode()).isEqualTo(200);
        assertThat(sup.post("/api/supervisor/agents/1001/unpause", "{}").statusCode()).isEqualTo(200);
        for (String q : new String[] {"?pbx=north", "?pbx=", "?pbx=west&pbx=east", "?pbx=EAST"}) {
            HttpResponse<String> r = sup.post("/api/supervisor/agents/1001/unpause" + q, "{}");
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            assertThat(r.body()).as(q).contains("pbx: one of east, west");
        }
        assertThat(web.actions.calls).containsExactly("pause west 1001 meal", "unpause east 1001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"north\"", "\"\"", "\"West\"", "5", "true", "[\"west\"]", "\"west\\r\\nAction: Originate\""})
    void userAdminRefusesAPbxThatIsNotConfigured(String pbx) {
        HttpResponse<String> r = admin.post("/api/admin/users", "{\"username\":\"agentx\",\"displayName\":\"x\","
                + "\"password\":\"" + WebFixture.NEW_PASSWORD + "\",\"role\":\"agent\",\"extension\":\"1009\",\"pbxId\":" + pbx + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("pbxId").contains("not a configured PBX").contains("configured: east, west")
                .doesNotContain("Action");
        HttpResponse<String> set = admin.post("/api/admin/users/" + westAgentId + "/pbx", "{\"pbxId\":" + pbx + "}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(400);
        assertThat(set.body()).contains("not a configured PBX");
    }

    @Test
    void aPbxNeedsAPhoneAndAnUnknownUserIsNotFound() {
        HttpResponse<String> r = admin.post("/api/admin/users", new JsonObject().put("username", "sup9")
                .put("displayName", "x").put("password", WebFixture.NEW_PASSWORD).put("role", "supervisor")
                .put("pbxId", "west").encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("only a user with an extension");
        assertThat(admin.post("/api/admin/users/999999/pbx", "{\"pbxId\":\"west\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void movingAnAgentToAnotherPbxEndsTheirSessionsAndTheNextLoginActsThere() {
        HttpResponse<String> made = admin.post("/api/admin/users", new JsonObject().put("username", "agentm")
                .put("displayName", "m").put("password", WebFixture.NEW_PASSWORD).put("role", "agent")
                .put("extension", "1003").encode());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        long id = new JsonObject(made.body()).getLong("id");
        WebClientSession m = web.client().loginAs("agentm", WebFixture.NEW_PASSWORD);
        assertThat(m.post("/api/agent/hangup", "{}").statusCode()).isEqualTo(200);
        HttpResponse<String> moved = admin.post("/api/admin/users/" + id + "/pbx", "{\"pbxId\":\"west\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(m.post("/api/agent/hangup", "{}").statusCode()).isEqualTo(401);
        WebClientSession again = web.client().loginAs("agentm", WebFixture.NEW_PASSWORD);
        assertThat(again.post("/api/agent/hangup", "{}").statusCode()).isEqualTo(200);
        assertThat(admin.post("/api/admin/users/" + id + "/pbx", "{\"pbxId\":null}").statusCode()).isEqualTo(200);
        assertThat(web.actions.calls).containsExactly("hangup east 1003", "hangup west 1003");
    }

    @Test
    void theWallboardKeepsTheSameQueueOfTwoPbxsApartWithAnAlarmEach() {
        LiveQueues.QueueSnapshot east = new LiveQueues.QueueSnapshot("east", "q-consult", 2, 30_000, 0, 0, 0, 0, 0,
                1.0, 20, 0.0, 0, 2, 0, 0);
        LiveQueues.QueueSnapshot west = new LiveQueues.QueueSnapshot("west", "q-consult", 1, 10_000, 0, 0, 0, 0, 0,
                1.0, 20, 0.0, 0, 1, 0, 0);
        web.live.queues = List.of(east, west);
        try {
            HttpResponse<String> r = web.client().login("supervisor1").get("/api/wallboard");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject board = new JsonObject(r.body());
            assertThat(board.getJsonArray("queues").stream().map(q -> ((JsonObject) q).getString("pbxId")))
                    .containsExactly("east", "west");
            assertThat(board.getJsonArray("alarms").stream().filter(a -> "no_agent".equals(((JsonObject) a).getString("kind")))
                    .map(a -> ((JsonObject) a).getString("subject"))).containsExactlyInAnyOrder("east/q-consult", "west/q-consult");
        } finally {
            web.live.queues = List.of();
        }
    }

    @Test
    void anAgentWhosePbxIsNoLongerConfiguredIsRefusedNotSentToAnotherPbx() throws Exception {
        HttpResponse<String> made = admin.post("/api/admin/users", new JsonObject().put("username", "agentg")
                .put("displayName", "g").put("password", WebFixture.NEW_PASSWORD).put("role", "agent")
                .put("extension", "1004").put("pbxId", "west").encode());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        // a PBX removed from the configuration after the user was given it
        web.db.query(dsl -> dsl.execute("update app_user set pbx_id = 'north' where username = 'agentg'"))
                .await(10, java.util.concurrent.TimeUnit.SECONDS);
        HttpResponse<String> r = web.client().loginAs("agentg", WebFixture.NEW_PASSWORD).post("/api/agent/hangup", "{}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        assertThat(r.body()).contains("unknown_pbx");
        assertThat(web.actions.calls).isEmpty();
    }

    @Test
    void popsForAnExtensionReachOnlyTheAgentOfThatExtensionOnThatPbx() throws Exception {
        WebClientSession west = web.client().loginAs("agentw", WebFixture.NEW_PASSWORD);
        WebClientSession east = web.client().login("agent1");
        try (WsProbe westConsole = WsProbe.connect(web.vertx, web.port, "/ws/console", web.origin(), west.sessionId);
             WsProbe eastConsole = WsProbe.connect(web.vertx, web.port, "/ws/console", web.origin(), east.sessionId)) {
            westConsole.awaitType("hello", null);
            eastConsole.awaitType("hello", null);
            String eastCall = web.ring("east", "1001", "1700000000.1", "13800138000", "张三");
            eastConsole.awaitType("screen_pop", eastCall);
            String westCall = web.ring("west", "1001", "1700000000.2", "13900139000", "李四");
            westConsole.awaitType("screen_pop", westCall);
            String eastCall2 = web.ring("east", "1001", "1700000000.3", "13700137000", "王五");
            eastConsole.awaitType("screen_pop", eastCall2);
            // each console saw only its own PBX's calls, in order (pops are sent per console in ring order)
            assertThat(westConsole.ofType("screen_pop")).extracting(f -> f.getJsonObject("data").getString("callId"))
                    .containsExactly(westCall);
            assertThat(eastConsole.ofType("screen_pop")).extracting(f -> f.getJsonObject("data").getString("callId"))
                    .containsExactly(eastCall, eastCall2);
            // wrap-up of the west agent clears the west call only: a console of the east agent opened afterwards
            // still gets the east call (a console that connects is sent its agent's current call)
            assertThat(west.post("/api/agent/wrapup", "{}").statusCode()).isEqualTo(200);
            westConsole.awaitType("pop_withdrawn", westCall);
            try (WsProbe eastLater = WsProbe.connect(web.vertx, web.port, "/ws/console", web.origin(), east.sessionId)) {
                eastLater.awaitType("screen_pop", eastCall2);
            }
            assertThat(eastConsole.ofType("pop_withdrawn")).isEmpty();
        }
    }
}
