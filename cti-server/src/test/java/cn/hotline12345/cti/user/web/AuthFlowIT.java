package cn.hotline12345.cti.user.web;


import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.cti.desk.internal.DefaultScreenPopEnricher;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Login, logout, sessions, CSRF and the login rate limit over real HTTP. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthFlowIT {

    private WebFixture web;

    @BeforeAll
    void start(TestDatabase db) {
        // a generous per-address limit so the per-name limit is what the rate-limit test meets
        web = new WebFixture(db, new AuthSettings(false, Duration.ofMinutes(30), Duration.ofHours(12), 1000, 5, 100,
                Duration.ofMinutes(5)), 256, new DefaultScreenPopEnricher(), List.of());
    }

    @AfterAll
    void stop() {
        web.close();
    }

    @Test
    void loginSetsAStrictHttpOnlySessionCookieAndMeAnswersTheUser() {
        WebClientSession c = web.client();
        HttpResponse<String> r = c.login("agent1", WebFixture.PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        String cookie = r.headers().allValues("set-cookie").stream().filter(s -> s.startsWith("CTI_SESSION=")).findFirst()
                .orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/")
                .doesNotContain("Secure");
        assertThat(c.sessionId).hasSizeGreaterThanOrEqualTo(43); // 256 bits in base64url
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getJsonObject("user").getString("extension")).isEqualTo("1001");
        assertThat(body.getJsonObject("user").containsKey("passwordHash")).isFalse();
        assertThat(body.getString("csrfToken")).hasSizeGreaterThanOrEqualTo(43);
        HttpResponse<String> me = c.get("/api/auth/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(me.body()).getJsonObject("user").getString("role")).isEqualTo("agent");
    }

    @Test
    void wrongPasswordAndUnknownUserAreTheSame401() {
        HttpResponse<String> wrong = web.client().login("engineer1", "not-the-password");
        HttpResponse<String> unknown = web.client().login("nobody-here", "not-the-password");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(wrong.body()).getString("error")).isEqualTo(new JsonObject(unknown.body()).getString("error"));
        assertThat(wrong.headers().allValues("set-cookie")).noneMatch(s -> s.startsWith("CTI_SESSION=") && s.length() > 20);
    }

    @Test
    void badLoginBodiesAre400() {
        WebClientSession c = web.client();
        for (String body : List.of("", "[]", "{\"username\":\"agent1\"}", "{\"username\":1,\"password\":\"x\"}",
                "{\"username\":\"agent1\\r\\nX: y\",\"password\":\"Demo-12345!\"}", "not json",
                "{\"username\":\"" + "a".repeat(100) + "\",\"password\":\"x\"}")) {
            assertThat(c.send("POST", "/api/auth/login", body, null, web.origin()).statusCode()).as(body).isEqualTo(400);
        }
    }

    @Test
    void loginFromAForeignOriginIsRefused() {
        HttpResponse<String> r = web.client().send("POST", "/api/auth/login",
                "{\"username\":\"agent1\",\"password\":\"Demo-12345!\"}", null, "http://evil.example");
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void fiveFailuresForANameBlockItWith429EvenWithTheRightPassword() {
        WebClientSession c = web.client();
        for (int i = 0; i < 5; i++) {
            assertThat(c.login("agent2", "wrong-password-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> blocked = c.login("agent2", WebFixture.PASSWORD);
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("retry-after")).isPresent();
        // another name from the same address is not blocked by the per-name limit
        assertThat(web.client().login("supervisor1", WebFixture.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void sessionIdChangesAtLoginAndTheOldOneIsUseless() {
        WebClientSession c = web.client().login("supervisor1");
        String before = c.sessionId;
        assertThat(c.login("supervisor1", WebFixture.PASSWORD).statusCode()).isEqualTo(200);
        assertThat(c.sessionId).isNotEqualTo(before);
        WebClientSession attacker = web.client();
        attacker.sessionId = before;
        assertThat(attacker.get("/api/auth/me").statusCode()).isEqualTo(401);
        // an id planted by an attacker before login is not adopted
        WebClientSession victim = web.client();
        victim.sessionId = "planted-by-attacker-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        victim.login("engineer1");
        assertThat(victim.sessionId).isNotEqualTo("planted-by-attacker-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    }

    @Test
    void logoutInvalidatesTheSession() {
        WebClientSession c = web.client().login("engineer1");
        String id = c.sessionId;
        assertThat(c.post("/api/auth/logout", null).statusCode()).isEqualTo(204);
        WebClientSession replay = web.client();
        replay.sessionId = id;
        assertThat(replay.get("/api/auth/me").statusCode()).isEqualTo(401);
        assertThat(replay.get("/api/wallboard").statusCode()).isEqualTo(401);
    }

    @Test
    void stateChangingRequestsWithoutOrWithAWrongCsrfTokenAre403AndDoNothing() {
        WebClientSession c = web.client().login("agent1");
        int before = web.actions.calls.size();
        assertThat(c.send("POST", "/api/agent/unpause", "{}", null, web.origin()).statusCode()).isEqualTo(403);
        assertThat(c.send("POST", "/api/agent/unpause", "{}", "wrong-token", web.origin()).statusCode()).isEqualTo(403);
        WebClientSession other = web.client().login("agent1");
        assertThat(c.send("POST", "/api/agent/unpause", "{}", other.csrfToken, web.origin()).statusCode()).isEqualTo(403);
        assertThat(c.send("POST", "/api/auth/logout", null, null, web.origin()).statusCode()).isEqualTo(403);
        assertThat(web.actions.calls).hasSize(before);
        assertThat(c.post("/api/agent/unpause", "{}").statusCode()).isEqualTo(200);
        assertThat(web.actions.calls).hasSize(before + 1);
    }

    @Test
    void anAdminCreatesAUserWhoCanLogInAndDisablingEndsTheirSessions() {
        WebClientSession admin = web.client().login("admin");
        HttpResponse<String> created = admin.post("/api/admin/users", new JsonObject().put("username", "agent9")
                .put("displayName", "新坐席").put("password", "Another-Pass-99").put("role", "agent")
                .put("extension", "1009").encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = new JsonObject(created.body()).getLong("id");
        WebClientSession agent = web.client();
        assertThat(agent.login("agent9", "Another-Pass-99").statusCode()).isEqualTo(200);
        assertThat(admin.post("/api/admin/users/" + id + "/active", "{\"active\":false}").statusCode()).isEqualTo(200);
        assertThat(agent.get("/api/auth/me").statusCode()).isEqualTo(401);
        assertThat(web.client().login("agent9", "Another-Pass-99").statusCode()).isEqualTo(401);
        // weak password, duplicate name, agent without extension
        assertThat(admin.post("/api/admin/users", "{\"username\":\"x1x\",\"displayName\":\"x\",\"password\":\"short\",\"role\":\"agent\",\"extension\":\"1010\"}").statusCode()).isEqualTo(400);
        assertThat(admin.post("/api/admin/users", "{\"username\":\"agent9\",\"displayName\":\"x\",\"password\":\"Another-Pass-99\",\"role\":\"agent\",\"extension\":\"1010\"}").statusCode()).isEqualTo(400);
        assertThat(admin.post("/api/admin/users", "{\"username\":\"agent10\",\"displayName\":\"x\",\"password\":\"Another-Pass-99\",\"role\":\"agent\"}").statusCode()).isEqualTo(400);
    }
}
