package cn.hotline12345.cti.caller.internal;


import cn.hotline12345.cti.caller.api.CallerSettings;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.privacy.api.AuditEntry;
import cn.hotline12345.cti.privacy.api.AuditRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The retention of call records (art. 7, 13): on a timer (daily by default), anonymises calls older than the
 * retention, deletes their events, and forgets callers not heard of since. The work runs on the database worker
 * pool in bounded batches; the timer only starts it, and a run never overlaps the previous one.
 */
public final class RetentionPurgeJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurgeJob.class);
    static final int BATCH = 5_000;

    /** What one run did. */
    public record PurgeResult(Instant cutoff, int callsAnonymised, int eventsDeleted, int callersForgotten) {
    }

    private final Vertx vertx;
    private final Db db;
    private final RetentionRepository repository;
    private final AuditRepository audit;
    private final CallerSettings.Retention retention;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timerId = -1;

    public RetentionPurgeJob(Vertx vertx, Db db, RetentionRepository repository, AuditRepository audit,
                             CallerSettings.Retention retention, Clock clock) {
        this.vertx = vertx;
        this.db = db;
        this.repository = repository;
        this.audit = audit;
        this.retention = retention;
        this.clock = clock;
    }

    /** Starts the periodic purge (first run one interval from now). */
    public synchronized void start() {
        if (timerId < 0) {
            timerId = vertx.setPeriodic(retention.interval().toMillis(), id -> runOnce()
                    .onFailure(e -> LOG.error("call-record purge failed", e)));
        }
    }

    /** Runs one purge now; if one is running, fails at once instead of overlapping. */
    public Future<PurgeResult> runOnce() {
        if (!running.compareAndSet(false, true)) {
            return Future.failedFuture(new IllegalStateException("a purge is running already"));
        }
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention.keepCalls());
        return db.query(dsl -> {
            int calls = 0;
            int n;
            do {
                n = repository.anonymiseCalls(dsl, cutoff, BATCH);
                calls += n;
            } while (n == BATCH);
            int events = 0;
            do {
                n = repository.deleteEvents(dsl, cutoff, BATCH);
                events += n;
            } while (n == BATCH);
            int callers = repository.forgetCallers(dsl, cutoff);
            PurgeResult r = new PurgeResult(cutoff, calls, events, callers);
            audit.append(dsl, AuditEntry.of(now, "system:retention", "retention.purge", "call", null,
                    Map.of("cutoff", cutoff.toString(), "calls", String.valueOf(calls), "events", String.valueOf(events),
                            "callers", String.valueOf(callers))));
            return r;
        }).onComplete(ar -> running.set(false))
                .onSuccess(r -> LOG.info("call-record purge before {}: {} calls anonymised, {} events deleted, {} callers forgotten",
                        r.cutoff(), r.callsAnonymised(), r.eventsDeleted(), r.callersForgotten()));
    }

    @Override
    public synchronized void close() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
