package cn.hotline12345.cti.app;

import cn.hotline12345.cti.call.CallModule;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.cluster.HazelcastSetup;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.telephony.TelephonyModule;
import java.time.Clock;
import cn.hotline12345.cti.platform.db.DatabaseProbe;
import cn.hotline12345.cti.platform.db.DatabaseRuntime;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.matter.internal.DraftOnRing;
import cn.hotline12345.cti.matter.MatterModule;
import cn.hotline12345.cti.platform.web.HttpVerticle;
import cn.hotline12345.cti.platform.web.OpsRoutes;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.ivr.IvrModule;
import cn.hotline12345.cti.call.internal.CallRecordRepository;
import cn.hotline12345.ivr.engine.IvrOutcome;
import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.cti.desk.internal.DefaultScreenPopEnricher;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One running server: database, Vert.x, HTTP and the features mounted on them. Start-up happens on
 * the calling thread (before anything is served); {@link #close()} shuts down in the reverse order:
 * stop taking calls, drain pending writes, close the database.
 */
public final class CtiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CtiServer.class);

    private final CtiConfig config;
    private final Vertx vertx;
    private final PrometheusMeterRegistry metrics;
    private final Readiness readiness;
    private final DatabaseRuntime database;
    private final Db db;
    private final DatabaseProbe probe;
    private final HttpVerticle http;
    private final List<AutoCloseable> closeFirst;
    private final CallUpdateHub hub;
    private final TelephonyModule telephony;
    private final CallModule calls;

    private CtiServer(CtiConfig config, Vertx vertx, PrometheusMeterRegistry metrics, Readiness readiness,
                      DatabaseRuntime database, Db db, DatabaseProbe probe, HttpVerticle http, List<AutoCloseable> closeFirst,
                      CallUpdateHub hub, TelephonyModule telephony, CallModule calls) {
        this.hub = hub;
        this.calls = calls;
        this.telephony = telephony;
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
        this.readiness = readiness;
        this.database = database;
        this.db = db;
        this.probe = probe;
        this.http = http;
        this.closeFirst = closeFirst;
    }

    /** Starts everything; blocks until the server is listening or fails with the reason. */
    public static CtiServer start(CtiConfig config) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(metrics);
        new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(metrics);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(metrics);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(metrics);
        Readiness readiness = new Readiness();
        DatabaseRuntime database = DatabaseRuntime.start(config.database(), metrics);
        Vertx vertx;
        try {
            vertx = buildVertx(config, metrics);
        } catch (RuntimeException e) {
            database.close(); // joining the cluster failed (e.g. its port taken): do not leave PostgreSQL running
            throw e;
        }
        Db db = null;
        DatabaseProbe probe = null;
        try {
            db = new Db(vertx, database.dataSource(), config.database().poolSize());
            probe = new DatabaseProbe(vertx, db, readiness, 5_000, 2_000);
            Clock clock = Clock.systemUTC();
            Features features = Features.create(vertx, config, db, readiness, metrics, clock);
            List<AutoCloseable> closeFirst = new ArrayList<>(features.closeables());
            CallUpdateHub hub = features.hub();
            TelephonyModule telephony = features.telephony();
            List<RouteContributor> routes = new ArrayList<>();
            routes.add(new OpsRoutes(readiness, metrics));
            routes.addAll(features.routes());
            HttpVerticle http = new HttpVerticle(config.http(), routes);
            await(vertx.deployVerticle(http), "HTTP listener on port " + config.http().port());
            await(features.agi().start(), "FastAGI listener on port " + config.agi().port());
            if (features.cluster() == null) {
                telephony.start();
            } else {
                await(features.cluster().start(), "the cluster's event bus consumers");
            }
            LOG.info("12345 CTI server started: HTTP {}, {}", http.actualPort(), database.description());
            return new CtiServer(config, vertx, metrics, readiness, database, db, probe, http, closeFirst, hub, telephony, features.calls());
        } catch (RuntimeException e) {
            if (probe != null) {
                probe.close();
            }
            if (db != null) {
                db.close();
            }
            try {
                vertx.close().await(10, TimeUnit.SECONDS);
            } catch (Exception closeFailure) {
                e.addSuppressed(closeFailure);
            }
            database.close();
            throw e;
        }
    }

    /** A plain Vert.x, or with cluster.enabled one joined to the other nodes through Hazelcast (blocks until joined). */
    private static Vertx buildVertx(CtiConfig config, PrometheusMeterRegistry metrics) {
        VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
        if (!config.cluster().enabled()) {
            return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(metrics)).build();
        }
        LOG.info("joining the cluster as {} on {}:{} (members {})", config.cluster().nodeId(), config.cluster().host(),
                config.cluster().port(), config.cluster().members());
        return await(Vertx.builder().with(HazelcastSetup.withEventBus(options, config.cluster()))
                .withMetrics(new MicrometerMetricsFactory(metrics))
                .withClusterManager(HazelcastSetup.clusterManager(config.cluster()))
                .buildClustered(), "the clustered Vert.x (Hazelcast on port " + config.cluster().port() + ")");
    }

    private static <T> T await(io.vertx.core.Future<T> future, String what) {
        try {
            return future.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + what + ": " + e.getMessage(), e);
        }
    }

    public CtiConfig config() {
        return config;
    }

    public Vertx vertx() {
        return vertx;
    }

    public Readiness readiness() {
        return readiness;
    }

    public Db db() {
        return db;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public CallUpdateHub callUpdates() {
        return hub;
    }

    public TelephonyModule telephony() {
        return telephony;
    }

    /** The call slice: trackers, the record writer, the live queue view. */
    public CallModule calls() {
        return calls;
    }

    /** Runs when the server closes, before everything else stops (demo mode stops its simulator here). */
    public void onClose(AutoCloseable action) {
        closeFirst.add(action);
    }

    public int httpPort() {
        return http.actualPort();
    }

    @Override
    public void close() {
        LOG.info("shutting down");
        for (int i = closeFirst.size() - 1; i >= 0; i--) {
            AutoCloseable c = closeFirst.get(i);
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", c, e.getMessage());
            }
        }
        probe.close();
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not stop cleanly: {}", e.getMessage());
        }
        db.close();
        database.close();
        metrics.close();
        LOG.info("stopped");
    }
}
