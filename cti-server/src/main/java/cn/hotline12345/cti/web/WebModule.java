package cn.hotline12345.cti.web;

import cn.hotline12345.cti.call.AgentActions;
import cn.hotline12345.cti.call.CallUpdateHub;
import cn.hotline12345.cti.call.LiveQueues;
import cn.hotline12345.cti.config.CtiConfig;
import cn.hotline12345.cti.db.Db;
import cn.hotline12345.cti.user.LoginRateLimiter;
import cn.hotline12345.cti.user.PasswordHasher;
import cn.hotline12345.cti.user.SessionStore;
import cn.hotline12345.cti.user.UserRepository;
import cn.hotline12345.cti.user.UserService;
import cn.hotline12345.cti.web.agent.AgentRoutes;
import cn.hotline12345.cti.web.auth.AuthRoutes;
import cn.hotline12345.cti.web.auth.AuthSettings;
import cn.hotline12345.cti.web.auth.OriginPolicy;
import cn.hotline12345.cti.web.auth.SessionAuthentication;
import cn.hotline12345.cti.web.auth.SessionCookie;
import cn.hotline12345.cti.web.auth.UserAdminRoutes;
import cn.hotline12345.cti.web.console.ConsolePages;
import cn.hotline12345.cti.web.wallboard.CallCountRepository;
import cn.hotline12345.cti.web.wallboard.HourlyCalls;
import cn.hotline12345.cti.web.wallboard.WallboardPublisher;
import cn.hotline12345.cti.web.wallboard.WallboardRoutes;
import cn.hotline12345.cti.web.ws.ScreenPopDispatcher;
import cn.hotline12345.cti.web.ws.ScreenPopEnricher;
import cn.hotline12345.cti.web.ws.SocketRegistry;
import cn.hotline12345.cti.web.ws.WsRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * The agent desktop feature (issue 8): users and sessions, the agent API, screen pops and the wallboard
 * over WebSocket, the console and wallboard pages. The server mounts {@link #routes()} (the first of
 * them authenticates {@code /api/*} and {@code /ws/*} for every feature, whatever its position) and
 * closes the module at shutdown.
 */
public final class WebModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebModule.class);
    /** Local time of the hotline, for "today" on the wallboard. */
    public static final ZoneId HOTLINE_ZONE = ZoneId.of("Asia/Shanghai");
    /** Frames a connection may hold back before it is cut as a slow consumer. */
    public static final int DEFAULT_MAX_PENDING_FRAMES = 256;

    private final Vertx vertx;
    private final UserService users;
    private final SessionStore sessions;
    private final SocketRegistry sockets;
    private final ScreenPopDispatcher dispatcher;
    private final WallboardPublisher wallboard;
    private final SessionAuthentication authentication;
    private final List<RouteContributor> routes;
    private final long sweepTimer;

    /** With default limits and a private meter registry. */
    public WebModule(Vertx vertx, Db db, CtiConfig config, CallUpdateHub hub, LiveQueues liveQueues,
                     AgentActions actions, ScreenPopEnricher enricher, Clock clock) {
        this(vertx, db, config, hub, liveQueues, actions, enricher, clock, new SimpleMeterRegistry(),
                AuthSettings.defaults(), DEFAULT_MAX_PENDING_FRAMES);
    }

    public WebModule(Vertx vertx, Db db, CtiConfig config, CallUpdateHub hub, LiveQueues liveQueues,
                     AgentActions actions, ScreenPopEnricher enricher, Clock clock, MeterRegistry metrics,
                     AuthSettings auth, int maxPendingFrames) {
        this.vertx = vertx;
        this.sessions = new SessionStore(clock, auth.idleTimeout(), auth.absoluteTimeout(), auth.maxSessions());
        this.users = new UserService(vertx, new UserRepository(db), sessions, new PasswordHasher(),
                new LoginRateLimiter(clock, auth.maxFailuresPerName(), auth.failureWindow(), 100_000),
                new LoginRateLimiter(clock, auth.maxFailuresPerAddress(), auth.failureWindow(), 100_000));
        this.sockets = new SocketRegistry(metrics, maxPendingFrames);
        sessions.onEnd(s -> sockets.closeSession(s.id()));
        this.dispatcher = new ScreenPopDispatcher(vertx, hub, liveQueues, sockets, enricher);
        HourlyCalls hourly = new HourlyCalls(clock, HOTLINE_ZONE);
        new CallCountRepository(db).perHour(hourly.startOfToday())
                .onSuccess(counts -> hourly.seed(hourly.startOfToday().toLocalDate(), counts))
                .onFailure(e -> LOG.warn("cannot read today's call counts: {}", e.toString()));
        this.wallboard = new WallboardPublisher(vertx, liveQueues, sockets, hourly, hub, clock);
        SessionCookie cookie = new SessionCookie(auth.secureCookie());
        OriginPolicy origins = new OriginPolicy(config.http().allowedOrigins());
        // an agent's phone is on their user's PBX; users without one are on the first configured PBX
        List<String> pbxIds = config.pbxs().isEmpty() ? List.of("pbx1")
                : config.pbxs().stream().map(CtiConfig.Pbx::id).toList();
        this.authentication = new SessionAuthentication(sessions, cookie, pbxIds.get(0));
        this.routes = List.of(
                authentication,
                new AuthRoutes(users, cookie, origins),
                new UserAdminRoutes(users, pbxIds),
                new AgentRoutes(actions, dispatcher, pbxIds),
                new WsRoutes(origins, sockets, dispatcher, wallboard::connected, clock),
                new WallboardRoutes(wallboard),
                new ConsolePages());
        this.sweepTimer = vertx.setPeriodic(60_000, id -> sweepSessions());
    }

    /**
     * Ends idle and over-age sessions. A session holding an open console or wallboard WebSocket is in use (an
     * agent waiting for calls makes no HTTP request for hours, a wall display never does): its idle timer
     * restarts here, so only the absolute limit ends it. Run every minute; public for tests.
     */
    public void sweepSessions() {
        sockets.sessionsWithOpenSockets().forEach(sessions::touch);
        sessions.sweep();
    }

    /** Every route of the feature, authentication first. */
    public List<RouteContributor> routes() {
        return routes;
    }

    /**
     * Only the session authentication, for servers that mount this feature's other routes elsewhere; it
     * is also the first of {@link #routes()}.
     */
    public RouteContributor authentication() {
        return authentication;
    }

    public UserService users() {
        return users;
    }

    public SessionStore sessions() {
        return sessions;
    }

    public SocketRegistry sockets() {
        return sockets;
    }

    public ScreenPopDispatcher dispatcher() {
        return dispatcher;
    }

    public WallboardPublisher wallboard() {
        return wallboard;
    }

    @Override
    public void close() {
        vertx.cancelTimer(sweepTimer);
        dispatcher.close();
        wallboard.close();
        users.close();
    }
}
