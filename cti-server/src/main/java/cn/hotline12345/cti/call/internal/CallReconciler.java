package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.health.Readiness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Makes the call records authoritative (issue 21): rebuilds each ended call from Asterisk's own CEL and queue_log
 * rows ({@link CallRebuilder}), corrects the stored row where it disagrees ({@link CallCorrection}), creates the rows
 * of calls the server never saw, and logs every change in the call's event timeline ({@link ReconcileRepository}).
 *
 * <p>When: every {@code interval}, the calls of each PBX that ended since its last pass (a window from the PBX's
 * stored progress, {@code call_reconcile_state}, so a restarted server or a new owner goes on where the last one
 * stopped, back to at most {@code lookback}); every {@code sweepInterval}, every call of the last {@code lookback}
 * again; and {@code settle} after an AMI gap ends (the link comes back, this node takes a PBX over). A call is
 * reconciled once its CEL LINKEDID_END is {@code settle} old, so the AMI writer's own record of a call it saw whole
 * is final by then. Idempotent: a second pass over the same calls changes nothing and logs nothing. Batched and
 * bounded: {@code batchSize} calls per round trip and transaction, one pass at a time per PBX.
 *
 * <p>Lease-fenced: a PBX is reconciled only while {@code owns} says this node runs its AMI link (in a cluster, the
 * holder of its AMI lease; on a single node, always), checked before every batch; and each batch's writes carry the
 * lease epoch and are refused by the database once a newer one exists ({@link #fenceWith}, issue 25).
 *
 * <p>Metrics: {@code cti_reconcile_calls_total{pbx,outcome=checked|corrected|created}},
 * {@code cti_reconcile_lag_seconds{pbx}} (how far behind now the PBX's progress is), {@code cti_reconcile_pass_seconds},
 * {@code cti_reconcile_failures_total}, {@code cti_pbx_writes_fenced_total{kind="reconcile"}}.
 */
public final class CallReconciler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallReconciler.class);

    /** What one pass did. */
    public record Stats(int checked, int corrected, int created) {
        Stats plus(Stats o) {
            return new Stats(checked + o.checked, corrected + o.corrected, created + o.created);
        }
    }

    private record Key(Instant at, String linkedid) {
    }

    private record Batch(Stats stats, Key last, boolean full) {
    }

    private final Vertx vertx;
    private final Db db;
    private final CtiConfig.Reconcile config;
    private final List<String> pbxIds;
    private final Predicate<String> owns;
    private final UnaryOperator<String> normalise;
    private final Readiness readiness;
    private final Clock clock;
    private final Map<String, Future<Stats>> running = new ConcurrentHashMap<>();
    private final Map<String, Boolean> linkUp = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> progressMs = new ConcurrentHashMap<>();
    private final Map<String, Counter[]> counters = new HashMap<>();
    private final Timer passTimer;
    private final Counter failures;
    private final Counter fenced;
    /** PBX → the epoch of this node's lease on it (0: unfenced, a single server); see {@link #fenceWith}. */
    private volatile java.util.function.ToLongFunction<String> epochs = pbx -> 0;
    private final List<Long> timers = new ArrayList<>();

    public CallReconciler(Vertx vertx, Db db, CtiConfig.Reconcile config, List<String> pbxIds, Predicate<String> owns,
                          UnaryOperator<String> normalise, Readiness readiness, MeterRegistry metrics, Clock clock) {
        this.vertx = vertx;
        this.db = db;
        this.config = config;
        this.pbxIds = List.copyOf(pbxIds);
        this.owns = owns;
        this.normalise = normalise;
        this.readiness = readiness;
        this.clock = clock;
        for (String pbx : pbxIds) {
            Tags t = Tags.of("pbx", pbx);
            counters.put(pbx, new Counter[] {
                    metrics.counter("cti_reconcile_calls_total", t.and("outcome", "checked")),
                    metrics.counter("cti_reconcile_calls_total", t.and("outcome", "corrected")),
                    metrics.counter("cti_reconcile_calls_total", t.and("outcome", "created"))});
            AtomicLong p = new AtomicLong(-1);
            progressMs.put(pbx, p);
            metrics.gauge("cti_reconcile_lag_seconds", t, p,
                    v -> v.get() < 0 ? Double.NaN : Math.max(0, clock.millis() - v.get()) / 1000.0);
        }
        this.passTimer = metrics.timer("cti_reconcile_pass_seconds");
        this.failures = metrics.counter("cti_reconcile_failures_total");
        this.fenced = LeaseFence.counter(metrics, "reconcile");
    }

    /**
     * Fences the reconciler's writes (issue 25): each batch's corrections and created rows, and the progress, carry the
     * epoch this returns for their PBX and are refused in their transaction once the PBX's lease has a newer one (the
     * pass then stops; {@code cti_pbx_writes_fenced_total{kind="reconcile"}}). The {@code owns} check before each batch
     * cannot see that this node paused past its lease; the fence can.
     */
    public CallReconciler fenceWith(java.util.function.ToLongFunction<String> epochs) {
        this.epochs = java.util.Objects.requireNonNull(epochs);
        return this;
    }

    /** Starts the timers (nothing when reconciliation is off). */
    public CallReconciler start() {
        if (!config.enabled()) {
            LOG.info("call reconciliation is off (reconcile.enabled = false)");
            return this;
        }
        timers.add(vertx.setPeriodic(config.interval().toMillis(), id -> pbxIds.forEach(this::reconcileRecent)));
        timers.add(vertx.setPeriodic(config.sweepInterval().toMillis(), id -> pbxIds.forEach(this::sweep)));
        // an AMI gap ended: the calls that ended during it are reconciled once they have settled
        timers.add(vertx.setPeriodic(2_000, id -> {
            for (String pbx : pbxIds) {
                boolean up = readiness.isUp("ami:" + pbx);
                Boolean was = linkUp.put(pbx, up);
                if (up && Boolean.FALSE.equals(was)) {
                    afterGap(pbx);
                }
            }
        }));
        return this;
    }

    /** An AMI gap of this PBX ended now (link back, takeover, start): reconcile once the calls of the gap settled. */
    public void afterGap(String pbxId) {
        if (!config.enabled()) {
            return;
        }
        vertx.setTimer(config.settle().toMillis() + 1_000, id -> reconcileRecent(pbxId));
    }

    /**
     * The calls of this PBX that ended since its stored progress (at most {@code lookback} ago) and at least
     * {@code settle} ago; moves the progress forward. Does nothing when this node does not own the PBX; joins the
     * pass under way, if any.
     */
    public Future<Stats> reconcileRecent(String pbxId) {
        return once(pbxId, () -> db.query(dsl -> new ReconcileRepository(dsl).checkedUntil(pbxId)).compose(checked -> {
            Instant now = clock.instant();
            Instant to = now.minus(config.settle());
            Instant oldest = now.minus(config.lookback());
            // a call's CEL may be written a little after its LINKEDID_END time: look back one settle period too
            Instant from = checked.map(c -> c.minus(config.settle())).filter(c -> c.isAfter(oldest)).orElse(oldest);
            if (!from.isBefore(to)) {
                return Future.succeededFuture(new Stats(0, 0, 0));
            }
            return window(pbxId, from, to).compose(stats -> db.query(dsl -> {
                try {
                    new ReconcileRepository(dsl).advance(pbxId, to, epochs.applyAsLong(pbxId));
                } catch (LeaseFence.Refused refused) {
                    fenced.increment(); // the window's writes were the old owner's last: its progress is not kept
                    throw refused;
                }
                return stats;
            })).onSuccess(s -> progressMs.get(pbxId).set(to.toEpochMilli()));
        }));
    }

    /** Every call of the last {@code lookback} of this PBX, again (the schedule's safety net). */
    public Future<Stats> sweep(String pbxId) {
        Instant now = clock.instant();
        return once(pbxId, () -> window(pbxId, now.minus(config.lookback()), now.minus(config.settle())));
    }

    /** Reconciles the calls of this PBX that ended in {@code [from, to)}, batch after batch. */
    public Future<Stats> window(String pbxId, Instant from, Instant to) {
        long started = System.nanoTime();
        Promise<Stats> done = Promise.promise();
        next(pbxId, from, to, null, new Stats(0, 0, 0), done);
        return done.future().onComplete(ar -> {
            passTimer.record(Duration.ofNanos(System.nanoTime() - started));
            if (ar.failed() && LeaseFence.refusal(ar.cause()) != null) {
                fenced.increment();
                LOG.warn("PBX {}: call reconciliation refused: {}; the new owner reconciles from the stored progress",
                        pbxId, ar.cause().getMessage());
            } else if (ar.failed()) {
                failures.increment();
                LOG.warn("PBX {}: call reconciliation failed: {}", pbxId, ar.cause().toString());
            } else if (ar.result().corrected() + ar.result().created() > 0) {
                LOG.info("PBX {}: reconciled {} calls from CEL and queue_log: {} corrected, {} created", pbxId,
                        ar.result().checked(), ar.result().corrected(), ar.result().created());
            }
        });
    }

    private void next(String pbxId, Instant from, Instant to, Key after, Stats sum, Promise<Stats> done) {
        if (!owns.test(pbxId)) {
            done.complete(sum); // the lease moved: the new owner goes on from the stored progress
            return;
        }
        db.query(dsl -> batch(dsl, pbxId, from, to, after)).onComplete(ar -> {
            if (ar.failed()) {
                done.fail(ar.cause());
                return;
            }
            Batch b = ar.result();
            Counter[] c = counters.get(pbxId);
            if (c != null) {
                c[0].increment(b.stats().checked());
                c[1].increment(b.stats().corrected());
                c[2].increment(b.stats().created());
            }
            Stats total = sum.plus(b.stats());
            if (b.full()) {
                next(pbxId, from, to, b.last(), total, done);
            } else {
                done.complete(total);
            }
        });
    }

    private Batch batch(org.jooq.DSLContext dsl, String pbxId, Instant from, Instant to, Key after) {
        AsteriskRecordRepository asterisk = new AsteriskRecordRepository(dsl);
        ReconcileRepository calls = new ReconcileRepository(dsl);
        List<AsteriskRecordRepository.Ended> ended = asterisk.ended(pbxId, from, to, after == null ? null : after.at(),
                after == null ? null : after.linkedid(), config.batchSize());
        if (ended.isEmpty()) {
            return new Batch(new Stats(0, 0, 0), after, false);
        }
        List<String> ids = ended.stream().map(AsteriskRecordRepository.Ended::linkedid).toList();
        Map<String, AsteriskRows> rows = asterisk.rows(pbxId, ids);
        Map<String, CallCorrection.Stored> stored = calls.stored(pbxId, ids);
        List<ReconcileRepository.Fix> fixes = new ArrayList<>();
        List<CallRebuilder.Rebuilt> created = new ArrayList<>();
        int checked = 0;
        int counted = 0;
        for (String id : ids) {
            AsteriskRows r = rows.get(id);
            if (r == null) {
                continue;
            }
            CallRebuilder.Rebuilt truth = CallRebuilder.rebuild(r);
            if (!truth.ended() || truth.startedAt() == null) {
                continue;
            }
            checked++;
            CallCorrection.Stored s = stored.get(id);
            if (s == null) {
                created.add(truth);
                continue;
            }
            CallCorrection.Result diff = CallCorrection.diff(s, truth);
            if (!diff.isEmpty()) {
                fixes.add(new ReconcileRepository.Fix(s, truth, diff));
                if (diff.counts()) {
                    counted++;
                }
            }
        }
        int[] applied = fixes.isEmpty() && created.isEmpty() ? new int[] {0, 0}
                : calls.apply(pbxId, fixes, created, clock.instant(), normalise, epochs.applyAsLong(pbxId));
        // a fix that only filled a talk time is not a correction; one skipped (row changed meanwhile) is not either
        int corrected = Math.min(counted, applied[0]);
        AsteriskRecordRepository.Ended last = ended.get(ended.size() - 1);
        return new Batch(new Stats(checked, corrected, applied[1]), new Key(last.at(), last.linkedid()),
                ended.size() == config.batchSize());
    }

    private Future<Stats> once(String pbxId, java.util.function.Supplier<Future<Stats>> pass) {
        if (!config.enabled() || !owns.test(pbxId)) {
            return Future.succeededFuture(new Stats(0, 0, 0));
        }
        Promise<Stats> mine = Promise.promise();
        synchronized (running) {
            Future<Stats> under = running.get(pbxId);
            if (under != null) {
                return under;
            }
            running.put(pbxId, mine.future());
        }
        pass.get().onComplete(ar -> {
            synchronized (running) {
                running.remove(pbxId, mine.future());
            }
            mine.handle(ar);
        });
        return mine.future();
    }

    @Override
    public void close() {
        timers.forEach(vertx::cancelTimer);
        timers.clear();
    }
}
