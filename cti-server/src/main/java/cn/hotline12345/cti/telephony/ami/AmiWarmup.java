package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.cti.call.CallModule;

import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.call.api.CallRecordSink;
import cn.hotline12345.cti.call.tracking.CallTracker;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.PbxEvent;
import cn.hotline12345.cti.call.tracking.QueueBoard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a recorded Asterisk 22 call (capture s1: IVR, queue, answered by an agent; 121 events) a few hundred times
 * through the path every AMI link uses — framing, translation, call tracking, the queue board — into a private
 * tracker whose updates and records go nowhere, before the first link starts. Without it a fresh JVM loads these
 * classes and runs this code interpreted on the link's event loop while the first calls stream in: in the AMI
 * benchmark at 100,000 events/s that was the one reader stall of the run (57–69 ms, in the first 100 ms of
 * traffic). A node that takes over a busy PBX's link after a failover meets its full traffic at once, which is when
 * this matters. Once per JVM; a few hundred milliseconds of one core at start.
 */
public final class AmiWarmup {

    private static final Logger LOG = LoggerFactory.getLogger(AmiWarmup.class);
    static final String CAPTURE = "/ami/warmup-s1-ivr-queue-answered.ami";
    /** Calls run through: enough for the tiered JIT to compile the framer, translator and tracker (C1 and mostly C2). */
    public static final int CALLS = 400;
    private static final Set<String> SESSION_EVENTS = Set.of("FullyBooted", "SuccessfulAuth");
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private AmiWarmup() {
    }

    /** What a warm-up did. */
    public record Result(int calls, long events, long callsEnded, long nanos) {
    }

    /** Runs the warm-up unless it has run in this JVM already; never throws (a failed warm-up only costs speed). */
    public static void once() {
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        try {
            long t0 = System.nanoTime();
            Result r = run(CALLS);
            // a second round runs what the first got compiled and makes the rest hot enough for the optimising compiler
            Result r2 = run(CALLS);
            long jitWait = awaitQuietCompiler(Duration.ofSeconds(3));
            LOG.info("AMI path warmed up: {} recorded calls ({} events) in {} ms, then {} ms for the JIT to settle",
                    r.calls() + r2.calls(), r.events() + r2.events(), (System.nanoTime() - t0) / 1_000_000 - jitWait, jitWait);
        } catch (RuntimeException | Error e) {
            LOG.warn("AMI warm-up failed (the first calls may be handled slower): {}", e.toString());
        }
    }

    /**
     * Waits until the JIT has finished what the warm-up queued — its total compilation time stops growing over two
     * 50 ms looks in a row — or the limit passes. Compiles still running when the first calls arrive take the
     * cores the link's event loop needs (on 2 cores, a 52–57 ms reader stall in the first 100 ms of traffic without
     * this wait). Returns the milliseconds waited.
     */
    static long awaitQuietCompiler(Duration limit) {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return 0;
        }
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long last = jit.getTotalCompilationTime();
        int quiet = 0;
        try {
            while (quiet < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                long now = jit.getTotalCompilationTime();
                quiet = now == last ? quiet + 1 : 0;
                last = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Runs {@code calls} copies of the recorded call, each with its own ids, through a private tracker. */
    public static Result run(int calls) {
        byte[] capture = capture();
        String text = new String(capture, StandardCharsets.US_ASCII);
        // the session's banner line is for a new connection only: the repetitions start after it
        int bodyStart = text.indexOf("\r\n") + 2;
        Clock clock = Clock.systemUTC();
        String pbx = "warmup";
        QueueBoard board = new QueueBoard(pbx, clock, HotlineTime.ZONE, CallModule.SERVICE_LEVEL_SECONDS,
                CallModule.WRAP_UP);
        CallUpdateHub hub = new CallUpdateHub();
        LongAdder ended = new LongAdder();
        hub.subscribe(u -> {
            if (u instanceof CallUpdate.CallEnded) {
                ended.increment();
            }
        });
        CallTracker tracker = new CallTracker(pbx, hub, CallRecordSink.NONE, board, clock);
        AmiEventTranslator translator = new AmiEventTranslator(pbx, clock);
        long[] events = new long[1];
        AmiFramer framer = AmiFramer.standard(banner -> { }, m -> {
            String name = m.event();
            if (name == null || SESSION_EVENTS.contains(name)) {
                return;
            }
            events[0]++;
            PbxEvent e = translator.translate(m);
            if (e != null) {
                tracker.apply(e);
            }
        });
        long t0 = System.nanoTime();
        byte[] first = text.substring(0, bodyStart).getBytes(StandardCharsets.US_ASCII);
        framer.feed(first, 0, first.length);
        String body = text.substring(bodyStart);
        for (int i = 0; i < calls; i++) {
            // the capture's ids are 1795623661.16 .. 1795623662.19: each copy gets its own epoch, so its own call
            byte[] b = body.replace("179562366", String.format("%09d", 100_000_000 + i)).getBytes(StandardCharsets.US_ASCII);
            for (int from = 0; from < b.length; from += 16_384) {
                framer.feed(b, from, Math.min(16_384, b.length - from));
            }
        }
        return new Result(calls, events[0], ended.sum(), System.nanoTime() - t0);
    }

    private static byte[] capture() {
        try (InputStream in = AmiWarmup.class.getResourceAsStream(CAPTURE)) {
            if (in == null) {
                throw new IllegalStateException(CAPTURE + " missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
