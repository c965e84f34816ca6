package cn.hotline12345.cti.call.web;

import cn.hotline12345.contract.HotlineQueue;
import cn.hotline12345.cti.call.api.CallException;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallLogQuery;
import cn.hotline12345.cti.call.api.Disposition;
import cn.hotline12345.cti.call.internal.CallLogRepository.Entry;
import cn.hotline12345.cti.call.internal.CallLogService;
import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.platform.i18n.Catalogue;
import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.privacy.api.PhoneMasking;
import cn.hotline12345.cti.privacy.api.SafeCsv;
import cn.hotline12345.cti.privacy.api.Staff;
import cn.hotline12345.cti.privacy.api.StaffRole;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.web.Authz;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The call log (issue 21), for supervisors and engineers; an agent sees only the calls one of their phones took.
 * <pre>
 * GET /api/calls?from&amp;to&amp;number&amp;agent&amp;queue&amp;disposition&amp;pbx&amp;matter&amp;cursor&amp;limit   newest first, cursor paging
 * GET /api/calls/export.csv?(the same filters)                               UTF-8 CSV with BOM, at most 50,000 calls
 * GET /api/calls/:pbx/:linkedid[?unmask=true&amp;reason=...]                      one call and its whole timeline
 * GET /api/calls/filters                                                     the queues and dispositions to filter by
 * </pre>
 * Numbers are masked for everyone ({@code 138****8000}); the full number of one call is shown only to a viewer
 * with the unmask right who gives a reason, and that is audited ({@code privacy.api.Unmasker}). Every filter is
 * checked: a bad one is a 400 naming it. {@code from}/{@code to} take an ISO instant with offset or a date
 * (yyyy-MM-dd, the hotline's day; {@code to} includes that day); the default is the last 24 hours, the longest
 * span 366 days.
 */
public final class CallLogRoutes implements RouteContributor {

    private static final Pattern PBX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern LINKEDID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,20}");
    private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,8}");
    private static final Pattern INTERFACE = Pattern.compile("(PJSIP|SIP)/[A-Za-z0-9_.-]{1,32}|Local/[A-Za-z0-9_.-]{1,32}@[A-Za-z0-9_.-]{1,32}(/n)?");
    private static final Pattern MATTER = Pattern.compile("[A-Za-z0-9-]{1,40}");
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Duration MAX_SPAN = Duration.ofDays(366);
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(HotlineTime.ZONE);
    private static final Role[] VIEWERS = {Role.AGENT, Role.SUPERVISOR, Role.ENGINEER};

    private final CallLogService service;

    public CallLogRoutes(CallLogService service) {
        this.service = service;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/calls").handler(Authz.require(VIEWERS)).handler(ctx -> Api.respond(ctx, 200,
                c -> service.search(query(c, Authz.principal(c))),
                page -> render(page, Authz.principal(ctx))));
        router.get("/api/calls/export.csv").handler(Authz.require(VIEWERS)).handler(this::export);
        router.get("/api/calls/filters").handler(Authz.require(VIEWERS)).handler(ctx -> Api.respond(ctx, 200,
                c -> Future.succeededFuture(filters()), f -> f));
        router.get("/api/calls/:pbx/:linkedid").handler(Authz.require(VIEWERS)).handler(ctx -> Api.respond(ctx, 200,
                this::detail, d -> d));
    }

    /** The choices of the page's filters: the hotline's queues with their Chinese names, the disposition codes. */
    private static JsonObject filters() {
        JsonArray queues = new JsonArray();
        for (HotlineQueue q : HotlineQueue.values()) {
            queues.add(new JsonObject().put("id", q.id()).put("name", q.displayName()));
        }
        JsonArray dispositions = new JsonArray();
        for (Disposition d : Disposition.values()) {
            dispositions.add(d.dbName());
        }
        return new JsonObject().put("queues", queues).put("dispositions", dispositions);
    }

    // ---- search ------------------------------------------------------------------------------------

    private static JsonObject render(CallLogService.Page page, Principal p) {
        JsonArray calls = new JsonArray();
        page.calls().forEach(e -> calls.add(json(e, p)));
        String next = page.more() && !page.calls().isEmpty() ? cursor(page.calls().get(page.calls().size() - 1)) : null;
        return new JsonObject().put("calls", calls).put("next", next);
    }

    static JsonObject json(Entry e, Principal p) {
        return new JsonObject().put("pbx", e.key().pbxId()).put("linkedid", e.key().linkedid())
                .put("startedAt", Api.ts(e.startedAt())).put("answeredAt", Api.ts(e.answeredAt()))
                .put("endedAt", Api.ts(e.endedAt()))
                .put("callerNumber", PhoneMasking.mask(e.callerNumber()))
                .put("callerName", PhoneMasking.maskInText(e.callerName()))
                .put("dialled", e.dialled()).put("ivrPath", e.ivrPath())
                .put("queue", e.queue()).put("queueName", e.queue() == null ? null : HotlineQueue.displayNameOf(e.queue()))
                .put("queueWaitMs", e.queueWaitMs()).put("agent", e.agent()).put("talkMs", talkMs(e))
                .put("disposition", e.disposition()).put("endReason", e.endReason()).put("hangupCause", e.hangupCause())
                .put("surveyRating", e.surveyRating()).put("matterNumber", e.matterNumber())
                .put("transfers", e.transfers()).put("holds", e.holds())
                .put("source", e.source()).put("reconciledAt", Api.ts(e.reconciledAt()))
                .put("recording", e.recorded() && mayHear(p, e)
                        ? "/api/calls/" + e.key().pbxId() + "/" + e.key().linkedid() + "/recording" : null);
    }

    /** The talk time: the reconciler's (queue_log's) when known, else from the answer to the end. */
    private static Long talkMs(Entry e) {
        if (e.talkMs() != null) {
            return e.talkMs();
        }
        return e.answeredAt() != null && e.endedAt() != null ? Duration.between(e.answeredAt(), e.endedAt()).toMillis() : null;
    }

    // ---- export ------------------------------------------------------------------------------------

    private void export(RoutingContext ctx) {
        CallLogQuery q;
        try {
            q = query(ctx, Authz.principal(ctx));
        } catch (RuntimeException e) {
            Api.error(ctx, e);
            return;
        }
        Catalogue cat = Catalogue.zh();
        StringBuilder sb = new StringBuilder(SafeCsv.BOM);
        SafeCsv.row(sb, List.of("started", "caller", "queue", "agent", "disposition", "wait", "talk", "end_reason",
                "matter", "pbx", "linkedid").stream().map(k -> cat.text("calls.csv." + k)).toList());
        CallLogQuery page = new CallLogQuery(q.from(), q.to(), q.callerNorm(), q.agentExt(), q.agentIface(), q.queue(),
                q.disposition(), q.pbxId(), q.matterNumber(), null, 0, 1_000);
        service.export(page, rows -> rows.forEach(e -> SafeCsv.line(sb,
                SafeCsv.cell(e.startedAt() == null ? "" : CSV_TIME.format(e.startedAt())),
                SafeCsv.cell(PhoneMasking.mask(e.callerNumber())),
                SafeCsv.cell(e.queue() == null ? "" : HotlineQueue.displayNameOf(e.queue())),
                SafeCsv.cell(e.agent()),
                SafeCsv.cell(e.disposition() == null ? "" : cat.label("call.disposition", e.disposition())),
                SafeCsv.cell(seconds(e.queueWaitMs())), SafeCsv.cell(seconds(talkMs(e))),
                SafeCsv.cell(e.endReason() == null ? "" : cat.label("call.end_reason", e.endReason())),
                // identifiers, no personal data: their digits must not be masked as if they were a number
                SafeCsv.code(e.matterNumber()), SafeCsv.code(e.key().pbxId()), SafeCsv.code(e.key().linkedid()))))
                .onSuccess(n -> ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
                        .putHeader("content-disposition", "attachment; filename=\"calls.csv\"")
                        .putHeader("cache-control", "no-store")
                        .end(io.vertx.core.buffer.Buffer.buffer(sb.toString().getBytes(StandardCharsets.UTF_8))))
                .onFailure(e -> Api.error(ctx, e));
    }

    private static String seconds(Long ms) {
        return ms == null ? "" : Long.toString(Math.round(ms / 1000.0));
    }

    // ---- one call ----------------------------------------------------------------------------------

    private Future<JsonObject> detail(RoutingContext ctx) {
        Principal p = Authz.principal(ctx);
        String pbx = ctx.pathParam("pbx");
        String linkedid = ctx.pathParam("linkedid");
        if (pbx == null || linkedid == null || !PBX.matcher(pbx).matches() || !LINKEDID.matcher(linkedid).matches()) {
            throw CallException.notFound("call");
        }
        boolean unmask = "true".equals(ctx.request().getParam("unmask"));
        String reason = ctx.request().getParam("reason");
        return service.detail(new CallKey(pbx, linkedid)).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(CallException.notFound("call " + pbx + "/" + linkedid));
            }
            CallLogService.Detail d = found.get();
            if (p.role() == Role.AGENT && !mayHear(p, d.call())) {
                return Future.failedFuture(CallException.forbidden("an agent sees only the calls they took"));
            }
            JsonObject call = json(d.call(), p);
            JsonArray timeline = new JsonArray();
            for (CallLogService.Item i : d.timeline()) {
                JsonObject data = new JsonObject();
                // event data is free text from the PBX and the IVR (a transfer target is a number): masked
                i.data().forEach((k, v) -> data.put(k, PhoneMasking.maskInText(v)));
                timeline.add(new JsonObject().put("at", Api.ts(i.at())).put("kind", i.kind()).put("source", i.source())
                        .put("data", data));
            }
            JsonObject out = new JsonObject().put("call", call).put("timeline", timeline);
            String raw = d.call().callerNumber();
            if (!unmask || raw == null || raw.isBlank()) {
                return Future.succeededFuture(out);
            }
            Staff viewer = new Staff(p.username(), StaffRole.valueOf(p.role().name()), p.unitId(), p.canUnmask());
            return service.unmasker().unmask(viewer, raw, reason, "call:" + pbx + "/" + linkedid).map(full -> {
                call.put("callerNumber", full).put("unmasked", true);
                return out;
            });
        });
    }

    /** Supervisors and engineers hear every call; an agent the calls one of their phones took on their PBX. */
    static boolean mayHear(Principal p, Entry e) {
        if (p.role() == Role.SUPERVISOR) {
            return true;
        }
        if (p.role() != Role.AGENT || p.extension() == null || p.extension().isBlank() || e.agent() == null
                || !e.key().pbxId().equals(p.pbxId())) {
            return false;
        }
        String ext = p.extension();
        return e.agent().equals("PJSIP/" + ext) || e.agent().equals("SIP/" + ext) || e.agent().startsWith("Local/" + ext + "@");
    }

    // ---- filters -----------------------------------------------------------------------------------

    CallLogQuery query(RoutingContext ctx, Principal p) {
        Instant now = Instant.now();
        Instant to = time(ctx, "to", now, true);
        Instant from = time(ctx, "from", to.minus(Duration.ofHours(24)), false);
        if (!from.isBefore(to)) {
            throw CallException.invalid("from", "reason.bad_value", "must be before 'to'");
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw CallException.invalid("from", "calls.reason.span_too_long", "at most 366 days before 'to'", "days", 366);
        }
        String callerNorm = null;
        String number = param(ctx, "number");
        if (number != null) {
            String compact = number.replaceAll("[\\s-]", "");
            callerNorm = NUMBER.matcher(compact).matches() ? blankToNull(service.normalise(compact)) : null;
            if (callerNorm == null) {
                throw CallException.invalid("number", "reason.bad_value", "not a telephone number");
            }
        }
        String agentExt = null;
        String agentIface = null;
        String agent = param(ctx, "agent");
        if (agent != null) {
            if (EXTENSION.matcher(agent).matches()) {
                agentExt = agent;
            } else if (INTERFACE.matcher(agent).matches()) {
                agentIface = agent;
            } else {
                throw CallException.invalid("agent", "reason.bad_value", "an extension (1001) or an interface (PJSIP/1001)");
            }
        }
        String queue = param(ctx, "queue");
        if (queue != null && HotlineQueue.byId(queue).isEmpty()) {
            throw CallException.invalid("queue", "reason.bad_value", "not a queue of the hotline");
        }
        String disposition = param(ctx, "disposition");
        if (disposition != null && java.util.Arrays.stream(Disposition.values()).noneMatch(d -> d.dbName().equals(disposition))) {
            throw CallException.invalid("disposition", "reason.bad_value", "not a call disposition");
        }
        String pbx = param(ctx, "pbx");
        if (pbx != null && !PBX.matcher(pbx).matches()) {
            throw CallException.invalid("pbx", "reason.bad_value", "not a PBX id");
        }
        String matter = param(ctx, "matter");
        if (matter != null && !MATTER.matcher(matter).matches()) {
            throw CallException.invalid("matter", "reason.bad_value", "not a matter number");
        }
        Instant afterStarted = null;
        long afterId = 0;
        String cursor = param(ctx, "cursor");
        if (cursor != null) {
            long[] c = decodeCursor(cursor);
            afterStarted = Instant.EPOCH.plus(Duration.ofNanos(c[0] * 1000));
            afterId = c[1];
        }
        int limit = Api.intParam(ctx, "limit", 50, 200);
        if (p.role() == Role.AGENT) {
            // an agent's own calls: their extension on their PBX, whatever the request asked for
            if (p.extension() == null || p.extension().isBlank()) {
                throw (CallException) CallException.forbidden("this agent has no extension").tell("error.no_extension");
            }
            agentExt = p.extension();
            agentIface = null;
            pbx = p.pbxId();
        }
        return new CallLogQuery(from, to, callerNorm, agentExt, agentIface, queue, disposition, pbx, matter,
                afterStarted, afterId, limit);
    }

    private static Instant time(RoutingContext ctx, String name, Instant dflt, boolean endOfDay) {
        String s = param(ctx, name);
        if (s == null) {
            return dflt;
        }
        try {
            if (s.length() == 10) {
                LocalDate d = LocalDate.parse(s);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(HotlineTime.ZONE).toInstant();
            }
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw CallException.invalid(name, "calls.reason.bad_time", "an ISO date (2026-12-06) or time with offset "
                    + "(2026-12-06T08:00:00+08:00)");
        }
    }

    private static String param(RoutingContext ctx, String name) {
        List<String> all = ctx.request().params().getAll(name);
        if (all.size() > 1) {
            throw CallException.invalid(name, "reason.bad_value", "given more than once");
        }
        String v = all.isEmpty() ? null : all.get(0);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.length() > 100) {
            throw CallException.invalid(name, "reason.too_long", "longer than 100 characters", "max", 100);
        }
        return v.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static String cursor(Entry e) {
        long micros = e.startedAt().getEpochSecond() * 1_000_000L + e.startedAt().getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "." + e.id()).getBytes(StandardCharsets.US_ASCII));
    }

    private static long[] decodeCursor(String cursor) {
        if (!CURSOR.matcher(cursor).matches()) {
            throw CallException.invalid("cursor", "reason.bad_value", "not a cursor of this API");
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int dot = s.indexOf('.');
            long micros = Long.parseLong(s.substring(0, dot));
            long id = Long.parseLong(s.substring(dot + 1));
            if (id <= 0 || micros < 0) {
                throw new NumberFormatException();
            }
            return new long[] {micros, id};
        } catch (RuntimeException e) {
            throw CallException.invalid("cursor", "reason.bad_value", "not a cursor of this API");
        }
    }
}
