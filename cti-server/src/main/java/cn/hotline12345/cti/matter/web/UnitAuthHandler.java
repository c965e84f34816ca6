package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.platform.web.Body;
import cn.hotline12345.cti.matter.internal.PartyService;
import cn.hotline12345.cti.user.web.Authz;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Role;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates a handling unit's system by its own API key ({@code Authorization: Bearer <key>}, art. 30)
 * and puts a {@link Principal} with role UNIT and the unit's id on the context. The key is compared by hash
 * against every unit's stored hash in constant time. Missing or wrong key: 401.
 *
 * <p>A person of a unit logged in to the unit portal (issue 24) is already authenticated by the session
 * ({@code SessionAuthentication}, with its CSRF check): a session of role UNIT with its unit passes as it is, the
 * same rules then apply to it as to the unit's key; a session of any other role is refused (403) by the role guard
 * that follows, whatever key it also sends.
 */
public final class UnitAuthHandler implements Handler<RoutingContext> {

    private final PartyService parties;

    public UnitAuthHandler(PartyService parties) {
        this.parties = parties;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Principal session = ctx.get(Principal.CONTEXT_KEY);
        if (session != null) {
            if (session.role() == Role.UNIT && session.unitId() == null) {
                Authz.deny(ctx, 403, "forbidden", "this unit user has no unit");
                return;
            }
            ctx.next();
            return;
        }
        String h = ctx.request().getHeader("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7) || h.length() > 300) {
            Authz.deny(ctx, 401, "unauthenticated", "send Authorization: Bearer <unit API key>");
            return;
        }
        parties.authenticateUnit(h.substring(7).trim()).onComplete(ar -> {
            if (ar.failed()) {
                Api.error(ctx, ar.cause());
            } else if (ar.result().isEmpty()) {
                Authz.deny(ctx, 401, "unauthenticated", "unknown API key");
            } else {
                var u = ar.result().get();
                ctx.put(Principal.CONTEXT_KEY, new Principal(0, "unit:" + u.id(), Role.UNIT, u.id(), null, false));
                ctx.next();
            }
        });
    }
}
