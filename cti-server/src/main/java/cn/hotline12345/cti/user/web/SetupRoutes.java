package cn.hotline12345.cti.user.web;

import cn.hotline12345.cti.platform.web.OriginPolicy;
import cn.hotline12345.cti.platform.web.RequestJson;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.internal.UserService;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The first start's administrator setup (issue 20 item 4). {@code run} on a database without an active
 * administrator prints a one-time token; {@code POST /api/setup/admin {"token","username","displayName","password"}}
 * creates that administrator (201) and uses the token up. 404 when no setup is open (an administrator exists), 403
 * for a wrong or used token (nothing created), 400 for a refused field (the token stays valid), 403 for a foreign
 * {@code Origin}. {@code GET /api/setup} answers {@code {"open": bool}}. The other way is the
 * {@code create-admin} command.
 */
public final class SetupRoutes implements RouteContributor {

    private final UserService users;
    private final OriginPolicy origins;

    public SetupRoutes(UserService users, OriginPolicy origins) {
        this.users = users;
        this.origins = origins;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/setup").handler(ctx -> RequestJson.json(ctx, 200, new JsonObject().put("open", users.setupOpen())));
        router.post("/api/setup/admin").handler(this::admin);
    }

    private void admin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && !origins.allows(origin)) {
            RequestJson.error(ctx, 403, "forbidden_origin", "this origin may not set up the server");
            return;
        }
        if (!users.setupOpen()) {
            RequestJson.error(ctx, 404, "not_found", "no setup is open: an administrator exists");
            return;
        }
        String token;
        String username;
        String displayName;
        String password;
        try {
            JsonObject b = RequestJson.body(ctx, 4096);
            token = RequestJson.text(b, "token", 100, null);
            username = RequestJson.text(b, "username", 32, null);
            displayName = RequestJson.text(b, "displayName", 64, null);
            password = RequestJson.text(b, "password", 128, null);
        } catch (IllegalArgumentException e) {
            RequestJson.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        users.setupFirstAdmin(token, username, displayName, password).onComplete(ar -> {
            if (ar.failed() && ar.cause() instanceof IllegalArgumentException e) {
                UserAdminRoutes.badRequest(ctx, e);
            } else if (ar.failed()) {
                ctx.fail(ar.cause());
            } else if (ar.result().isEmpty()) {
                RequestJson.error(ctx, 403, "setup_token", "wrong or used setup token");
            } else {
                RequestJson.json(ctx, 201, new JsonObject().put("user", AuthRoutes.userJson(ar.result().get())));
            }
        });
    }
}
