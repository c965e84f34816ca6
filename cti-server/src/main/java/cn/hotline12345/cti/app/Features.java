package cn.hotline12345.cti.app;

import cn.hotline12345.cti.call.AgentActions;
import cn.hotline12345.cti.call.CallUpdateHub;
import cn.hotline12345.cti.call.LiveQueues;
import cn.hotline12345.cti.cluster.ClusterNode;
import cn.hotline12345.cti.caller.CallerModule;
import cn.hotline12345.cti.caller.CallerSettings;
import cn.hotline12345.cti.caller.PhoneNumbers;
import cn.hotline12345.cti.call.store.CallRecordRepository;
import cn.hotline12345.cti.config.CtiConfig;
import cn.hotline12345.cti.db.Db;
import cn.hotline12345.cti.health.Readiness;
import cn.hotline12345.cti.matter.DraftOnRing;
import cn.hotline12345.cti.matter.MatterModule;
import cn.hotline12345.cti.telephony.TelephonyModule;
import cn.hotline12345.cti.telephony.agi.AgiModule;
import cn.hotline12345.cti.web.IvrAdminRoutes;
import cn.hotline12345.cti.web.RouteContributor;
import cn.hotline12345.cti.web.WebModule;
import cn.hotline12345.cti.web.auth.AuthSettings;
import cn.hotline12345.ivr.engine.IvrOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server's features and how they are joined: telephony (AMI), matters, the agent desktop and the
 * IVR over FastAGI. Each feature is built by its own module; this class only connects their ports.
 */
record Features(CallUpdateHub hub, ClusterNode cluster, TelephonyModule telephony, MatterModule matters, CallerModule callers, WebModule web,
                AgiModule agi, List<RouteContributor> routes, List<AutoCloseable> closeables) {

    private static final Logger LOG = LoggerFactory.getLogger(Features.class);

    static Features create(Vertx vertx, CtiConfig config, Db db, Readiness readiness, MeterRegistry metrics, Clock clock) {
        CallUpdateHub hub = new CallUpdateHub();
        List<AutoCloseable> closeables = new ArrayList<>();
        TelephonyModule telephony = new TelephonyModule(vertx, config, db, hub, readiness, metrics, clock,
                Features::normalisedOrNull);
        closeables.add(telephony);

        // Several servers: the trackers (on the owner of each PBX's link) publish on `hub`, where the listeners
        // with side effects are; the web layer of every node listens on `viewHub`, fed from the event bus.
        ClusterNode cluster = null;
        CallUpdateHub viewHub = hub;
        if (config.cluster().enabled()) {
            viewHub = new CallUpdateHub();
            cluster = new ClusterNode(vertx, config, db, telephony, hub, viewHub, readiness, metrics, clock);
            closeables.add(cluster);
        }
        java.util.function.Predicate<String> ownsLink = cluster == null ? pbx -> true : cluster::owns;
        LiveQueues liveQueues = cluster == null ? telephony.liveQueues() : cluster.liveQueues();
        AgentActions agentActions = cluster == null ? telephony.agentActions() : cluster.agentActions();

        MatterModule matters = new MatterModule(db);
        hub.subscribe(new DraftOnRing(matters.matters(), Features::normalised));

        CallerModule callers = new CallerModule(vertx, db, CallerSettings.defaults(), clock);
        callers.start();
        closeables.add(callers);
        hub.subscribe(callers.callListener());
        // a profile lists the caller's open matters: a matter written makes the cached one stale
        matters.onContactWritten(callers.profiles()::invalidate);

        WebModule web = new WebModule(vertx, db, config, viewHub, liveQueues, agentActions,
                new HotlineScreenPopEnricher(matters.matters(), callers.profiles(), Features::normalised), clock, metrics, AuthSettings.defaults(), WebModule.DEFAULT_MAX_PENDING_FRAMES);
        closeables.add(web);

        String firstPbx = config.pbxs().get(0).id();
        AgiModule agi = new AgiModule(vertx, config, readiness, metrics, clock,
                IvrBindings.ports(vertx, matters, callers.profiles(), firstPbx, Features::normalised, clock));
        agi.addListener(ended -> {
            if (ended.ending() == IvrOutcome.Ending.CALLER_HUNG_UP && ended.path() != null && !ended.path().isBlank()) {
                String pbx = ended.pbxId() != null ? ended.pbxId() : firstPbx;
                db.query(dsl -> new CallRecordRepository(dsl).recordIvrPath(pbx, ended.uniqueid(), ended.path()))
                        .onFailure(e -> LOG.warn("cannot keep the IVR path of {}: {}", ended.uniqueid(), e.getMessage()));
            }
        });
        closeables.add(() -> agi.close().await(15, TimeUnit.SECONDS));

        List<RouteContributor> routes = new ArrayList<>(web.routes());
        routes.add(new IvrAdminRoutes(agi::reload));
        routes.addAll(matters.routes());
        routes.addAll(callers.routes());

        // ---- routing and recordings (issue 4 items 8 and 9) -------------------------------------------
        routes.add(new cn.hotline12345.cti.web.recording.RecordingRoutes(
                new cn.hotline12345.cti.call.recording.RecordingService(db, config.recordings().dir(), clock)));
        cn.hotline12345.cti.telephony.routing.QueueOverflow overflow = new cn.hotline12345.cti.telephony.routing.QueueOverflow(
                vertx, new ArrayList<>(telephony.connectors().values()), telephony.sink(), config.routing(), clock, ownsLink).start();
        closeables.add(0, overflow);
        cn.hotline12345.cti.telephony.routing.CallbackService callbacks = new cn.hotline12345.cti.telephony.routing.CallbackService(
                vertx, db, telephony.connectors(), config.routing(), clock, TelephonyModule.CONTRACT_QUEUES, ownsLink);
        hub.subscribe(callbacks.listener());
        callbacks.start().onFailure(e -> LOG.error("callbacks: cannot start: {}", e.toString()));
        closeables.add(0, callbacks);
        // ---- end of routing and recordings ----------------------------------------------------------------
        return new Features(hub, cluster, telephony, matters, callers, web, agi, List.copyOf(routes), List.copyOf(closeables));
    }

    /** The caller profile's key for a raw number; empty for withheld or invalid numbers (never merged). */
    static String normalised(String raw) {
        String n = PhoneNumbers.normalise(raw).normalised();
        return n == null ? "" : n;
    }

    static String normalisedOrNull(String raw) {
        return PhoneNumbers.normalise(raw).normalised();
    }
}
