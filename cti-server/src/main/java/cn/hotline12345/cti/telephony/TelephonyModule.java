package cn.hotline12345.cti.telephony;

import cn.hotline12345.cti.call.AgentActions;
import cn.hotline12345.cti.call.CallRecordSink;
import cn.hotline12345.cti.call.CallTracker;
import cn.hotline12345.cti.call.CallUpdateHub;
import cn.hotline12345.cti.call.LiveQueueView;
import cn.hotline12345.cti.call.LiveQueues;
import cn.hotline12345.cti.call.QueueBoard;
import cn.hotline12345.cti.call.store.CallRecordRepository;
import cn.hotline12345.cti.call.store.CallRecordWriter;
import cn.hotline12345.cti.call.store.QueueStatsRepository;
import cn.hotline12345.cti.config.CtiConfig;
import cn.hotline12345.cti.db.Db;
import cn.hotline12345.cti.health.Readiness;
import cn.hotline12345.cti.telephony.ami.AmiAgentActions;
import cn.hotline12345.cti.telephony.ami.AmiLink;
import cn.hotline12345.cti.telephony.ami.PbxConnector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The telephony core: one AMI link, tracker and queue board per configured PBX, the batched call record
 * writer, the live queue view and the agent actions. Built by the server and closed with it.
 */
public final class TelephonyModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelephonyModule.class);
    /** Queues of docs/dialplan-contract.md: the allow-list for agent logins and transfers. */
    public static final Set<String> CONTRACT_QUEUES = Set.of("q-general", "q-consult", "q-help", "q-suggest",
            "q-complaint", "q-overflow", "q-special");

    private final Vertx vertx;
    private final CallRecordWriter writer;
    private final Map<String, PbxConnector> connectors = new LinkedHashMap<>();
    private final LiveQueueView liveQueues;
    private final AmiAgentActions actions;
    private final long metricsTimer;
    private final long statsTimer;
    private final Db db;
    private final List<QueueBoard> boards = new ArrayList<>();
    private final Set<String> firstResyncDone = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** When this server started (or took over) each PBX's link: records it writes itself start after this. */
    private final Clock clock;
    private final Map<String, java.time.Instant> linkStartedAt = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * PBXs whose link this node runs: all after {@link #start()}; with several servers, those it owns. Only
     * their boards go to the queue metrics and to queue_stats (a standby's board is empty or stale, and its
     * absolute hourly counters would overwrite the owner's).
     */
    private final Set<String> active = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public TelephonyModule(Vertx vertx, CtiConfig config, Db db, CallUpdateHub hub, Readiness readiness,
                           MeterRegistry metrics, Clock clock) {
        this(vertx, config, db, hub, readiness, metrics, clock, n -> null);
    }

    /** @param normaliseNumber the caller profile's key for a raw caller number (null when it identifies no one) */
    public TelephonyModule(Vertx vertx, CtiConfig config, Db db, CallUpdateHub hub, Readiness readiness,
                           MeterRegistry metrics, Clock clock, java.util.function.UnaryOperator<String> normaliseNumber) {
        this.clock = clock;
        this.vertx = vertx;
        // before any link can start: the first calls must not meet a cold AMI path (once per JVM)
        cn.hotline12345.cti.telephony.ami.AmiWarmup.once();
        CtiConfig.Database.Writer writerConfig = config.database().writer();
        this.writer = new CallRecordWriter(new CallRecordRepository(db.dsl(), normaliseNumber), writerConfig.capacity(),
                writerConfig.maxBatch(), writerConfig.maxBatchDelay(), writerConfig.lanes(), metrics, readiness,
                config.database().journalDir().resolve("calls"));
        List<QueueBoard> boards = new ArrayList<>();
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        for (CtiConfig.Pbx pbx : config.pbxs()) {
            QueueBoard board = new QueueBoard(pbx.id(), clock, zone, 20, Duration.ofSeconds(15));
            boards.add(board);
            CallTracker tracker = new CallTracker(pbx.id(), hub, writer, board, clock);
            PbxConnector connector = new PbxConnector(pbx, tracker, clock, result -> {
                if (firstResyncDone.add(result.pbxId())) {
                    // Records left open by a previous run of the server (killed, or its link lost) whose
                    // calls the PBX no longer has: close them once, at the first resync after start.
                    Set<String> live = new HashSet<>(result.liveLinkedids());
                    // only records older than this link: calls that began after it are this run's own, and their
                    // records may reach the database before the resync's list is compared with them
                    java.time.Instant before = linkStartedAt.getOrDefault(result.pbxId(), clock.instant());
                    db.query(dsl -> new CallRecordRepository(dsl).closeStale(result.pbxId(), live, before, clock.instant(),
                                    result.restarted() ? "pbx_restart" : "pbx_link_lost"))
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
        this.liveQueues = new LiveQueueView(boards, readiness, clock, 0.8);
        this.actions = new AmiAgentActions(connectors, CONTRACT_QUEUES);
        this.metricsTimer = registerQueueMetrics(metrics);
        this.db = db;
        this.boards.addAll(boards);
        this.statsTimer = vertx.setPeriodic(60_000, id -> writeQueueStats());
    }

    private long registerQueueMetrics(MeterRegistry metrics) {
        MultiGauge waiting = MultiGauge.builder("cti_queue_waiting_calls").register(metrics);
        MultiGauge longest = MultiGauge.builder("cti_queue_longest_wait_seconds").register(metrics);
        MultiGauge agents = MultiGauge.builder("cti_queue_agents").register(metrics);
        MultiGauge serviceLevel = MultiGauge.builder("cti_queue_service_level_ratio").register(metrics);
        MultiGauge abandonRate = MultiGauge.builder("cti_queue_abandon_ratio").register(metrics);
        MultiGauge today = MultiGauge.builder("cti_queue_calls_today").register(metrics);
        return vertx.setPeriodic(5_000, id -> {
            List<MultiGauge.Row<?>> w = new ArrayList<>();
            List<MultiGauge.Row<?>> l = new ArrayList<>();
            List<MultiGauge.Row<?>> a = new ArrayList<>();
            List<MultiGauge.Row<?>> sl = new ArrayList<>();
            List<MultiGauge.Row<?>> ab = new ArrayList<>();
            List<MultiGauge.Row<?>> t = new ArrayList<>();
            for (LiveQueues.QueueSnapshot q : liveQueues.queues()) {
                if (!active.contains(q.pbxId())) {
                    continue;
                }
                Tags tags = Tags.of("pbx", q.pbxId(), "queue", q.queue());
                w.add(MultiGauge.Row.of(tags, q.waiting()));
                l.add(MultiGauge.Row.of(tags, q.longestWaitMs() / 1000.0));
                a.add(MultiGauge.Row.of(tags.and("state", "logged_in"), q.loggedIn()));
                a.add(MultiGauge.Row.of(tags.and("state", "available"), q.available()));
                a.add(MultiGauge.Row.of(tags.and("state", "on_call"), q.onCall()));
                a.add(MultiGauge.Row.of(tags.and("state", "paused"), q.paused()));
                a.add(MultiGauge.Row.of(tags.and("state", "wrap_up"), q.wrapUp()));
                sl.add(MultiGauge.Row.of(tags, q.serviceLevel()));
                ab.add(MultiGauge.Row.of(tags, q.abandonRate()));
                t.add(MultiGauge.Row.of(tags.and("outcome", "offered"), q.offeredToday()));
                t.add(MultiGauge.Row.of(tags.and("outcome", "answered"), q.answeredToday()));
                t.add(MultiGauge.Row.of(tags.and("outcome", "abandoned"), q.abandonedToday()));
            }
            waiting.register(w, true);
            longest.register(l, true);
            agents.register(a, true);
            serviceLevel.register(sl, true);
            abandonRate.register(ab, true);
            today.register(t, true);
        });
    }

    /** Hourly queue statistics to queue_stats, off the event loop (absolute counters: a rewrite is harmless). */
    Future<Void> writeQueueStats() {
        List<QueueBoard.IntervalStats> stats = new ArrayList<>();
        boards.stream().filter(b -> active.contains(b.pbxId())).forEach(b -> stats.addAll(b.intervalStats()));
        return db.query(dsl -> {
            new QueueStatsRepository(dsl).upsert(stats);
            return null;
        }).<Void>mapEmpty().onFailure(e -> LOG.warn("queue statistics not written: {}", e.getMessage()));
    }

    /** Connects every link (each then lives and reconnects on its own). */
    public Future<Void> start() {
        active.addAll(connectors.keySet());
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
        active.add(pbxId);
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
        Future<Void> flushed = clean ? writeQueueStats().otherwiseEmpty() : Future.succeededFuture();
        return flushed.compose(x -> {
            active.remove(pbxId);
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

    public LiveQueues liveQueues() {
        return liveQueues;
    }

    public AgentActions agentActions() {
        return actions;
    }

    public Map<String, PbxConnector> connectors() {
        return connectors;
    }

    public CallRecordSink sink() {
        return writer;
    }

    public CallRecordWriter writer() {
        return writer;
    }

    /** Stops the links, then drains the writer. */
    @Override
    public void close() {
        vertx.cancelTimer(metricsTimer);
        vertx.cancelTimer(statsTimer);
        try {
            writeQueueStats().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("could not write the last queue statistics: {}", e.getMessage());
        }
        List<Future<Void>> closing = new ArrayList<>();
        connectors.values().forEach(c -> closing.add(c.link().close()));
        try {
            Future.all(closing).await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("AMI links did not close cleanly: {}", e.getMessage());
        }
        writer.close();
    }
}
