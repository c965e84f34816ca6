package cn.hotline12345.cti.phone.web;

import cn.hotline12345.cti.desk.internal.DefaultScreenPopEnricher;
import cn.hotline12345.cti.phone.PhoneModule;
import cn.hotline12345.cti.phone.api.SoftphoneSettings;
import cn.hotline12345.cti.phone.internal.SipAccountService;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23 item 1: the server owns the agents' SIP accounts. An administrator sets or rotates them, Asterisk's role
 * reads them as realtime PJSIP rows (ps_endpoints, ps_auths, ps_aors of V110, as res_config_pgsql queries them:
 * "SELECT * FROM %s WHERE %s%s '%s'%s" ... " LIMIT 1", res/res_config_pgsql.c realtime_pgsql), the logged-in agent
 * gets only their own; everything else is attacked.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipCredentialsIT {

    private WebFixture web;
    private TestDatabase db;
    private final io.vertx.core.Vertx phoneVertx = io.vertx.core.Vertx.vertx();
    private Db phoneDb;

    @BeforeAll
    void start(TestDatabase database) throws Exception {
        db = database;
        phoneDb = new Db(phoneVertx, database.dataSource(), 2);
        web = new WebFixture(database, AuthSettings.defaults(), 256, new DefaultScreenPopEnricher(),
                new PhoneModule(phoneDb, SoftphoneSettings.defaults(), List.of("pbx1"), Map.of("pbx1", "pbx.example.cn"),
                        Clock.systemUTC()).routes());
        String v110 = Files.readString(Path.of("../schema/src/main/resources/db/migration/V110__asterisk_realtime_pjsip.sql"),
                StandardCharsets.UTF_8);
        try (Connection owner = database.dataSource().getConnection(); Statement st = owner.createStatement()) {
            st.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'asterisk') then "
                    + "create role asterisk login password 'asterisk-test-pw' nosuperuser nocreatedb nocreaterole noinherit; "
                    + "end if; end $$");
            st.execute("alter role asterisk password 'asterisk-test-pw'");
            // the grant block of V110, run again: the test database was migrated before the role existed
            st.execute(v110.substring(v110.lastIndexOf("do $$")));
        }
    }

    @AfterAll
    void stop() {
        if (web != null) {
            web.close();
        }
        phoneDb.close();
        phoneVertx.close();
    }

    private long userId(String username) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select id from app_user where username = '" + username + "'")) {
            assertThat(rs.next()).as(username).isTrue();
            return rs.getLong(1);
        }
    }

    /** The test database's URL without its query: the embedded server's carries {@code ?user=postgres}, which would win. */
    private String asteriskUrl() {
        return db.url().replaceFirst("\\?.*$", "");
    }

    /** What Asterisk's realtime lookup of {@code table} by id returns, connected as PBX {@code pbx}. */
    private Map<String, String> asteriskRow(String pbx, String table, String id) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "asterisk");
        p.setProperty("password", "asterisk-test-pw");
        p.setProperty("ApplicationName", pbx);
        try (Connection a = DriverManager.getConnection(asteriskUrl(), p); Statement st = a.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM asterisk." + table + " WHERE id = '" + id + "' LIMIT 1")) {
            Map<String, String> row = new HashMap<>();
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getString(i));
                }
            }
            return row;
        }
    }

    @Test
    void adminSetsAGeneratedPasswordAsteriskReadsTheHa1AndTheAgentGetsOnlyTheirOwn() throws Exception {
        long agent1 = userId("agent1");
        WebClientSession admin = web.client().login("admin");
        HttpResponse<String> set = admin.post("/api/admin/users/" + agent1 + "/sip", "{}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(set.headers().firstValue("cache-control")).hasValue("no-store");
        JsonObject s = new JsonObject(set.body());
        String password = s.getString("password");
        assertThat(password).hasSize(24).matches("[A-Za-z0-9]+");
        String ha1 = SipAccountService.ha1("1001", "hotline12345", password);

        HttpResponse<String> own = web.client().login("agent1").get("/api/phone/credentials");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        JsonObject o = new JsonObject(own.body());
        assertThat(o.getString("username")).isEqualTo("1001");
        assertThat(o.getString("ha1")).isEqualTo(ha1);
        assertThat(o.getString("realm")).isEqualTo("hotline12345");
        assertThat(o.getString("wsUrl")).isEqualTo("wss://pbx.example.cn:8089/ws");
        assertThat(o.getString("uri")).isEqualTo("sip:1001@pbx.example.cn");
        assertThat(own.body()).doesNotContain(password);

        // Asterisk (as PBX pbx1) sees the WebRTC endpoint, the digest auth and the aor
        Map<String, String> auth = asteriskRow("pbx1", "ps_auths", "1001");
        assertThat(auth).containsEntry("auth_type", "digest").containsEntry("username", "1001")
                .containsEntry("realm", "hotline12345").containsEntry("md5_cred", ha1);
        assertThat(auth).doesNotContainKey("password");
        assertThat(asteriskRow("pbx1", "ps_endpoints", "1001")).containsEntry("webrtc", "yes")
                .containsEntry("transport", "transport-wss").containsEntry("auth", "1001").containsEntry("aors", "1001")
                .containsEntry("context", "agents").containsEntry("dtls_auto_generate_cert", "yes");
        assertThat(asteriskRow("pbx1", "ps_aors", "1001")).containsEntry("max_contacts", "1")
                .containsEntry("remove_existing", "yes");
        // another PBX reading the same database does not see pbx1's phones
        assertThat(asteriskRow("pbx2", "ps_auths", "1001")).isEmpty();

        // the change is audited, without the password
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select actor, detail::text from audit_log where action = 'sip.credentials.set' "
                     + "and subject = 'user:" + agent1 + "' order by id desc limit 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("admin");
            assertThat(rs.getString(2)).contains("1001").doesNotContain(password);
        }
    }

    @Test
    void rotatingReplacesTheHa1SoTheOldPasswordNoLongerAuthenticates() throws Exception {
        long agent1 = userId("agent1");
        WebClientSession admin = web.client().login("admin");
        String first = new JsonObject(admin.post("/api/admin/users/" + agent1 + "/sip", "{}").body()).getString("password");
        HttpResponse<String> r = admin.post("/api/admin/users/" + agent1 + "/sip",
                new JsonObject().put("password", "Rotated-Pass-2026.x").encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).containsKey("password")).as("a given password is not echoed").isFalse();
        assertThat(asteriskRow("pbx1", "ps_auths", "1001").get("md5_cred"))
                .isEqualTo(SipAccountService.ha1("1001", "hotline12345", "Rotated-Pass-2026.x"))
                .isNotEqualTo(SipAccountService.ha1("1001", "hotline12345", first));
    }

    @Test
    void anAgentCannotReachAnotherAgentsCredentialsNorTheAdminApi() throws Exception {
        long agent1 = userId("agent1");
        long agent2 = userId("agent2");
        WebClientSession admin = web.client().login("admin");
        assertThat(admin.post("/api/admin/users/" + agent1 + "/sip", "{}").statusCode()).isEqualTo(200);
        String agent2Password = new JsonObject(admin.post("/api/admin/users/" + agent2 + "/sip", "{}").body())
                .getString("password");
        String agent2Ha1 = SipAccountService.ha1("1002", "hotline12345", agent2Password);

        WebClientSession a1 = web.client().login("agent1");
        // no parameter names another user: whatever is tried, the answer is agent1's own
        for (String path : List.of("/api/phone/credentials?extension=1002", "/api/phone/credentials?userId=" + agent2,
                "/api/phone/credentials/1002", "/api/phone/credentials?pbx=pbx1&username=1002")) {
            HttpResponse<String> r = a1.get(path);
            assertThat(r.body()).as(path).doesNotContain(agent2Ha1).doesNotContain("\"1002\"");
            if (r.statusCode() == 200) {
                assertThat(new JsonObject(r.body()).getString("username")).as(path).isEqualTo("1001");
            }
        }
        // the admin API: 403 for an agent and a supervisor, 401 without a session; nothing changed
        for (WebClientSession who : List.of(a1, web.client().login("supervisor1"))) {
            assertThat(who.post("/api/admin/users/" + agent2 + "/sip", "{\"password\":\"Attacker-Pass-123456\"}")
                    .statusCode()).isEqualTo(403);
            assertThat(who.send("DELETE", "/api/admin/users/" + agent2 + "/sip", null, true).statusCode()).isEqualTo(403);
        }
        assertThat(web.client().post("/api/admin/users/" + agent2 + "/sip", "{}").statusCode()).isEqualTo(401);
        assertThat(web.client().get("/api/phone/credentials").statusCode()).isEqualTo(401);
        // an engineer and a unit user have no phone: 403 on the agent route
        assertThat(web.client().login("engineer1").get("/api/phone/credentials").statusCode()).isEqualTo(403);
        assertThat(asteriskRow("pbx1", "ps_auths", "1002").get("md5_cred")).isEqualTo(agent2Ha1);
    }

    /**
     * softphone.turnSecret: each console's answer carries its own TURN user, named after its extension and its expiry
     * and signed with the secret as coturn's use-auth-secret checks it; STUN entries get none; the secret is never
     * sent.
     */
    @Test
    void withATurnSecretEachAgentGetsItsOwnExpiringTurnUser() throws Exception {
        WebClientSession admin = web.client().login("admin");
        assertThat(admin.post("/api/admin/users/" + userId("agent1") + "/sip", "{}").statusCode()).isEqualTo(200);
        assertThat(admin.post("/api/admin/users/" + userId("agent2") + "/sip", "{}").statusCode()).isEqualTo(200);
        String secret = "turn-secret-of-the-hotline-2026";
        java.time.Instant now = java.time.Instant.parse("2026-12-07T02:00:00Z");
        SoftphoneSettings d = SoftphoneSettings.defaults();
        SoftphoneSettings turnSettings = new SoftphoneSettings(d.realm(), d.wsUrl(),
                List.of("stun:stun.12345.gov.cn:3478", "turn:turn.12345.gov.cn:3478?transport=udp"), "", "", secret,
                java.time.Duration.ofHours(12));
        try (WebFixture turnWeb = new WebFixture(db, AuthSettings.defaults(), 256, new DefaultScreenPopEnricher(),
                new PhoneModule(phoneDb, turnSettings, List.of("pbx1"), Map.of("pbx1", "pbx.example.cn"),
                        Clock.fixed(now, java.time.ZoneOffset.UTC)).routes())) {
            HttpResponse<String> r = turnWeb.client().login("agent1").get("/api/phone/credentials");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).doesNotContain(secret);
            JsonObject o = new JsonObject(r.body());
            io.vertx.core.json.JsonArray ice = o.getJsonArray("iceServers");
            assertThat(ice.getJsonObject(0).getString("urls")).startsWith("stun:");
            assertThat(ice.getJsonObject(0).containsKey("username")).isFalse();
            JsonObject turn = ice.getJsonObject(1);
            long expiry = now.plus(java.time.Duration.ofHours(12)).getEpochSecond();
            assertThat(turn.getString("username")).isEqualTo(expiry + ":1001");
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            assertThat(turn.getString("credential")).isEqualTo(java.util.Base64.getEncoder()
                    .encodeToString(mac.doFinal((expiry + ":1001").getBytes(StandardCharsets.UTF_8))));
            assertThat(o.getString("iceExpiresAt")).isEqualTo("2026-12-07T14:00:00Z");
            JsonObject other = new JsonObject(turnWeb.client().login("agent2").get("/api/phone/credentials").body())
                    .getJsonArray("iceServers").getJsonObject(1);
            assertThat(other.getString("username")).isEqualTo(expiry + ":1002");
            assertThat(other.getString("credential")).isNotEqualTo(turn.getString("credential"));
        }
    }

    /** Every route of the slice against every role: anonymous, agent, supervisor, engineer, admin, unit. */
    @Test
    void everyRouteAnswersEachRoleAsItShould() throws Exception {
        long engineer = userId("engineer1");
        Object[][] rows = {
                // engineer1 has no phone: the admin's call is a 409, everyone else's a 401/403 before any lookup
                {"POST", "/api/admin/users/" + engineer + "/sip", "{}", 401, 403, 403, 403, 409, 403},
                {"DELETE", "/api/admin/users/" + engineer + "/sip", null, 401, 403, 403, 403, 404, 403},
                {"GET", "/api/phone/mode", null, 401, 200, 200, 403, 403, 403},
                {"POST", "/api/phone/mode", "{\"mode\":\"desk\"}", 401, 200, 200, 403, 403, 403},
                // supervisor1 has no extension in the test users: 404, not another user's account
                {"GET", "/api/phone/credentials", null, 401, null, 404, 403, 403, 403},
        };
        List<String> who = List.of("anonymous", "agent1", "supervisor1", "engineer1", "admin", "unit1");
        for (Object[] r : rows) {
            for (int i = 0; i < who.size(); i++) {
                WebClientSession c = i == 0 ? web.client() : web.client().login(who.get(i));
                HttpResponse<String> res = c.send((String) r[0], (String) r[1], (String) r[2], true);
                if (r[3 + i] != null) {
                    assertThat(res.statusCode()).as(r[0] + " " + r[1] + " as " + who.get(i) + ": " + res.body())
                            .isEqualTo(r[3 + i]);
                }
            }
        }
    }

    @Test
    void asteriskRoleReadsTheViewsAndNothingElse() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "asterisk");
        p.setProperty("password", "asterisk-test-pw");
        p.setProperty("ApplicationName", "pbx1");
        List<String> allowed = new ArrayList<>();
        try (Connection a = DriverManager.getConnection(asteriskUrl(), p); Statement st = a.createStatement()) {
            for (String attack : List.of("select * from asterisk.sip_agent", "select * from app_user",
                    "update asterisk.ps_auths set md5_cred = 'x'", "delete from asterisk.ps_endpoints",
                    "insert into asterisk.ps_aors (id) values ('9999')", "select * from user_phone_mode")) {
                try {
                    st.execute(attack);
                    allowed.add(attack);
                } catch (SQLException e) {
                    // 42501 insufficient_privilege; 55000: the views (a join) are not updatable at all
                    assertThat(e.getSQLState()).as(attack + ": " + e.getMessage()).isIn("42501", "55000");
                }
            }
        }
        assertThat(allowed).as("statements role asterisk could run").isEmpty();
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        long agent1 = userId("agent1");
        WebClientSession admin = web.client().login("admin");
        assertThat(admin.post("/api/admin/users/" + agent1 + "/sip", "{}").statusCode()).isEqualTo(200);
        String before = asteriskRow("pbx1", "ps_auths", "1001").get("md5_cred");
        for (String body : List.of("not json", "[]", "{\"password\":\"short\"}", "{\"password\":12345678901234567}",
                "{\"password\":\"has space in it 1234\"}", "{\"password\":\"Line-Feed-1234567\\r\\nX\"}",
                "{\"password\":\"quote\\\"-1234567890123\"}", "{\"password\":\"" + "a".repeat(65) + "\"}")) {
            HttpResponse<String> r = admin.post("/api/admin/users/" + agent1 + "/sip", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("bad_request");
        }
        for (String id : List.of("abc", "-1", "1%0d%0a", "9".repeat(30))) {
            assertThat(admin.post("/api/admin/users/" + id + "/sip", "{}").statusCode()).as(id).isIn(400, 404);
        }
        assertThat(admin.post("/api/admin/users/987654321/sip", "{}").statusCode()).isEqualTo(404);
        HttpResponse<String> engineer = admin.post("/api/admin/users/" + userId("engineer1") + "/sip", "{}");
        assertThat(engineer.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(engineer.body()).getString("error")).isEqualTo("no_phone");
        assertThat(asteriskRow("pbx1", "ps_auths", "1001").get("md5_cred")).isEqualTo(before);
    }

    @Test
    void aDisabledOrRemovedAccountIsGoneForAsterisk() throws Exception {
        long agent2 = userId("agent2");
        WebClientSession admin = web.client().login("admin");
        assertThat(admin.post("/api/admin/users/" + agent2 + "/sip", "{}").statusCode()).isEqualTo(200);
        assertThat(asteriskRow("pbx1", "ps_endpoints", "1002")).isNotEmpty();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("update app_user set active = false where id = " + agent2);
            assertThat(asteriskRow("pbx1", "ps_endpoints", "1002")).as("user disabled").isEmpty();
            st.execute("update app_user set active = true where id = " + agent2);
        }
        assertThat(admin.send("DELETE", "/api/admin/users/" + agent2 + "/sip", null, true).statusCode()).isEqualTo(200);
        assertThat(asteriskRow("pbx1", "ps_endpoints", "1002")).isEmpty();
        assertThat(admin.send("DELETE", "/api/admin/users/" + agent2 + "/sip", null, true).statusCode()).isEqualTo(404);
        assertThat(web.client().login("agent2").get("/api/phone/credentials").statusCode()).isEqualTo(404);
    }

    @Test
    void thePhoneModeIsTheUsersOwnSettingDeskByDefault() {
        WebClientSession a2 = web.client().login("agent2");
        WebClientSession a1 = web.client().login("agent1");
        assertThat(new JsonObject(a2.get("/api/phone/mode").body()).getString("mode")).isIn("desk", "softphone");
        assertThat(a1.post("/api/phone/mode", "{\"mode\":\"softphone\"}").statusCode()).isEqualTo(200);
        assertThat(new JsonObject(a1.get("/api/phone/mode").body()).getString("mode")).isEqualTo("softphone");
        for (String bad : List.of("{\"mode\":\"SOFTPHONE\"}", "{\"mode\":\"both\"}", "{}", "x")) {
            assertThat(a1.post("/api/phone/mode", bad).statusCode()).as(bad).isEqualTo(400);
        }
        assertThat(new JsonObject(a1.get("/api/phone/mode").body()).getString("mode")).isEqualTo("softphone");
        assertThat(a1.post("/api/phone/mode", "{\"mode\":\"desk\"}").statusCode()).isEqualTo(200);
    }

    /**
     * SIP.js is served by our own server from the tarball agent-softphone-api's build fetched and checked (no CDN), as
     * ES modules; the console's policy lets it open the PBX's SIP WebSocket and no other origin; a path out of the
     * vendor directory is not served.
     */
    @Test
    void sipJsIsServedByUsAndTheConsoleMayConnectToThePbxWebSocketOnly() {
        HttpResponse<String> lib = web.client().get("/vendor/sip.js/index.js");
        assertThat(lib.statusCode()).isEqualTo(200);
        assertThat(lib.headers().firstValue("content-type").orElse("")).contains("javascript");
        assertThat(lib.body()).contains("export * from \"./api/index.js\"");
        // the tarball's package.json names the version; its lib/version.js says "0.21.1" (upstream left it unchanged)
        HttpResponse<String> version = web.client().get("/vendor/sip.js/package.json");
        assertThat(version.body()).contains("\"version\": \"0.21.2\"");
        assertThat(web.client().get("/vendor/sip.js/LICENSE.md").body()).contains("MIT");
        for (String bad : new String[] {"/vendor/sip.js/../../application.yaml", "/vendor/sip.js/%2e%2e/%2e%2e/%2e%2e/pom.xml", "/vendor/sip.js/index.d.ts",
                "/vendor/sip.js/", "/vendor/"}) {
            assertThat(web.client().get(bad).statusCode()).as(bad).isIn(400, 403, 404);
        }
        HttpResponse<String> page = web.client().get("/console/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("content-security-policy").orElse("");
        assertThat(csp).contains("connect-src 'self' wss://pbx.example.cn:8089;").doesNotContain("wss: ")
                .contains("script-src 'self';");
        // other pages keep the desk's policy
        assertThat(web.client().get("/wallboard/index.html").headers()
                .firstValue("content-security-policy").orElse("")).contains("connect-src 'self';");
    }
}
