package cn.hotline12345.cti.user.web;


import cn.hotline12345.cti.platform.web.ClientAddresses;
import cn.hotline12345.cti.platform.web.OriginPolicy;
import cn.hotline12345.cti.platform.web.RequestJson;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.api.LoginOutcome;
import cn.hotline12345.cti.user.api.Session;
import cn.hotline12345.cti.user.api.User;
import cn.hotline12345.cti.user.internal.UserService;
import cn.hotline12345.cti.platform.web.RouteContributor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.regex.Pattern;

/**
 * Login, logout and "who am I". {@code POST /api/auth/login} {@code {"username","password"}} answers
 * {@code {"user":{...},"csrfToken":"..."}} and sets a fresh session cookie (any session the browser
 * presented is ended first: no fixation); 401 on wrong credentials, 429 with {@code Retry-After} when a login
 * limit refuses the attempt ({@code too_many_attempts}) or the password checks are all taken
 * ({@code too_many_requests}), 403 for a foreign {@code Origin}. The client's address is the TCP peer, or what a
 * trusted proxy says ({@link ClientAddresses}).
 */
public final class AuthRoutes implements RouteContributor {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final UserService users;
    private final SessionCookie cookie;
    private final OriginPolicy origins;
    private final ClientAddresses clients;

    public AuthRoutes(UserService users, SessionCookie cookie, OriginPolicy origins, ClientAddresses clients) {
        this.users = users;
        this.cookie = cookie;
        this.origins = origins;
        this.clients = clients;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/auth/login").handler(this::login);
        router.post("/api/auth/logout").handler(Authz.require(Role.values())).handler(this::logout);
        router.get("/api/auth/me").handler(Authz.require(Role.values())).handler(this::me);
    }

    private void login(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && !origins.allows(origin)) {
            RequestJson.error(ctx, 403, "forbidden_origin", "this origin may not log in");
            return;
        }
        String username;
        String password;
        try {
            JsonObject body = RequestJson.body(ctx, 4096);
            username = RequestJson.text(body, "username", 64, USERNAME);
            password = RequestJson.text(body, "password", 128, null);
        } catch (IllegalArgumentException e) {
            RequestJson.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        String previous = cookie.read(ctx.request());
        String address = clients.of(ctx.request());
        users.login(username, password, address).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            if (ar.result() instanceof LoginOutcome.Throttled t) {
                ctx.response().putHeader("Retry-After", retryAfter(t.retryAfter()));
                RequestJson.error(ctx, 429, "too_many_attempts", "too many failed logins: try again later");
            } else if (ar.result() instanceof LoginOutcome.Shed t) {
                ctx.response().putHeader("Retry-After", retryAfter(t.retryAfter()));
                RequestJson.error(ctx, 429, "too_many_requests", "too many logins waiting: try again shortly");
            } else if (ar.result() instanceof LoginOutcome.Success s) {
                // the session the request came with ends before the answer (session fixation): the store is shared
                // and asynchronous now, so the old id must be gone when the client gets the new one
                Future<Void> ended = previous != null ? users.logout(previous) : Future.succeededFuture();
                ended.onComplete(x -> {
                    cookie.set(ctx.request(), ctx.response(), s.session().id());
                    RequestJson.json(ctx, 200, me(s.session()));
                });
            } else {
                RequestJson.error(ctx, 401, "bad_credentials", "wrong user name or password");
            }
        });
    }

    /** Whole seconds, rounded up (a 400 ms wait is "1"). */
    private static String retryAfter(java.time.Duration d) {
        return String.valueOf(Math.max(1, (d.toMillis() + 999) / 1000));
    }

    private void logout(RoutingContext ctx) {
        Session s = ctx.get(SessionAuthentication.SESSION_KEY);
        Future<Void> ended = s == null ? Future.succeededFuture() : users.logout(s.id());
        ended.onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            cookie.clear(ctx.request(), ctx.response());
            ctx.response().setStatusCode(204).end();
        });
    }

    private void me(RoutingContext ctx) {
        Session s = ctx.get(SessionAuthentication.SESSION_KEY);
        if (s == null) {
            RequestJson.error(ctx, 401, "unauthenticated", "log in first");
            return;
        }
        RequestJson.json(ctx, 200, me(s));
    }

    private static JsonObject me(Session s) {
        return new JsonObject().put("user", userJson(s.user())).put("csrfToken", s.csrfToken());
    }

    /** A user as the API shows it (never the hash). */
    public static JsonObject userJson(User u) {
        return new JsonObject().put("id", u.id()).put("username", u.username()).put("displayName", u.displayName())
                .put("role", u.role().dbName()).put("unitId", u.unitId()).put("extension", u.extension())
                .put("canUnmask", u.canUnmask()).put("active", u.active()).put("pbxId", u.pbxId());
    }
}
