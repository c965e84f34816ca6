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
 */
public final class UnitAuthHandler implements Handler<RoutingContext> {

    private final PartyService parties;

    public UnitAuthHandler(PartyService parties) {
        this.parties = parties;
    }

    @Override
    public void handle(RoutingContext ctx) {
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
