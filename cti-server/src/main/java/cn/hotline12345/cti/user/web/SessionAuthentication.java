package cn.hotline12345.cti.user.web;


import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Session;
import cn.hotline12345.cti.user.internal.SessionRepository;
import cn.hotline12345.cti.user.api.User;
import cn.hotline12345.cti.platform.web.RouteContributor;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Authentication by session cookie for everything under {@code /api/} and {@code /ws/}, mounted ahead of
 * every other route (negative order, so it does not matter where the server lists this contributor).
 * A live session puts its {@link Principal} on the context; no session leaves it empty (the routes'
 * {@link Authz#require} guards answer 401).
 *
 * <p>CSRF: a state-changing request (POST, PUT, PATCH, DELETE) made with a session must carry the
 * session's token in {@code X-CSRF-Token} (double submit against the server-side session), else 403.
 * Login is exempt (there is no session yet; its Origin is checked instead).
 */
public final class SessionAuthentication implements RouteContributor {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** The {@link Session} of the request, on the routing context. */
    public static final String SESSION_KEY = "cti.session";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<String> CSRF_EXEMPT = Set.of("/api/auth/login");

    private final SessionRepository sessions;
    private final SessionCookie cookie;
    private final String defaultPbx;

    /**
     * @param defaultPbx the PBX of users who have none (the first configured PBX)
     */
    public SessionAuthentication(SessionRepository sessions, SessionCookie cookie, String defaultPbx) {
        this.sessions = sessions;
        this.cookie = cookie;
        this.defaultPbx = java.util.Objects.requireNonNull(defaultPbx);
    }

    @Override
    public void mount(Router router) {
        router.route("/api/*").order(-100).handler(this::authenticate);
        router.route("/ws/*").order(-100).handler(this::authenticate);
    }

    private void authenticate(RoutingContext ctx) {
        ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store");
        String id = cookie.read(ctx.request());
        if (id == null) {
            ctx.next();
            return;
        }
        // the session is in PostgreSQL (shared by every node): hold the request while it is looked up
        boolean paused = !ctx.request().isEnded();
        if (paused) {
            ctx.request().pause();
        }
        sessions.touch(id).onComplete(ar -> {
            if (paused) {
                ctx.request().resume();
            }
            if (ar.failed()) {
                // not 401: that would send every agent to the login page while the database is away
                Authz.deny(ctx, 503, "sessions_unavailable", "the session store is unreachable: try again shortly");
                return;
            }
            Session session = ar.result().orElse(null);
            if (session != null) {
                ctx.put(SESSION_KEY, session);
                ctx.put(Principal.CONTEXT_KEY, principalOf(session.user(), defaultPbx));
                if (!SAFE.contains(ctx.request().method()) && !CSRF_EXEMPT.contains(ctx.normalizedPath())
                        && !tokenMatches(ctx.request().getHeader(CSRF_HEADER), session.csrfToken())) {
                    Authz.deny(ctx, 403, "csrf", "missing or wrong " + CSRF_HEADER + " header");
                    return;
                }
            }
            ctx.next();
        });
    }

    /** The principal of a user; a user without a PBX is on {@code defaultPbx}. */
    public static Principal principalOf(User u, String defaultPbx) {
        return new Principal(u.id(), u.username(), u.role(), u.unitId(), u.extension(), u.canUnmask(),
                u.pbxId() != null ? u.pbxId() : defaultPbx);
    }

    private static boolean tokenMatches(String presented, String expected) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
