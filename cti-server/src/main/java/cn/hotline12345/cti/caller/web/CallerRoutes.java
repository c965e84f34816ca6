package cn.hotline12345.cti.caller.web;

import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.caller.api.AppealStatus;
import cn.hotline12345.cti.caller.api.CallerException;
import cn.hotline12345.cti.caller.api.CallerNumber;
import cn.hotline12345.cti.caller.internal.CallerProfileService;
import cn.hotline12345.cti.caller.api.FlagKind;
import cn.hotline12345.cti.caller.internal.MatterLinkService;
import cn.hotline12345.cti.caller.api.MeasureExport;
import cn.hotline12345.cti.caller.api.MeasureLevel;
import cn.hotline12345.cti.caller.internal.NuisanceService;
import cn.hotline12345.cti.caller.api.PhoneNumbers;
import cn.hotline12345.cti.privacy.api.AuditLogService;
import cn.hotline12345.cti.privacy.api.AuditQuery;
import cn.hotline12345.cti.privacy.api.PrivacyException;
import cn.hotline12345.cti.privacy.api.Staff;
import cn.hotline12345.cti.privacy.api.Unmasker;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.web.Authz;
import cn.hotline12345.cti.user.api.Role;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Staff HTTP routes of the caller profile (issue 6). Every route sits behind {@link Authz#require}; numbers
 * are masked unless a viewer with the unmask right asks with a reason (audited); errors are JSON
 * {@code {"error": ..., "message": ...}}.
 *
 * <pre>
 * GET  /api/callers/:number/profile[?unmask=true&amp;reason=...]   agent, supervisor, admin
 * POST /api/callers/:number/flags          {kind, note, callId?}  agent, supervisor
 * GET  /api/callers/:number/measures                              supervisor
 * POST /api/callers/:number/measures       {level, reason, evidence[], expiresAt?}  supervisor
 * GET  /api/caller-measures/review                                supervisor
 * GET  /api/caller-measures/export.csv                            supervisor
 * POST /api/caller-measures/:id/confirm    {note?}                supervisor
 * POST /api/caller-measures/:id/lift       {reason}               supervisor
 * POST /api/caller-measures/:id/appeal     {note}                 agent, supervisor
 * POST /api/caller-measures/:id/appeal-decision {decision: upheld|lifted, note}  supervisor
 * GET  /api/audit?subject=&amp;actor=&amp;action=&amp;from=&amp;to=&amp;limit=   supervisor, admin
 * POST /api/calls/:callId/matter-link      {matterId}             agent, supervisor
 * POST /api/matter-merges                  {primaryId, duplicateIds[], reason}  agent, supervisor
 * POST /api/matter-merges/:id/split        {reason}               agent, supervisor
 * </pre>
 */
public final class CallerRoutes implements RouteContributor {

    private static final Logger LOG = LoggerFactory.getLogger(CallerRoutes.class);

    private final CallerProfileService profiles;
    private final NuisanceService nuisance;
    private final MatterLinkService links;
    private final Unmasker unmasker;
    private final AuditLogService auditLog;

    public CallerRoutes(CallerProfileService profiles, NuisanceService nuisance, MatterLinkService links,
                        Unmasker unmasker, AuditLogService auditLog) {
        this.profiles = profiles;
        this.nuisance = nuisance;
        this.links = links;
        this.unmasker = unmasker;
        this.auditLog = auditLog;
    }

    /** A bad request detected while reading input. */
    private static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }

    @Override
    public void mount(Router router) {
        router.get("/api/callers/:number/profile").handler(Authz.require(Role.AGENT, Role.SUPERVISOR, Role.ADMIN))
                .handler(this::profile);
        router.post("/api/callers/:number/flags").handler(Authz.require(Role.AGENT, Role.SUPERVISOR))
                .handler(ctx -> respond(ctx, 201, () -> {
                    JsonObject b = body(ctx);
                    FlagKind kind = FlagKind.parse(b.getString("kind"));
                    if (kind == null || !kind.byAgent()) {
                        throw new BadInput("kind must be harassment, insult or threat");
                    }
                    return nuisance.flag(ctx.pathParam("number"), kind, b.getString("note"), optLong(b, "callId"), staff(ctx))
                            .map(r -> {
                                JsonArray proposed = new JsonArray();
                                r.proposed().forEach(m -> proposed.add(CallerJson.measure(m)));
                                return new JsonObject().put("flagId", r.flagId()).put("proposedMeasures", proposed);
                            });
                }));
        router.get("/api/callers/:number/measures").handler(Authz.require(Role.SUPERVISOR))
                .handler(ctx -> respond(ctx, 200, () -> nuisance.history(ctx.pathParam("number")).map(list -> measures(list))));
        router.post("/api/callers/:number/measures").handler(Authz.require(Role.SUPERVISOR))
                .handler(ctx -> respond(ctx, 201, () -> {
                    JsonObject b = body(ctx);
                    MeasureLevel level = MeasureLevel.parse(b.getString("level"));
                    if (level == null) {
                        throw new BadInput("level must be observe, warning, dedicated_queue or review");
                    }
                    return nuisance.impose(ctx.pathParam("number"), level, b.getString("reason"), longs(b, "evidence"),
                            instant(b.getValue("expiresAt"), "expiresAt"), staff(ctx)).map(CallerJson::measure);
                }));
        router.get("/api/caller-measures/review").handler(Authz.require(Role.SUPERVISOR))
                .handler(ctx -> respond(ctx, 200, () -> nuisance.reviewList(500).map(CallerRoutes::measures)));
        router.get("/api/caller-measures/export.csv").handler(Authz.require(Role.SUPERVISOR))
                .handler(ctx -> nuisance.active(10_000).onComplete(ar -> {
                    if (ar.succeeded()) {
                        ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
                                .putHeader("content-disposition", "attachment; filename=\"caller-measures.csv\"")
                                .end(MeasureExport.csv(ar.result()));
                    } else {
                        fail(ctx, ar.cause());
                    }
                }));
        router.post("/api/caller-measures/:id/confirm").handler(Authz.require(Role.SUPERVISOR))
                .handler(ctx -> respond(ctx, 200, () -> nuisance.confirm(id(ctx), bodyOrEmpty(ctx).getString("note"), staff(ctx))
                        .map(CallerJson::measure)));
        router.post("/api/caller-measures/:id/lift").handler(Authz.require(Role.SUPERVISOR))
                .handler(ctx -> respond(ctx, 200, () -> nuisance.lift(id(ctx), body(ctx).getString("reason"), staff(ctx))
                        .map(CallerJson::measure)));
        router.post("/api/caller-measures/:id/appeal").handler(Authz.require(Role.AGENT, Role.SUPERVISOR))
                .handler(ctx -> respond(ctx, 200, () -> nuisance.fileAppeal(id(ctx), body(ctx).getString("note"), staff(ctx))
                        .map(CallerJson::measure)));
        router.post("/api/caller-measures/:id/appeal-decision").handler(Authz.require(Role.SUPERVISOR))
                .handler(ctx -> respond(ctx, 200, () -> {
                    JsonObject b = body(ctx);
                    String d = b.getString("decision");
                    AppealStatus decision = "upheld".equals(d) ? AppealStatus.UPHELD : "lifted".equals(d) ? AppealStatus.LIFTED : null;
                    if (decision == null) {
                        throw new BadInput("decision must be upheld or lifted");
                    }
                    return nuisance.decideAppeal(id(ctx), decision, b.getString("note"), staff(ctx)).map(CallerJson::measure);
                }));
        router.get("/api/audit").handler(Authz.require(Role.SUPERVISOR, Role.ADMIN))
                .handler(ctx -> respond(ctx, 200, () -> auditLog.find(auditQuery(ctx)).map(list -> {
                    JsonArray a = new JsonArray();
                    list.forEach(e -> a.add(CallerJson.audit(e)));
                    return new JsonObject().put("entries", a);
                })));
        router.post("/api/calls/:callId/matter-link").handler(Authz.require(Role.AGENT, Role.SUPERVISOR))
                .handler(ctx -> respond(ctx, 200, () -> {
                    long callId = pathLong(ctx, "callId");
                    Long matterId = optLong(body(ctx), "matterId");
                    if (matterId == null) {
                        throw new BadInput("matterId is required");
                    }
                    return links.link(callId, matterId, staff(ctx)).map(fresh -> new JsonObject().put("linked", true).put("new", fresh));
                }));
        router.post("/api/matter-merges").handler(Authz.require(Role.AGENT, Role.SUPERVISOR))
                .handler(ctx -> respond(ctx, 201, () -> {
                    JsonObject b = body(ctx);
                    Long primary = optLong(b, "primaryId");
                    if (primary == null) {
                        throw new BadInput("primaryId is required");
                    }
                    return links.merge(primary, longs(b, "duplicateIds"), b.getString("reason"), staff(ctx)).map(list -> {
                        JsonArray a = new JsonArray();
                        list.forEach(m -> a.add(CallerJson.merge(m)));
                        return new JsonObject().put("merges", a);
                    });
                }));
        router.post("/api/matter-merges/:id/split").handler(Authz.require(Role.AGENT, Role.SUPERVISOR))
                .handler(ctx -> respond(ctx, 200, () -> links.split(id(ctx), body(ctx).getString("reason"), staff(ctx))
                        .map(CallerJson::merge)));
    }

    private void profile(RoutingContext ctx) {
        String raw = ctx.pathParam("number");
        boolean unmask = "true".equals(ctx.request().getParam("unmask"));
        String reason = ctx.request().getParam("reason");
        Staff viewer = staff(ctx);
        respond(ctx, 200, () -> profiles.profile(raw).compose(p -> {
            CallerNumber n = p.number();
            if (!unmask) {
                return Future.succeededFuture(CallerJson.profile(p, p.maskedNumber(), false, viewer));
            }
            if (n.profileKey().isEmpty()) {
                throw new BadInput("a " + n.kind().name().toLowerCase(java.util.Locale.ROOT) + " number cannot be unmasked");
            }
            return unmasker.unmask(viewer, n.normalised(), reason, "caller-profile")
                    .map(full -> CallerJson.profile(p, full, true, viewer));
        }));
    }

    private static JsonObject measures(List<cn.hotline12345.cti.caller.api.Measure> list) {
        JsonArray a = new JsonArray();
        list.forEach(m -> a.add(CallerJson.measure(m)));
        return new JsonObject().put("measures", a);
    }

    private static AuditQuery auditQuery(RoutingContext ctx) {
        String subject = ctx.request().getParam("subject");
        if (subject != null && subject.startsWith("caller:")) {
            CallerNumber n = PhoneNumbers.normalise(subject.substring("caller:".length()));
            if (n.profileKey().isEmpty()) {
                throw new BadInput("subject caller:<number> needs a valid number");
            }
            subject = "caller:" + n.normalised();
        }
        int limit;
        try {
            String l = ctx.request().getParam("limit");
            limit = l == null ? 100 : Integer.parseInt(l);
        } catch (NumberFormatException e) {
            throw new BadInput("limit must be a number");
        }
        if (limit < 1 || limit > 1000) {
            throw new BadInput("limit must be 1..1000");
        }
        return new AuditQuery(subject, ctx.request().getParam("actor"), ctx.request().getParam("action"),
                instant(ctx.request().getParam("from"), "from"), instant(ctx.request().getParam("to"), "to"), limit);
    }

    private static Staff staff(RoutingContext ctx) {
        return Viewers.staff(Authz.principal(ctx));
    }

    private static JsonObject body(RoutingContext ctx) {
        String s = ctx.body() == null ? null : ctx.body().asString();
        if (s == null || s.isBlank()) {
            throw new BadInput("a JSON object body is required");
        }
        try {
            return new JsonObject(s);
        } catch (DecodeException | ClassCastException e) {
            throw new BadInput("the body is not a JSON object");
        }
    }

    private static JsonObject bodyOrEmpty(RoutingContext ctx) {
        String s = ctx.body() == null ? null : ctx.body().asString();
        return s == null || s.isBlank() ? new JsonObject() : body(ctx);
    }

    private static long id(RoutingContext ctx) {
        return pathLong(ctx, "id");
    }

    private static long pathLong(RoutingContext ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new BadInput(name + " must be a number");
        }
    }

    private static Long optLong(JsonObject b, String key) {
        Object v = b.getValue(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new BadInput(key + " must be an integer");
    }

    private static List<Long> longs(JsonObject b, String key) {
        Object v = b.getValue(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof JsonArray a)) {
            throw new BadInput(key + " must be an array of integers");
        }
        List<Long> out = new ArrayList<>();
        for (Object o : a) {
            if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new BadInput(key + " must be an array of integers");
            }
            out.add(n.longValue());
        }
        return out;
    }

    private static Instant instant(Object v, String name) {
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v.toString());
        } catch (DateTimeParseException e) {
            throw new BadInput(name + " must be an ISO-8601 instant such as 2026-01-31T08:00:00Z");
        }
    }

    private static void respond(RoutingContext ctx, int status, java.util.function.Supplier<Future<JsonObject>> work) {
        Future<JsonObject> f;
        try {
            f = work.get();
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        f.onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(ar.result().encode());
            } else {
                fail(ctx, ar.cause());
            }
        });
    }

    private static void fail(RoutingContext ctx, Throwable e) {
        if (ctx.response().ended()) {
            return;
        }
        if (e instanceof BadInput) {
            Authz.deny(ctx, 400, "bad_request", e.getMessage());
        } else if (e instanceof CallerException c) {
            switch (c.kind()) {
                case INVALID -> Authz.deny(ctx, 400, "bad_request", c.getMessage());
                case FORBIDDEN -> Authz.deny(ctx, 403, "forbidden", c.getMessage());
                case NOT_FOUND -> Authz.deny(ctx, 404, "not_found", c.getMessage());
                case CONFLICT -> Authz.deny(ctx, 409, "conflict", c.getMessage());
            }
        } else if (e instanceof PrivacyException p) {
            Authz.deny(ctx, p.kind() == Refusal.Kind.FORBIDDEN ? 403 : 400,
                    p.kind() == Refusal.Kind.FORBIDDEN ? "forbidden" : "bad_request", p.getMessage());
        } else {
            LOG.error("caller route {} {} failed", ctx.request().method(), ctx.normalizedPath(), e);
            Authz.deny(ctx, 500, "internal", "internal error");
        }
    }
}
