package cn.hotline12345.cti.user.web;


import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.platform.web.RequestJson;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Route guards. Authentication (whoever sets {@link Principal#CONTEXT_KEY}) runs before these; a
 * request with no principal gets 401, a principal of another role 403, both as JSON.
 */
public final class Authz {

    private Authz() {
    }

    /** Lets the request through only for the given roles. */
    public static Handler<RoutingContext> require(Role... roles) {
        return ctx -> {
            Principal p = ctx.get(Principal.CONTEXT_KEY);
            if (p == null) {
                deny(ctx, 401, "unauthenticated", "log in first");
            } else if (!p.hasAnyRole(roles)) {
                deny(ctx, 403, "forbidden", "this needs one of the roles " + java.util.Arrays.toString(roles));
            } else {
                ctx.next();
            }
        };
    }

    /** The principal of a request that passed {@link #require}. */
    public static Principal principal(RoutingContext ctx) {
        Principal p = ctx.get(Principal.CONTEXT_KEY);
        if (p == null) {
            throw new IllegalStateException("no principal: route is missing its Authz.require guard");
        }
        return p;
    }

    public static void deny(RoutingContext ctx, int status, String error, String message) {
        RequestJson.error(ctx, status, error, message);
    }
}
