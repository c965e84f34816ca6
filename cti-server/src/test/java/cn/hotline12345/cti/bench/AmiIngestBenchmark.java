package cn.hotline12345.cti.bench;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import cn.hotline12345.cti.call.internal.CallRecordWriter;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.DatabaseRuntime;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Issue 9 target 1: AMI ingest. Renders capture-shaped traffic (s1: IVR + queue + answered, ~121 events a
 * call, hundreds of calls interleaved), plays it from a {@link FakeAmiServer} over loopback and measures, on
 * the same bytes one after the other: a plain key/value parser, bare asterisk-java, the server pipeline, and
 * the server pipeline on the stream as Asterisk's eventfilter (docker/asterisk/manager.conf) would cut it.
 *
 * <p>Run: {@code bench/run.sh ami [--minutes 5] [--baseline-seconds 60] [--filtered-seconds 60]
 * [--calls 1000] [--concurrency 300] [--rate 0] [--phases raw,bare,pipeline,filtered] [--jfr file.jfr]}.
 */
public final class AmiIngestBenchmark {

    private static final String USER = "cti";
    private static final String SECRET = "bench-secret";

    private AmiIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = Args.parse(args, "baseline-seconds", "calls", "concurrency", "filtered-seconds", "jfr", "minutes", "phases", "rate");
        double minutes = Double.parseDouble(opt.getOrDefault("minutes", "5"));
        double baselineSeconds = Double.parseDouble(opt.getOrDefault("baseline-seconds", "60"));
        double filteredSeconds = Double.parseDouble(opt.getOrDefault("filtered-seconds", "60"));
        int calls = Integer.parseInt(opt.getOrDefault("calls", "1000"));
        int concurrency = Integer.parseInt(opt.getOrDefault("concurrency", "300"));
        double rate = Double.parseDouble(opt.getOrDefault("rate", "0"));
        List<String> phases = List.of(opt.getOrDefault("phases", "raw,bare,pipeline,filtered").split(","));
        String jfr = opt.get("jfr");

        LongAdder blocked = countBlockedThreadWarnings();
        CallTemplate template = CallTemplate.s1();
        CallTemplate filteredTemplate = template.withManagerConfFilter();
        StreamSegment segment = StreamSegment.render(template, calls, concurrency, 42);
        StreamSegment filtered = StreamSegment.render(filteredTemplate, calls, concurrency, 42);
        out("# AMI ingest benchmark, %s", OffsetDateTime.now());
        out("machine: %d cores (nproc), %s %s, max heap %d MiB", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        out("load average at start (shared machine): %s", loadAverage());
        out("stream: %d calls per segment, <= %d live at once, %d events/call (%d bytes/call) full; "
                        + "%d events/call (%d bytes/call) with manager.conf filter; target rate %s",
                calls, concurrency, template.events().size(), segment.length() / calls, filteredTemplate.events().size(),
                filtered.length() / calls, rate > 0 ? rate + " events/s" : "full speed");

        Path dataDir = Files.createTempDirectory("cti-bench-pg");
        cn.hotline12345.cti.testing.TestSql.deleteOnExit(dataDir);
        List<String> summary = new ArrayList<>();
        try (FakeAmiServer server = new FakeAmiServer(USER, SECRET);
             DatabaseRuntime database = DatabaseRuntime.start(new CtiConfig.Database(CtiConfig.Database.Mode.EMBEDDED,
                     dataDir, 0, null, null, null, 8, dataDir.resolve("journal")), null)) {
            ProcessCpu postgres = ProcessCpu.postmasterOf(dataDir);
            out("database: %s", database.description());
            long epoch = 1_800_000_000L;
            for (String phase : phases) {
                epoch += 100_000;
                switch (phase.trim()) {
                    case "raw", "bare" -> {
                        IngestClient c = phase.trim().equals("raw") ? new RawParserClient(USER, SECRET)
                                : new BareAsteriskJavaClient(USER, SECRET);
                        IngestRun.Result r = IngestRun.run(server, c, segment, epoch, seconds(baselineSeconds), 1, rate,
                                Duration.ofSeconds(10), s -> { }, null);
                        c.close();
                        r.session().close();
                        summary.add(row(r, null));
                    }
                    case "pipeline", "filtered" -> {
                        boolean full = phase.trim().equals("pipeline");
                        Recording recording = null;
                        if (full && jfr != null) {
                            recording = new Recording(Configuration.getConfiguration("profile"));
                            recording.setName("ami-ingest-pipeline");
                            recording.start();
                        }
                        try (PipelineClient c = new PipelineClient(database.dataSource(), "bench-" + phase + "-" + epoch,
                                USER, SECRET, blocked)) {
                            long blockedBefore = blocked.sum();
                            IngestRun.Result r = IngestRun.run(server, c, full ? segment : filtered, epoch,
                                    full ? Duration.ofMillis((long) (minutes * 60_000)) : seconds(filteredSeconds), 1, rate,
                                    Duration.ofSeconds(10), s -> {
                                        c.controlEvents(s.controlEvents());
                                        c.timeGaps(true);
                                    }, postgres);
                            c.timeGaps(false);
                            if (recording != null) {
                                recording.stop();
                                recording.dump(Path.of(jfr));
                                recording.close();
                                out("JFR recording of the pipeline phase: %s", jfr);
                            }
                            summary.add(row(r, full ? "with every event" : "manager.conf eventfilter"));
                            pipelineChecks(c, r, blocked.sum() - blockedBefore);
                            c.close();
                            r.session().close();
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown phase " + phase);
                }
            }
        }
        out("");
        out("load average at end: %s", loadAverage());
        out("| client | events sent | events in | seconds | events/s | calls/s | CPU µs/event | bytes alloc/event | GCs (ms) | slowest/fastest 10 s window, events/s |");
        out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        summary.forEach(AmiIngestBenchmark::out);
        System.exit(0);
    }

    private static void pipelineChecks(PipelineClient c, IngestRun.Result r, long blockedWarnings) throws Exception {
        CallRecordWriter writer = c.calls().writer();
        long t0 = System.nanoTime();
        boolean drained = writer.awaitIdle(600_000);
        double drainSeconds = (System.nanoTime() - t0) / 1e9;
        String pbx = c.pbxId;
        long callRows = count(c, "select count(*) from call where pbx_id = '" + pbx + "'");
        long endedRows = count(c, "select count(*) from call where pbx_id = '" + pbx + "' and ended_at is not null");
        long answeredRows = count(c, "select count(*) from call where pbx_id = '" + pbx + "' and disposition = 'answered'");
        long eventRows = count(c, "select count(*) from call_event where pbx_id = '" + pbx + "'");
        PipelineClient.BatchStats b = c.batchStats();
        out("");
        out("## %s", r.label());
        out("events: sent %d, into the tracker %d (%s); calls sent %d, CallEnded published %d, CallUpdates %d",
                r.sent().events(), r.received(), r.received() == r.sent().events() ? "none lost" : "LOST " + (r.sent().events() - r.received()),
                r.sent().calls(), c.callsEnded.sum(), c.updates.sum());
        out("writer: drained %s %.1f s after the last event; overflow %d; call rows %d (ended %d, answered %d), call_event rows %d (%.1f per call)",
                drained ? "in" : "NOT within", drainSeconds, writer.overflowCount(), callRows, endedRows, answeredRows,
                eventRows, (double) eventRows / Math.max(1, callRows));
        out("writer batches: %d, commit p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms, %d over 20 ms",
                b.batches(), b.p50Ms(), b.p99Ms(), b.p999Ms(), b.maxMs(), b.over20ms());
        out("socket read -> tracker (per CallUpdate, %d samples): p50 %d µs, p99 %d µs, p99.9 %d µs, max %d µs",
                c.readToTracker.count(), c.readToTracker.percentileMicros(0.5), c.readToTracker.percentileMicros(0.99),
                c.readToTracker.percentileMicros(0.999), c.readToTracker.maxMicros());
        out("AMI reader gaps between socket reads while streaming (%d reads): p50 %d µs, p99 %d µs, max %d µs, %d gaps >= 50 ms; "
                        + "Vert.x blocked-thread warnings (50 ms budget): %d",
                c.readGaps.count(), c.readGaps.percentileMicros(0.5), c.readGaps.percentileMicros(0.99), c.readGaps.maxMicros(),
                c.readGaps.countAtLeast(50_000), blockedWarnings);
        out("AMI link event loop lag (a 10 ms timer on its context, %d ticks): p50 %d µs, p99 %d µs, p99.9 %d µs, max %d µs, "
                        + "%d ticks >= 50 ms late", c.loopLag.count(), c.loopLag.percentileMicros(0.5),
                c.loopLag.percentileMicros(0.99), c.loopLag.percentileMicros(0.999), c.loopLag.maxMicros(),
                c.loopLag.countAtLeast(50_000));
        List<String> stalls = r.session().senderStalls();
        out("load tool's sender stalls >= 20 ms beyond its pacing: %d%s", stalls.size(),
                stalls.isEmpty() ? "" : " " + stalls.subList(0, Math.min(20, stalls.size())));
        synchronized (c.longPauses) {
            out("reader pauses >= 50 ms, when: %s", c.longPauses.isEmpty() ? "none"
                    : c.longPauses.subList(0, Math.min(20, c.longPauses.size())));
        }
        out("PostgreSQL CPU during the stream: %.2f µs/event (%.1f s in all)",
                r.postgresCpuNanos() / 1e3 / r.received(), r.postgresCpuNanos() / 1e9);
        out("throughput per 10 s window: %s", r.windows().stream()
                .map(w -> String.format(Locale.ROOT, "%.0f", w.eventsPerSecond())).toList());
    }

    private static long count(PipelineClient c, String sql) {
        return c.db().query(dsl -> ((Number) dsl.fetchValue(sql)).longValue()).await();
    }

    private static String row(IngestRun.Result r, String note) {
        String label = r.label().startsWith("server") ? "server pipeline" + (note == null ? "" : " (" + note + ")")
                : r.label().startsWith("bare") ? "bare asterisk-java ManagerConnection" : "plain parser (AmiFramer, counting)";
        out("");
        out("%s: %d events sent, %d taken in, %.1f s, %.0f events/s, %.1f calls/s, %.2f µs CPU/event, %.0f B/event, GC %d (%d ms)",
                label, r.sent().events(), r.received(), r.seconds(), r.eventsPerSecond(), r.callsPerSecond(),
                r.cpuMicrosPerEvent(), r.bytesPerEvent(), r.usage().gcCount(), r.usage().gcMillis());
        return String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.0f | %.1f | %.2f | %.0f | %d (%d) | %.0f / %.0f |",
                label, r.sent().events(), r.received(), r.seconds(), r.eventsPerSecond(), r.callsPerSecond(),
                r.cpuMicrosPerEvent(), r.bytesPerEvent(), r.usage().gcCount(), r.usage().gcMillis(), r.minWindowRate(),
                r.maxWindowRate());
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }

    /** Counts Vert.x BlockedThreadChecker warnings (logback is the SLF4J binding on the test classpath). */
    private static LongAdder countBlockedThreadWarnings() {
        LongAdder n = new LongAdder();
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        AppenderBase<ILoggingEvent> counter = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                if (e.getLoggerName().contains("BlockedThreadChecker")) {
                    n.increment();
                }
            }
        };
        counter.setContext(root.getLoggerContext());
        counter.start();
        root.addAppender(counter);
        return n;
    }

    /** /proc/loadavg: other work on the same 2 cores shows here. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
