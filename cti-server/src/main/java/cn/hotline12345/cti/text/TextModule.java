package cn.hotline12345.cti.text;

import cn.hotline12345.cti.platform.lifecycle.Lifecycle;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.text.internal.TextEngine;
import cn.hotline12345.cti.text.store.TextDictionaryRepository;
import cn.hotline12345.cti.text.store.TextMatterRepository;
import cn.hotline12345.cti.text.web.TextRoutes;
import cn.hotline12345.softphone.ws.Alarm;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The text intelligence slice in the running server (issue 26): builds the engine ({@code text.internal.TextEngine})
 * over the operators' dictionary ({@code text_dictionary_entry}) and the matter tables, trains the dispatch model at
 * start and every {@code text.retrainInterval}, rebuilds the open-matter index every {@code text.openRefresh}, all on
 * its own two worker threads (never the event loop), and serves {@link TextRoutes}. Until the engine is built (HanLP
 * loads in about a second) the routes answer 503.
 */
public final class TextModule implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(TextModule.class);

    private final Vertx vertx;
    private final TextSettings settings;
    private final WorkerExecutor workers;
    private final TextService service;
    private final UrgencyAlerts alerts;
    private final AtomicBoolean retraining = new AtomicBoolean();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private long retrainTimer = -1;
    private long refreshTimer = -1;
    private volatile boolean closed;

    public TextModule(Vertx vertx, Db db, Clock clock, TextSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.workers = vertx.createSharedWorkerExecutor("cti-text", 2);
        TextMatterRepository matters = new TextMatterRepository(db.dsl(), clock, settings.historyDays());
        this.alerts = new UrgencyAlerts(clock, settings.alertTtl());
        this.service = new TextService(workers, new TextDictionaryRepository(db.dsl()), matters, alerts, settings);
    }

    /** Builds the engine, trains it once and indexes the open matters, then schedules both; never fails start-up. */
    @Override
    public Future<Void> start() {
        return workers.executeBlocking(() -> {
            service.build(TextEngine::create);
            return null;
        }, false).compose(v -> retrain().recover(e -> Future.succeededFuture()))
                .compose(m -> refreshOpen().recover(e -> Future.succeededFuture()))
                .onSuccess(v -> {
                    if (!closed) {
                        retrainTimer = vertx.setPeriodic(settings.retrainInterval().toMillis(), t -> retrain());
                        refreshTimer = vertx.setPeriodic(settings.openRefresh().toMillis(), t -> refreshOpen());
                    }
                })
                .onFailure(e -> LOG.error("text engine: cannot start: {}", e.toString()))
                .mapEmpty();
    }

    /** Retrains the dispatch model off the event loop (one at a time; a failed read keeps the model in force). */
    public Future<Void> retrain() {
        if (closed || !retraining.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        return service.retrain().onComplete(r -> retraining.set(false))
                .onFailure(e -> LOG.warn("text engine: retraining failed, the model in force stays: {}", e.toString()))
                .mapEmpty();
    }

    private Future<Void> refreshOpen() {
        if (closed || !refreshing.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        return service.refreshOpen().onComplete(r -> refreshing.set(false))
                .onFailure(e -> LOG.warn("text engine: cannot index the open matters: {}", e.toString()));
    }

    public TextService service() {
        return service;
    }

    /** The urgency alerts for the wallboard's alarm list (in memory: safe on the wallboard's tick). */
    public List<Alarm> wallboardAlarms() {
        return alerts.wallboardAlarms();
    }

    public List<RouteContributor> routes() {
        return List.of(new TextRoutes(service, this::retrain));
    }

    @Override
    public void close() {
        closed = true;
        vertx.cancelTimer(retrainTimer);
        vertx.cancelTimer(refreshTimer);
        workers.close();
    }
}
