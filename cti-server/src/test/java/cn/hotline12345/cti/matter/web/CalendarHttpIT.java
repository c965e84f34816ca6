package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.matter.MatterModule;
import cn.hotline12345.cti.matter.api.Actor;
import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.matter.api.MatterChannel;
import cn.hotline12345.cti.matter.api.MatterInput;
import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import cn.hotline12345.cti.matter.internal.DeadlinePolicy;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.web.HttpVerticle;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.testing.MutableClock;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The working-day calendar of issue 22 item 4 over HTTP and PostgreSQL: the shipped 2025 and 2026 arrangements,
 * the confirmed marker, the holiday-cn import, the alarm and provisional deadlines. The tests run in order: the
 * later ones import 2027.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CalendarHttpIT {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Vertx vertx;
    private Db db;
    private int port;
    private MutableClock clock;
    private MatterModule module;

    @BeforeAll
    void start(TestDatabase database) throws Exception {
        vertx = Vertx.vertx();
        db = new Db(vertx, database.dataSource(), 4);
        clock = new MutableClock(at("2026-12-06"));
        module = new MatterModule(db, clock, DeadlinePolicy.standard(), 1);
        List<RouteContributor> routes = new ArrayList<>();
        routes.add(r -> r.route("/api/*").handler(ctx -> {
            String role = ctx.request().getHeader("X-Test-Role");
            if (role != null) {
                ctx.put(Principal.CONTEXT_KEY, new Principal(1, "test-" + role, Role.fromDb(role), null, "1001", false));
            }
            ctx.next();
        }));
        routes.addAll(module.routes());
        HttpVerticle http = new HttpVerticle(new CtiConfig.Http("127.0.0.1", 0, List.of()), routes);
        vertx.deployVerticle(http).await();
        port = http.actualPort();
    }

    @AfterAll
    void stop() throws Exception {
        db.close();
        vertx.close().await();
    }

    static Instant at(String day) {
        return LocalDate.parse(day).atTime(10, 0).atZone(WorkingDayCalendar.ZONE).toInstant();
    }

    @Test
    @Order(1)
    void the2025ArrangementIsShipped() throws Exception {
        HttpResponse<String> r = call("GET", "/api/calendar?year=2025", "agent", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonArray days = new JsonArray(r.body());
        // 国办发明电〔2024〕12号: 28 days off, 5 make-up working days
        assertThat(days).hasSize(33);
        assertThat(days.stream().map(o -> (JsonObject) o).filter(d -> d.getString("kind").equals("workday"))
                .map(d -> d.getString("day"))).containsExactly("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28",
                "2025-10-11");
        WorkingDayCalendar cal = module.calendar().snapshot().await().calendar();
        // Friday before the Spring Festival: Sun 01-26 works, 01-28..02-04 off, then 02-05, 02-06, 02-07
        assertThat(cal.deadline(at("2025-01-24"), 5)).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.parse("2025-02-07")));
        // Labour Day 05-01..05: from Friday 04-25, Sun 04-27 (1), 04-28, 04-29, 04-30 (4), then 05-06 (5)
        assertThat(cal.deadline(at("2025-04-25"), 5)).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.parse("2025-05-06")));
        // National Day and Mid-Autumn 10-01..08: from Tuesday 09-30, 10-09 (1), 10-10 (2), Saturday 10-11 works (3)
        assertThat(cal.deadline(at("2025-09-30"), 3)).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.parse("2025-10-11")));
        assertThat(cal.deadline(at("2025-09-30"), 4)).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.parse("2025-10-13")));
    }

    @Test
    @Order(2)
    void statusNamesTheNoticesAndRaisesTheAlarmForAnUnconfirmedNextYear() {
        JsonObject s = new JsonObject(call("GET", "/api/calendar/status", "supervisor", null).body());
        JsonArray years = s.getJsonArray("years");
        assertThat(years).hasSize(3);
        assertThat(years.getJsonObject(0).getInteger("year")).isEqualTo(2025);
        assertThat(years.getJsonObject(0).getBoolean("confirmed")).isTrue();
        assertThat(years.getJsonObject(0).getString("source")).contains("国办发明电〔2024〕12号");
        assertThat(years.getJsonObject(1).getString("source")).contains("国办发明电〔2025〕7号");
        assertThat(years.getJsonObject(2).getBoolean("confirmed")).isFalse();
        assertThat(s.getJsonObject("alarm").getInteger("year")).isEqualTo(2027);
        assertThat(s.getJsonObject("alarm").getString("kind")).isEqualTo("calendar_unconfirmed");
        assertThat(s.getJsonObject("alarm").getString("since")).isEqualTo("2026-11-01");
        assertThat(call("GET", "/api/calendar/status", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void aDeadlineCountedIntoAnUnconfirmedYearIsMarked() {
        clock.set(at("2026-12-28"));
        Matter m = accepted();
        assertThat(m.deadlineProvisional()).isTrue();
        JsonObject json = new JsonObject(call("GET", "/api/matters/" + m.id(), "agent", null).body());
        assertThat(json.getBoolean("deadlineProvisional")).isTrue();
        clock.set(at("2026-12-01"));
        assertThat(accepted().deadlineProvisional()).isFalse();
    }

    @Test
    @Order(4)
    void badImportsAreRefusedAndChangeNothing() {
        String before = call("GET", "/api/calendar?year=2027", "agent", null).body();
        HttpResponse<String> empty = raw("POST", "/api/admin/calendar/import", "admin",
                new JsonObject().put("year", 2027).put("papers", new JsonArray()).put("days", new JsonArray()).encode());
        assertThat(empty.statusCode()).isEqualTo(400);
        JsonObject e = new JsonObject(empty.body());
        assertThat(e.getString("field")).isEqualTo("days");
        assertThat(e.getString("message")).contains("日期列表").contains("holiday-cn");
        assertThat(raw("POST", "/api/admin/calendar/import", "admin", "{not json").statusCode()).isEqualTo(400);
        HttpResponse<String> weekday = raw("POST", "/api/admin/calendar/import", "admin", file2027(true)
                .put("days", new JsonArray().add(day("春节", "2027-02-10", false))).encode());
        assertThat(weekday.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(weekday.body()).getString("message")).contains("2027-02-10");
        assertThat(raw("POST", "/api/admin/calendar/import", "supervisor", file2027(true).encode()).statusCode())
                .isEqualTo(403);
        assertThat(raw("POST", "/api/admin/calendar/import", "agent", file2027(true).encode()).statusCode())
                .isEqualTo(403);
        assertThat(call("GET", "/api/calendar?year=2027", "agent", null).body()).isEqualTo(before);
        HttpResponse<String> noSource = call("PUT", "/api/admin/calendar/years/2027", "admin",
                new JsonObject().put("confirmed", true));
        assertThat(noSource.statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/admin/calendar/years/twenty", "admin", new JsonObject().put("confirmed", false))
                .statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/admin/calendar/years/2027", "admin", new JsonObject()).statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/admin/calendar/years/2039", "admin",
                new JsonObject().put("confirmed", true).put("source", "x")).statusCode()).isEqualTo(409);
    }

    @Test
    @Order(5)
    void anImportReplacesTheYearAndItsConfirmationEndsTheAlarm() {
        clock.set(at("2026-12-06"));
        HttpResponse<String> r = raw("POST", "/api/admin/calendar/import", "admin", file2027(false).encode());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject y = new JsonObject(r.body());
        assertThat(y.getInteger("year")).isEqualTo(2027);
        assertThat(y.getBoolean("confirmed")).isFalse();
        assertThat(y.getInteger("days")).isEqualTo(3);
        assertThat(y.getString("changedBy")).isEqualTo("test-admin");
        JsonArray days = new JsonArray(call("GET", "/api/calendar?year=2027", "agent", null).body());
        assertThat(days).hasSize(3); // V11's statutory-only rows are gone
        assertThat(new JsonObject(call("GET", "/api/calendar/status", "agent", null).body()).getJsonObject("alarm"))
                .isNotNull();
        JsonObject confirmed = new JsonObject(raw("POST", "/api/admin/calendar/import?confirm=true", "admin",
                file2027(false).encode()).body());
        assertThat(confirmed.getBoolean("confirmed")).isTrue();
        assertThat(new JsonObject(call("GET", "/api/calendar/status", "agent", null).body()).getValue("alarm")).isNull();
        // unconfirm again by hand (e.g. the file turned out wrong): the alarm is back
        JsonObject marked = new JsonObject(call("PUT", "/api/admin/calendar/years/2027", "admin",
                new JsonObject().put("confirmed", false).put("source", "待核对")).body());
        assertThat(marked.getBoolean("confirmed")).isFalse();
        assertThat(new JsonObject(call("GET", "/api/calendar/status", "agent", null).body()).getJsonObject("alarm")
                .getInteger("year")).isEqualTo(2027);
        assertThat(call("PUT", "/api/admin/calendar/years/2027", "admin", new JsonObject().put("confirmed", true)
                .put("source", "国务院办公厅关于2027年部分节假日安排的通知（测试）")).statusCode()).isEqualTo(200);
        assertThat(module.calendar().snapshot().await().calendar().isConfirmed(2027)).isTrue();
    }

    /** Test data, not the real 2027 arrangement (which is not published here). */
    private static JsonObject file2027(boolean unused) {
        return new JsonObject().put("year", 2027).put("papers", new JsonArray().add("https://example.invalid/2027"))
                .put("days", new JsonArray().add(day("元旦", "2027-01-01", true)).add(day("春节", "2027-02-06", false))
                        .add(day("春节", "2027-02-08", true)));
    }

    private static JsonObject day(String name, String date, boolean off) {
        return new JsonObject().put("name", name).put("date", date).put("isOffDay", off);
    }

    private Matter accepted() {
        MatterInput in = new MatterInput(MatterChannel.PHONE, MatterCategory.HELP, "路灯不亮", "小区门口路灯坏了三天",
                "奎文区", null, null, false, "王女士", "13912340000", false, null);
        Matter d = module.matters().createDraft(in, Actor.agent("agent1")).await();
        return module.matters().accept(d.id(), d.version(), null, Actor.agent("agent1")).await();
    }

    private HttpResponse<String> call(String method, String path, String role, JsonObject body) {
        return raw(method, path, role, body == null ? null : body.encode());
    }

    private HttpResponse<String> raw(String method, String path, String role, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (role != null) {
                b.header("X-Test-Role", role);
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }
}
