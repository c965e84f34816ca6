package cn.hotline12345.cti.platform.db;

import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.platform.lifecycle.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the database {@code select 1} every few seconds and reports the answer to {@link Readiness}
 * as component {@code database}. Each probe has its own timeout, so a hung database shows as down.
 */
public final class DatabaseProbe implements Lifecycle {

    public static final String COMPONENT = "database";
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseProbe.class);

    private final Vertx vertx;
    private final Db db;
    private final Readiness readiness;
    private final long intervalMs;
    private long timerId = -1;
    private final long timeoutMs;

    public DatabaseProbe(Vertx vertx, Db db, Readiness readiness, long intervalMs, long timeoutMs) {
        this.vertx = vertx;
        this.db = db;
        this.readiness = readiness;
        this.timeoutMs = timeoutMs;
        this.intervalMs = intervalMs;
        readiness.report(COMPONENT, false, "not checked yet");
    }

    /** Probes now, then every interval. */
    @Override
    public synchronized Future<Void> start() {
        if (timerId < 0) {
            probe();
            this.timerId = vertx.setPeriodic(intervalMs, id -> probe());
        }
        return Future.succeededFuture();
    }

    private void probe() {
        db.query(dsl -> dsl.fetchValue("select 1"))
                .timeout(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS)
                .onSuccess(v -> readiness.report(COMPONENT, true, "ok"))
                .onFailure(e -> {
                    if (readiness.isUp(COMPONENT)) {
                        LOG.warn("database check failed: {}", e.getMessage());
                    }
                    readiness.report(COMPONENT, false, String.valueOf(e.getMessage()));
                });
    }

    @Override
    public synchronized void close() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
