package cn.hotline12345.cti.call;

import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.call.api.CallCounts;
import cn.hotline12345.cti.call.api.CallRecordSink;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.call.internal.CallCountRepository;
import cn.hotline12345.cti.call.internal.CallLogService;
import cn.hotline12345.cti.call.internal.CallReconciler;
import cn.hotline12345.cti.call.internal.CallRecordRepository;
import cn.hotline12345.cti.call.internal.CallRecordWriter;
import cn.hotline12345.cti.call.internal.LeaseFence;
import cn.hotline12345.cti.call.internal.QueueStatsRepository;
import cn.hotline12345.cti.call.internal.RecordingService;
import cn.hotline12345.cti.call.tracking.CallTracker;
import cn.hotline12345.cti.call.tracking.LiveQueueView;
import cn.hotline12345.cti.call.tracking.QueueBoard;
import cn.hotline12345.cti.call.web.CallLogPage;
import cn.hotline12345.cti.call.web.CallLogRoutes;
import cn.hotline12345.cti.call.web.RecordingRoutes;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.platform.web.RouteContributor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import cn.hotline12345.cti.platform.lifecycle.Lifecycle;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The call slice: one call tracker and queue board per PBX (the pure state machines the telephony slice feeds
 * with PBX events), the batched call record writer, hourly queue statistics and their metrics, the recordings and
 * the live queue view. Telephony and the cluster drive the trackers; the desk reads the live view.
 */
public final class CallModule implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CallModule.class);
    /** Seconds within which an answered call counts towards the service level (the wallboard's 20/80). */
    public static final int SERVICE_LEVEL_SECONDS = 20;
    /** Wrap-up after a call before the board counts the agent available again. */
    public static final Duration WRAP_UP = Duration.ofSeconds(15);

    private final Vertx vertx;
    private final Db db;
    private final CallRecordWriter writer;
    private final Map<String, CallTracker> trackers = new LinkedHashMap<>();
    private final List<QueueBoard> boards = new ArrayList<>();
    private final LiveQueueView liveQueues;
    private final RecordingService recordings;
    private final CallCountRepository counts;
    /**
     * PBXs whose link this node runs: only their boards go to the queue metrics and to queue_stats (a standby's
     * board is empty or stale, and its absolute hourly counters would overwrite the owner's).
     */
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final MeterRegistry metrics;
    private long metricsTimer = -1;
    private long statsTimer = -1;
    private final CallReconciler reconciler;
    private final CallLogService callLog;
    /** PBX → the epoch of the lease this node holds or last held (0: unfenced); see {@link #fenceWith}. */
    private volatile java.util.function.ToLongFunction<String> epochs = pbx -> 0;
    /** PBX → the epoch of the lease this node holds now (0 when it holds none); see {@link #recordIvrPath}. */
    private volatile java.util.function.ToLongFunction<String> heldEpochs = pbx -> 0;
    private final io.micrometer.core.instrument.Counter closeStaleFenced;
    private final io.micrometer.core.instrument.Counter ivrPathFenced;

    /** Without call reconciliation (tests of the AMI path alone). */
    public CallModule(Vertx vertx, Db db, CtiConfig.Database database, List<String> pbxIds, Path recordingsDir,
                      CallUpdateHub hub, Readiness readiness, MeterRegistry metrics, Clock clock,
                      UnaryOperator<String> normaliseNumber) {
        this(vertx, db, database, disabled(), pbxIds, recordingsDir, hub, readiness, metrics, clock, normaliseNumber);
    }

    /**
     * @param reconcile       the call reconciler's settings (issue 21: records rebuilt from Asterisk's CEL and queue_log)
     * @param normaliseNumber the caller profile's key for a raw caller number (null when it identifies no one)
     */
    public CallModule(Vertx vertx, Db db, CtiConfig.Database database, CtiConfig.Reconcile reconcile, List<String> pbxIds,
                      Path recordingsDir, CallUpdateHub hub, Readiness readiness, MeterRegistry metrics, Clock clock,
                      UnaryOperator<String> normaliseNumber) {
        this.vertx = vertx;
        this.db = db;
        CtiConfig.Database.Writer w = database.writer();
        this.writer = new CallRecordWriter(new CallRecordRepository(db.dsl(), normaliseNumber), w.capacity(),
                w.maxBatch(), w.maxBatchDelay(), w.lanes(), metrics, readiness, database.journalDir().resolve("calls"));
        for (String pbx : pbxIds) {
            QueueBoard board = new QueueBoard(pbx, clock, HotlineTime.ZONE, SERVICE_LEVEL_SECONDS, WRAP_UP);
            boards.add(board);
            trackers.put(pbx, new CallTracker(pbx, hub, writer, board, clock));
        }
        this.liveQueues = new LiveQueueView(boards, readiness, clock, 0.8);
        this.recordings = new RecordingService(db, recordingsDir, clock);
        this.counts = new CallCountRepository(db);
        this.metrics = metrics;
        // only the node that runs a PBX's AMI link (its lease owner in a cluster) reconciles that PBX's calls
        this.reconciler = new CallReconciler(vertx, db, reconcile, pbxIds, active::contains,
                n -> normaliseNumber.apply(n), readiness, metrics, clock);
        this.callLog = new CallLogService(db, recordingsDir, n -> normaliseNumber.apply(n), clock);
        this.closeStaleFenced = LeaseFence.counter(metrics, "close_stale");
        this.ivrPathFenced = LeaseFence.counter(metrics, "ivr_path");
    }

    /**
     * Several servers (issue 25): every PBX-owned write of this slice carries this node's lease epoch and the database
     * refuses it, in the write's own transaction, once a newer epoch exists: the call writer's batches, the
     * reconciler's, closing stale records ({@code epochs}: the lease this node holds or last held) and the IVR path
     * ({@code heldEpochs}: only the lease held now, see {@link #recordIvrPath}).
     */
    public void fenceWith(java.util.function.ToLongFunction<String> epochs,
                          java.util.function.ToLongFunction<String> heldEpochs) {
        this.epochs = java.util.Objects.requireNonNull(epochs);
        this.heldEpochs = java.util.Objects.requireNonNull(heldEpochs);
        writer.fenceWith(epochs);
        reconciler.fenceWith(epochs);
    }

    /** Starts the call writer's threads, the queue metrics (every 5 s), the hourly queue statistics (every minute) and the reconciler. */
    @Override
    public synchronized Future<Void> start() {
        writer.start();
        if (statsTimer < 0) {
            this.metricsTimer = registerQueueMetrics(metrics);
            this.statsTimer = vertx.setPeriodic(60_000, id -> writeQueueStats());
            reconciler.start();
        }
        return Future.succeededFuture();
    }

    private static CtiConfig.Reconcile disabled() {
        CtiConfig.Reconcile d = CtiConfig.Reconcile.defaults();
        return new CtiConfig.Reconcile(false, d.interval(), d.settle(), d.lookback(), d.sweepInterval(), d.batchSize());
    }

    /** The tracker of one PBX; only the link's event loop calls it. */
    public CallTracker tracker(String pbxId) {
        CallTracker t = trackers.get(pbxId);
        if (t == null) {
            throw new IllegalArgumentException("unknown PBX '" + pbxId + "'");
        }
        return t;
    }

    /**
     * This node now runs the PBX's link (start, takeover): its board counts in metrics and statistics, and the calls
     * of the gap before it are reconciled from Asterisk's records once they have settled.
     */
    public void activate(String pbxId) {
        active.add(pbxId);
        reconciler.afterGap(pbxId);
    }

    /** The call reconciler (benchmarks and tests run passes themselves). */
    public CallReconciler reconciler() {
        return reconciler;
    }

    /** Another node runs the PBX's link now. */
    public void deactivate(String pbxId) {
        active.remove(pbxId);
    }

    public LiveQueues liveQueues() {
        return liveQueues;
    }

    public CallRecordSink sink() {
        return writer;
    }

    /** The writer itself, for the benchmarks and the outage tests that watch its backlog. */
    public CallRecordWriter writer() {
        return writer;
    }

    public CallCounts counts() {
        return counts;
    }

    /** The recording download routes and the call log (GET /api/calls...). */
    public List<RouteContributor> routes() {
        return List.of(new RecordingRoutes(recordings), new CallLogRoutes(callLog), new CallLogPage());
    }

    /**
     * Closes the records left open by an earlier run whose calls the PBX no longer has (those older than
     * {@code startedBefore}: calls that began after this link started are this run's own).
     */
    public Future<Integer> closeStale(String pbxId, Set<String> liveLinkedids, Instant startedBefore, Instant at,
                                      String reason) {
        long epoch = epochs.applyAsLong(pbxId);
        return fenced(db.query(dsl -> new CallRecordRepository(dsl).closeStale(pbxId, liveLinkedids, startedBefore, at,
                reason, epoch)), closeStaleFenced);
    }

    /**
     * Keeps the IVR path of a caller who hung up in the IVR (the call never reached a queue). Every node serves
     * FastAGI, so the write is fenced only while this node holds the PBX's lease: a standby's IVR session is as real
     * as the owner's, but an owner that paused past its lease is refused like its other writes (issue 25). The write
     * only fills a path that is still empty.
     */
    public Future<Integer> recordIvrPath(String pbxId, String linkedid, String path) {
        long epoch = heldEpochs.applyAsLong(pbxId);
        return fenced(db.query(dsl -> new CallRecordRepository(dsl).recordIvrPath(pbxId, linkedid, path, epoch)),
                ivrPathFenced);
    }

    /** Counts a refusal by the lease fence; the future still fails (the caller logs it). */
    private static <T> Future<T> fenced(Future<T> write, io.micrometer.core.instrument.Counter counter) {
        return write.onFailure(e -> {
            if (LeaseFence.refusal(e) != null) {
                counter.increment();
            }
        });
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
    public Future<Void> writeQueueStats() {
        List<QueueBoard.IntervalStats> stats = new ArrayList<>();
        boards.stream().filter(b -> active.contains(b.pbxId())).forEach(b -> stats.addAll(b.intervalStats()));
        return db.query(dsl -> {
            new QueueStatsRepository(dsl).upsert(stats);
            return null;
        }).<Void>mapEmpty().onFailure(e -> LOG.warn("queue statistics not written: {}", e.getMessage()));
    }

    /** Stops the timers, writes the last queue statistics; {@link #drain()} empties the writer. */
    @Override
    public synchronized void close() {
        reconciler.close();
        if (statsTimer >= 0) {
            vertx.cancelTimer(metricsTimer);
            vertx.cancelTimer(statsTimer);
            metricsTimer = statsTimer = -1;
        }
        try {
            writeQueueStats().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("could not write the last queue statistics: {}", e.getMessage());
        }
        drain();
    }

    /** Writes what the writer still holds and stops it (after the links have stopped feeding it). */
    public void drain() {
        writer.close();
    }
}
