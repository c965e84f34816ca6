package cn.hotline12345.cti.app;

import cn.hotline12345.cti.call.CallModule;
import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.caller.CallerModule;
import cn.hotline12345.cti.caller.api.CallerSettings;
import cn.hotline12345.cti.caller.api.PhoneNumbers;
import cn.hotline12345.cti.cluster.ClusterNode;
import cn.hotline12345.cti.desk.DeskModule;
import cn.hotline12345.cti.ivr.IvrModule;
import cn.hotline12345.cti.ivr.web.IvrAdminRoutes;
import cn.hotline12345.cti.knowledge.KnowledgeModule;
import cn.hotline12345.cti.matter.MatterModule;
import cn.hotline12345.cti.matter.internal.DraftOnRing;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.platform.web.OriginPolicy;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.telephony.TelephonyModule;
import cn.hotline12345.cti.telephony.routing.CallbackService;
import cn.hotline12345.cti.telephony.routing.QueueOverflow;
import cn.hotline12345.cti.user.UserModule;
import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.ivr.engine.IvrOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The composition root: builds every slice from the configuration and joins their ports. No slice builds
 * another; this is the one place that knows them all. Closing runs in the reverse order of {@link #closeables()}.
 */
record Features(CallUpdateHub hub, ClusterNode cluster, CallModule calls, TelephonyModule telephony,
                MatterModule matters, CallerModule callers, UserModule users, DeskModule desk, IvrModule agi,
                List<RouteContributor> routes, List<AutoCloseable> closeables) {

    private static final Logger LOG = LoggerFactory.getLogger(Features.class);

    static Features create(Vertx vertx, CtiConfig config, Db db, Readiness readiness, MeterRegistry metrics, Clock clock) {
        CallUpdateHub hub = new CallUpdateHub();
        List<AutoCloseable> closeables = new ArrayList<>();
        List<String> pbxIds = config.pbxs().stream().map(CtiConfig.Pbx::id).toList();
        CallModule calls = new CallModule(vertx, db, config.database(), pbxIds, config.recordings().dir(), hub,
                readiness, metrics, clock, Features::normalisedOrNull);
        closeables.add(calls);
        TelephonyModule telephony = new TelephonyModule(vertx, config.pbxs(), calls, readiness, metrics, clock);
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
        Predicate<String> ownsLink = cluster == null ? pbx -> true : cluster::owns;
        LiveQueues liveQueues = cluster == null ? calls.liveQueues() : cluster.liveQueues();
        AgentActions agentActions = cluster == null ? telephony.agentActions() : cluster.agentActions();

        MatterModule matters = new MatterModule(db);
        // issue 18: the draft is opened here only (on the node running the PBX's link); the pop reads it
        DraftOnRing drafts = new DraftOnRing(matters.matters(), Features::normalised, vertx);
        hub.subscribe(drafts);
        KnowledgeModule knowledge = new KnowledgeModule(db, clock);

        CallerModule callers = new CallerModule(vertx, db, CallerSettings.defaults(), clock);
        callers.start();
        closeables.add(callers);
        hub.subscribe(callers.callListener());
        // a profile lists the caller's open matters: a matter written makes the cached one stale
        matters.onContactWritten(callers.profiles()::invalidate);

        OriginPolicy origins = new OriginPolicy(config.http().allowedOrigins());
        UserModule users = new UserModule(vertx, db, clock, AuthSettings.defaults(), origins, pbxIds);
        closeables.add(users);
        DeskModule desk = new DeskModule(vertx, users.sessions(), calls.counts(), viewHub, liveQueues, agentActions,
                new HotlineScreenPopEnricher(matters.matters(), drafts, callers.profiles(), knowledge.knowledge(),
                        Features::normalised), clock, metrics,
                origins, pbxIds, DeskModule.DEFAULT_MAX_PENDING_FRAMES,
                // issue 19: wrap-up's longest hold, units' numbers and nuisance flags for the agent API
                new DeskModule.Options(config.desk().wrapUpMax(),
                        DeskBindings.ports(matters.parties(), callers.nuisance()), ownsLink));
        closeables.add(desk);

        String firstPbx = pbxIds.get(0);
        IvrModule agi = new IvrModule(vertx, config, readiness, metrics, clock,
                IvrBindings.ports(vertx, matters, callers.profiles(), firstPbx, Features::normalised, clock));
        agi.addListener(ended -> {
            if (ended.ending() == IvrOutcome.Ending.CALLER_HUNG_UP && ended.path() != null && !ended.path().isBlank()) {
                String pbx = ended.pbxId() != null ? ended.pbxId() : firstPbx;
                calls.recordIvrPath(pbx, ended.uniqueid(), ended.path())
                        .onFailure(e -> LOG.warn("cannot keep the IVR path of {}: {}", ended.uniqueid(), e.getMessage()));
            }
        });
        closeables.add(() -> agi.close().await(15, TimeUnit.SECONDS));

        // users first: its authentication guards /api/* and /ws/* for every slice
        List<RouteContributor> routes = new ArrayList<>(users.routes());
        routes.addAll(desk.routes());
        routes.add(new IvrAdminRoutes(agi::reload));
        routes.addAll(matters.routes());
        routes.addAll(knowledge.routes());
        routes.addAll(callers.routes());
        routes.addAll(calls.routes());

        // routing (issue 4 item 8): overflow to the backup queue, callbacks
        QueueOverflow overflow = new QueueOverflow(vertx, new ArrayList<>(telephony.connectors().values()), calls.sink(),
                config.routing(), clock, ownsLink).start();
        closeables.add(0, overflow);
        CallbackService callbacks = new CallbackService(vertx, db, telephony.connectors(), config.routing(), clock,
                TelephonyModule.CONTRACT_QUEUES, ownsLink);
        hub.subscribe(callbacks.listener());
        callbacks.start().onFailure(e -> LOG.error("callbacks: cannot start: {}", e.toString()));
        closeables.add(0, callbacks);
        return new Features(hub, cluster, calls, telephony, matters, callers, users, desk, agi, List.copyOf(routes),
                List.copyOf(closeables));
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
