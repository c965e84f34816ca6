package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.knowledge.KnowledgeModule;
import cn.hotline12345.cti.matter.MatterModule;
import cn.hotline12345.cti.platform.web.HttpVerticle;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 8 for the REST side: seeded random bodies (wrong types, missing and unknown fields, broken
 * JSON, huge and control-character strings, nested junk) against the staff matter API, the intake API of
 * other channels and the handling units' API. Every answer is a clear 4xx JSON error or a success — never a
 * 500, never a hang — and the server keeps serving well-formed requests afterwards.
 */
@ExtendWith(PostgresExtension.class)
class ApiFuzzIT {

    private static final Set<Integer> CLEAR = Set.of(200, 201, 204, 400, 401, 403, 404, 409, 413, 415, 422);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    @Test
    void arbitraryBodiesGetClearAnswersAndNothingBreaks(TestDatabase database) throws Exception {
        Vertx vertx = Vertx.vertx();
        Db db = new Db(vertx, database.dataSource(), 4);
        try {
            MatterModule module = new MatterModule(db);
            List<RouteContributor> routes = new ArrayList<>();
            routes.add(r -> r.route("/api/*").handler(ctx -> {
                String role = ctx.request().getHeader("X-Test-Role");
                if (role != null) {
                    ctx.put(Principal.CONTEXT_KEY, new Principal(1, "fuzz-" + role, Role.fromDb(role), null, "1001", false));
                }
                ctx.next();
            }));
            routes.addAll(module.routes());
            routes.addAll(new KnowledgeModule(db, java.time.Clock.systemUTC()).routes());
            HttpVerticle http = new HttpVerticle(new CtiConfig.Http("127.0.0.1", 0, List.of()), routes);
            vertx.deployVerticle(http).await();
            port = http.actualPort();
            send("PUT", "/api/admin/units/unit-a", new JsonObject().put("name", "市城管局").put("level", "city").encode(),
                    "X-Test-Role", "admin");
            String unitKey = new JsonObject(send("POST", "/api/admin/units/unit-a/api-key", "{}", "X-Test-Role", "admin")
                    .body()).getString("apiKey");
            String intakeKey = new JsonObject(send("POST", "/api/admin/intake-clients/web-portal/api-key",
                    new JsonObject().put("channel", "web").encode(), "X-Test-Role", "admin").body()).getString("apiKey");
            HttpResponse<String> created = send("POST", "/api/matters", validMatter().encode(), "X-Test-Role", "agent");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long id = new JsonObject(created.body()).getLong("id");

            Random random = new Random(20261127L);
            String[][] targets = {
                    {"POST", "/api/intake", "X-Channel-Key", intakeKey},
                    {"POST", "/api/matters", "X-Test-Role", "agent"},
                    {"PUT", "/api/matters/" + id, "X-Test-Role", "agent"},
                    {"POST", "/api/matters/" + id + "/not-accept", "X-Test-Role", "agent"},
                    {"POST", "/api/matters/" + id + "/dispatch", "X-Test-Role", "agent"},
                    {"POST", "/api/unit/matters/" + id + "/reply", "Authorization", "Bearer " + unitKey},
                    {"POST", "/api/unit/matters/" + id + "/return", "Authorization", "Bearer " + unitKey},
                    {"POST", "/api/unit/matters/" + id + "/extension", "Authorization", "Bearer " + unitKey},
                    {"POST", "/api/unit/matters/" + id + "/termination", "Authorization", "Bearer " + unitKey},
                    {"POST", "/api/knowledge", "X-Test-Role", "supervisor"}};
            for (int i = 0; i < 400; i++) {
                String[] t = targets[random.nextInt(targets.length)];
                String body = randomBody(random);
                HttpResponse<String> r = send(t[0], t[1], body, t[2], t[3]);
                assertThat(CLEAR).as("%s %s with %s -> %d %s", t[0], t[1], abbreviate(body), r.statusCode(),
                        abbreviate(r.body())).contains(r.statusCode());
                if (r.statusCode() >= 400 && r.statusCode() != 413) {
                    assertThat(new JsonObject(r.body()).getString("error")).as(r.body()).isNotBlank();
                }
            }
            HttpResponse<String> still = send("POST", "/api/matters", validMatter().encode(), "X-Test-Role", "agent");
            assertThat(still.statusCode()).as("still serving").isEqualTo(201);
        } finally {
            vertx.close().await();
            db.close();
        }
    }

    private static JsonObject validMatter() {
        return new JsonObject().put("category", "consultation").put("subject", "公积金").put("content", "提取手续")
                .put("contactName", "市民").put("contactNumber", "13800138000").put("channel", "phone");
    }

    private static final String[] KEYS = {"category", "subject", "content", "contactName", "contactNumber", "address",
            "hasPlace", "place", "confidential", "version", "reason", "note", "leadUnitId", "coUnitIds", "reply",
            "explanation", "extraWorkingDays", "newLastDay", "channel", "urgency", "title", "body", "tags", "x"};

    private static String randomBody(Random r) {
        switch (r.nextInt(6)) {
            case 0:
                return "{\"subject\": \"" + "x".repeat(r.nextInt(40)) + "\""; // broken JSON
            case 1:
                return r.nextBoolean() ? "[]" : r.nextBoolean() ? "null" : "\"text\"";
            case 2:
                return "{\"subject\":\"" + "长".repeat(300_000) + "\"}"; // over the body limit
            default:
                JsonObject o = new JsonObject();
                int n = r.nextInt(8);
                for (int i = 0; i < n; i++) {
                    o.put(KEYS[r.nextInt(KEYS.length)], randomValue(r, 0));
                }
                return o.encode();
        }
    }

    private static Object randomValue(Random r, int depth) {
        switch (r.nextInt(depth > 1 ? 6 : 8)) {
            case 0: return r.nextInt();
            case 1: return r.nextBoolean();
            case 2: return null;
            case 3: return "line\r\nAction: Originate\u0000" + r.nextInt();
            case 4: return "x".repeat(r.nextInt(5000));
            case 5: return List.of("consultation", "help", "report", "lead", "-1", "2026-13-45", "").get(r.nextInt(7));
            case 6: return new JsonArray().add(randomValue(r, depth + 1)).add(randomValue(r, depth + 1));
            default: return new JsonObject().put("k", randomValue(r, depth + 1));
        }
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
            b.headers(headers);
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
