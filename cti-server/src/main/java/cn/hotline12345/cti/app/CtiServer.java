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
import cn.hotline12345.schema.SchemaMigrator;
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
 * the calling thread (before anything is served); {@link #close()} drains in order (issue 20 item 10): stop taking
 * calls (FastAGI), let the running IVR sessions end within {@code agi.closeGrace} and write their paths, finish the
 * routing passes, stop the AMI links, stop the HTTP listener (requests in progress get a short grace), flush the call
 * writer and the last queue statistics, and only then close the database pool and PostgreSQL.
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
    private final List<AutoCloseable> intake;
    private final List<AutoCloseable> afterHttp;
    private final String httpDeployment;
    private final CallUpdateHub hub;
    private final TelephonyModule telephony;
    private final CallModule calls;
    private final Features features;

    private CtiServer(CtiConfig config, Vertx vertx, PrometheusMeterRegistry metrics, Readiness readiness,
                      DatabaseRuntime database, Db db, DatabaseProbe probe, HttpVerticle http, String httpDeployment,
                      Features features, CallUpdateHub hub, TelephonyModule telephony, CallModule calls) {
        this.closeFirst = new ArrayList<>();
        this.features = features;
        this.intake = features.intake();
        this.afterHttp = features.closeables();
        this.httpDeployment = httpDeployment;
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
    }

    /**
     * Starts the production server ({@code run}): demo users are disabled, and with no active administrator the
     * one-time setup token is logged (docs/security.md). Blocks until the server is listening or fails with the reason.
     */
    public static CtiServer start(CtiConfig config) {
        return start(config, false);
    }

    /**
     * Starts everything; blocks until the server is listening or fails with the reason.
     *
     * @param demo demo mode: the demo users (published password) are seeded instead of disabled
     */
    static CtiServer start(CtiConfig config, boolean demo) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(metrics);
        new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(metrics);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(metrics);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(metrics);
        Readiness readiness = new Readiness();
        DatabaseRuntime database = DatabaseRuntime.start(config.database(), metrics);
        if (demo) {
            try {
                LOG.info("demo: {} demo users active (password in the README)", SchemaMigrator.seedDemoUsers(database.dataSource()));
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        }
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
            probe.start();
            Clock clock = Clock.systemUTC();
            Features features = Features.create(vertx, config, db, readiness, metrics, clock);
            features.start();
            CallUpdateHub hub = features.hub();
            TelephonyModule telephony = features.telephony();
            if (!demo) {
                await(features.users().users().prepareFirstStart(), "the user accounts check")
                        .ifPresent(token -> FirstStart.announce(token, config));
            }
            List<RouteContributor> routes = new ArrayList<>();
            routes.add(new OpsRoutes(readiness, metrics, config.http()));
            routes.addAll(features.routes());
            HttpVerticle http = new HttpVerticle(config.http(), routes, metrics);
            String httpDeployment = await(vertx.deployVerticle(http), "HTTP listener on port " + config.http().port());
            await(features.agi().start(), "FastAGI listener on port " + config.agi().port());
            if (features.cluster() == null) {
                telephony.start();
            } else {
                await(features.cluster().start(), "the cluster's event bus consumers");
            }
            LOG.info("12345 CTI server started: HTTP {}, {}", http.actualPort(), database.description());
            return new CtiServer(config, vertx, metrics, readiness, database, db, probe, http, httpDeployment, features, hub,
                    telephony, features.calls());
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
    /** The database runtime (demo mode's simulator writes Asterisk's records into it). */
    DatabaseRuntime database() {
        return database;
    }

    /** The slices (demo mode seeds and drives them through their services). */
    Features features() {
        return features;
    }

    public void onClose(AutoCloseable action) {
        closeFirst.add(action);
    }

    public int httpPort() {
        return http.actualPort();
    }

    @Override
    public void close() {
        LOG.info("shutting down: FastAGI stops taking calls, running sessions finish, routing and AMI stop, HTTP"
                + " stops, the call writer flushes, then the database");
        readiness.report("server", false, "shutting down");
        for (int i = closeFirst.size() - 1; i >= 0; i--) {
            closeQuietly(closeFirst.get(i));
        }
        intake.forEach(CtiServer::closeQuietly);
        try {
            vertx.undeploy(httpDeployment).await(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("the HTTP listener did not stop cleanly: {}", e.getMessage());
        }
        afterHttp.forEach(CtiServer::closeQuietly);
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

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("error while stopping {}: {}", c, e.getMessage());
        }
    }
}
