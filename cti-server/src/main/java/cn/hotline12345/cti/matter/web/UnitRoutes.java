package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.platform.web.Body;
import cn.hotline12345.cti.matter.internal.MatterValidator;
import cn.hotline12345.cti.matter.internal.UnitMatterService;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.web.Authz;
import cn.hotline12345.cti.user.api.Role;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The handling units' API (art. 30) under {@code /api/unit}: each unit authenticates with its own key
 * ({@link UnitAuthHandler}), sees only its own matters (404 for any other), never a confidential reporter's
 * identity, and signs for, starts, replies, returns, or asks for an extension or termination. The lists and reads,
 * co-handling shares and attachments are {@link UnitPortalRoutes} (issue 24), behind the same guard.
 */
public final class UnitRoutes implements RouteContributor {

    private final UnitMatterService units;
    private final UnitAuthHandler auth;

    public UnitRoutes(UnitMatterService units, UnitAuthHandler auth) {
        this.units = units;
        this.auth = auth;
    }

    @Override
    public void mount(Router r) {
        r.route("/api/unit/*").handler(auth).handler(Authz.require(Role.UNIT));
        // the list and one matter (GET /api/unit/matters[/{id}]) are served by UnitPortalRoutes, mounted after this
        r.post("/api/unit/matters/:id/sign").handler(ctx -> Api.respond(ctx, 200,
                c -> units.signFor(unit(c), Api.pathId(c, "id")), MatterJson::forUnit));
        r.post("/api/unit/matters/:id/start").handler(ctx -> Api.respond(ctx, 200,
                c -> units.start(unit(c), Api.pathId(c, "id")), MatterJson::forUnit));
        r.post("/api/unit/matters/:id/reply").handler(ctx -> Api.respond(ctx, 200,
                c -> units.reply(unit(c), Api.pathId(c, "id"), Api.body(c).required("reply", MatterValidator.MAX_CONTENT)),
                MatterJson::forUnit));
        r.post("/api/unit/matters/:id/return").handler(ctx -> Api.respond(ctx, 200,
                c -> units.returnMatter(unit(c), Api.pathId(c, "id"),
                        Api.body(c).required("reason", MatterValidator.MAX_CONTENT)), MatterJson::forUnit));
        r.post("/api/unit/matters/:id/extension").handler(ctx -> Api.respond(ctx, 200, c -> {
            Body b = Api.body(c);
            return units.requestExtension(unit(c), Api.pathId(c, "id"),
                    b.required("explanation", MatterValidator.MAX_CONTENT), b.integer("extraWorkingDays"),
                    b.date("newLastDay"));
        }, MatterJson::forUnit));
        r.post("/api/unit/matters/:id/termination").handler(ctx -> Api.respond(ctx, 200,
                c -> units.requestTermination(unit(c), Api.pathId(c, "id"),
                        Api.body(c).required("reason", MatterValidator.MAX_CONTENT)), MatterJson::forUnit));
    }

    private static String unit(RoutingContext ctx) {
        return Authz.principal(ctx).unitId();
    }
}
