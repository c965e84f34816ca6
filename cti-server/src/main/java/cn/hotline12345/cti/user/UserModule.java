package cn.hotline12345.cti.user;

import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.web.OriginPolicy;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.cti.user.api.Sessions;
import cn.hotline12345.cti.platform.web.ClientAddresses;
import cn.hotline12345.cti.user.internal.HashPool;
import cn.hotline12345.cti.user.internal.LoginGuard;
import cn.hotline12345.cti.user.internal.SessionRepository;
import cn.hotline12345.cti.user.internal.UserRepository;
import cn.hotline12345.cti.user.internal.UserService;
import cn.hotline12345.cti.user.web.AuthRoutes;
import cn.hotline12345.cti.user.web.SessionAuthentication;
import cn.hotline12345.cti.user.web.SessionCookie;
import cn.hotline12345.cti.user.web.SetupRoutes;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import cn.hotline12345.cti.user.web.UserAdminRoutes;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.List;

/**
 * The user slice: accounts, passwords, login limits and console sessions, and their routes (login, logout, the
 * admin's user API, the first start's one-time administrator setup). {@link #authentication()} authenticates {@code /api/*} and {@code /ws/*} for every slice and is
 * mounted first.
 */
public final class UserModule implements AutoCloseable {

    private final SessionRepository sessions;
    private final UserService users;
    private final SessionAuthentication authentication;
    private final List<RouteContributor> routes;

    /**
     * Without trusted proxies (every client is its TCP peer) and without meters.
     *
     * @param pbxIds the configured PBXs: a user's phone is on one of them, users without one on the first
     */
    public UserModule(Vertx vertx, Db db, Clock clock, AuthSettings auth, OriginPolicy origins, List<String> pbxIds) {
        this(vertx, db, clock, auth, origins, pbxIds, ClientAddresses.direct(), null);
    }

    /**
     * @param pbxIds  the configured PBXs: a user's phone is on one of them, users without one on the first
     * @param clients who a request comes from ({@code http.trustedProxies}), for the login limits and the cookie
     * @param metrics where the login and session meters go (null: none)
     */
    public UserModule(Vertx vertx, Db db, Clock clock, AuthSettings auth, OriginPolicy origins, List<String> pbxIds,
                      ClientAddresses clients, MeterRegistry metrics) {
        this.sessions = new SessionRepository(vertx, db, clock, auth.idleTimeout(), auth.absoluteTimeout(), auth.maxSessions(),
                auth.maxSessionsPerUser());
        this.users = new UserService(vertx, new UserRepository(db), sessions, clock, auth);
        SessionCookie cookie = new SessionCookie(auth.secureCookie(), clients);
        this.authentication = new SessionAuthentication(sessions, cookie, pbxIds.get(0));
        this.routes = List.of(authentication, new AuthRoutes(users, cookie, origins, clients),
                new UserAdminRoutes(users, pbxIds), new SetupRoutes(users, origins));
        if (metrics != null) {
            meters(metrics);
        }
    }

    /** cti.login.throttled{limit}, cti.login.shed, cti.login.failures, cti.sessions.active, cti.sessions.evicted{why}. */
    private void meters(MeterRegistry m) {
        LoginGuard g = users.guard();
        for (LoginGuard.Limit l : LoginGuard.Limit.values()) {
            FunctionCounter.builder("cti.login.throttled", g, x -> x.throttled(l)).tag("limit", l.name().toLowerCase(
                    java.util.Locale.ROOT)).description("logins refused with 429 by a limit, before any password check")
                    .register(m);
        }
        FunctionCounter.builder("cti.login.shed", users.hashPool(), HashPool::shed)
                .description("logins refused with 429 because the hash queue was full").register(m);
        FunctionCounter.builder("cti.login.hashes", users.hashPool(), HashPool::hashed)
                .description("password hashes computed").register(m);
        FunctionCounter.builder("cti.login.failures", g, LoginGuard::failures)
                .description("failed logins counted by the limits").register(m);
        Gauge.builder("cti.sessions.active", sessions, SessionRepository::size).description("live console sessions (all nodes, as last counted by this one)").register(m);
        FunctionCounter.builder("cti.sessions.evicted", sessions, SessionRepository::evictedForUser).tag("why", "per_user")
                .description("sessions ended to make room for a login").register(m);
        FunctionCounter.builder("cti.sessions.evicted", sessions, SessionRepository::evictedForRoom).tag("why", "store_full")
                .description("sessions ended to make room for a login").register(m);
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
        sessions.close();
        users.close();
    }
}
