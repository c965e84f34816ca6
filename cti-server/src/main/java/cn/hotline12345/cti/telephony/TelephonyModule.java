package cn.hotline12345.cti.telephony;

import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.call.tracking.CallTracker;
import cn.hotline12345.cti.call.tracking.QueueBoard;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.call.CallModule;
import cn.hotline12345.contract.HotlineQueue;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.telephony.ami.AmiAgentActions;
import cn.hotline12345.cti.telephony.ami.AmiLink;
import cn.hotline12345.cti.telephony.ami.PbxConnector;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The telephony slice's AMI side: one link and connector per configured PBX feeding that PBX's call tracker (in the
 * call slice), and the agent actions sent over those links. Built by the app and closed with it, before the call
 * slice drains its writer.
 */
public final class TelephonyModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelephonyModule.class);
    /** Queues of the dialplan contract: the allow-list for agent logins and transfers. */
    public static final Set<String> CONTRACT_QUEUES = Set.copyOf(HotlineQueue.ids());

    private final Vertx vertx;
    private final CallModule calls;
    private final Map<String, PbxConnector> connectors = new LinkedHashMap<>();
    private final AmiAgentActions actions;
    private final Set<String> firstResyncDone = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** When this server started (or took over) each PBX's link: records it writes itself start after this. */
    private final Clock clock;
    private final Map<String, java.time.Instant> linkStartedAt = new java.util.concurrent.ConcurrentHashMap<>();

    public TelephonyModule(Vertx vertx, List<CtiConfig.Pbx> pbxs, CallModule calls, Readiness readiness,
                           MeterRegistry metrics, Clock clock) {
        this.clock = clock;
        this.vertx = vertx;
        this.calls = calls;
        // before any link can start: the first calls must not meet a cold AMI path (once per JVM)
        cn.hotline12345.cti.telephony.ami.AmiWarmup.once();
        for (CtiConfig.Pbx pbx : pbxs) {
            CallTracker tracker = calls.tracker(pbx.id());
            PbxConnector connector = new PbxConnector(pbx, tracker, clock, result -> {
                if (firstResyncDone.add(result.pbxId())) {
                    // Records left open by a previous run of the server (killed, or its link lost) whose
                    // calls the PBX no longer has: close them once, at the first resync after start.
                    Set<String> live = new HashSet<>(result.liveLinkedids());
                    // only records older than this link: calls that began after it are this run's own, and their
                    // records may reach the database before the resync's list is compared with them
                    java.time.Instant before = linkStartedAt.getOrDefault(result.pbxId(), clock.instant());
                    calls.closeStale(result.pbxId(), live, before, clock.instant(),
                                    result.restarted() ? "pbx_restart" : "pbx_link_lost")
                            .onSuccess(n -> {
                                if (n > 0) {
                                    LOG.info("PBX {}: closed {} call records left open by an earlier run", result.pbxId(), n);
                                }
                            })
                            .onFailure(e -> LOG.warn("PBX {}: could not close stale call records: {}", result.pbxId(),
                                    e.getMessage()));
                }
            });
            AmiLink link = new AmiLink(vertx, pbx, connector, readiness, metrics, new SecureRandom(), Duration.ofSeconds(10));
            connector.attach(link);
            connectors.put(pbx.id(), connector);
        }
        this.actions = new AmiAgentActions(connectors, CONTRACT_QUEUES, clock);
    }

    /** Connects every link (each then lives and reconnects on its own). */
    public Future<Void> start() {
        connectors.keySet().forEach(calls::activate);
        connectors.keySet().forEach(id -> linkStartedAt.put(id, clock.instant()));
        connectors.values().forEach(c -> c.link().start());
        return Future.succeededFuture();
    }

    /**
     * Several servers: this node now owns the PBX's link (its AMI lease). Starts the link; its first resync
     * adopts the live calls and closes the records of calls that ended while no node listened.
     */
    public void takeOver(String pbxId) {
        PbxConnector c = connector(pbxId);
        firstResyncDone.remove(pbxId);
        calls.activate(pbxId);
        linkStartedAt.put(pbxId, clock.instant());
        c.link().start();
    }

    /**
     * Several servers: another node owns the PBX's link (or this node can no longer prove it does). Hangs up at
     * once and forgets the calls without recording anything: the owner keeps their records.
     *
     * @param clean this node is stopping and hands the PBX over: its hour's queue statistics are written first
     *              (after a lost lease they are not: the new owner's are the ones that count now)
     */
    public Future<Void> standBy(String pbxId, boolean clean) {
        PbxConnector c = connector(pbxId);
        Future<Void> flushed = clean ? calls.writeQueueStats().otherwiseEmpty() : Future.succeededFuture();
        return flushed.compose(x -> {
            calls.deactivate(pbxId);
            return c.link().suspend();
        }).compose(v -> {
            io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
            c.link().context().runOnContext(x -> {
                c.tracker().forgetAll();
                done.complete();
            });
            return done.future();
        });
    }

    private PbxConnector connector(String pbxId) {
        PbxConnector c = connectors.get(pbxId);
        if (c == null) {
            throw new IllegalArgumentException("unknown PBX '" + pbxId + "'");
        }
        return c;
    }

    /** The queue board of a PBX whose link this node runs (for the cluster's snapshots). */
    public QueueBoard board(String pbxId) {
        return connector(pbxId).tracker().board();
    }

    /** The AMI link of a PBX (its state, for the cluster's snapshots and for tests). */
    public AmiLink link(String pbxId) {
        return connector(pbxId).link();
    }

    public AgentActions agentActions() {
        return actions;
    }

    /** The configured PBXs, in configuration order. */
    public Set<String> pbxIds() {
        return connectors.keySet();
    }

    public Map<String, PbxConnector> connectors() {
        return connectors;
    }

    /** Stops the links (the call slice then drains what they fed it). */
    @Override
    public void close() {
        List<Future<Void>> closing = new ArrayList<>();
        connectors.values().forEach(c -> closing.add(c.link().close()));
        try {
            Future.all(closing).await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("AMI links did not close cleanly: {}", e.getMessage());
        }
    }
}
