package cn.hotline12345.cti.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.testing.ServerConfigs;
import cn.hotline12345.cti.testing.WebClientSession;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo users in demo mode only (issue 20 item 4), on the embedded database as a new deployment has it: {@code run}
 * on an empty user table starts with a one-time administrator setup, {@code demo} has the README's users, {@code run}
 * on a directory {@code demo} used disables them, {@code create-admin} makes an administrator from the command line,
 * known passwords are refused and the last active administrator stays.
 *
 * <p>Seen failing before the fix: after {@code run} on a new data directory the six demo users existed and
 * {@code admin/Demo-12345!} logged in; the admin API accepted {@code Demo-12345!}; the last administrator could be
 * disabled.
 */
class FirstStartIT {

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([A-Za-z0-9_-]{43})\"");

    private static Map<String, String> env(Path dir, int httpPort, int agiPort) {
        Map<String, String> env = new HashMap<>();
        env.put("CTI_DATABASE_DATA_DIR", dir.resolve("pg").toString());
        env.put("CTI_DATABASE_JOURNAL_DIR", dir.resolve("journal").toString());
        env.put("CTI_HTTP_HOST", "127.0.0.1");
        env.put("CTI_HTTP_PORT", Integer.toString(httpPort));
        env.put("CTI_HTTP_ALLOWED_ORIGINS", ServerConfigs.origin(httpPort));
        env.put("CTI_AGI_HOST", "127.0.0.1");
        env.put("CTI_AGI_PORT", Integer.toString(agiPort));
        env.put("CTI_DEMO_CALLS_PER_SECOND", "0");
        env.put("CTI_DEMO_AGENTS", "2");
        return env;
    }

    private static CtiConfig config(Map<String, String> env) {
        return new ConfigLoader(env).load(null);
    }

    /** Starts {@code run} and returns the setup token it logged, or null. */
    private static String[] startRun(CtiConfig config, CtiServer[] out) {
        Logger log = (Logger) LoggerFactory.getLogger(FirstStart.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try {
            out[0] = CtiServer.start(config);
        } finally {
            log.detachAppender(lines);
        }
        for (ILoggingEvent e : lines.list) {
            Matcher m = TOKEN.matcher(e.getFormattedMessage());
            if (m.find()) {
                return new String[] {m.group(1)};
            }
        }
        return new String[] {null};
    }

    private static long users(CtiServer server, String where) {
        return ((Number) server.db().dsl().fetchValue("select count(*) from app_user where " + where)).longValue();
    }

    @Test
    void runOnANewDatabaseHasNoDemoUsersAndCreatesItsFirstAdministratorWithAOneTimeToken(@TempDir Path dir) {
        int http = ServerConfigs.freePort();
        CtiServer[] started = new CtiServer[1];
        String token = startRun(config(env(dir, http, ServerConfigs.freePort())), started)[0];
        try (CtiServer server = started[0]) {
            assertThat(users(server, "true")).as("users after the first start").isZero();
            WebClientSession web = new WebClientSession(http, ServerConfigs.origin(http));
            assertThat(web.login("admin", "Demo-12345!").statusCode()).isEqualTo(401);
            assertThat(token).as("the one-time token in the log").isNotNull();
            assertThat(new JsonObject(web.get("/api/setup").body()).getBoolean("open")).isTrue();

            JsonObject admin = new JsonObject().put("username", "chief").put("displayName", "值班长")
                    .put("password", "Demo-12345!");
            assertThat(web.send("POST", "/api/setup/admin", admin.copy().put("token", "x".repeat(43)).encode(), false)
                    .statusCode()).isEqualTo(403);
            HttpResponse<String> weak = web.send("POST", "/api/setup/admin", admin.copy().put("token", token).encode(), false);
            assertThat(weak.statusCode()).isEqualTo(400);
            assertThat(new JsonObject(weak.body()).getString("error")).isEqualTo("password_policy");
            HttpResponse<String> made = web.send("POST", "/api/setup/admin",
                    admin.copy().put("token", token).put("password", "Hotline-Duty-2026").encode(), false);
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            // once only
            assertThat(web.send("POST", "/api/setup/admin", admin.copy().put("token", token)
                    .put("password", "Hotline-Duty-2027").put("username", "second").encode(), false).statusCode()).isEqualTo(404);
            assertThat(users(server, "role = 'admin'")).isEqualTo(1);

            assertThat(web.login("chief", "Hotline-Duty-2026").statusCode()).isEqualTo(200);
            HttpResponse<String> published = web.post("/api/admin/users", new JsonObject().put("username", "agent7")
                    .put("displayName", "坐席七").put("password", "Demo-12345!").put("role", "agent")
                    .put("extension", "1007").encode());
            assertThat(published.statusCode()).isEqualTo(400);
            assertThat(new JsonObject(published.body()).getString("error")).isEqualTo("password_policy");
            long me = new JsonObject(web.get("/api/auth/me").body()).getJsonObject("user").getLong("id");
            HttpResponse<String> last = web.post("/api/admin/users/" + me + "/active", "{\"active\":false}");
            assertThat(last.statusCode()).isEqualTo(409);
            assertThat(new JsonObject(last.body()).getString("message")).isEqualTo("不能停用最后一个启用的管理员账号");
            assertThat(web.get("/api/auth/me").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void demoHasTheReadmeUsersAndRunOnTheSameDirectoryDisablesThem(@TempDir Path dir) {
        int http = ServerConfigs.freePort();
        Map<String, String> env = env(dir, http, ServerConfigs.freePort());
        try (CtiServer demo = DemoMode.start(config(env))) {
            WebClientSession web = new WebClientSession(http, ServerConfigs.origin(http));
            assertThat(web.login("agent1", "Demo-12345!").statusCode()).isEqualTo(200);
            assertThat(web.login("admin", "Demo-12345!").statusCode()).isEqualTo(200);
        }
        CtiServer[] started = new CtiServer[1];
        String token = startRun(config(env), started)[0];
        try (CtiServer server = started[0]) {
            WebClientSession web = new WebClientSession(http, ServerConfigs.origin(http));
            assertThat(web.login("agent1", "Demo-12345!").statusCode()).isEqualTo(401);
            assertThat(web.login("admin", "Demo-12345!").statusCode()).isEqualTo(401);
            assertThat(users(server, "demo and active")).isZero();
            assertThat(token).as("no active administrator left: the setup opens").isNotNull();
        }
    }

    @Test
    void createAdminMakesAnAdministratorFromStandardInputAndRefusesKnownPasswords(@TempDir Path dir) {
        int http = ServerConfigs.freePort();
        Map<String, String> env = env(dir, http, ServerConfigs.freePort());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {"create-admin", "--username", "chief"}, env,
                new ByteArrayInputStream("Demo-12345!\n".getBytes(StandardCharsets.UTF_8)), o, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("password");
        assertThat(Main.run(new String[] {"create-admin"}, env, new ByteArrayInputStream(new byte[0]), o, e)).isEqualTo(2);
        assertThat(Main.run(new String[] {"create-admin", "--username", "chief", "--display-name", "值班长"}, env,
                new ByteArrayInputStream("Hotline-Duty-2026\n".getBytes(StandardCharsets.UTF_8)), o, e)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("administrator chief created");
        CtiServer[] started = new CtiServer[1];
        String token = startRun(config(env), started)[0];
        try (CtiServer server = started[0]) {
            assertThat(token).as("an administrator exists: no setup").isNull();
            WebClientSession web = new WebClientSession(http, ServerConfigs.origin(http));
            assertThat(web.login("chief", "Hotline-Duty-2026").statusCode()).isEqualTo(200);
            assertThat(new JsonObject(web.get("/api/setup").body()).getBoolean("open")).isFalse();
        }
    }
}
