package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.matter.api.Attachment;
import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.internal.MatterService;
import cn.hotline12345.cti.matter.internal.UnitPortalService;
import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.privacy.api.ReporterVisibility;
import cn.hotline12345.cti.privacy.api.Staff;
import cn.hotline12345.cti.privacy.api.StaffRole;
import cn.hotline12345.cti.privacy.api.Unmasker;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.web.Authz;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.Map;

/**
 * What the supervisor's screen (issue 24) needs beyond the matter API:
 *
 * <pre>
 * POST /api/matters/{id}/unmask {reason}           supervisor with the unmask right: the reporter's full number,
 *                                                  audited (who, when, why, which number) before it is answered
 * GET  /api/matters/{id}/unit-work                 agent, supervisor: every unit's share and the attachments
 * GET  /api/matters/{id}/attachments/{aid}         agent, supervisor: one attachment
 * </pre>
 * A supervisor without the unmask right gets 403 and nothing is written; a reason shorter than
 * {@link Unmasker#MIN_REASON} characters is a 400.
 */
public final class SupervisionRoutes implements RouteContributor {

    private final MatterService matters;
    private final UnitPortalService portal;
    private final Unmasker unmasker;

    public SupervisionRoutes(MatterService matters, UnitPortalService portal, Unmasker unmasker) {
        this.matters = matters;
        this.portal = portal;
        this.unmasker = unmasker;
    }

    @Override
    public void mount(Router r) {
        var staff = Authz.require(Role.AGENT, Role.SUPERVISOR);
        r.post("/api/matters/:id/unmask").handler(Authz.require(Role.SUPERVISOR)).handler(ctx -> Api.respond(ctx, 200,
                c -> {
                    String reason = Api.body(c).str("reason", Unmasker.MAX_REASON);
                    Staff viewer = staff(Authz.principal(c));
                    if (!viewer.canUnmask()) {
                        // checked before the matter is read: a supervisor without the right learns nothing
                        throw (MatterException) new MatterException(cn.hotline12345.cti.platform.error.Refusal.Kind.FORBIDDEN,
                                null, "this user has no right to see full numbers").tell("supervisor.error.no_unmask_right");
                    }
                    if (reason == null || reason.strip().length() < Unmasker.MIN_REASON) {
                        throw (MatterException) MatterException.invalid("reason", "at least " + Unmasker.MIN_REASON
                                + " characters").tell("supervisor.error.unmask_reason", "min", Unmasker.MIN_REASON);
                    }
                    return matters.get(Api.pathId(c, "id")).compose(m -> reveal(viewer, m, reason));
                }, o -> o));
        r.get("/api/matters/:id/unit-work").handler(staff).handler(ctx -> Api.respond(ctx, 200,
                c -> portal.staffView(Api.pathId(c, "id")), e -> new JsonObject()
                        .put("shares", UnitPortalRoutes.shares(e.getKey()))
                        .put("attachments", UnitPortalRoutes.attachments(e.getValue()))));
        r.get("/api/matters/:id/attachments/:aid").handler(staff).handler(ctx -> {
            Future<Map.Entry<Attachment, byte[]>> f;
            try {
                f = portal.staffAttachment(Api.pathId(ctx, "id"), Api.pathId(ctx, "aid"));
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onSuccess(a -> UnitPortalRoutes.download(ctx, a)).onFailure(e -> Api.error(ctx, e));
        });
    }

    private Future<JsonObject> reveal(Staff viewer, Matter m, String reason) {
        ReporterVisibility.Level level = ReporterVisibility.decide(viewer,
                new ReporterVisibility.ReportedMatter(m.confidential(), m.takenBy()));
        if (level != ReporterVisibility.Level.FULL) {
            return Future.failedFuture(new MatterException(cn.hotline12345.cti.platform.error.Refusal.Kind.FORBIDDEN,
                    null, "this user may not see the reporter of matter " + m.number()));
        }
        if (m.contactNumberNorm() == null || m.contactNumberNorm().isBlank()) {
            return Future.failedFuture(MatterException.notFound("a contact number of matter " + m.number()));
        }
        return unmasker.unmask(viewer, m.contactNumberNorm(), reason, "matter:" + m.id())
                .map(full -> new JsonObject().put("matterId", m.id()).put("number", full)
                        .put("contactName", m.contactName()));
    }

    private static Staff staff(Principal p) {
        return new Staff(p.username(), StaffRole.valueOf(p.role().name()), p.unitId(), p.canUnmask());
    }
}
