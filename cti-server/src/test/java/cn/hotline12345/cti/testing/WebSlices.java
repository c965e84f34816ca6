package cn.hotline12345.cti.testing;

import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.call.internal.CallCountRepository;
import cn.hotline12345.cti.desk.DeskModule;
import cn.hotline12345.cti.desk.api.ScreenPopEnricher;
import cn.hotline12345.cti.desk.internal.ScreenPopDispatcher;
import cn.hotline12345.cti.desk.internal.SocketRegistry;
import cn.hotline12345.cti.desk.internal.WallboardPublisher;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.web.OriginPolicy;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.UserModule;
import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.cti.user.internal.UserService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The user and desk slices wired as the app wires them, for tests of the staff-facing HTTP and WebSocket side. */
public final class WebSlices implements AutoCloseable {

    public final UserModule users;
    public final DeskModule desk;

    public WebSlices(Vertx vertx, Db db, CtiConfig config, CallUpdateHub hub, LiveQueues live, AgentActions actions,
                     ScreenPopEnricher enricher, Clock clock, MeterRegistry metrics, AuthSettings auth, int maxPending) {
        this(vertx, db, config, hub, live, actions, enricher, clock, metrics, auth, maxPending,
                DeskModule.Options.defaults());
    }

    public WebSlices(Vertx vertx, Db db, CtiConfig config, CallUpdateHub hub, LiveQueues live, AgentActions actions,
                     ScreenPopEnricher enricher, Clock clock, MeterRegistry metrics, AuthSettings auth, int maxPending,
                     DeskModule.Options options) {
        OriginPolicy origins = new OriginPolicy(config.http().allowedOrigins());
        List<String> pbxIds = config.pbxs().stream().map(CtiConfig.Pbx::id).toList();
        this.users = new UserModule(vertx, db, clock, auth, origins, pbxIds);
        this.desk = new DeskModule(vertx, users.sessions(), new CallCountRepository(db), hub, live, actions, enricher,
                clock, metrics, origins, pbxIds, maxPending, options);
        desk.start(); // the pops, the wallboard and the sweep run as in the server
    }

    public WebSlices(Vertx vertx, Db db, CtiConfig config, CallUpdateHub hub, LiveQueues live, AgentActions actions,
                     ScreenPopEnricher enricher, Clock clock) {
        this(vertx, db, config, hub, live, actions, enricher, clock, new SimpleMeterRegistry(), AuthSettings.defaults(),
                DeskModule.DEFAULT_MAX_PENDING_FRAMES);
    }

    /** Authentication and login first, then the desk's routes. */
    public List<RouteContributor> routes() {
        List<RouteContributor> r = new ArrayList<>(users.routes());
        r.addAll(desk.routes());
        return r;
    }

    /** Sweeps the sessions as the desk's minute timer does and waits until it is done. */
    public void sweepSessions() {
        try {
            desk.sweepSessionsNow().await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public SocketRegistry sockets() {
        return desk.sockets();
    }

    public ScreenPopDispatcher dispatcher() {
        return desk.dispatcher();
    }

    public WallboardPublisher wallboard() {
        return desk.wallboard();
    }

    public UserService userService() {
        return users.users();
    }

    @Override
    public void close() {
        desk.close();
        users.close();
    }
}
