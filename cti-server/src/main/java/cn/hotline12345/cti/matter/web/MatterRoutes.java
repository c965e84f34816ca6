package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.platform.web.Body;
import cn.hotline12345.cti.matter.api.DispatchOrder;
import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.matter.api.MatterChannel;
import cn.hotline12345.cti.matter.api.MatterQuery;
import cn.hotline12345.cti.matter.internal.MatterService;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.internal.MatterValidator;
import cn.hotline12345.cti.matter.api.NotAcceptedReason;
import cn.hotline12345.cti.matter.internal.ReviewService;
import cn.hotline12345.cti.matter.api.RevisitMethod;
import cn.hotline12345.cti.matter.api.RevisitOutcome;
import cn.hotline12345.cti.matter.internal.RevisitService;
import cn.hotline12345.cti.matter.api.Satisfaction;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.privacy.api.ReporterVisibility;
import cn.hotline12345.cti.privacy.api.Staff;
import cn.hotline12345.cti.privacy.api.StaffRole;
import cn.hotline12345.cti.user.web.Authz;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/**
 * The hotline staff's matter API (agents and supervisors): create, edit, accept, refuse, answer on the
 * spot, dispatch, escalate, close, revisit; lists; the supervision list and request reviews (supervisors).
 * Documented in {@code docs/matters-api.md}.
 */
public final class MatterRoutes implements RouteContributor {

    private final MatterService matters;
    private final ReviewService reviews;
    private final RevisitService revisits;

    public MatterRoutes(MatterService matters, ReviewService reviews, RevisitService revisits) {
        this.matters = matters;
        this.reviews = reviews;
        this.revisits = revisits;
    }

    @Override
    public void mount(Router r) {
        var staff = Authz.require(Role.AGENT, Role.SUPERVISOR);
        var sup = Authz.require(Role.SUPERVISOR);
        // first: a confidential matter is nobody else's business (art. 11), on every route under /api/matters/:id
        r.route("/api/matters/:id").handler(staff).handler(this::confidentialGuard);
        r.route("/api/matters/:id/*").handler(staff).handler(this::confidentialGuard);
        r.post("/api/matters/:id/confidentiality").handler(sup).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            if (!Boolean.FALSE.equals(b.bool("confidential"))) {
                throw cn.hotline12345.cti.matter.api.MatterException.invalid("confidential",
                        "only lifting is decided here: {\"confidential\": false, \"reason\": ...}");
            }
            return matters.liftConfidentiality(Api.pathId(c, "id"), b.integer("version"),
                    b.required("reason", MatterValidator.MAX_CONTENT), Actors.of(c));
        }, m -> MatterJson.matter(m, false)));
        r.post("/api/matters").handler(staff).handler(ctx -> Api.respond(ctx, 201,
                c -> matters.createDraft(MatterJson.input(Api.body(c)), Actors.of(c)), m -> view(ctx, m)));
        r.get("/api/matters").handler(staff).handler(this::list);
        r.get("/api/matters/:id").handler(staff).handler(ctx -> Api.respond(ctx, 200,
                c -> matters.get(Api.pathId(c, "id")).compose(m -> audited(c, m)), m -> view(ctx, m)));
        r.put("/api/matters/:id").handler(staff).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            Integer version = b.integer("version");
            if (version == null) {
                throw cn.hotline12345.cti.matter.api.MatterException.invalid("version", "required");
            }
            return matters.update(Api.pathId(c, "id"), version, MatterJson.input(b), Actors.of(c));
        }, m -> view(ctx, m)));
        r.get("/api/matters/:id/history").handler(staff).handler(ctx -> Api.respond(ctx, 200,
                c -> matters.history(Api.pathId(c, "id")), MatterJson::transitions));
        r.get("/api/matters/:id/requests").handler(staff).handler(ctx -> Api.respond(ctx, 200,
                c -> matters.requests(Api.pathId(c, "id")), MatterJson::requests));
        r.post("/api/matters/:id/accept").handler(staff).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            return matters.accept(Api.pathId(c, "id"), b.integer("version"), b.str("note", 1000), Actors.of(c));
        }, m -> view(ctx, m)));
        r.post("/api/matters/:id/not-accept").handler(staff).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            NotAcceptedReason reason = NotAcceptedReason.parse(b.required("reason", 40), "reason");
            return matters.notAccept(Api.pathId(c, "id"), b.integer("version"), reason,
                    b.str("properChannel", MatterValidator.MAX_ADDRESS), b.str("note", MatterValidator.MAX_CONTENT),
                    Actors.of(c));
        }, m -> view(ctx, m)));
        r.post("/api/matters/:id/answer-on-spot").handler(staff).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            return matters.answerOnSpot(Api.pathId(c, "id"), b.integer("version"),
                    b.required("answer", MatterValidator.MAX_CONTENT), Actors.of(c));
        }, m -> view(ctx, m)));
        r.post("/api/matters/:id/dispatch").handler(staff).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            DispatchOrder order = new DispatchOrder(b.required("leadUnitId", 64), b.strings("coUnitIds", 20, 64),
                    Boolean.TRUE.equals(b.bool("noReturn")), b.integer("workingDays"));
            return matters.dispatch(Api.pathId(c, "id"), b.integer("version"), order, Actors.of(c));
        }, m -> view(ctx, m)));
        r.post("/api/matters/:id/escalate").handler(sup).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            return matters.escalate(Api.pathId(c, "id"), b.integer("version"),
                    b.required("reason", MatterValidator.MAX_CONTENT), Actors.of(c));
        }, m -> view(ctx, m)));
        r.post("/api/matters/:id/close").handler(staff).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            return matters.close(Api.pathId(c, "id"), b.integer("version"), b.str("reason", 1000), Actors.of(c));
        }, m -> view(ctx, m)));
        r.post("/api/matters/:id/revisit").handler(staff).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            Satisfaction s = Satisfaction.parse(b.required("satisfaction", 30), "satisfaction");
            return revisits.recordRevisit(new RevisitOutcome(Api.pathId(c, "id"), RevisitMethod.AGENT, b.bool("solved"),
                    s, b.str("note", MatterValidator.MAX_CONTENT)), Actors.of(c));
        }, m -> view(ctx, m)));
        r.get("/api/revisits/due").handler(staff).handler(ctx -> Api.respond(ctx, 200,
                c -> revisits.dueRevisits(Api.intParam(c, "limit", 50, 500)), l -> {
                    JsonArray a = new JsonArray();
                    l.forEach(t -> a.add(new JsonObject().put("id", t.id()).put("matterId", t.matterId())
                            .put("matterNumber", t.matterNumber()).put("dueAt", MatterJson.ts(t.dueAt()))
                            .put("attempts", t.attempts())));
                    return a;
                }));
        r.get("/api/supervision").handler(sup).handler(ctx -> Api.respond(ctx, 200,
                c -> reviews.supervisionList(Api.intParam(c, "limit", 200, 1000)), MatterJson::supervision));
        r.get("/api/matter-requests").handler(sup).handler(ctx -> Api.respond(ctx, 200,
                c -> reviews.pendingRequests(Api.intParam(c, "limit", 100, 500)), MatterJson::requests));
        r.post("/api/matter-requests/:rid/decision").handler(sup).handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            Boolean approve = b.bool("approve");
            if (approve == null) {
                throw cn.hotline12345.cti.matter.api.MatterException.invalid("approve", "required");
            }
            return reviews.decide(Api.pathId(c, "rid"), approve, b.str("note", MatterValidator.MAX_CONTENT),
                    b.date("newLastDay"), Actors.of(c));
        }, m -> view(ctx, m)));
    }

    private void list(RoutingContext ctx) {
        Api.respond(ctx, 200, c -> {
            String status = c.request().getParam("status");
            String category = c.request().getParam("category");
            String channel = c.request().getParam("channel");
            String q = c.request().getParam("q");
            if (q != null && q.length() > 100) {
                throw cn.hotline12345.cti.matter.api.MatterException.invalid("q", "longer than 100 characters");
            }
            String caller = c.request().getParam("caller");
            String callerNorm = caller == null || !caller.matches("[0-9+ ()-]{3,32}") ? null
                    : MatterValidator.normaliseNumber(caller);
            if (caller != null && (callerNorm == null || callerNorm.length() < 3)) {
                // a filter that cannot be applied must not quietly become "everything" (issue 20 item 11)
                throw cn.hotline12345.cti.matter.api.MatterException.invalid("caller", "not a phone number");
            }
            Principal p = Authz.principal(c);
            return matters.search(new MatterQuery(
                    status == null ? null : parseStatus(status),
                    category == null ? null : MatterCategory.parse(category, "category"),
                    channel == null ? null : MatterChannel.parse(channel, "channel"),
                    c.request().getParam("unit"), callerNorm,
                    q, null, null, Api.intParam(c, "limit", 100, 500),
                    // an agent sees confidential matters they took, and no other (art. 11)
                    p.role() == Role.AGENT ? p.username() : null));
        }, MatterJson::summaries);
    }

    private static MatterStatus parseStatus(String s) {
        try {
            if (!s.equals(s.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("codes are lower case");
            }
            return MatterStatus.fromDb(s);
        } catch (IllegalArgumentException e) {
            throw cn.hotline12345.cti.matter.api.MatterException.invalid("status", "unknown value");
        }
    }

    /**
     * Art. 11 (issue 20 item 9): a confidential matter is seen by the agent who took it and by supervisors; to any
     * other agent it does not exist (404, on reads and changes alike). Matters that do not exist yet or ids that are
     * no ids go on to their route, which answers for them.
     */
    private void confidentialGuard(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ctx.next();
            return;
        }
        Principal p = Authz.principal(ctx);
        if (p.role() != Role.AGENT) {
            ctx.next();
            return;
        }
        matters.get(id).onComplete(ar -> {
            if (ar.succeeded() && ar.result().confidential() && !p.username().equals(ar.result().takenBy())) {
                Api.error(ctx, cn.hotline12345.cti.matter.api.MatterException.notFound("matter " + id));
            } else {
                ctx.next();
            }
        });
    }

    /** A supervisor shown a confidential reporter they did not take: audited before the answer leaves. */
    private io.vertx.core.Future<cn.hotline12345.cti.matter.api.Matter> audited(RoutingContext ctx,
                                                                               cn.hotline12345.cti.matter.api.Matter m) {
        Principal p = Authz.principal(ctx);
        if (m.confidential() && reporter(p, m) == ReporterVisibility.Level.FULL && !p.username().equals(m.takenBy())) {
            return matters.auditReporterShown(m, p.username(), p.role().dbName()).map(x -> m);
        }
        return io.vertx.core.Future.succeededFuture(m);
    }

    private static ReporterVisibility.Level reporter(Principal p, cn.hotline12345.cti.matter.api.Matter m) {
        return ReporterVisibility.decide(new Staff(p.username(), StaffRole.valueOf(p.role().name()), p.unitId(),
                p.canUnmask()), new ReporterVisibility.ReportedMatter(m.confidential(), m.takenBy()));
    }

    /**
     * Numbers are always masked here: every unmask must be audited with a reason (art. 7, 13), so a full
     * number is only shown through the caller profile's unmask request, which writes the audit entry. A
     * confidential reporter is shown to the agent who took it and to supervisors with the unmask right (audited by
     * {@link #audited}); a supervisor without it sees the matter without its reporter.
     */
    private static JsonObject view(RoutingContext ctx, cn.hotline12345.cti.matter.api.Matter m) {
        Principal p = Authz.principal(ctx);
        JsonObject o = MatterJson.matter(m, false);
        if (m.confidential() && reporter(p, m) == ReporterVisibility.Level.HIDDEN) {
            o.putNull("contactName").putNull("contactNumber");
        }
        return o;
    }
}
