package cn.hotline12345.cti.ivr;


import cn.hotline12345.cti.ivr.agi.AgiMetrics;
import cn.hotline12345.cti.ivr.agi.AgiPbxResolver;
import cn.hotline12345.cti.ivr.agi.AgiServer;
import cn.hotline12345.cti.ivr.agi.AgiSettings;
import cn.hotline12345.cti.ivr.agi.AgiVerticle;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.ivr.internal.HotlineIvrServices;
import cn.hotline12345.cti.ivr.internal.IvrFlows;
import cn.hotline12345.cti.ivr.api.IvrPorts;
import cn.hotline12345.cti.ivr.api.IvrSessionListener;
import cn.hotline12345.ivr.FlowRegistry;
import cn.hotline12345.ivr.FlowSource;
import cn.hotline12345.ivr.HotlineNames;
import cn.hotline12345.ivr.engine.SessionLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The IVR over FastAGI, as one unit the server wires: loads the flows ({@code ivr.flowsDir} or the shipped ones),
 * listens on {@code agi.host:agi.port} and runs a flow per connection, reports component {@code agi} to
 * {@link Readiness}, publishes every ended session to the {@link IvrSessionListener}s.
 *
 * <pre>
 * IvrModule agi = new IvrModule(vertx, config, readiness, registry, Clock.systemUTC(), IvrPorts.nothingKnown());
 * agi.addListener(ended -&gt; callRecords.ivrPath(ended.uniqueid(), ended.path()));
 * int port = agi.start().await();   // fails when a flow is invalid, listing the problems
 * agi.reload();                     // admin action: keeps the last good flows when the new ones are invalid
 * agi.close();                      // stop accepting, let sessions end within the grace, close
 * </pre>
 */
public final class IvrModule {

    private static final Logger LOG = LoggerFactory.getLogger(IvrModule.class);
    /** The component name in /ready. */
    public static final String COMPONENT = "agi";

    private final Vertx vertx;
    private final CtiConfig config;
    private final Readiness readiness;
    private final Clock clock;
    private final IvrPorts ports;
    private final AgiSettings settings;
    private final FlowSource source;
    private final AgiMetrics metrics;
    private final HotlineIvrServices services;
    private final List<IvrSessionListener> pendingListeners = new ArrayList<>();
    private final List<String> deployments = new ArrayList<>();
    private volatile AgiServer server;
    private volatile IvrFlows flows;
    private volatile int port = -1;
    private volatile String listening = "";
    private long readinessTimer = -1;

    /** With the settings of the configuration's {@code agi} section and the flows {@code config.ivr()} names. */
    public IvrModule(Vertx vertx, CtiConfig config, Readiness readiness, MeterRegistry registry, Clock clock,
                     IvrPorts ports) {
        this(vertx, config, readiness, registry, clock, ports, AgiSettings.from(config.section("agi")),
                IvrFlows.source(config.ivr()));
    }

    /** With explicit settings and flow source (tests, benchmarks). */
    public IvrModule(Vertx vertx, CtiConfig config, Readiness readiness, MeterRegistry registry, Clock clock,
                     IvrPorts ports, AgiSettings settings, FlowSource source) {
        this.vertx = Objects.requireNonNull(vertx);
        this.config = Objects.requireNonNull(config);
        this.readiness = Objects.requireNonNull(readiness);
        this.clock = Objects.requireNonNull(clock);
        this.ports = Objects.requireNonNull(ports);
        this.settings = Objects.requireNonNull(settings);
        this.source = Objects.requireNonNull(source);
        this.metrics = new AgiMetrics(registry);
        this.services = new HotlineIvrServices(vertx, ports, clock, settings.lookupTimeout(), registry);
        readiness.report(COMPONENT, false, "starting");
    }

    /**
     * Loads the flows (off the event loop) and starts listening. Completes with the bound port; fails with
     * {@link cn.hotline12345.ivr.InvalidFlowsException} when a flow is invalid, or with the bind error.
     */
    public Future<Integer> start() {
        return IvrFlows.load(vertx, source).compose(loaded -> {
            flows = loaded;
            SessionLimits limits = new SessionLimits(config.agi().maxSessionDuration(), settings.maxSteps(),
                    HotlineNames.OPERATOR_QUEUE);
            AgiServer s = new AgiServer(vertx, loaded, services, limits, new AgiPbxResolver(config.pbxs()), settings,
                    metrics, clock, config.agi().maxSessions(), config.agi().maxSessionDuration());
            synchronized (pendingListeners) {
                pendingListeners.forEach(s::addListener);
                server = s;
            }
            // a negative port makes Vert.x share one random port among the instances (port 0 would give each its own)
            int listenPort = config.agi().port() == 0 ? -1 : config.agi().port();
            List<AgiVerticle> instances = new ArrayList<>();
            return vertx.deployVerticle(() -> {
                AgiVerticle v = new AgiVerticle(s, config.agi().host(), listenPort, settings.closeGrace().toMillis());
                synchronized (instances) {
                    instances.add(v);
                }
                return v;
            }, new DeploymentOptions().setInstances(settings.instances())).map(id -> {
                deployments.add(id);
                synchronized (instances) {
                    return instances.get(0).actualPort();
                }
            });
        }).onSuccess(p -> {
            port = p;
            listening = "listening on " + config.agi().host() + ":" + p + ", flows " + flows.current().version();
            refreshReadiness();
            readinessTimer = vertx.setPeriodic(1_000, id -> refreshReadiness());
            LOG.info("FastAGI listening on {}:{} ({} instance(s)), flows {}, sources {}", config.agi().host(), p,
                    settings.instances(), flows.current().version(), server.pbxs().describeSourcesForLog());
        }).onFailure(e -> readiness.report(COMPONENT, false, "not started: " + e.getMessage()));
    }

    /**
     * {@code agi} in /ready: DOWN while sessions were refused as busy within {@code agi.busyWindow} (real calls are
     * being turned away: issue 20 item 7), and the refusals since start in the detail either way.
     */
    private void refreshReadiness() {
        AgiServer s = server;
        if (s == null || port < 0) {
            return;
        }
        long lastBusy = metrics.lastBusyMillis();
        boolean busy = lastBusy != Long.MIN_VALUE && System.currentTimeMillis() - lastBusy < settings.busyWindow().toMillis();
        StringBuilder refused = new StringBuilder();
        for (cn.hotline12345.cti.ivr.agi.AgiRefusal r : cn.hotline12345.cti.ivr.agi.AgiRefusal.values()) {
            long n = metrics.refusedCount(r);
            if (n > 0) {
                refused.append(refused.length() == 0 ? "" : ", ").append(r.tag()).append('=').append(n);
            }
        }
        String detail = listening + "; sessions " + metrics.activeSessions() + "/" + config.agi().maxSessions()
                + ", connections sending their environment " + metrics.pendingConnections() + "/" + settings.maxPending()
                + "; refused since start: " + (refused.length() == 0 ? "none" : refused);
        readiness.report(COMPONENT, !busy, busy ? "refusing calls: all " + config.agi().maxSessions()
                + " sessions taken (agi.maxSessions) within the last " + settings.busyWindow().toSeconds() + " s; " + detail
                : detail);
    }

    /** Adds a hook told of every ended IVR session (before or after start). */
    public void addListener(IvrSessionListener listener) {
        Objects.requireNonNull(listener);
        synchronized (pendingListeners) {
            if (server != null) {
                server.addListener(listener);
            } else {
                pendingListeners.add(listener);
            }
        }
    }

    /**
     * Reloads the flows on a worker thread; an invalid set is rejected and the last good one stays live. Sessions in
     * progress keep the version they started with.
     */
    public Future<FlowRegistry.ReloadResult> reload() {
        IvrFlows f = flows;
        if (f == null) {
            return Future.failedFuture(new IllegalStateException("the FastAGI module is not started"));
        }
        return f.reload();
    }

    /** The live flows (after start). */
    public IvrFlows flows() {
        return flows;
    }

    /** The bound port, or -1 before start. */
    public int port() {
        return port;
    }

    public AgiMetrics metrics() {
        return metrics;
    }

    /**
     * Stops accepting connections, lets running sessions end within {@link AgiSettings#closeGrace()}, then closes the
     * rest (their dialplans continue with the defaults).
     */
    public Future<Void> close() {
        if (readinessTimer >= 0) {
            vertx.cancelTimer(readinessTimer);
            readinessTimer = -1;
        }
        port = -1;
        readiness.report(COMPONENT, false, "closing");
        AgiServer s = server;
        if (s != null) {
            s.closing();
        }
        List<Future<Void>> undeployed = new ArrayList<>();
        for (String id : deployments) {
            undeployed.add(vertx.undeploy(id));
        }
        deployments.clear();
        return Future.join(undeployed).<Void>mapEmpty().compose(v -> sessionsEnded(5_000))
                .onComplete(ar -> readiness.report(COMPONENT, false, "closed"));
    }

    /**
     * Completes when no session is left (their ends, and what their listeners started, are done) or after
     * {@code boundMillis}: the listeners' last writes are then under way before the database is closed.
     */
    private Future<Void> sessionsEnded(long boundMillis) {
        if (metrics.activeSessions() == 0) {
            return Future.succeededFuture();
        }
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        long until = System.currentTimeMillis() + boundMillis;
        vertx.setPeriodic(20, id -> {
            if (metrics.activeSessions() == 0 || System.currentTimeMillis() > until) {
                vertx.cancelTimer(id);
                if (metrics.activeSessions() > 0) {
                    LOG.warn("{} IVR sessions still running after the close grace", metrics.activeSessions());
                }
                done.tryComplete();
            }
        });
        return done.future();
    }
}
