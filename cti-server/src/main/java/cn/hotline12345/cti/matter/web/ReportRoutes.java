package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.platform.web.Body;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.internal.ReportRepository;
import cn.hotline12345.cti.matter.internal.ReportService;
import cn.hotline12345.cti.matter.api.ReportTable;
import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import cn.hotline12345.cti.privacy.api.SafeCsv;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.web.Authz;
import cn.hotline12345.cti.user.api.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reports (art. 27, 29) as JSON or, with {@code ?format=csv}, as CSV (UTF-8 with BOM so spreadsheet programs
 * read the Chinese). Periods: {@code from} and {@code to} days (Asia/Shanghai), {@code to} inclusive; default
 * the last 30 days. Every cell of a CSV export has phone numbers masked.
 */
public final class ReportRoutes implements RouteContributor {

    private final ReportService reports;

    public ReportRoutes(ReportService reports) {
        this.reports = reports;
    }

    @Override
    public void mount(Router r) {
        var guard = Authz.require(Role.SUPERVISOR, Role.ADMIN);
        r.get("/api/reports/volumes").handler(guard).handler(ctx -> report(ctx, p -> {
            String by = ctx.request().getParam("by");
            ReportRepository.Dimension d;
            try {
                d = ReportRepository.Dimension.valueOf((by == null ? "category" : by).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw MatterException.invalid("by", "category, area, unit or channel");
            }
            return reports.volumes(d, p[0], p[1]);
        }));
        r.get("/api/reports/on-time").handler(guard).handler(ctx -> report(ctx, p -> reports.onTime(p[0], p[1])));
        r.get("/api/reports/satisfaction").handler(guard).handler(ctx -> report(ctx,
                p -> reports.satisfaction(p[0], p[1])));
        r.get("/api/reports/repeats").handler(guard).handler(ctx -> report(ctx,
                p -> reports.repeats(p[0], p[1], Api.intParam(ctx, "limit", 50, 1000))));
        r.get("/api/reports/hot-topics").handler(guard).handler(ctx -> report(ctx,
                p -> reports.hotTopics(p[0], p[1], Api.intParam(ctx, "limit", 20, 200))));
    }

    private void report(RoutingContext ctx, Function<Instant[], Future<ReportTable>> f) {
        boolean csv = "csv".equalsIgnoreCase(ctx.request().getParam("format"));
        Future<ReportTable> result;
        try {
            result = f.apply(period(ctx));
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onSuccess(t -> {
            if (csv) {
                ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
                        .putHeader("content-disposition", "attachment; filename=\"" + t.name() + ".csv\"")
                        .end(SafeCsv.BOM + csv(t));
            } else {
                JsonArray rows = new JsonArray();
                for (List<String> row : t.rows()) {
                    JsonObject o = new JsonObject();
                    for (int i = 0; i < t.columns().size(); i++) {
                        o.put(t.columns().get(i), row.get(i));
                    }
                    rows.add(o);
                }
                ctx.response().putHeader("content-type", "application/json; charset=utf-8")
                        .end(new JsonObject().put("report", t.name()).put("columns", new JsonArray(t.columns()))
                                .put("rows", rows).encode());
            }
        }).onFailure(e -> Api.error(ctx, e));
    }

    static String csv(ReportTable t) {
        StringBuilder sb = new StringBuilder();
        SafeCsv.row(sb, t.columns());
        for (List<String> row : t.rows()) {
            SafeCsv.row(sb, row);
        }
        return sb.toString();
    }

    private static Instant[] period(RoutingContext ctx) {
        LocalDate today = LocalDate.now(WorkingDayCalendar.ZONE);
        LocalDate to = date(ctx, "to", today);
        LocalDate from = date(ctx, "from", to.minusDays(29));
        if (from.isAfter(to) || from.plusDays(3700).isBefore(to)) {
            throw MatterException.invalid("from", "must be before 'to' and within 10 years of it");
        }
        return new Instant[] {from.atStartOfDay(WorkingDayCalendar.ZONE).toInstant(),
                to.plusDays(1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant()};
    }

    private static LocalDate date(RoutingContext ctx, String name, LocalDate dflt) {
        String s = ctx.request().getParam(name);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw MatterException.invalid(name, "not a date (yyyy-MM-dd)");
        }
    }
}
