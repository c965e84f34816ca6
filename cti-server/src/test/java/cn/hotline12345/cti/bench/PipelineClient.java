package cn.hotline12345.cti.bench;

import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.call.CallModule;
import cn.hotline12345.cti.telephony.TelephonyModule;
import cn.hotline12345.cti.telephony.ami.PbxConnector;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's own pipeline: {@link TelephonyModule} (AmiLink, translator, CallTracker, batched
 * CallRecordWriter into PostgreSQL) with a {@link CallUpdateHub} subscriber that counts, standing in for
 * screen-pop publication. Through {@code AmiLink#setReadProbe} it times every socket read: the gaps between
 * reads (reader pauses) and, for every CallUpdate the tracker publishes, the time since the read that
 * brought its bytes.
 */
final class PipelineClient implements IngestClient {

    /** Batch commit buckets (ms) counted over the whole run. */
    static final double[] BATCH_SLO_MS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};

    final String pbxId;
    private final DataSource dataSource;
    private final String user;
    private final String secret;
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final Readiness readiness = new Readiness();
    final CallUpdateHub hub = new CallUpdateHub();
    final LatencyHistogram readToTracker = new LatencyHistogram();
    final LatencyHistogram readGaps = new LatencyHistogram();
    /** How late a 10 ms timer on the AMI link's own event loop ran: the reader's own pauses, whatever the sender did. */
    final LatencyHistogram loopLag = new LatencyHistogram();
    /** Each read gap and each loop lag of 50 ms or more, with the wall-clock time it ended. */
    final java.util.List<String> longPauses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private volatile long lastTick;
    private long gapFrom;
    private volatile long tickTimer = -1;
    final LongAdder updates = new LongAdder();
    final LongAdder callsEnded = new LongAdder();
    private final LongAdder blockedWarnings;
    private Vertx vertx;
    private Db db;
    private CallModule calls;
    private TelephonyModule telephony;
    private long lastRead;
    private volatile boolean timeGaps;

    PipelineClient(DataSource dataSource, String pbxId, String user, String secret, LongAdder blockedWarnings) {
        this.dataSource = dataSource;
        this.pbxId = pbxId;
        this.user = user;
        this.secret = secret;
        this.blockedWarnings = blockedWarnings;
        withBatchHistogram(metrics);
    }

    /** Makes the writer's batch timer keep whole-run percentiles and fixed buckets (Micrometer decays them by default). */
    static SimpleMeterRegistry withBatchHistogram(SimpleMeterRegistry metrics) {
        metrics.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("cti_call_writer_batch_seconds")) {
                    return config;
                }
                double[] slos = new double[BATCH_SLO_MS.length];
                for (int i = 0; i < slos.length; i++) {
                    slos[i] = BATCH_SLO_MS[i] * 1e6;
                }
                return DistributionStatisticConfig.builder().percentiles(0.5, 0.99, 0.999)
                        .serviceLevelObjectives(slos).expiry(Duration.ofHours(1)).bufferLength(1).build().merge(config);
            }
        });
        return metrics;
    }

    @Override
    public String label() {
        return "server pipeline (TelephonyModule: AmiLink, translator, CallTracker, CallRecordWriter to PostgreSQL, hub subscriber)";
    }

    @Override
    public void connect(int port) {
        // A 50 ms budget per event-loop task, checked every 10 ms: Vert.x warns about any longer stall.
        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(50).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(10).setWarningExceptionTimeUnit(TimeUnit.SECONDS));
        db = new Db(vertx, dataSource, 4);
        CtiConfig config = new ConfigLoader(Map.of()).bind(Map.of("pbxs", List.of(Map.of(
                "id", pbxId, "host", "127.0.0.1", "port", port, "user", user, "secret", secret,
                "pingInterval", "5s", "actionTimeout", "5s"))));
        hub.subscribe(this::onUpdate);
        calls = new CallModule(vertx, db, config.database(), List.of(pbxId), config.recordings().dir(), hub, readiness,
                metrics, Clock.systemUTC(), n -> null);
        calls.start();
        telephony = new TelephonyModule(vertx, config.pbxs(), calls, readiness, metrics, Clock.systemUTC());
        connector().link().setReadProbe(this::onRead);
        telephony.start();
    }

    private void onRead(long now) {
        if (timeGaps) {
            // from the first read of the stream on: the wait between the resync's last read and the stream's first
            // is the load tool getting ready, not the reader
            if (gapFrom != 0) {
                readGaps.recordNanos(now - gapFrom);
                if (now - gapFrom >= 50_000_000L) {
                    longPauses.add(String.format(java.util.Locale.ROOT, "%s read gap %.1f ms", java.time.LocalTime.now(),
                            (now - gapFrom) / 1e6));
                }
            }
            gapFrom = now;
        }
        lastRead = now;
    }

    private void onUpdate(CallUpdate u) {
        readToTracker.recordNanos(System.nanoTime() - lastRead);
        updates.increment();
        if (u instanceof CallUpdate.CallEnded) {
            callsEnded.increment();
        }
    }

    /** Reader gaps are timed only while the load tool has data to send (set around the stream). */
    void timeGaps(boolean on) {
        if (on) {
            connector().link().context().runOnContext(v -> gapFrom = 0);
        }
        timeGaps = on;
        io.vertx.core.Context ctx = connector().link().context();
        if (on) {
            ctx.runOnContext(v -> {
                lastTick = System.nanoTime();
                tickTimer = vertx.setPeriodic(10, id -> onTick());
            });
        } else if (tickTimer >= 0) {
            vertx.cancelTimer(tickTimer);
            tickTimer = -1;
        }
    }

    private void onTick() {
        long now = System.nanoTime();
        long late = Math.max(0, now - lastTick - 10_000_000L);
        lastTick = now;
        loopLag.recordNanos(late);
        if (late >= 50_000_000L) {
            longPauses.add(String.format(java.util.Locale.ROOT, "%s event loop late %.1f ms", java.time.LocalTime.now(), late / 1e6));
        }
    }

    PbxConnector connector() {
        return telephony.connectors().get(pbxId);
    }

    CallModule calls() {
        return calls;
    }

    TelephonyModule telephony() {
        return telephony;
    }

    Db db() {
        return db;
    }

    long blockedThreadWarnings() {
        return blockedWarnings.sum();
    }

    @Override
    public void awaitReady(FakeAmiServer.Session session, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(readiness.isUp("ami:" + pbxId) && connector().resyncs() > 0)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("pipeline did not come up: " + readiness.snapshot());
            }
            Thread.sleep(10);
        }
    }

    /** Events the AMI link handed to the translator/tracker (cti_ami_events_total), session events included. */
    long linkEvents() {
        Counter c = metrics.find("cti_ami_events_total").tag("pbx", pbxId).counter();
        return c == null ? 0 : (long) c.count();
    }

    private long controlEvents;

    void controlEvents(long n) {
        controlEvents = n;
    }

    @Override
    public long events() {
        return linkEvents() - controlEvents;
    }

    /** Batch commit statistics of the writer. */
    BatchStats batchStats() {
        return batchStats(metrics);
    }

    static BatchStats batchStats(SimpleMeterRegistry metrics) {
        Timer t = metrics.find("cti_call_writer_batch_seconds").timer();
        if (t == null) {
            return new BatchStats(0, 0, 0, 0, 0, 0);
        }
        HistogramSnapshot s = t.takeSnapshot();
        double p50 = 0;
        double p99 = 0;
        double p999 = 0;
        for (var v : s.percentileValues()) {
            if (v.percentile() == 0.5) {
                p50 = v.value(TimeUnit.MILLISECONDS);
            } else if (v.percentile() == 0.99) {
                p99 = v.value(TimeUnit.MILLISECONDS);
            } else if (v.percentile() == 0.999) {
                p999 = v.value(TimeUnit.MILLISECONDS);
            }
        }
        long over20 = s.count();
        for (CountAtBucket b : s.histogramCounts()) {
            if (Math.abs(b.bucket(TimeUnit.MILLISECONDS) - 20) < 1e-6) {
                over20 = s.count() - (long) b.count();
            }
        }
        return new BatchStats(s.count(), p50, p99, p999, s.max(TimeUnit.MILLISECONDS), over20);
    }

    /** Writer batches: count, commit time percentiles (ms; Micrometer's, about 1-2 % precise), batches over 20 ms. */
    record BatchStats(long batches, double p50Ms, double p99Ms, double p999Ms, double maxMs, long over20ms) {
    }

    @Override
    public void close() {
        if (telephony != null) {
            telephony.close();
            calls.close();
            telephony = null;
        }
        if (db != null) {
            db.close();
            db = null;
        }
        if (vertx != null) {
            vertx.close().await();
            vertx = null;
        }
    }
}
