package cn.hotline12345.cti.user.web;


import cn.hotline12345.cti.platform.web.RequestJson;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.api.NewUser;
import cn.hotline12345.cti.user.internal.UserService;
import cn.hotline12345.cti.platform.web.RouteContributor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * User administration for {@link Role#ADMIN}: list, create, set a password, enable or disable, move an agent's
 * phone to another PBX. Passwords follow {@code PasswordHasher.checkPolicy} (published and common passwords, the
 * demo users' {@code Demo-12345!} among them, are refused); the last active administrator cannot be disabled (409).
 *
 * <p>A {@code pbxId} must be one of the configured PBXs ({@code pbxs[].id}); anything else is a 400 naming the
 * configured ids. Absent or null means the first configured PBX.
 */
public final class UserAdminRoutes implements RouteContributor {

    private static final Pattern ROLE = Pattern.compile("agent|supervisor|engineer|admin|unit");
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

    private final UserService users;
    private final List<String> pbxIds;

    /**
     * @param pbxIds the configured PBX ids, first = the PBX of users without one
     */
    public UserAdminRoutes(UserService users, List<String> pbxIds) {
        this.users = users;
        this.pbxIds = List.copyOf(pbxIds);
    }

    @Override
    public void mount(Router router) {
        router.get("/api/admin/users").handler(Authz.require(Role.ADMIN)).handler(this::list);
        router.post("/api/admin/users").handler(Authz.require(Role.ADMIN)).handler(this::create);
        router.post("/api/admin/users/:id/password").handler(Authz.require(Role.ADMIN)).handler(this::password);
        router.post("/api/admin/users/:id/active").handler(Authz.require(Role.ADMIN)).handler(this::active);
        router.post("/api/admin/users/:id/pbx").handler(Authz.require(Role.ADMIN)).handler(this::pbx);
    }

    private void list(RoutingContext ctx) {
        users.list().onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
            } else {
                JsonArray a = new JsonArray();
                ar.result().forEach(u -> a.add(AuthRoutes.userJson(u)));
                RequestJson.json(ctx, 200, new JsonObject().put("users", a));
            }
        });
    }

    private void create(RoutingContext ctx) {
        NewUser u;
        try {
            JsonObject b = RequestJson.body(ctx, 4096);
            Role role = Role.fromDb(RequestJson.text(b, "role", 16, ROLE).toLowerCase(Locale.ROOT));
            u = new NewUser(RequestJson.text(b, "username", 32, null), RequestJson.text(b, "displayName", 64, null),
                    RequestJson.text(b, "password", 128, null), role,
                    b.getValue("unitId") == null ? null : RequestJson.text(b, "unitId", 64, null),
                    b.getValue("extension") == null ? null : RequestJson.text(b, "extension", 8, null),
                    RequestJson.optBool(b, "canUnmask", false), pbxId(b));
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e);
            return;
        }
        reply(ctx, users.create(u).map(AuthRoutes::userJson), 201);
    }

    private void password(RoutingContext ctx) {
        try {
            long id = id(ctx);
            String pw = RequestJson.text(RequestJson.body(ctx, 4096), "password", 128, null);
            reply(ctx, users.changePassword(id, pw).map(found -> found ? new JsonObject().put("id", id) : null), 200);
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e);
        }
    }

    private void active(RoutingContext ctx) {
        try {
            long id = id(ctx);
            boolean active = RequestJson.bool(RequestJson.body(ctx, 4096), "active");
            users.setActive(id, active).onComplete(ar -> {
                if (ar.failed()) {
                    ctx.fail(ar.cause());
                    return;
                }
                switch (ar.result()) {
                    case DONE -> RequestJson.json(ctx, 200, new JsonObject().put("id", id).put("active", active));
                    case NOT_FOUND -> RequestJson.error(ctx, 404, "not_found", "no such user");
                    case LAST_ADMIN -> RequestJson.error(ctx, 409, "last_admin",
                            "the last active administrator cannot be disabled");
                }
            });
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e);
        }
    }

    private void pbx(RoutingContext ctx) {
        try {
            long id = id(ctx);
            String pbxId = pbxId(RequestJson.body(ctx, 4096));
            reply(ctx, users.setPbx(id, pbxId).map(found -> found ? new JsonObject().put("id", id)
                    .put("pbxId", pbxId) : null), 200);
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e);
        }
    }

    /** The body's {@code pbxId}: absent or null, or a configured PBX id; else IllegalArgumentException. */
    private String pbxId(JsonObject b) {
        Object v = b.getValue("pbxId");
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || !pbxIds.contains(s)) {
            // echo the value only when it has the shape of an id: never reflect arbitrary input
            String shown = v instanceof String t && NewUser.PBX_ID.matcher(t).matches() ? "'" + t + "'" : "the value";
            throw new IllegalArgumentException("pbxId: " + shown + " is not a configured PBX; configured: "
                    + String.join(", ", pbxIds));
        }
        return s;
    }

    private static long id(RoutingContext ctx) {
        String s = ctx.pathParam("id");
        if (s == null || !ID.matcher(s).matches()) {
            throw new IllegalArgumentException("id: a number");
        }
        return Long.parseLong(s);
    }

    /** A refused field; a refused password is told in the user's words (the rules, never which list it is on). */
    static void badRequest(RoutingContext ctx, IllegalArgumentException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        RequestJson.error(ctx, 400, m.startsWith("password:") ? "password_policy" : "bad_request", m);
    }

    private static void reply(RoutingContext ctx, Future<JsonObject> f, int status) {
        f.onComplete(ar -> {
            if (ar.succeeded() && ar.result() == null) {
                RequestJson.error(ctx, 404, "not_found", "no such user");
            } else if (ar.succeeded()) {
                RequestJson.json(ctx, status, ar.result());
            } else if (ar.cause() instanceof IllegalArgumentException e) {
                badRequest(ctx, e);
            } else if (ar.cause() instanceof UserService.Busy) {
                RequestJson.error(ctx, 503, "unavailable", "the password hash threads are busy");
            } else {
                ctx.fail(ar.cause());
            }
        });
    }
}
