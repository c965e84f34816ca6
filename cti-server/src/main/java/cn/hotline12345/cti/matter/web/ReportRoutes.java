package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.platform.web.Body;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.internal.ReportRepository;
import cn.hotline12345.cti.matter.internal.ReportService;
import cn.hotline12345.cti.matter.api.ReportTable;
import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
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
 * read the Chinese), or with {@code ?format=xlsx} as an Excel workbook; the exports have Chinese headers and names
 * ({@link ReportExport}). Periods: {@code from} and {@code to} days (Asia/Shanghai), {@code to} inclusive; default
 * the last 30 days. Every cell of an export has phone numbers masked.
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
                throw MatterException.invalid("by", "category, area, unit, channel or day");
            }
            return reports.volumes(d, p[0], p[1]);
        }));
        r.get("/api/reports/on-time").handler(guard).handler(ctx -> report(ctx, p -> reports.onTime(p[0], p[1])));
        r.get("/api/reports/on-time-by-unit").handler(guard).handler(ctx -> report(ctx,
                p -> reports.onTimeByUnit(p[0], p[1])));
        r.get("/api/reports/satisfaction").handler(guard).handler(ctx -> report(ctx,
                p -> reports.satisfaction(p[0], p[1])));
        r.get("/api/reports/repeats").handler(guard).handler(ctx -> report(ctx,
                p -> reports.repeats(p[0], p[1], Api.intParam(ctx, "limit", 50, 1000))));
        r.get("/api/reports/hot-topics").handler(guard).handler(ctx -> report(ctx,
                p -> reports.hotTopics(p[0], p[1], Api.intParam(ctx, "limit", 20, 200))));
    }

    private void report(RoutingContext ctx, Function<Instant[], Future<ReportTable>> f) {
        String format = ctx.request().getParam("format");
        Future<ReportTable> result;
        Instant[] p;
        try {
            if (format != null && !format.equals("csv") && !format.equals("xlsx") && !format.equals("json")) {
                throw MatterException.invalid("format", "json, csv or xlsx");
            }
            p = period(ctx);
            result = f.apply(p);
        } catch (RuntimeException e) {
            Api.error(ctx, e);
            return;
        }
        LocalDate from = p[0].atZone(WorkingDayCalendar.ZONE).toLocalDate();
        LocalDate to = p[1].atZone(WorkingDayCalendar.ZONE).toLocalDate().minusDays(1);
        result.compose(t -> {
            if ("csv".equals(format)) {
                attachment(ctx, "text/csv; charset=utf-8", ReportExport.fileName(t, from, to, "csv"), t.name() + ".csv")
                        .end(ReportExport.csv(t));
            } else if ("xlsx".equals(format)) {
                // building the workbook is CPU work on a few thousand cells at most, yet it stays off the event loop
                return ctx.vertx().executeBlocking(() -> ReportExport.xlsx(t), false).onSuccess(bytes -> attachment(ctx,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        ReportExport.fileName(t, from, to, "xlsx"), t.name() + ".xlsx")
                        .end(io.vertx.core.buffer.Buffer.buffer(bytes))).mapEmpty();
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
                                .put("from", from.toString()).put("to", to.toString()).put("rows", rows).encode());
            }
            return Future.succeededFuture();
        }).onFailure(e -> Api.error(ctx, e));
    }

    /** A download with its Chinese file name (RFC 6266: an ASCII fallback, then the UTF-8 name). */
    private static io.vertx.core.http.HttpServerResponse attachment(RoutingContext ctx, String type, String name,
                                                                    String asciiName) {
        String encoded = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return ctx.response().putHeader("content-type", type)
                .putHeader("content-disposition", "attachment; filename=\"" + asciiName + "\"; filename*=UTF-8''" + encoded);
    }

    /** The CSV of a table (Chinese headers and names, numbers masked); see {@link ReportExport}. */
    static String csv(ReportTable t) {
        return ReportExport.csv(t);
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
