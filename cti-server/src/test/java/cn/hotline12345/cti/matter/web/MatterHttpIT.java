package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.testing.MutableClock;

import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.matter.internal.DeadlinePolicy;
import cn.hotline12345.cti.knowledge.KnowledgeModule;
import cn.hotline12345.cti.matter.MatterModule;
import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import cn.hotline12345.cti.platform.web.HttpVerticle;
import cn.hotline12345.cti.platform.web.RouteContributor;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matter HTTP APIs on a real server (port 0) and PostgreSQL. Staff are authenticated by a test-only
 * handler reading {@code X-Test-Role}; units by their real API keys.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatterHttpIT {

    private static final String REPORTER_NUMBER = "13912345678";
    private static final String REPORTER_NAME = "保密举报人甲";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Vertx vertx;
    private Db db;
    private int port;
    private String keyA;
    private String keyB;
    private String intakeKey;

    @BeforeAll
    void start(TestDatabase database) throws Exception {
        vertx = Vertx.vertx();
        db = new Db(vertx, database.dataSource(), 4);
        MutableClock clock = new MutableClock(LocalDate.parse("2026-03-02").atTime(9, 0)
                .atZone(WorkingDayCalendar.ZONE).toInstant());
        MatterModule module = new MatterModule(db, clock, DeadlinePolicy.standard(), 1);
        List<RouteContributor> routes = new ArrayList<>();
        routes.add(r -> r.route("/api/*").handler(ctx -> {
            String role = ctx.request().getHeader("X-Test-Role");
            if (role != null) {
                ctx.put(Principal.CONTEXT_KEY, new Principal(1, "test-" + role, Role.fromDb(role), null, "1001", false));
            }
            ctx.next();
        }));
        routes.addAll(module.routes());
        routes.addAll(new KnowledgeModule(db, clock).routes());
        HttpVerticle http = new HttpVerticle(new CtiConfig.Http("127.0.0.1", 0, List.of()), routes);
        vertx.deployVerticle(http).await();
        port = http.actualPort();
        assertThat(call("PUT", "/api/admin/units/unit-a", "admin", new JsonObject().put("name", "市城管局").put("level", "city")).statusCode()).isEqualTo(200);
        assertThat(call("PUT", "/api/admin/units/unit-b", "admin", new JsonObject().put("name", "奎文区政府").put("level", "county")).statusCode()).isEqualTo(200);
        keyA = new JsonObject(call("POST", "/api/admin/units/unit-a/api-key", "admin", new JsonObject()).body()).getString("apiKey");
        keyB = new JsonObject(call("POST", "/api/admin/units/unit-b/api-key", "admin", new JsonObject()).body()).getString("apiKey");
        intakeKey = new JsonObject(call("POST", "/api/admin/intake-clients/wechat-mp/api-key", "admin",
                new JsonObject().put("channel", "wechat")).body()).getString("apiKey");
    }

    @AfterAll
    void stop() throws Exception {
        vertx.close().await();
        db.close();
    }

    private HttpResponse<String> call(String method, String path, String role, JsonObject body) {
        return send(method, path, body, role == null ? new String[0] : new String[] {"X-Test-Role", role});
    }

    private HttpResponse<String> unit(String method, String path, String key, JsonObject body) {
        return send(method, path, body, "Authorization", "Bearer " + key);
    }

    private HttpResponse<String> send(String method, String path, Object body, String... headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.toString()));
            if (headers.length > 0) {
                b.headers(headers);
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    private JsonObject matterBody(boolean confidential) {
        return new JsonObject().put("category", confidential ? "report" : "complaint").put("subject", "占道经营")
                .put("content", "路口夜市占道").put("area", "奎文区").put("place", "胜利街路口")
                .put("address", "奎文区胜利街与东风街路口").put("hasPlace", true)
                .put("contactName", REPORTER_NAME).put("contactNumber", REPORTER_NUMBER).put("confidential", confidential);
    }

    /** Creates, accepts and dispatches a matter to {@code lead}; returns it. */
    private JsonObject dispatched(String lead, boolean confidential) {
        HttpResponse<String> created = call("POST", "/api/matters", "agent", matterBody(confidential));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = new JsonObject(created.body()).getLong("id");
        assertThat(call("POST", "/api/matters/" + id + "/accept", "agent", new JsonObject()).statusCode()).isEqualTo(200);
        HttpResponse<String> d = call("POST", "/api/matters/" + id + "/dispatch", "agent",
                new JsonObject().put("leadUnitId", lead));
        assertThat(d.statusCode()).as(d.body()).isEqualTo(200);
        return new JsonObject(d.body());
    }

    @Test
    void staffFlowWithConflictAndIllegalTransition() {
        HttpResponse<String> created = call("POST", "/api/matters", "agent", matterBody(false));
        JsonObject m = new JsonObject(created.body());
        long id = m.getLong("id");
        assertThat(m.getString("number")).matches("WF20260302\\d{5}");
        assertThat(m.getString("contactNumber")).isEqualTo("139****5678");
        // dispatching a draft is not a legal move: 422 naming both states
        HttpResponse<String> illegal = call("POST", "/api/matters/" + id + "/dispatch", "agent",
                new JsonObject().put("leadUnitId", "unit-a"));
        assertThat(illegal.statusCode()).isEqualTo(422);
        assertThat(illegal.body()).contains("from draft to dispatched");
        // two edits with the same version: the second is a 409
        int v = m.getInteger("version");
        assertThat(call("PUT", "/api/matters/" + id, "agent", new JsonObject().put("version", v).put("subject", "一")).statusCode()).isEqualTo(200);
        HttpResponse<String> stale = call("PUT", "/api/matters/" + id, "supervisor", new JsonObject().put("version", v).put("subject", "二"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(call("GET", "/api/matters/" + id, "agent", null).body()).getString("subject")).isEqualTo("一");
        // accept, then the deadline: Mon 03-02 + 5 working days = Mon 03-09
        JsonObject acc = new JsonObject(call("POST", "/api/matters/" + id + "/accept", "agent", new JsonObject()).body());
        assertThat(acc.getString("deadlineAt")).isEqualTo("2026-03-09T15:59:59Z");
        assertThat(call("POST", "/api/matters/" + id + "/escalate", "agent", new JsonObject().put("reason", "x")).statusCode())
                .isEqualTo(403);
        assertThat(call("GET", "/api/matters/" + id, null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/matters/999999", "agent", null).statusCode()).isEqualTo(404);
        JsonArray history = new JsonArray(call("GET", "/api/matters/" + id + "/history", "agent", null).body());
        assertThat(history.stream().map(o -> ((JsonObject) o).getString("to")).toList())
                .containsExactly("draft", "draft", "accepted");
        HttpResponse<String> badType = call("PUT", "/api/matters/" + id, "agent", new JsonObject().put("version", "x"));
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badType.body()).getString("field")).isEqualTo("version");
    }

    @Test
    void unitsSeeOnlyTheirOwnMattersAndNeverAConfidentialReporter() {
        JsonObject mine = dispatched("unit-a", true);
        long id = mine.getLong("id");
        // unit B: not found, whether it exists or not, whatever it tries
        assertThat(unit("GET", "/api/unit/matters/" + id, keyB, null).statusCode()).isEqualTo(404);
        assertThat(unit("POST", "/api/unit/matters/" + id + "/sign", keyB, new JsonObject()).statusCode()).isEqualTo(404);
        assertThat(unit("POST", "/api/unit/matters/" + id + "/return", keyB, new JsonObject().put("reason", "x")).statusCode()).isEqualTo(404);
        assertThat(unit("GET", "/api/unit/matters/987654", keyB, null).statusCode()).isEqualTo(404);
        assertThat(unit("GET", "/api/unit/matters", keyB, null).body()).doesNotContain(mine.getString("number"));
        assertThat(unit("GET", "/api/unit/matters", "wrong-key", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/unit/matters", null).statusCode()).isEqualTo(401);
        // unit A sees it, without the reporter's identity
        HttpResponse<String> a = unit("GET", "/api/unit/matters/" + id, keyA, null);
        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(a.body()).doesNotContain(REPORTER_NUMBER).doesNotContain("5678").doesNotContain(REPORTER_NAME);
        assertThat(new JsonObject(a.body()).getValue("contactNumber")).isNull();
        HttpResponse<String> list = unit("GET", "/api/unit/matters", keyA, null);
        assertThat(list.body()).contains(mine.getString("number")).doesNotContain(REPORTER_NUMBER).doesNotContain(REPORTER_NAME);
        for (String step : List.of("sign", "start")) {
            HttpResponse<String> r = unit("POST", "/api/unit/matters/" + id + "/" + step, keyA, new JsonObject());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).doesNotContain(REPORTER_NUMBER).doesNotContain(REPORTER_NAME);
        }
        HttpResponse<String> again = unit("POST", "/api/unit/matters/" + id + "/sign", keyA, new JsonObject());
        assertThat(again.statusCode()).isEqualTo(422);
        HttpResponse<String> ext = unit("POST", "/api/unit/matters/" + id + "/extension", keyA,
                new JsonObject().put("explanation", "需现场勘查").put("extraWorkingDays", 2));
        assertThat(ext.statusCode()).as(ext.body()).isEqualTo(200);
        JsonArray pending = new JsonArray(call("GET", "/api/matter-requests", "supervisor", null).body());
        long rid = pending.stream().map(o -> (JsonObject) o).filter(o -> o.getLong("matterId") == id).findFirst()
                .orElseThrow().getLong("id");
        assertThat(call("POST", "/api/matter-requests/" + rid + "/decision", "agent", new JsonObject().put("approve", true)).statusCode())
                .isEqualTo(403);
        HttpResponse<String> dec = call("POST", "/api/matter-requests/" + rid + "/decision", "supervisor",
                new JsonObject().put("approve", true));
        assertThat(dec.statusCode()).as(dec.body()).isEqualTo(200);
        HttpResponse<String> reply = unit("POST", "/api/unit/matters/" + id + "/reply", keyA, new JsonObject().put("reply", "已清理"));
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(reply.body()).getString("status")).isEqualTo("replied");
    }

    @Test
    void nonConfidentialMatterShowsTheContactToTheUnitThatHandlesIt() {
        JsonObject m = dispatched("unit-b", false);
        JsonObject seen = new JsonObject(unit("GET", "/api/unit/matters/" + m.getLong("id"), keyB, null).body());
        assertThat(seen.getString("contactNumber")).isEqualTo(REPORTER_NUMBER);
    }

    @ParameterizedTest(name = "{0} -> 400 on {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"category\":\"help\",\"subject\":\"s\",\"content\":\"c\",\"contactNumber\":\"13800000000\"}|contactName",
            "{\"category\":\"help\",\"subject\":\"s\",\"content\":\"c\",\"contactName\":\"甲\"}|contactNumber",
            "{\"category\":\"help\",\"subject\":\"s\",\"content\":\"c\",\"contactName\":\"甲\",\"contactNumber\":\"13800000000\",\"hasPlace\":true}|address",
            "{\"category\":\"help\",\"subject\":\"s\",\"content\":\"c\",\"contactName\":\"甲\",\"contactNumber\":\"13800000000\",\"place\":\"某桥\"}|address",
            "{\"category\":\"help\",\"channel\":\"fax\",\"content\":\"c\",\"contactName\":\"甲\",\"contactNumber\":\"13800000000\"}|channel",
            "{\"category\":\"help\",\"channel\":\"weibo\",\"content\":\"c\",\"contactName\":\"甲\",\"contactNumber\":\"13800000000\"}|channel",
            "{\"category\":\"gossip\",\"content\":\"c\",\"contactName\":\"甲\",\"contactNumber\":\"13800000000\"}|category",
            "{\"content\":\"c\",\"contactName\":\"甲\",\"contactNumber\":\"13800000000\"}|category",
            "{\"category\":\"help\",\"subject\":5,\"content\":\"c\",\"contactName\":\"甲\",\"contactNumber\":\"13800000000\"}|subject",
            "{\"category\":\"help\",\"content\":\"c\",\"contactName\":\"甲\",\"contactNumber\":\"13800000000\",\"confidential\":\"yes\"}|confidential",
            "{\"category\":\"help\",\"content\":\"c\",\"contactName\":\"甲\",\"contactNumber\":\"call me\"}|contactNumber",
            "[1,2]|body",
            "{not json|body",
    })
    void intakeRefusesBadInputNamingTheField(String body, String field) {
        HttpResponse<String> r = sendRaw(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getString("field")).isEqualTo(field);
    }

    @Test
    void intakeRefusesOversizedFieldsAndUnknownKeysAndAcceptsAGoodMatter() {
        JsonObject big = new JsonObject().put("category", "help").put("subject", "长".repeat(201)).put("content", "c")
                .put("contactName", "甲").put("contactNumber", "13800000000");
        HttpResponse<String> r = send("POST", "/api/intake", big, "X-Channel-Key", intakeKey);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getString("field")).isEqualTo("subject");
        big.put("subject", "s").put("content", "长".repeat(4001));
        assertThat(new JsonObject(send("POST", "/api/intake", big, "X-Channel-Key", intakeKey).body()).getString("field"))
                .isEqualTo("content");
        assertThat(send("POST", "/api/intake", big, "X-Channel-Key", "nope").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/intake", big).statusCode()).isEqualTo(401);
        big.put("content", "路灯不亮");
        HttpResponse<String> ok = send("POST", "/api/intake", big, "X-Channel-Key", intakeKey);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        JsonObject m = new JsonObject(ok.body());
        assertThat(m.getString("status")).isEqualTo("accepted");
        JsonObject full = new JsonObject(call("GET", "/api/matters/" + m.getLong("id"), "agent", null).body());
        assertThat(full.getString("channel")).isEqualTo("wechat");
    }

    private HttpResponse<String> sendRaw(String body) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/intake"))
                    .header("X-Channel-Key", intakeKey).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void knowledgeSearchFindsChineseTextAndOnlyValidEntries() {
        assertThat(call("POST", "/api/knowledge", "supervisor", new JsonObject().put("title", "社保卡补办流程")
                .put("body", "携带身份证到市民服务中心社保窗口办理。").put("tags", new JsonArray().add("社保"))).statusCode()).isEqualTo(201);
        assertThat(call("POST", "/api/knowledge", "supervisor", new JsonObject().put("title", "公积金提取")
                .put("body", "购房、租房可提取住房公积金，社保缴纳证明不是必需材料。")).statusCode()).isEqualTo(201);
        assertThat(call("POST", "/api/knowledge", "supervisor", new JsonObject().put("title", "旧版社保政策")
                .put("body", "已废止").put("validTo", "2020-12-31")).statusCode()).isEqualTo(201);
        assertThat(call("POST", "/api/knowledge", "agent", new JsonObject().put("title", "t").put("body", "b")).statusCode())
                .isEqualTo(403);
        JsonArray hits = new JsonArray(call("GET", "/api/knowledge?q=" + enc("社保"), "agent", null).body());
        List<String> titles = hits.stream().map(o -> ((JsonObject) o).getString("title")).toList();
        assertThat(titles).containsExactly("社保卡补办流程", "公积金提取");
        JsonArray body = new JsonArray(call("GET", "/api/knowledge?q=" + enc("市民服务中心"), "agent", null).body());
        assertThat(body).hasSize(1);
        assertThat(new JsonArray(call("GET", "/api/knowledge?q=" + enc("医保报销"), "agent", null).body())).isEmpty();
        HttpResponse<String> one = call("GET", "/api/knowledge?q=" + enc("社"), "agent", null);
        assertThat(one.statusCode()).isEqualTo(400);
        JsonArray sug = new JsonArray(call("GET", "/api/knowledge/suggest?ivrPath=" + enc("menu>1>公积金"), "agent", null).body());
        assertThat(sug.stream().map(o -> ((JsonObject) o).getString("title")).toList()).contains("公积金提取");
    }

    @Test
    void reportsAsJsonAndCsvWithoutFullPhoneNumbers() {
        dispatched("unit-a", false);
        dispatched("unit-a", false);
        HttpResponse<String> vol = call("GET", "/api/reports/volumes?by=unit&from=2026-03-01&to=2026-03-31", "supervisor", null);
        assertThat(vol.statusCode()).isEqualTo(200);
        assertThat(vol.body()).contains("市城管局");
        HttpResponse<String> csv = call("GET", "/api/reports/repeats?from=2026-03-01&to=2026-03-31&format=csv", "supervisor", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).contains("139****5678").doesNotContain(REPORTER_NUMBER);
        assertThat(csv.body()).doesNotContainPattern("\\d{11}");
        HttpResponse<String> hot = call("GET", "/api/reports/hot-topics?from=2026-03-01&to=2026-03-31&format=csv", "supervisor", null);
        assertThat(hot.body()).contains("占道经营");
        assertThat(call("GET", "/api/reports/on-time", "supervisor", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/reports/volumes?by=colour", "supervisor", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/reports/volumes", "agent", null).statusCode()).isEqualTo(403);
    }

    @Test
    void calendarIsMaintainedByAdministratorsOnly() {
        JsonObject day = new JsonObject().put("kind", "workday").put("name", "测试调休");
        assertThat(call("PUT", "/api/admin/calendar/2027-02-13", "agent", day).statusCode()).isEqualTo(403);
        assertThat(call("PUT", "/api/admin/calendar/2027-02-13", "admin", day).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/calendar?year=2027", "agent", null).body()).contains("2027-02-13");
        assertThat(call("PUT", "/api/admin/calendar/2027-13-01", "admin", day).statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/admin/calendar/2027-02-13", "admin", new JsonObject().put("kind", "party").put("name", "x")).statusCode()).isEqualTo(400);
        assertThat(call("DELETE", "/api/admin/calendar/2027-02-13", "admin", null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/api/admin/calendar/2027-02-13", "admin", null).statusCode()).isEqualTo(404);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
