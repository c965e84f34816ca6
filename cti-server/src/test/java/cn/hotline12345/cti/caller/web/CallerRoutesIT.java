package cn.hotline12345.cti.caller.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.caller.api.CallEnd;
import cn.hotline12345.cti.caller.CallerModule;
import cn.hotline12345.cti.caller.api.CallerSettings;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.web.HttpVerticle;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The staff routes over real HTTP, with a test-only authentication handler; also searches logs and exports. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallerRoutesIT {

    /** Every full number this test uses: none may appear in logs or exports. */
    private static final List<String> NUMBERS = List.of("13700137000", "13800138000", "13900139000", "15000150000", "053612345678");
    private static final String HEADER = "x-test-user";

    private Vertx vertx;
    private HikariDataSource ds;
    private Db db;
    private CallerModule module;
    private HttpVerticle http;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    void start(TestDatabase database) throws Exception {
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.setContext(lc);
        logs.start();
        Logger root = lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        lc.getLogger("cn.hotline12345").setLevel(ch.qos.logback.classic.Level.DEBUG);
        vertx = Vertx.vertx();
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(database.url());
        hc.setUsername(database.user());
        hc.setPassword(database.password());
        hc.setMaximumPoolSize(4);
        ds = new HikariDataSource(hc);
        db = new Db(vertx, ds, 4);
        module = new CallerModule(vertx, db, CallerSettings.defaults(), Clock.systemUTC());
        List<RouteContributor> routes = new ArrayList<>();
        // test-only authentication: "name:role:unmask"
        routes.add(router -> router.route().order(-1).handler(ctx -> {
            String h = ctx.request().getHeader(HEADER);
            if (h != null) {
                String[] p = h.split(":");
                ctx.put(Principal.CONTEXT_KEY, new Principal(1, p[0], Role.valueOf(p[1]), null, null, Boolean.parseBoolean(p[2])));
            }
            ctx.next();
        }));
        routes.addAll(module.routes());
        http = new HttpVerticle(new CtiConfig.Http("127.0.0.1", 0, List.of()), routes);
        vertx.deployVerticle(http).await(20, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        vertx.close().await(10, TimeUnit.SECONDS);
        db.close();
        ds.close();
    }

    private HttpResponse<String> call(String method, String path, String user, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.actualPort() + path))
                    .timeout(Duration.ofSeconds(20))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (user != null) {
                b.header(HEADER, user);
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static final String AGENT = "agent1:AGENT:false";
    private static final String SUP = "sup1:SUPERVISOR:true";
    private static final String SUP_NO_UNMASK = "sup2:SUPERVISOR:false";

    @Test
    void profileIsMaskedUnlessUnmaskedWithAReasonAndAudited() throws Exception {
        module.profiles().callStarted(new CallKey("pbx1", "r1.1"), "+8613700137000", Instant.now()).await(10, TimeUnit.SECONDS);
        HttpResponse<String> masked = call("GET", "/api/callers/" + enc("+86 137 0013 7000") + "/profile", AGENT, null);
        assertThat(masked.statusCode()).isEqualTo(200);
        JsonObject p = new JsonObject(masked.body());
        assertThat(p.getString("number")).isEqualTo("137****7000");
        assertThat(p.getBoolean("unmasked")).isFalse();
        assertThat(p.getLong("totalCalls")).isEqualTo(1L);
        assertThat(p.getJsonObject("ivr").getBoolean("emergencyNotice")).isTrue();
        assertThat(p.getJsonObject("ivr").getBoolean("reachAgent")).isTrue();

        assertThat(call("GET", "/api/callers/13700137000/profile?unmask=true&reason=" + enc("call back about WF-1"), AGENT, null).statusCode())
                .isEqualTo(403);
        assertThat(call("GET", "/api/callers/13700137000/profile?unmask=true", SUP, null).statusCode()).isEqualTo(400);
        HttpResponse<String> full = call("GET", "/api/callers/13700137000/profile?unmask=true&reason=" + enc("call back about WF-1"), SUP, null);
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(full.body()).getString("number")).isEqualTo("13700137000");

        HttpResponse<String> audit = call("GET", "/api/audit?subject=" + enc("caller:13700137000") + "&action=unmask", SUP, null);
        assertThat(audit.statusCode()).isEqualTo(200);
        JsonArray entries = new JsonObject(audit.body()).getJsonArray("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.getJsonObject(0).getString("actor")).isEqualTo("sup1");
        assertThat(entries.getJsonObject(0).getString("subject")).isEqualTo("caller:137****7000");
        assertThat(entries.getJsonObject(0).getString("reason")).isEqualTo("call back about WF-1");
        assertNoFullNumbers(audit.body());
        assertThat(call("GET", "/api/audit", AGENT, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/audit?limit=0", SUP, null).statusCode()).isEqualTo(400);
    }

    @Test
    void flagsAndMeasuresOverHttp() throws Exception {
        HttpResponse<String> flag = call("POST", "/api/callers/13900139000/flags", AGENT,
                new JsonObject().put("kind", "insult").put("note", "called me names; his other number is 15000150000").encode());
        assertThat(flag.statusCode()).isEqualTo(201);
        JsonObject f = new JsonObject(flag.body());
        assertThat(f.getJsonArray("proposedMeasures")).hasSize(1);
        long reviewId = f.getJsonArray("proposedMeasures").getJsonObject(0).getLong("id");

        assertThat(call("GET", "/api/caller-measures/review", AGENT, null).statusCode()).isEqualTo(403);
        HttpResponse<String> review = call("GET", "/api/caller-measures/review", SUP, null);
        assertThat(review.statusCode()).isEqualTo(200);
        assertThat(review.body()).contains("\"id\":" + reviewId).contains("139****9000");

        assertThat(call("POST", "/api/callers/13900139000/measures", AGENT,
                new JsonObject().put("level", "dedicated_queue").put("reason", "abuse").encode()).statusCode()).isEqualTo(403);
        HttpResponse<String> imposed = call("POST", "/api/callers/13900139000/measures", SUP,
                new JsonObject().put("level", "dedicated_queue").put("reason", "abuse, see 15000150000").encode());
        assertThat(imposed.statusCode()).isEqualTo(201);
        long dq = new JsonObject(imposed.body()).getLong("id");
        assertThat(call("POST", "/api/caller-measures/" + reviewId + "/confirm", SUP, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/caller-measures/" + dq + "/appeal", AGENT, new JsonObject().put("note", "misunderstanding").encode()).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/caller-measures/" + dq + "/appeal-decision", SUP, new JsonObject().put("decision", "maybe").put("note", "x").encode()).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/caller-measures/" + dq + "/appeal-decision", SUP, new JsonObject().put("decision", "upheld").put("note", "recording").encode()).statusCode()).isEqualTo(200);

        HttpResponse<String> csv = call("GET", "/api/caller-measures/export.csv", SUP, null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(csv.body()).contains("139****9000").contains("dedicated_queue").contains("150****0000");
        assertNoFullNumbers(csv.body());
        HttpResponse<String> history = call("GET", "/api/callers/13900139000/measures", SUP, null);
        assertThat(history.statusCode()).isEqualTo(200);
        assertNoFullNumbers(history.body());
        HttpResponse<String> profile = call("GET", "/api/callers/13900139000/profile", SUP_NO_UNMASK, null);
        assertThat(new JsonObject(profile.body()).getJsonObject("ivr").getString("queueOverride")).isEqualTo("q-special");
        assertNoFullNumbers(profile.body());
        HttpResponse<String> audit = call("GET", "/api/audit?subject=" + enc("caller:13900139000"), SUP, null);
        assertThat(new JsonObject(audit.body()).getJsonArray("entries").size()).isGreaterThanOrEqualTo(5);
        assertNoFullNumbers(audit.body());
    }

    @Test
    void badRequestsGetJsonErrors() {
        assertThat(call("GET", "/api/callers/13800138000/profile", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> badJson = call("POST", "/api/callers/13900139000/flags", AGENT, "{not json");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badJson.body()).getString("message")).isEqualTo("请求有误，请检查填写的内容");
        assertThat(new JsonObject(badJson.body()).getString("detail")).contains("JSON");
        assertThat(call("POST", "/api/callers/13900139000/flags", AGENT, new JsonObject().put("kind", "silent").put("note", "x").encode()).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/callers/anonymous/flags", AGENT, new JsonObject().put("kind", "threat").put("note", "threat").encode()).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/callers/13900139000/flags", AGENT, new JsonObject().put("kind", "threat").put("note", "ok").put("callId", "x").encode()).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/caller-measures/abc/lift", SUP, new JsonObject().put("reason", "ok then").encode()).statusCode()).isEqualTo(400);
        HttpResponse<String> missing = call("POST", "/api/caller-measures/99999/lift", SUP, new JsonObject().put("reason", "ok then").encode());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(missing.body()).getString("error")).isEqualTo("not_found");
        assertThat(call("POST", "/api/callers/13900139000/measures", SUP, new JsonObject().put("level", "block").put("reason", "no").encode()).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/callers/13900139000/measures", SUP, new JsonObject().put("level", "warning").put("reason", "shouting")
                .put("expiresAt", "tomorrow").encode()).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/matter-merges", AGENT, new JsonObject().put("primaryId", 1).put("duplicateIds", new JsonArray().add(1)).put("reason", "dup").encode()).statusCode()).isEqualTo(400);
        // a withheld caller's profile is a standalone one, not an error
        HttpResponse<String> withheld = call("GET", "/api/callers/anonymous/profile", AGENT, null);
        assertThat(withheld.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(withheld.body()).getString("kind")).isEqualTo("withheld");
        assertThat(call("GET", "/api/callers/anonymous/profile?unmask=true&reason=because", SUP, null).statusCode()).isEqualTo(400);
    }

    @Test
    void logsOfAFullRunCarryNoFullNumber() throws Exception {
        // drive the hooks with every number, including the signals that log
        for (String n : NUMBERS.subList(1, NUMBERS.size())) { // the first is the profile test's own
            for (int i = 0; i < 3; i++) {
                String lid = "log" + n + "." + i;
                module.profiles().callStarted(new CallKey("pbx1", lid), n, Instant.now()).await(10, TimeUnit.SECONDS);
                module.nuisance().callEnded(new CallEnd(new CallKey("pbx1", lid), n, null, Instant.now(), Instant.now(),
                        Instant.now(), null, true)).await(10, TimeUnit.SECONDS);
            }
        }
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayout layout = new PatternLayout();
        layout.setContext(lc);
        layout.getInstanceConverterMap().put("maskedMsg", cn.hotline12345.cti.logging.MaskingMessageConverter::new);
        layout.setPattern("%logger - %maskedMsg%n");
        layout.start();
        List<ILoggingEvent> events = List.copyOf(logs.list);
        assertThat(events).as("the capture works: the silent-call rule logged its proposals")
                .anyMatch(e -> e.getFormattedMessage().contains("proposed observe"));
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent e : events) {
            // our own code masks at the source; the layout masks whatever a library logs
            if (e.getLoggerName().startsWith("cn.hotline12345")) {
                all.append(e.getFormattedMessage()).append('\n');
            }
            all.append(layout.doLayout(e));
        }
        assertThat(all.toString()).contains("****");
        assertNoFullNumbers(all.toString());
    }

    private static void assertNoFullNumbers(String text) {
        for (String n : NUMBERS) {
            assertThat(text).as("output must not carry %s", n).doesNotContain(n);
        }
    }
}
