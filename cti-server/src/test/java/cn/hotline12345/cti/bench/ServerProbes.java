package cn.hotline12345.cti.bench;

import cn.hotline12345.cti.app.CtiServer;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.telephony.ami.AmiLink;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.vertx.core.Context;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What the soak measures inside the server's JVM, window by window: heap after each garbage collection (from the
 * collectors' notifications, no forced GC), GC count and pause time, the JVM's and PostgreSQL's CPU, socket read
 * → tracker for every CallUpdate (through {@link AmiLink#setReadProbe}), gaps between AMI socket reads, and the
 * AMI link's event loop's own pauses (a 10 ms timer on the link's context: how late each tick runs).
 */
final class ServerProbes implements AutoCloseable {

    /** A reader pause: the link's event loop could not run for this long. */
    static final long PAUSE_NANOS = 50_000_000L;
    private static final long TICK_MS = 10;

    /**
     * One window as the server saw it.
     *
     * @param heapAfterGcMinBytes  lowest heap use right after a GC in the window (-1: no GC in the window)
     * @param heapAfterGcLastBytes heap use after the window's last GC (-1: none)
     * @param oldGenAfterGcBytes   the old generation's use after the window's last GC (-1: none)
     * @param jvmCpuShare          server JVM CPU over the window, as a share of all cores (0..1)
     * @param pgCpuShare           PostgreSQL (postmaster and backends), same unit
     * @param readToTracker        socket read → CallUpdate published by the tracker
     * @param loopLag              how late the link's 10 ms ticks ran (a reader pause when ≥ 50 ms)
     * @param readGapsOver50ms     gaps of 50 ms or more between two AMI socket reads (includes idle stream)
     * @param writerBacklog        call record writer items waiting at the end of the window
     */
    record Window(long heapAfterGcMinBytes, long heapAfterGcLastBytes, long oldGenAfterGcBytes, long gcCount,
                  long gcPauseMillis, double jvmCpuShare, double pgCpuShare, WindowHistogram.Snapshot readToTracker,
                  WindowHistogram.Snapshot loopLag, long readGapsOver50ms, long updates, long writerBacklog) {
    }

    private final CtiServer server;
    private final ProcessCpu postgres;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener gcListener = (n, h) -> onGc(n);
    private final Consumer<CallUpdate> updateListener = this::onUpdate;
    private final AtomicLong heapMin = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong heapLast = new AtomicLong(-1);
    private final AtomicLong oldLast = new AtomicLong(-1);
    private final LongAdder gcs = new LongAdder();
    private final LongAdder gcMillis = new LongAdder();
    private final LongAdder updates = new LongAdder();
    private final LongAdder readGaps = new LongAdder();
    final WindowHistogram readToTracker = new WindowHistogram();
    final WindowHistogram readToTrackerAll = new WindowHistogram();
    final WindowHistogram readToTrackerSteady = new WindowHistogram();
    private final WindowHistogram loopLag = new WindowHistogram();
    final WindowHistogram loopLagAll = new WindowHistogram();
    final WindowHistogram loopLagSteady = new WindowHistogram();
    private final AmiLink link;
    private volatile long lastRead;
    private volatile long lastTick;
    private volatile long timerId = -1;
    private long windowStartNanos;
    private long cpuAtStart;
    private Map<Long, Long> pgAtStart = Map.of();
    private final long steadyFromNanos;

    /** {@code warmUpSeconds}: the *Steady histograms record only after this long (JIT warm-up, first GCs). */
    ServerProbes(CtiServer server, ProcessCpu postgres, double warmUpSeconds) {
        this.steadyFromNanos = System.nanoTime() + (long) (warmUpSeconds * 1e9);
        this.server = server;
        this.postgres = postgres;
        this.link = server.telephony().connectors().values().iterator().next().link();
    }

    /** Starts probing; the first window starts now. */
    void start() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(gcListener, null, null);
                emitters.add(e);
            }
        }
        link.setReadProbe(this::onRead);
        server.callUpdates().subscribe(updateListener);
        Context ctx = link.context();
        ctx.runOnContext(v -> {
            lastTick = System.nanoTime();
            timerId = server.vertx().setPeriodic(TICK_MS, id -> onTick());
        });
        windowStartNanos = System.nanoTime();
        cpuAtStart = os.getProcessCpuTime();
        pgAtStart = postgres.cpuNanosByPid();
    }

    private void onGc(javax.management.Notification n) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        long old = -1;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            used += e.getValue().getUsed();
            if (e.getKey().contains("Old Gen") || e.getKey().contains("Tenured")) {
                old = e.getValue().getUsed();
            }
        }
        gcs.increment();
        gcMillis.add(info.getGcInfo().getDuration());
        heapLast.set(used);
        oldLast.set(old);
        heapMin.accumulateAndGet(used, Math::min);
    }

    private void onRead(long now) {
        long prev = lastRead;
        if (prev != 0 && now - prev >= PAUSE_NANOS) {
            readGaps.increment();
        }
        lastRead = now;
    }

    private void onUpdate(CallUpdate u) {
        long d = System.nanoTime() - lastRead;
        readToTracker.recordNanos(d);
        readToTrackerAll.recordNanos(d);
        if (System.nanoTime() >= steadyFromNanos) {
            readToTrackerSteady.recordNanos(d);
        }
        updates.increment();
    }

    private void onTick() {
        long now = System.nanoTime();
        long late = now - lastTick - TICK_MS * 1_000_000L;
        lastTick = now;
        loopLag.recordNanos(Math.max(0, late));
        loopLagAll.recordNanos(Math.max(0, late));
        if (now >= steadyFromNanos) {
            loopLagSteady.recordNanos(Math.max(0, late));
        }
    }

    /** Ends the current window and starts the next one. */
    Window take() {
        long now = System.nanoTime();
        long cpu = os.getProcessCpuTime();
        Map<Long, Long> pgNow = postgres.cpuNanosByPid();
        long pgUsed = 0;
        for (Map.Entry<Long, Long> e : pgNow.entrySet()) {
            pgUsed += Math.max(0, e.getValue() - pgAtStart.getOrDefault(e.getKey(), 0L));
        }
        double wall = (now - windowStartNanos) * (double) cores;
        long min = heapMin.getAndSet(Long.MAX_VALUE);
        Window w = new Window(min == Long.MAX_VALUE ? -1 : min, heapLast.getAndSet(-1), oldLast.getAndSet(-1),
                gcs.sumThenReset(), gcMillis.sumThenReset(), (cpu - cpuAtStart) / wall, pgUsed / wall,
                readToTracker.takeAndReset(), loopLag.takeAndReset(), readGaps.sumThenReset(), updates.sumThenReset(),
                server.calls().writer().backlog());
        windowStartNanos = now;
        cpuAtStart = cpu;
        pgAtStart = pgNow;
        return w;
    }

    @Override
    public void close() {
        link.setReadProbe(null);
        server.callUpdates().unsubscribe(updateListener);
        if (timerId >= 0) {
            server.vertx().cancelTimer(timerId);
        }
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(gcListener);
            } catch (Exception ignored) {
                // already gone
            }
        }
    }
}
