package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.matter.api.Actor;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.web.Authz;
import io.vertx.ext.web.RoutingContext;

/** Who acts on a matter, from the request's authenticated principal. */
final class Actors {

    private Actors() {
    }

    static Actor of(RoutingContext ctx) {
        Principal p = Authz.principal(ctx);
        if (p.role() == Role.UNIT) {
            return Actor.unit(p.unitId());
        }
        return p.role() == Role.SUPERVISOR || p.role() == Role.ADMIN ? Actor.supervisor(p.username())
                : Actor.agent(p.username());
    }
}
