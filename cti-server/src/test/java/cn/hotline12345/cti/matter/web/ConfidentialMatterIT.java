package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.matter.MatterModule;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.web.HttpVerticle;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.testing.TestSql;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whistle-blower protection against other agents (art. 11, issue 20 item 9), and the matter API's own strictness
 * (item 11), on a real server and PostgreSQL. Staff are put on the request by a test handler reading
 * {@code X-Test-User} ({@code agent-a}, {@code agent-b}, {@code sup-unmask}, {@code sup-plain}).
 *
 * <p>Seen failing before the fix: agent-b found agent-a's confidential report by the reporter's full number and read
 * the reporter's name, with no audit entry; agent-b's {@code confidential:false} was accepted; an upper-case status,
 * and a {@code caller} filter that is no number (which listed every matter), were taken.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfidentialMatterIT {

    private static final String NUMBER = "13712345678";
    private static final String NAME = "举报人乙";
    private static final Map<String, Principal> STAFF = Map.of(
            "agent-a", new Principal(11, "agent-a", Role.AGENT, null, "1011", false),
            "agent-b", new Principal(12, "agent-b", Role.AGENT, null, "1012", true),
            "sup-unmask", new Principal(13, "sup-unmask", Role.SUPERVISOR, null, null, true),
            "sup-plain", new Principal(14, "sup-plain", Role.SUPERVISOR, null, null, false));

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Vertx vertx;
    private Db db;
    private TestDatabase database;
    private int port;

    @BeforeAll
    void start(TestDatabase database) throws Exception {
        this.database = database;
        vertx = Vertx.vertx();
        db = new Db(vertx, database.dataSource(), 4);
        List<RouteContributor> routes = new ArrayList<>();
        routes.add(r -> r.route("/api/*").handler(ctx -> {
            String who = ctx.request().getHeader("X-Test-User");
            if (who != null && STAFF.containsKey(who)) {
                ctx.put(Principal.CONTEXT_KEY, STAFF.get(who));
            }
            ctx.next();
        }));
        routes.addAll(new MatterModule(db).routes());
        HttpVerticle http = new HttpVerticle(new CtiConfig.Http("127.0.0.1", 0, List.of()), routes);
        vertx.deployVerticle(http).await();
        port = http.actualPort();
    }

    @AfterAll
    void stop() throws Exception {
        vertx.close().await();
        db.close();
    }

    private HttpResponse<String> call(String method, String path, String who, JsonObject body) {
        return raw(method, path, who, body == null ? null : body.encode());
    }

    private HttpResponse<String> raw(String method, String path, String who, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).header("X-Test-User", who)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    private JsonObject report(String who) {
        HttpResponse<String> r = call("POST", "/api/matters", who, new JsonObject().put("category", "report")
                .put("subject", "举报非法排污").put("content", "夜间向河道排放污水").put("contactName", NAME)
                .put("contactNumber", NUMBER).put("confidential", true));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body());
    }

    private long audits(String action, String number) {
        return TestSql.count(database.dataSource(), "select count(*) from audit_log where action = '" + action
                + "' and subject = 'matter:" + number + "'");
    }

    @Test
    void anotherAgentNeitherFindsNorOpensNorChangesAConfidentialReport() {
        JsonObject m = report("agent-a");
        long id = m.getLong("id");
        String byNumber = "/api/matters?caller=" + NUMBER;
        JsonArray mine = new JsonArray(call("GET", byNumber, "agent-a", null).body());
        assertThat(mine.stream().map(o -> ((JsonObject) o).getLong("id"))).contains(id);
        JsonArray theirs = new JsonArray(call("GET", byNumber, "agent-b", null).body());
        assertThat(theirs.stream().map(o -> ((JsonObject) o).getLong("id"))).doesNotContain(id);
        JsonArray byText = new JsonArray(call("GET", "/api/matters?q=" + URLEncoder.encode("排污", StandardCharsets.UTF_8),
                "agent-b", null).body());
        assertThat(byText.stream().map(o -> ((JsonObject) o).getLong("id"))).doesNotContain(id);
        for (String path : List.of("/api/matters/" + id, "/api/matters/" + id + "/history",
                "/api/matters/" + id + "/requests")) {
            HttpResponse<String> r = call("GET", path, "agent-b", null);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).doesNotContain(NAME);
        }
        HttpResponse<String> lift = call("PUT", "/api/matters/" + id, "agent-b", new JsonObject()
                .put("version", m.getInteger("version")).put("confidential", false));
        assertThat(lift.statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/matters/" + id + "/accept", "agent-b", new JsonObject()).statusCode()).isEqualTo(404);
        // the taker sees it whole (they heard the reporter), with no audit entry needed
        JsonObject own = new JsonObject(call("GET", "/api/matters/" + id, "agent-a", null).body());
        assertThat(own.getString("contactName")).isEqualTo(NAME);
        assertThat(own.getBoolean("confidential")).isTrue();
        assertThat(audits("view_confidential", m.getString("number"))).isZero();
    }

    @Test
    void aSupervisorWithTheUnmaskRightSeesTheReporterAuditedOneWithoutItSeesNoReporter() {
        JsonObject m = report("agent-a");
        long id = m.getLong("id");
        JsonObject plain = new JsonObject(call("GET", "/api/matters/" + id, "sup-plain", null).body());
        assertThat(plain.getString("subject")).isEqualTo("举报非法排污");
        assertThat(plain.getValue("contactName")).isNull();
        assertThat(plain.getValue("contactNumber")).isNull();
        assertThat(audits("view_confidential", m.getString("number"))).isZero();
        JsonObject full = new JsonObject(call("GET", "/api/matters/" + id, "sup-unmask", null).body());
        assertThat(full.getString("contactName")).isEqualTo(NAME);
        assertThat(full.getString("contactNumber")).isEqualTo("137****5678");
        assertThat(audits("view_confidential", m.getString("number"))).isEqualTo(1);
    }

    @Test
    void liftingConfidentialityIsASupervisorsDecisionWithAReasonAndAudited() {
        JsonObject m = report("agent-a");
        long id = m.getLong("id");
        // not even the taker may lift it by an edit
        HttpResponse<String> byEdit = call("PUT", "/api/matters/" + id, "agent-a", new JsonObject()
                .put("version", m.getInteger("version")).put("confidential", false));
        assertThat(byEdit.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(byEdit.body()).getString("message")).isEqualTo("解除举报人保密须由班长决定并说明理由");
        assertThat(call("POST", "/api/matters/" + id + "/confidentiality", "agent-a", new JsonObject()
                .put("confidential", false).put("reason", "举报人同意公开")).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/matters/" + id + "/confidentiality", "sup-plain", new JsonObject()
                .put("confidential", false)).statusCode()).isEqualTo(400);
        HttpResponse<String> lifted = call("POST", "/api/matters/" + id + "/confidentiality", "sup-plain", new JsonObject()
                .put("confidential", false).put("reason", "举报人来电同意公开身份"));
        assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
        assertThat(new JsonObject(lifted.body()).getBoolean("confidential")).isFalse();
        assertThat(audits("lift_confidentiality", m.getString("number"))).isEqualTo(1);
        JsonArray history = new JsonArray(call("GET", "/api/matters/" + id + "/history", "agent-a", null).body());
        assertThat(history.encode()).contains("confidentiality lifted: 举报人来电同意公开身份").contains("sup-plain");
        // lifted: the other agent may now find it
        assertThat(call("GET", "/api/matters/" + id, "agent-b", null).statusCode()).isEqualTo(200);
    }

    @Test
    void upperCaseCodesAndAFilterThatIsNoNumberAreRefusedNotIgnored() {
        report("agent-a");
        for (String path : List.of("/api/matters?status=DRAFT", "/api/matters?category=Report", "/api/matters?channel=PHONE",
                "/api/matters?caller=not-a-number", "/api/matters?caller=12", "/api/matters?q=a%00b")) {
            HttpResponse<String> r = call("GET", path, "sup-unmask", null);
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(400);
            assertThat(new JsonObject(r.body()).getString("field")).as(path).isNotBlank();
        }
        HttpResponse<String> upper = call("POST", "/api/matters", "agent-a", new JsonObject().put("category", "REPORT")
                .put("subject", "x").put("content", "y"));
        assertThat(upper.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(upper.body()).getString("field")).isEqualTo("category");
        // a lone surrogate, as a JSON escape (a Java string could not even carry it to the wire)
        HttpResponse<String> surrogate = raw("POST", "/api/matters", "agent-a",
                "{\"category\":\"report\",\"subject\":\"路灯\\ud800不亮\",\"content\":\"y\"}");
        assertThat(surrogate.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(surrogate.body()).getString("field")).isEqualTo("subject");
        assertThat(call("GET", "/api/matters?status=draft&caller=" + NUMBER, "sup-unmask", null).statusCode()).isEqualTo(200);
    }
}
