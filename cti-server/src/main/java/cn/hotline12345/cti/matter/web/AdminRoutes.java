package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.platform.web.Body;
import cn.hotline12345.cti.matter.api.CalendarAlarm;
import cn.hotline12345.cti.matter.api.CalendarDay;
import cn.hotline12345.cti.matter.api.CalendarYear;
import cn.hotline12345.cti.matter.internal.HolidayCnFormat;
import cn.hotline12345.cti.matter.internal.CalendarService;
import cn.hotline12345.cti.matter.api.HandlingUnit;
import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.matter.api.MatterChannel;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.internal.PartyService;
import cn.hotline12345.cti.matter.api.UnitLevel;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.web.Authz;
import cn.hotline12345.cti.user.api.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reference data: the working-day calendar (read by staff, maintained by administrators), per-category
 * deadline rules, handling units and their API keys, and channel systems' intake keys (administrators).
 */
public final class AdminRoutes implements RouteContributor {

    private final CalendarService calendar;
    private final PartyService parties;

    public AdminRoutes(CalendarService calendar, PartyService parties) {
        this.calendar = calendar;
        this.parties = parties;
    }

    @Override
    public void mount(Router r) {
        var admin = Authz.require(Role.ADMIN);
        r.get("/api/calendar").handler(Authz.require(Role.AGENT, Role.SUPERVISOR, Role.ADMIN)).handler(ctx ->
                Api.respond(ctx, 200, c -> {
                    int year = Api.intParam(c, "year", LocalDate.now(cn.hotline12345.cti.matter.api.WorkingDayCalendar.ZONE)
                            .getYear(), 2100);
                    return calendar.days(year);
                }, days -> {
                    JsonArray a = new JsonArray();
                    days.forEach(d -> a.add(new JsonObject().put("day", d.day().toString()).put("kind", d.kind().code())
                            .put("name", d.name())));
                    return a;
                }));
        r.put("/api/admin/calendar/:day").handler(admin).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            CalendarDay.Kind kind = CalendarDay.Kind.parse(b.required("kind", 20), "kind");
            return calendar.put(new CalendarDay(day(c), kind, b.required("name", 100)));
        }, d -> new JsonObject().put("day", d.day().toString()).put("kind", d.kind().code()).put("name", d.name())));
        r.delete("/api/admin/calendar/:day").handler(admin).handler(ctx -> Api.respond(ctx, 204,
                c -> calendar.remove(day(c)), v -> null));
        // issue 22 item 4: which years are the official arrangement, the alarm, the holiday-cn import
        r.get("/api/calendar/status").handler(Authz.require(Role.AGENT, Role.SUPERVISOR, Role.ADMIN)).handler(ctx ->
                Api.respond(ctx, 200, c -> {
                    return calendar.yearsAround().compose(ys -> calendar.alarm().map(a -> {
                        JsonArray years = new JsonArray();
                        ys.forEach(y -> years.add(year(y)));
                        return new JsonObject().put("years", years).put("alarm", a.map(x -> new JsonObject()
                                .put("kind", CalendarAlarm.KIND).put("year", x.year()).put("since", x.since().toString()))
                                .orElse(null));
                    }));
                }, o -> o));
        r.put("/api/admin/calendar/years/:year").handler(admin).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            Boolean confirmed = b.bool("confirmed");
            if (confirmed == null) {
                throw MatterException.invalid("confirmed", "true or false is required").reason("reason.required");
            }
            return calendar.markYear(yearParam(c), confirmed, b.str("source", 300), Authz.principal(c).username());
        }, AdminRoutes::year));
        r.post("/api/admin/calendar/import").handler(admin).handler(ctx -> Api.respond(ctx, 200, c -> {
            HolidayCnFormat.Year y = HolidayCnFormat.parse(c.body() == null ? null : c.body().asString());
            boolean confirm = "true".equals(c.request().getParam("confirm"));
            return calendar.importYear(y, confirm, Authz.principal(c).username());
        }, AdminRoutes::year));
        r.put("/api/admin/deadline-rules/:category").handler(admin).handler(ctx -> Api.respond(ctx, 200, c -> {
            MatterCategory cat = MatterCategory.parse(c.pathParam("category"), "category");
            return calendar.setCategoryDays(cat, Api.body(c).integer("workingDays"));
        }, m -> {
            JsonObject o = new JsonObject();
            m.forEach((k, v) -> o.put(k.code(), v));
            return o;
        }));
        r.get("/api/admin/units").handler(admin).handler(ctx -> Api.respond(ctx, 200, c -> parties.units(), l -> {
            JsonArray a = new JsonArray();
            l.forEach(u -> a.add(unit(u)));
            return a;
        }));
        r.put("/api/admin/units/:id").handler(admin).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            Boolean active = b.bool("active");
            return parties.saveUnit(new HandlingUnit(c.pathParam("id"), b.required("name", 100),
                    UnitLevel.parse(b.required("level", 10), "level"), active == null || active, b.str("phone", 21)));
        }, AdminRoutes::unit));
        r.post("/api/admin/units/:id/api-key").handler(admin).handler(ctx -> Api.respond(ctx, 201,
                c -> parties.issueUnitKey(c.pathParam("id")), k -> new JsonObject().put("apiKey", k)));
        r.post("/api/admin/intake-clients/:id/api-key").handler(admin).handler(ctx -> Api.respond(ctx, 201,
                c -> parties.issueIntakeKey(c.pathParam("id"),
                        MatterChannel.parse(Api.body(c).required("channel", 20), "channel")),
                k -> new JsonObject().put("apiKey", k)));
    }

    static JsonObject year(CalendarYear y) {
        return new JsonObject().put("year", y.year()).put("confirmed", y.confirmed()).put("source", y.source())
                .put("days", y.days()).put("changedAt", Api.ts(y.changedAt())).put("changedBy", y.changedBy());
    }

    private static int yearParam(RoutingContext ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("year"));
        } catch (NumberFormatException e) {
            throw MatterException.invalid("year", "not a year").reason("calendar.reason.year");
        }
    }

    private static JsonObject unit(HandlingUnit u) {
        return new JsonObject().put("id", u.id()).put("name", u.name()).put("level", u.level().code())
                .put("active", u.active()).put("phone", u.phone());
    }

    private static LocalDate day(RoutingContext ctx) {
        try {
            return LocalDate.parse(ctx.pathParam("day"));
        } catch (DateTimeParseException e) {
            throw MatterException.invalid("day", "not a date (yyyy-MM-dd)");
        }
    }
}
