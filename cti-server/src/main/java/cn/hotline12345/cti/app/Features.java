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
import cn.hotline12345.cti.platform.db.InFlight;
import cn.hotline12345.cti.platform.web.ClientAddresses;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.platform.lifecycle.Lifecycle;
import cn.hotline12345.cti.platform.web.OriginPolicy;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.telephony.TelephonyModule;
import cn.hotline12345.cti.text.TextModule;
import cn.hotline12345.cti.text.TextSettings;
import cn.hotline12345.cti.telephony.routing.CallbackService;
import cn.hotline12345.cti.telephony.routing.QueueOverflow;
import cn.hotline12345.cti.user.UserModule;
import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.ivr.audio.PromptSynthesizer;
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
 * another; this is the one place that knows them all. {@link #intake()} and {@link #closeables()} list what stops,
 * in the order it stops (issue 20 item 10): first what takes new calls in, the IVR's last writes, routing and the
 * AMI links; after the HTTP listener, the consoles and the call writer's flush; the database pool last (by
 * {@code CtiServer}).
 */
record Features(CallUpdateHub hub, ClusterNode cluster, CallModule calls, TelephonyModule telephony,
                MatterModule matters, CallerModule callers, UserModule users, DeskModule desk, IvrModule agi,
                KnowledgeModule knowledge, TextModule text, cn.hotline12345.cti.phone.PhoneModule phone,
                List<RouteContributor> routes, List<Lifecycle> starts, List<AutoCloseable> intake,
                List<AutoCloseable> closeables) {

    private static final Logger LOG = LoggerFactory.getLogger(Features.class);

    static Features create(Vertx vertx, CtiConfig config, Db db, Readiness readiness, MeterRegistry metrics, Clock clock) {
        // every slice's settings, bound (and checked) before anything starts
        AuthSettings auth = AuthSettings.from(config.section("auth"));
        TextSettings textSettings = TextSettings.from(config.section("text"));
        CallUpdateHub hub = new CallUpdateHub();
        List<AutoCloseable> closeables = new ArrayList<>();
        // what runs timers or listeners of its own, started in this order once everything is built (start())
        List<Lifecycle> starts = new ArrayList<>();
        List<String> pbxIds = config.pbxs().stream().map(CtiConfig.Pbx::id).toList();
        // issue 21: call records reconciled with Asterisk's CEL and queue_log (config.reconcile())
        CallModule calls = new CallModule(vertx, db, config.database(), config.reconcile(), pbxIds, config.recordings().dir(), hub,
                readiness, metrics, clock, Features::normalisedOrNull);
        closeables.add(calls);
        starts.add(calls);
        TelephonyModule telephony = new TelephonyModule(vertx, config.pbxs(), calls, readiness, metrics, clock);
        closeables.add(telephony);

        // Several servers: the trackers (on the owner of each PBX's link) publish on `hub`, where the listeners
        // with side effects are; the web layer of every node listens on `viewHub`, fed from the event bus.
        ClusterNode cluster = null;
        CallUpdateHub viewHub = hub;
        if (config.cluster().enabled()) {
            viewHub = new CallUpdateHub();
            cluster = new ClusterNode(vertx, config, db, telephony, hub, viewHub, readiness, metrics, clock);
            calls.fenceWith(cluster::epochOf, cluster::heldEpochOf); // issue 25: a stale owner's writes are refused
            closeables.add(cluster);
        }
        Predicate<String> ownsLink = cluster == null ? pbx -> true : cluster::owns;
        LiveQueues liveQueues = cluster == null ? calls.liveQueues() : cluster.liveQueues();
        AgentActions agentActions = cluster == null ? telephony.agentActions() : cluster.agentActions();

        MatterModule matters = new MatterModule(db);
        // issue 18: the draft is opened here only (on the node running the PBX's link); the pop reads it
        DraftOnRing drafts = new DraftOnRing(matters.matters(), Features::normalised, vertx);
        hub.subscribe(drafts);
        // the IVR's topic menu speaks the knowledge base's answers (issue 22 item 3): written into ivr.soundsDir
        KnowledgeModule knowledge = new KnowledgeModule(vertx, db, clock, config.ivr().soundsDir(),
                PromptSynthesizer.espeakNg());
        starts.add(knowledge);
        closeables.add(knowledge);

        CallerModule callers = new CallerModule(vertx, db, CallerSettings.from(config.section("callers")), clock);
        starts.add(callers);
        closeables.add(callers);
        hub.subscribe(callers.callListener());
        // a profile lists the caller's open matters: a matter written makes the cached one stale
        matters.onContactWritten(callers.profiles()::invalidate);

        OriginPolicy origins = new OriginPolicy(config.http().allowedOrigins());
        UserModule users = new UserModule(vertx, db, clock, auth, origins, pbxIds,
                new ClientAddresses(config.http().trustedProxies()), metrics);
        closeables.add(users);
        DeskModule desk = new DeskModule(vertx, users.sessions(), calls.counts(), viewHub, liveQueues, agentActions,
                new HotlineScreenPopEnricher(matters.matters(), drafts, callers.profiles(), knowledge.knowledge(),
                        Features::normalised), clock, metrics,
                origins, pbxIds, DeskModule.DEFAULT_MAX_PENDING_FRAMES,
                // issue 19: wrap-up's longest hold, units' numbers and nuisance flags for the agent API; issue 24: the
                // wallboard's alarm thresholds
                new DeskModule.Options(config.desk().wrapUpMax(),
                        DeskBindings.ports(matters.parties(), callers.nuisance()), ownsLink, config.wallboard()));
        closeables.add(desk);
        starts.add(desk);
        // the calendar alarm (issue 22 item 4): wallboard alarm list, /metrics, the admin page's banner
        CalendarWatch calendarWatch = new CalendarWatch(vertx, matters.calendar(), metrics);
        desk.wallboard().addAlarmSource(calendarWatch::wallboardAlarms);
        closeables.add(calendarWatch);
        starts.add(calendarWatch);
        // issue 26: the text engine (dispatch suggestions, hot topics by meaning, merge offers, urgency flags); its
        // urgency alerts go on the wallboard's alarm list
        TextModule text = textSettings.enabled() ? new TextModule(vertx, db, clock, textSettings) : null;
        if (text != null) {
            starts.add(text);
            closeables.add(text);
            desk.wallboard().addAlarmSource(text::wallboardAlarms);
        }

        String firstPbx = pbxIds.get(0);
        IvrCalendar ivrCalendar = new IvrCalendar(vertx, matters.calendar());
        starts.add(ivrCalendar);
        closeables.add(ivrCalendar);
        IvrModule agi = new IvrModule(vertx, config, readiness, metrics, clock,
                IvrBindings.ports(ivrCalendar, matters, callers.profiles(), knowledge.voice(), firstPbx,
                        Features::normalised, clock));
        InFlight ivrWrites = new InFlight();
        agi.addListener(ended -> {
            if (ended.ending() == IvrOutcome.Ending.CALLER_HUNG_UP && ended.path() != null && !ended.path().isBlank()) {
                String pbx = ended.pbxId() != null ? ended.pbxId() : firstPbx;
                ivrWrites.track(calls.recordIvrPath(pbx, ended.uniqueid(), ended.path()))
                        .onFailure(e -> LOG.warn("cannot keep the IVR path of {}: {}", ended.uniqueid(), e.getMessage()));
            }
        });

        // users first: its authentication guards /api/* and /ws/* for every slice
        List<RouteContributor> routes = new ArrayList<>(users.routes());
        // issue 23: agents' SIP accounts (Asterisk realtime rows), the softphone's settings, softphone or desk phone;
        // before the desk's: it serves /vendor/sip.js/ and widens the console's connect-src to the PBXs' SIP WebSocket
        cn.hotline12345.cti.phone.PhoneModule phone = new cn.hotline12345.cti.phone.PhoneModule(db,
                cn.hotline12345.cti.phone.api.SoftphoneSettings.from(config.section("softphone")), pbxIds,
                config.pbxs().stream().collect(java.util.stream.Collectors.toMap(CtiConfig.Pbx::id, CtiConfig.Pbx::host)),
                clock);
        routes.addAll(phone.routes());
        routes.addAll(desk.routes());
        // issue 23: supervisors listen, whisper and barge through ChanSpy (sessions on the node running the PBX's link)
        cn.hotline12345.cti.monitor.MonitorModule monitor = new cn.hotline12345.cti.monitor.MonitorModule(db,
                telephony.connectors(), clock, vertx.eventBus(), ownsLink);
        if (cluster != null) {
            cluster.serveWhileOwning(monitor::serve);
        }
        routes.addAll(monitor.routes());
        routes.add(new IvrAdminRoutes(agi::reload));
        if (text != null) {
            routes.addAll(text.routes()); // before the matters': its /api/reports/hot-topics answers the JSON
        }
        routes.addAll(matters.routes());
        routes.addAll(knowledge.routes());
        routes.addAll(callers.routes());
        routes.add(matters.supervisionRoutes(callers.unmasker())); // issue 24: unmask, units' shares and attachments
        routes.addAll(calls.routes());
        // issue 24, the engineer's screen: AMI links, FastAGI, the call writer, the configuration in effect
        cn.hotline12345.cti.telephony.LinkStatus links = new cn.hotline12345.cti.telephony.LinkStatus(vertx, telephony,
                config.pbxs(), readiness, metrics, clock);
        closeables.add(links);
        starts.add(links);
        routes.add(new cn.hotline12345.cti.telephony.web.PbxStatusRoutes(telephony, links));
        routes.add(new cn.hotline12345.cti.ivr.web.AgiStatusRoutes(agi, metrics, config.agi()));
        routes.add(new cn.hotline12345.cti.call.web.WriterStatusRoutes(calls.writer(), config.database(), readiness));
        routes.add(new cn.hotline12345.cti.app.web.ConfigViewRoutes(config));

        // routing (issue 4 item 8): overflow to the backup queue, callbacks
        QueueOverflow overflow = new QueueOverflow(vertx, new ArrayList<>(telephony.connectors().values()), calls.sink(),
                config.routing(), clock, ownsLink).start();
        CallbackService callbacks = new CallbackService(vertx, db, telephony.connectors(), config.routing(), clock,
                TelephonyModule.CONTRACT_QUEUES, ownsLink);
        hub.subscribe(callbacks.listener());
        callbacks.start().onFailure(e -> LOG.error("callbacks: cannot start: {}", e.toString()));

        // the shutdown order (issue 20 item 10). Before the HTTP listener stops: no new IVR session, the running ones
        // end within agi.closeGrace and their paths are written; routing passes finish; the AMI links stop feeding.
        List<AutoCloseable> intake = new ArrayList<>();
        intake.add(() -> agi.close().await(60, TimeUnit.SECONDS));
        intake.add(() -> {
            int left = ivrWrites.await(java.time.Duration.ofSeconds(10));
            if (left > 0) {
                LOG.warn("{} IVR paths still being written at shutdown", left);
            }
        });
        intake.add(overflow);
        intake.add(callbacks);
        if (cluster != null) {
            intake.add(cluster);
        }
        intake.add(telephony);
        // after it: the consoles, the last queue statistics and the call writer's flush, then the rest
        List<AutoCloseable> after = new ArrayList<>();
        after.add(desk);
        after.add(links);
        after.add(calendarWatch);
        after.add(ivrCalendar);
        after.add(knowledge);
        if (text != null) {
            after.add(text);
        }
        after.add(calls);
        after.add(callers);
        after.add(users);
        // `closeables` is where a slice that must be closed is registered; one missing from the order above would
        // never be closed: refuse to start rather than leak it at shutdown
        ClusterNode node = cluster;
        if (!after.containsAll(closeables.stream().filter(c -> c != telephony && c != node).toList())) {
            throw new IllegalStateException("a closeable is missing from the shutdown order in Features");
        }
        return new Features(hub, cluster, calls, telephony, matters, callers, users, desk, agi, knowledge, text, phone,
                List.copyOf(routes), List.copyOf(starts), List.copyOf(intake), List.copyOf(after));
    }

    /**
     * Starts every part that runs something of its own, in the order they were built (the call slice first, the
     * engineer's link sampler last), before the FastAGI listener and the AMI links start. A part's background work
     * (the knowledge base's spoken answers, the text engine's first training) goes on after this returns; a part that
     * cannot start is logged and the server carries on without its background work, as before the parts had a
     * lifecycle.
     */
    void start() {
        for (Lifecycle part : starts) {
            part.start().onFailure(e -> LOG.error("{}: cannot start: {}", part.getClass().getSimpleName(), e.toString()));
        }
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
