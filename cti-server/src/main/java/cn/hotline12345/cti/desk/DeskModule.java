package cn.hotline12345.cti.desk;

import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.call.api.CallCounts;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.desk.api.DeskPorts;
import cn.hotline12345.cti.desk.api.ScreenPopEnricher;
import cn.hotline12345.cti.desk.internal.AgentBoard;
import cn.hotline12345.cti.desk.internal.HourlyCalls;
import cn.hotline12345.cti.desk.internal.ScreenPopDispatcher;
import cn.hotline12345.cti.desk.internal.SocketRegistry;
import cn.hotline12345.cti.desk.internal.WallboardPublisher;
import cn.hotline12345.cti.desk.web.AgentRoutes;
import cn.hotline12345.cti.desk.web.ConsolePages;
import cn.hotline12345.cti.desk.web.ScreenPages;
import cn.hotline12345.cti.desk.web.SupervisorAgentRoutes;
import cn.hotline12345.cti.desk.web.WallboardRoutes;
import cn.hotline12345.cti.desk.web.WsRoutes;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.web.OriginPolicy;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.api.Sessions;
import io.micrometer.core.instrument.MeterRegistry;
import cn.hotline12345.cti.platform.lifecycle.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * The agent desk slice (坐席工作台, issue 8): the agent API, screen pops and the wallboard over WebSocket, the console
 * and wallboard pages. The app mounts {@link #routes()} after the user slice's authentication and closes the module
 * at shutdown.
 */
public final class DeskModule implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DeskModule.class);
    /** Frames a connection may hold back before it is cut as a slow consumer. */
    public static final int DEFAULT_MAX_PENDING_FRAMES = 256;

    private final Vertx vertx;
    private final Sessions sessions;
    private final SocketRegistry sockets;
    private final ScreenPopDispatcher dispatcher;
    private final WallboardPublisher wallboard;
    private final AgentBoard agentBoard;
    private final List<RouteContributor> routes;
    private final CallCounts counts;
    private final HourlyCalls hourly;
    private long sweepTimer = -1;

    /**
     * What the desk is given beyond the call and user slices.
     *
     * @param wrapUpMax the longest wrap-up holds an agent's phone (configuration {@code desk.wrapUpMax})
     * @param ports     the units' numbers and the nuisance flag (other slices, bound by the app)
     * @param ownsPbx   whether this node runs a PBX's link (several servers: only that node pauses for wrap-up)
     */
    public record Options(java.time.Duration wrapUpMax, DeskPorts ports, java.util.function.Predicate<String> ownsPbx,
                          CtiConfig.Wallboard wallboard) {
        public static Options defaults() {
            return new Options(CtiConfig.Desk.defaults().wrapUpMax(), DeskPorts.none(), pbx -> true,
                    CtiConfig.Wallboard.defaults());
        }
    }

    /**
     * @param pbxIds the configured PBXs (an agent's phone is on their user's PBX, or on the first)
     * @param counts today's calls per hour, to seed the wallboard's chart after a restart
     */
    public DeskModule(Vertx vertx, Sessions sessions, CallCounts counts, CallUpdateHub hub, LiveQueues liveQueues,
                      AgentActions actions, ScreenPopEnricher enricher, Clock clock, MeterRegistry metrics,
                      OriginPolicy origins, List<String> pbxIds, int maxPendingFrames) {
        this(vertx, sessions, counts, hub, liveQueues, actions, enricher, clock, metrics, origins, pbxIds,
                maxPendingFrames, Options.defaults());
    }

    public DeskModule(Vertx vertx, Sessions sessions, CallCounts counts, CallUpdateHub hub, LiveQueues liveQueues,
                      AgentActions actions, ScreenPopEnricher enricher, Clock clock, MeterRegistry metrics,
                      OriginPolicy origins, List<String> pbxIds, int maxPendingFrames, Options options) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.sockets = new SocketRegistry(metrics, maxPendingFrames);
        sessions.onEnd(s -> sockets.closeSession(s.id()));
        this.dispatcher = new ScreenPopDispatcher(vertx, hub, liveQueues, sockets, enricher, actions,
                options.wrapUpMax(), options.ownsPbx());
        this.counts = counts;
        this.hourly = new HourlyCalls(clock, HotlineTime.ZONE);
        this.wallboard = new WallboardPublisher(vertx, liveQueues, sockets, hourly, hub, clock, options.wallboard(),
                pbxIds);
        // issue 24: the supervisor's live agent list, its daily counts seeded like the wallboard's chart
        this.agentBoard = new AgentBoard(hub, liveQueues, clock, HotlineTime.ZONE);
        this.routes = List.of(
                new AgentRoutes(actions, dispatcher, pbxIds, liveQueues, options.ports()),
                new WsRoutes(origins, sockets, dispatcher, wallboard::connected, clock),
                new WallboardRoutes(wallboard),
                new SupervisorAgentRoutes(agentBoard),
                new ConsolePages(),
                new ScreenPages());
    }

    /**
     * Seeds today's counts (the wallboard's chart, the supervisor's calls per agent) from the call records, starts
     * the screen pops, the wallboard's ticks and the minute's session sweep. A count that cannot be read is logged
     * and left at zero: the desk starts anyway.
     */
    @Override
    public synchronized Future<Void> start() {
        if (sweepTimer >= 0) {
            return Future.succeededFuture();
        }
        counts.perHour(hourly.startOfToday())
                .onSuccess(c -> hourly.seed(hourly.startOfToday().toLocalDate(), c))
                .onFailure(e -> LOG.warn("cannot read today's call counts: {}", e.toString()));
        counts.answeredPerAgent(agentBoard.startOfToday())
                .onSuccess(c -> agentBoard.seed(agentBoard.startOfToday().toLocalDate(), c))
                .onFailure(e -> LOG.warn("cannot read today's calls per agent: {}", e.toString()));
        this.sweepTimer = vertx.setPeriodic(60_000, id -> sweepSessions());
        return Future.join(dispatcher.start(), wallboard.start()).mapEmpty();
    }

    /**
     * Ends idle and over-age sessions. A session holding an open console or wallboard WebSocket is in use (an
     * agent waiting for calls makes no HTTP request for hours, a wall display never does): its idle timer
     * restarts here, so only the absolute limit ends it. Run every minute; public for tests.
     */
    public void sweepSessions() {
        sweepSessionsNow();
    }

    /** {@link #sweepSessions()}, completed when the sweep is done (tests). */
    public io.vertx.core.Future<Void> sweepSessionsNow() {
        List<io.vertx.core.Future<?>> touched = new java.util.ArrayList<>();
        sockets.sessionsWithOpenSockets().forEach(id -> touched.add(sessions.touch(id)));
        return io.vertx.core.Future.join(touched).transform(x -> sessions.sweep());
    }

    /** Every route of the slice. */
    public List<RouteContributor> routes() {
        return routes;
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

    /** The supervisor's live agent list. */
    public AgentBoard agentBoard() {
        return agentBoard;
    }

    @Override
    public synchronized void close() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
            sweepTimer = -1;
        }
        dispatcher.close();
        wallboard.close();
        agentBoard.close();
    }
}
