package cn.hotline12345.cti.telephony;

import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.telephony.ami.AmiLink;
import cn.hotline12345.cti.telephony.ami.PbxConnector;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import cn.hotline12345.cti.platform.lifecycle.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each PBX's AMI link as the engineer's screen shows it (issue 24): its state and since when, its event rate, how many
 * resyncs it has run and when the last one ended. Samples every second (a few counter reads): the rate is the events
 * of the last sample's second, the resync time is known to that second. Read from any thread.
 */
public final class LinkStatus implements Lifecycle {

    /** One link now. {@code state} is {@code up}, {@code connecting}, {@code down}, {@code closed} or {@code standby}. */
    public record Link(String pbxId, String host, int port, String state, Instant since, String detail,
                       double eventsPerSecond, long eventsTotal, long resyncs, Instant lastResyncAt) {
    }

    private record Sample(long at, double events, long resyncs) {
    }

    private final Vertx vertx;
    private final TelephonyModule telephony;
    private final Map<String, cn.hotline12345.cti.platform.config.CtiConfig.Pbx> configs = new java.util.HashMap<>();
    private final Readiness readiness;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Map<String, Sample> last = new ConcurrentHashMap<>();
    private final Map<String, Double> rate = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastResync = new ConcurrentHashMap<>();
    private long timer = -1;

    public LinkStatus(Vertx vertx, TelephonyModule telephony, List<cn.hotline12345.cti.platform.config.CtiConfig.Pbx> pbxs,
                      Readiness readiness, MeterRegistry metrics, Clock clock) {
        this.vertx = vertx;
        pbxs.forEach(p -> configs.put(p.id(), p));
        this.telephony = telephony;
        this.readiness = readiness;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Samples every link's event counter each second (the engineer's screen shows the rate). */
    @Override
    public synchronized Future<Void> start() {
        if (timer < 0) {
            sample();
            this.timer = vertx.setPeriodic(1_000, id -> sample());
        }
        return Future.succeededFuture();
    }

    private void sample() {
        long now = System.nanoTime();
        for (Map.Entry<String, PbxConnector> e : telephony.connectors().entrySet()) {
            String pbx = e.getKey();
            double events = events(pbx);
            long resyncs = e.getValue().resyncs();
            Sample before = last.put(pbx, new Sample(now, events, resyncs));
            if (before != null) {
                double seconds = Math.max(1e-3, (now - before.at()) / 1e9);
                rate.put(pbx, Math.max(0, events - before.events()) / seconds);
                if (resyncs != before.resyncs()) {
                    lastResync.put(pbx, clock.instant());
                }
            }
        }
    }

    private double events(String pbx) {
        Counter c = metrics.find("cti_ami_events_total").tag("pbx", pbx).counter();
        return c == null ? 0 : c.count();
    }

    /** Every configured PBX's link, in configuration order. */
    public List<Link> links() {
        List<Link> out = new ArrayList<>();
        Map<String, Readiness.Component> parts = readiness.snapshot();
        for (Map.Entry<String, PbxConnector> e : telephony.connectors().entrySet()) {
            String pbx = e.getKey();
            AmiLink link = e.getValue().link();
            Readiness.Component c = parts.get("ami:" + pbx);
            String state = link.state().name().toLowerCase(java.util.Locale.ROOT);
            if (c != null && c.up() && link.state() != AmiLink.State.UP && c.detail() != null
                    && c.detail().startsWith("standby")) {
                state = "standby"; // several servers: another node holds this PBX's link
            }
            var config = configs.get(pbx);
            out.add(new Link(pbx, config == null ? null : config.host(), config == null ? 0 : config.port(), state, c == null ? null : c.since(),
                    c == null ? null : c.detail(), rate.getOrDefault(pbx, 0.0), (long) events(pbx),
                    e.getValue().resyncs(), lastResync.get(pbx)));
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (timer < 0) {
            return;
        }
        vertx.cancelTimer(timer);
        timer = -1;
    }
}
