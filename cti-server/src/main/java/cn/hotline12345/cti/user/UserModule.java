package cn.hotline12345.cti.user;

import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.web.OriginPolicy;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.cti.user.api.Sessions;
import cn.hotline12345.cti.user.internal.LoginRateLimiter;
import cn.hotline12345.cti.user.internal.PasswordHasher;
import cn.hotline12345.cti.user.internal.SessionStore;
import cn.hotline12345.cti.user.internal.UserRepository;
import cn.hotline12345.cti.user.internal.UserService;
import cn.hotline12345.cti.user.web.AuthRoutes;
import cn.hotline12345.cti.user.web.SessionAuthentication;
import cn.hotline12345.cti.user.web.SessionCookie;
import cn.hotline12345.cti.user.web.UserAdminRoutes;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.List;

/**
 * The user slice: accounts, passwords, login limits and console sessions, and their routes (login, logout, the
 * admin's user API). {@link #authentication()} authenticates {@code /api/*} and {@code /ws/*} for every slice and is
 * mounted first.
 */
public final class UserModule implements AutoCloseable {

    private final SessionStore sessions;
    private final UserService users;
    private final SessionAuthentication authentication;
    private final List<RouteContributor> routes;

    /**
     * @param pbxIds the configured PBXs: a user's phone is on one of them, users without one on the first
     */
    public UserModule(Vertx vertx, Db db, Clock clock, AuthSettings auth, OriginPolicy origins, List<String> pbxIds) {
        this.sessions = new SessionStore(clock, auth.idleTimeout(), auth.absoluteTimeout(), auth.maxSessions());
        this.users = new UserService(vertx, new UserRepository(db), sessions, new PasswordHasher(),
                new LoginRateLimiter(clock, auth.maxFailuresPerName(), auth.failureWindow(), 100_000),
                new LoginRateLimiter(clock, auth.maxFailuresPerAddress(), auth.failureWindow(), 100_000));
        SessionCookie cookie = new SessionCookie(auth.secureCookie());
        this.authentication = new SessionAuthentication(sessions, cookie, pbxIds.get(0));
        this.routes = List.of(authentication, new AuthRoutes(users, cookie, origins), new UserAdminRoutes(users, pbxIds));
    }

    /** Authentication first, then the login and user-admin routes. */
    public List<RouteContributor> routes() {
        return routes;
    }

    /** Only the session authentication (also the first of {@link #routes()}). */
    public RouteContributor authentication() {
        return authentication;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** The account service; for the app's wiring and for tests. */
    public UserService users() {
        return users;
    }

    @Override
    public void close() {
        users.close();
    }
}
