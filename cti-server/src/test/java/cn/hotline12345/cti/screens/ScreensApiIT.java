package cn.hotline12345.cti.screens;

import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes behind the screens of issue 24 on the whole server, with real sessions and CSRF: the unit portal's
 * shares and attachments, the supervisor's agent list and unmask, the reports' exports, the engineer's status — and
 * the attacks: a unit reading another unit's matter or file, an agent calling supervisor actions, a supervisor
 * without the unmask right, each refused (403/404) with nothing written.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScreensApiIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

    private ScreensServer s;
    private WebClientSession agent;
    private WebClientSession supervisor;
    private WebClientSession unit1;
    private WebClientSession unit2;

    @BeforeAll
    void start(TestDatabase db) {
        s = ScreensServer.start(db, false, Map.of("CTI_AMI_SECRET", "hush-hush-ami"));
        agent = s.session("agent1");
        supervisor = s.session("supervisor1");
        unit1 = s.session("unit1");
        unit2 = s.session("unit2");
    }

    @AfterAll
    void stop() {
        s.close();
    }

    private HttpResponse<String> upload(WebClientSession who, long matter, String name, byte[] content, boolean csrf) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.origin + "/api/unit/matters/" + matter + "/attachments"))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(content))
                .header("Content-Type", "application/octet-stream").header("Origin", s.origin)
                .header("X-File-Name", URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("Cookie", "CTI_SESSION=" + who.sessionId);
        if (csrf) {
            b.header("X-CSRF-Token", who.csrfToken);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<byte[]> download(WebClientSession who, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(s.origin + path)).timeout(Duration.ofSeconds(20))
                    .header("Cookie", "CTI_SESSION=" + who.sessionId).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObject json(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return new JsonObject(r.body());
    }

    @Test
    void aLeadAndACoHandlingUnitEachHandleTheirShareThroughTheirSessions() {
        long id = s.dispatched(agent, "路灯不亮", false, "demo-unit", "demo-unit-2").getLong("id");

        JsonArray list1 = new JsonArray(unit1.get("/api/unit/matters").body());
        JsonObject line = list1.stream().map(JsonObject.class::cast).filter(o -> o.getLong("id") == id).findFirst().orElseThrow();
        assertThat(line.getString("myRole")).isEqualTo("lead");
        assertThat(line.getString("due")).isEqualTo("in_time");
        JsonObject seenByCo = json(unit2.get("/api/unit/matters/" + id), 200);
        assertThat(seenByCo.getString("myRole")).isEqualTo("co");
        assertThat(seenByCo.getJsonArray("shares")).hasSize(2);

        // the lead's moves stay the lead's (the unit API's rule), the co-handling unit has its own for its share
        assertThat(unit2.post("/api/unit/matters/" + id + "/sign", "{}").statusCode()).isEqualTo(403);
        assertThat(unit2.post("/api/unit/matters/" + id + "/share/reply", "{\"reply\":\"已排查\"}").statusCode())
                .as("a share is signed before it is replied to").isEqualTo(422);
        JsonObject signed = json(unit2.post("/api/unit/matters/" + id + "/share/sign", "{}"), 200);
        assertThat(signed.getJsonObject("mine").getString("signedAt")).isNotNull();
        assertThat(unit2.post("/api/unit/matters/" + id + "/share/sign", "{}").statusCode()).isEqualTo(409);
        JsonObject replied = json(unit2.post("/api/unit/matters/" + id + "/share/reply",
                "{\"reply\":\"本单位已排查线路，故障在主办单位维护段\"}"), 200);
        assertThat(replied.getJsonObject("mine").getString("reply")).contains("维护段");
        assertThat(unit1.post("/api/unit/matters/" + id + "/share/sign", "{}").statusCode())
                .as("the lead signs the matter itself").isEqualTo(409);

        // the lead sees the co-handling unit's reply, signs, starts, attaches the reply letter and replies
        JsonObject lead = json(unit1.get("/api/unit/matters/" + id), 200);
        assertThat(lead.getJsonArray("shares").stream().map(JsonObject.class::cast)
                .filter(x -> x.getString("role").equals("co")).findFirst().orElseThrow().getString("reply")).contains("维护段");
        json(unit1.post("/api/unit/matters/" + id + "/sign", "{}"), 200);
        json(unit1.post("/api/unit/matters/" + id + "/start", "{}"), 200);
        JsonObject file = json(upload(unit1, id, "答复函.pdf", PDF, true), 201);
        assertThat(file.getString("mediaType")).isEqualTo("application/pdf");
        assertThat(file.getInteger("size")).isEqualTo(PDF.length);
        json(unit1.post("/api/unit/matters/" + id + "/reply", "{\"reply\":\"路灯已修复\"}"), 200);

        // after the lead's reply the units no longer work on it
        assertThat(unit2.post("/api/unit/matters/" + id + "/share/reply", "{\"reply\":\"补充\"}").statusCode()).isEqualTo(422);
        assertThat(upload(unit2, id, "补充.pdf", PDF, true).statusCode()).isEqualTo(422);

        // both units and the hotline's staff download the file; the answer is a download, never a page
        String path = "/api/unit/matters/" + id + "/attachments/" + file.getLong("id");
        HttpResponse<byte[]> got = download(unit2, path);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(PDF);
        assertThat(got.headers().firstValue("content-disposition").orElse("")).startsWith("attachment;")
                .contains("UTF-8''%E7%AD%94%E5%A4%8D%E5%87%BD.pdf");
        assertThat(got.headers().firstValue("x-content-type-options")).contains("nosniff");
        assertThat(download(supervisor, "/api/matters/" + id + "/attachments/" + file.getLong("id")).body()).isEqualTo(PDF);
        JsonObject work = json(supervisor.get("/api/matters/" + id + "/unit-work"), 200);
        assertThat(work.getJsonArray("attachments")).hasSize(1);
        assertThat(work.getJsonArray("shares")).hasSize(2);
    }

    @Test
    void aUnitCannotReachAnotherUnitsMatterOrFileAndLeavesNoTrace() {
        long theirs = s.dispatched(agent, "噪音扰民", false, "demo-unit").getLong("id");
        long ours = s.dispatched(agent, "井盖缺失", false, "demo-unit-2").getLong("id");
        json(unit1.post("/api/unit/matters/" + theirs + "/sign", "{}"), 200);
        long file = json(upload(unit1, theirs, "现场.pdf", PDF, true), 201).getLong("id");
        long versionBefore = s.count("select version from matter where id = ?", theirs);
        long transitionsBefore = s.count("select count(*) from matter_transition where matter_id = ?", theirs);

        assertThat(unit2.get("/api/unit/matters/" + theirs).statusCode()).isEqualTo(404);
        assertThat(unit2.post("/api/unit/matters/" + theirs + "/share/sign", "{}").statusCode()).isEqualTo(404);
        assertThat(unit2.post("/api/unit/matters/" + theirs + "/share/reply", "{\"reply\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(upload(unit2, theirs, "恶意.pdf", PDF, true).statusCode()).isEqualTo(404);
        assertThat(download(unit2, "/api/unit/matters/" + theirs + "/attachments/" + file).statusCode()).isEqualTo(404);
        // the file's id under a matter of its own: still not found (the id must belong to the matter named)
        assertThat(download(unit2, "/api/unit/matters/" + ours + "/attachments/" + file).statusCode()).isEqualTo(404);
        assertThat(new JsonArray(unit2.get("/api/unit/matters").body()).stream().map(JsonObject.class::cast)
                .noneMatch(o -> o.getLong("id") == theirs)).isTrue();
        // a unit's session is not staff
        assertThat(unit2.get("/api/matters/" + theirs).statusCode()).isEqualTo(403);
        assertThat(download(unit2, "/api/matters/" + theirs + "/attachments/" + file).statusCode()).isEqualTo(403);
        assertThat(unit2.get("/api/engineer/config").statusCode()).isEqualTo(403);

        assertThat(s.count("select version from matter where id = ?", theirs)).isEqualTo(versionBefore);
        assertThat(s.count("select count(*) from matter_transition where matter_id = ?", theirs)).isEqualTo(transitionsBefore);
        assertThat(s.count("select count(*) from matter_attachment where unit_id = 'demo-unit-2'")).isZero();
    }

    @Test
    void aConfidentialReporterIsNeverShownToAUnit() {
        long id = s.dispatched(agent, "举报违建", true, "demo-unit").getLong("id");
        JsonObject m = json(unit1.get("/api/unit/matters/" + id), 200);
        assertThat(m.getString("contactName")).isNull();
        assertThat(m.getString("contactNumber")).isNull();
        assertThat(m.encode()).doesNotContain("13812345678").doesNotContain("张先生");
    }

    @Test
    void badUploadsAreRefusedAndNothingIsStored() {
        long id = s.dispatched(agent, "占道经营", false, "demo-unit").getLong("id");
        long before = s.count("select count(*) from matter_attachment");
        assertThat(upload(unit1, id, "答复.pdf", PDF, false).statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> html = upload(unit1, id, "答复.pdf", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8), true);
        assertThat(html.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(html.body()).getString("message")).contains("扩展名");
        assertThat(upload(unit1, id, "答复.pdf", new byte[0], true).statusCode()).isEqualTo(400);
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        HttpResponse<String> tooBig = upload(unit1, id, "大文件.pdf", big, true);
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(tooBig.body()).getString("message")).contains("5 MB");
        assertThat(upload(unit1, id, "巨大.pdf", new byte[7 * 1024 * 1024], true).statusCode()).isEqualTo(413);
        assertThat(s.count("select count(*) from matter_attachment")).isEqualTo(before);
        // the server goes on answering
        assertThat(unit1.get("/api/unit/matters/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyASupervisorWithTheRightUnmasksAndEveryUnmaskIsAudited() {
        long id = s.dispatched(agent, "物业纠纷", false, "demo-unit").getLong("id");
        long audits = s.count("select count(*) from audit_log where action = 'unmask'");

        assertThat(agent.post("/api/matters/" + id + "/unmask", "{\"reason\":\"核实联系方式\"}").statusCode()).isEqualTo(403);
        // a supervisor without the unmask right (made by the admin): refused, no audit entry, no number
        WebClientSession admin = s.session("admin");
        assertThat(admin.post("/api/admin/users", new JsonObject().put("username", "supervisor9").put("displayName", "班长九")
                .put("password", cn.hotline12345.cti.testing.WebFixture.NEW_PASSWORD).put("role", "supervisor").put("canUnmask", false).encode()).statusCode())
                .isEqualTo(201);
        WebClientSession noRight = s.session("supervisor9", cn.hotline12345.cti.testing.WebFixture.NEW_PASSWORD);
        HttpResponse<String> refused = noRight.post("/api/matters/" + id + "/unmask", "{\"reason\":\"核实联系方式\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("13812345678");
        assertThat(new JsonObject(refused.body()).getString("message")).contains("没有查看完整号码的权限");
        HttpResponse<String> shortReason = supervisor.post("/api/matters/" + id + "/unmask", "{\"reason\":\"看\"}");
        assertThat(shortReason.statusCode()).isEqualTo(400);
        assertThat(s.count("select count(*) from audit_log where action = 'unmask'")).isEqualTo(audits);

        JsonObject shown = json(supervisor.post("/api/matters/" + id + "/unmask", "{\"reason\":\"回访前核实联系方式\"}"), 200);
        assertThat(shown.getString("number")).isEqualTo("13812345678");
        assertThat(s.count("select count(*) from audit_log where action = 'unmask' and actor = 'supervisor1'"
                + " and reason = '回访前核实联系方式' and detail->>'purpose' = ?", "matter:" + id)).isEqualTo(1);
    }

    @Test
    void anAgentCannotCallTheSupervisorsOrTheEngineersRoutes() {
        assertThat(agent.get("/api/supervisor/agents").statusCode()).isEqualTo(403);
        assertThat(agent.post("/api/supervisor/agents/1002/pause?pbx=pbx1", "{\"reason\":\"meal\"}").statusCode()).isEqualTo(403);
        assertThat(agent.post("/api/supervisor/agents/1002/logout?pbx=pbx1", "{\"queues\":[\"q-general\"]}").statusCode())
                .isEqualTo(403);
        assertThat(agent.get("/api/supervision").statusCode()).isEqualTo(403);
        assertThat(agent.get("/api/caller-measures/review").statusCode()).isEqualTo(403);
        assertThat(agent.get("/api/reports/volumes?by=day").statusCode()).isEqualTo(403);
        assertThat(agent.get("/api/engineer/pbxs").statusCode()).isEqualTo(403);
        assertThat(supervisor.get("/api/engineer/agi").statusCode()).isEqualTo(403);
        assertThat(s.session("engineer1").get("/api/supervisor/agents").statusCode()).isEqualTo(403);
        assertThat(new WebClientSession(s.httpPort, s.origin).get("/api/supervisor/agents").statusCode()).isEqualTo(401);
        JsonObject agents = json(supervisor.get("/api/supervisor/agents"), 200);
        assertThat(agents.getJsonArray("agents")).isEmpty();
    }

    @Test
    void reportsByDayCoverEveryDayAndTheExportsHaveChineseHeaders() {
        s.dispatched(agent, "供暖不热", false, "demo-unit");
        JsonObject byDay = json(supervisor.get("/api/reports/volumes?by=day&from=2026-01-01&to=2026-01-07"), 200);
        assertThat(byDay.getJsonArray("rows")).hasSize(7);
        assertThat(byDay.getJsonArray("rows").getJsonObject(0).getString("day")).isEqualTo("2026-01-01");
        HttpResponse<String> csv = supervisor.get("/api/reports/volumes?by=category&format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFF\"类别\",\"事项数\"").contains("投诉");
        assertThat(csv.headers().firstValue("content-disposition").orElse("")).contains("filename*=UTF-8''");
        HttpResponse<byte[]> xlsx = download(supervisor, "/api/reports/on-time-by-unit?format=xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("content-type").orElse("")).contains("spreadsheetml");
        assertThat(xlsx.body()).startsWith((byte) 'P', (byte) 'K');
        assertThat(supervisor.get("/api/reports/volumes?format=pdf").statusCode()).isEqualTo(400);
        assertThat(supervisor.get("/api/reports/volumes?by=day&from=2026-02-30").statusCode()).isEqualTo(400);
        assertThat(json(supervisor.get("/api/reports/on-time-by-unit"), 200).getJsonArray("columns"))
                .contains("unit", "on_time_rate");
    }

    @Test
    void theEngineerSeesTheServersStateWithoutASecret() {
        WebClientSession engineer = s.session("engineer1");
        JsonObject pbxs = json(engineer.get("/api/engineer/pbxs"), 200);
        assertThat(pbxs.getJsonArray("pbxs")).singleElement().satisfies(p -> {
            JsonObject pbx = (JsonObject) p;
            assertThat(pbx.getString("id")).isEqualTo("pbx1");
            assertThat(pbx.getString("state")).isIn("down", "connecting");
        });
        JsonObject agi = json(engineer.get("/api/engineer/agi"), 200);
        assertThat(agi.getJsonObject("flows").getString("version")).matches("\\d+:[0-9a-f]+");
        assertThat(agi.getJsonObject("flows").getJsonArray("list").stream().map(o -> ((JsonObject) o).getString("id")))
                .contains("hotline");
        JsonObject writer = json(engineer.get("/api/engineer/writer"), 200);
        assertThat(writer.getLong("capacity")).isEqualTo(200_000L);
        HttpResponse<String> config = engineer.get("/api/engineer/config");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).doesNotContain("hush-hush-ami").contains("\"secret\":\"***\"");
        assertThat(s.session("admin").get("/api/engineer/config").statusCode()).isEqualTo(200);
    }

    @Test
    void theScreensAndTheChartLibraryAreServedFromHere() {
        for (String page : new String[] {"/unit/", "/supervisor/", "/reports/", "/engineer/", "/wallboard/"}) {
            HttpResponse<String> r = new WebClientSession(s.httpPort, s.origin).get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.headers().firstValue("content-security-policy").orElse("")).contains("script-src 'self'");
        }
        HttpResponse<byte[]> echarts = download(agent, "/assets/vendor/echarts/echarts.esm.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body().length).isGreaterThan(500_000);
        HttpResponse<byte[]> icon = download(agent, "/favicon.ico");
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.body()).startsWith((byte) 0, (byte) 0, (byte) 1, (byte) 0);
    }
}
