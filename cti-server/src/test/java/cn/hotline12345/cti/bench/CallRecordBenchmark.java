package cn.hotline12345.cti.bench;

import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.call.api.AgentStateChange;
import cn.hotline12345.cti.call.api.CallEventRecord;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallRecord;
import cn.hotline12345.cti.call.api.CallRecordSink;
import cn.hotline12345.cti.call.tracking.CallTracker;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.PbxEvent;
import cn.hotline12345.cti.call.tracking.QueueBoard;
import cn.hotline12345.cti.call.internal.CallRecordRepository;
import cn.hotline12345.cti.call.internal.CallRecordWriter;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.DatabaseRuntime;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.telephony.ami.AmiEventTranslator;
import cn.hotline12345.cti.telephony.ami.AmiFramer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static cn.hotline12345.cti.bench.AmiIngestBenchmark.out;

/**
 * Issue 9 target 4: call records. The items the tracker hands to its sink for real s1 calls (records at
 * start, queue join, agent connect and end; the call_event rows) are captured once, then replayed with fresh
 * ids through {@link CallRecordWriter} and {@link CallRecordRepository} into embedded PostgreSQL for a while,
 * at full speed (the feeder waits while the writer's backlog exceeds 50,000 items) or a target rate; then
 * the same rows go in with PostgreSQL {@code COPY} (PgJDBC's CopyManager) for the ratio.
 *
 * <p>Run: {@code bench/run.sh records [--seconds 90] [--rate 0] [--calls 1000]}.
 */
public final class CallRecordBenchmark {

    private CallRecordBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = Args.parse(args, "calls", "capacity", "fenced", "lanes", "max-batch", "max-batch-delay-ms", "rate", "seconds");
        double seconds = Double.parseDouble(opt.getOrDefault("seconds", "90"));
        double rate = Double.parseDouble(opt.getOrDefault("rate", "0"));
        int calls = Integer.parseInt(opt.getOrDefault("calls", "1000"));
        // the writer as the server builds it by default (database.writer.*), unless overridden
        int capacity = Integer.parseInt(opt.getOrDefault("capacity", String.valueOf(CtiConfig.Database.Writer.DEFAULTS.capacity())));
        int maxBatch = Integer.parseInt(opt.getOrDefault("max-batch", String.valueOf(CtiConfig.Database.Writer.DEFAULTS.maxBatch())));
        Duration maxBatchDelay = Duration.ofMillis(Long.parseLong(opt.getOrDefault("max-batch-delay-ms",
                String.valueOf(CtiConfig.Database.Writer.DEFAULTS.maxBatchDelay().toMillis()))));
        int lanes = Integer.parseInt(opt.getOrDefault("lanes", String.valueOf(CtiConfig.Database.Writer.DEFAULTS.lanes())));
        String pbx = "rec";
        // issue 25: the writer as a cluster node runs it, each batch checking the PBX's lease epoch in its transaction
        boolean fencedWrites = Boolean.parseBoolean(opt.getOrDefault("fenced", "true"));
        List<Object> items = trackerItems(pbx, StreamSegment.render(CallTemplate.s1(), calls, 300, 42));
        long recordItems = items.stream().filter(CallRecord.class::isInstance).count();
        long eventItems = items.stream().filter(CallEventRecord.class::isInstance).count();
        long stateItems = items.stream().filter(AgentStateChange.class::isInstance).count();
        out("# Call record write benchmark, %s", OffsetDateTime.now());
        out("machine: %d cores, %s %s", Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"));
        out("per call, as the tracker produces them for s1: %.2f record upserts, %.2f call_event rows, %.2f agent states",
                (double) recordItems / calls, (double) eventItems / calls, (double) stateItems / calls);
        Path dataDir = Files.createTempDirectory("cti-bench-pg");
        cn.hotline12345.cti.testing.TestSql.deleteOnExit(dataDir);
        try (DatabaseRuntime database = DatabaseRuntime.start(new CtiConfig.Database(CtiConfig.Database.Mode.EMBEDDED,
                dataDir, 0, null, null, null, 8, dataDir.resolve("journal")), null)) {
            DataSource ds = database.dataSource();
            out("database: %s; %s", database.description(), settings(ds));
            out("load average at start (shared machine): %s", AmiIngestBenchmark.loadAverage());
            ProcessCpu postgres = ProcessCpu.postmasterOf(dataDir);
            long pgBefore = postgres.cpuNanos();
            Usage usageBefore = Usage.now(java.util.Set.of());
            SimpleMeterRegistry metrics = PipelineClient.withBatchHistogram(new SimpleMeterRegistry());
            var dsl = DSL.using(ds, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
            CallRecordWriter writer = new CallRecordWriter(new CallRecordRepository(dsl), capacity, maxBatch, maxBatchDelay,
                    lanes, metrics, new Readiness(), dataDir.resolve("journal"));
            writer.start();
            if (fencedWrites) {
                long epoch = new cn.hotline12345.cti.cluster.AmiLeaseRepository().tryAcquire(dsl, pbx, "bench",
                        Duration.ofHours(1)).orElseThrow().epoch();
                writer.fenceWith(p -> epoch);
            }
            out("writer fenced by the AMI lease epoch (issue 25): %s", fencedWrites);
            out("writer: capacity %d, maxBatch %d, maxBatchDelay %d ms, %d lane(s); feeder %s", capacity, maxBatch,
                    maxBatchDelay.toMillis(), lanes, rate > 0 ? String.format(Locale.ROOT, "paced at %.0f calls/s", rate)
                            : "at full speed (waits while the backlog exceeds 50,000 items)");
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            long rep = 0;
            long fed = 0;
            List<Double> windows = new ArrayList<>();
            long windowStart = start;
            long windowWritten = 0;
            while (System.nanoTime() < deadline) {
                String from = "1000000000.";
                String to = (1_000_000_000L + ++rep) + ".";
                for (Object o : items) {
                    while (writer.backlog() > Math.min(50_000, capacity / 4)) {
                        Thread.sleep(1);
                    }
                    if (rate > 0) {
                        long due = start + (long) (fed * 1e9 / (rate * items.size() / calls));
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    offer(writer, o, from, to);
                    fed++;
                }
                long now = System.nanoTime();
                if (now - windowStart > 10_000_000_000L) {
                    // a record superseded by a newer one of the same call while waiting is done too
                    double written = metrics.counter("cti_call_writer_items_written_total").count()
                            + metrics.counter("cti_call_writer_records_coalesced_total").count();
                    windows.add((written - windowWritten) / ((now - windowStart) / 1e9) * calls / items.size());
                    windowWritten = (long) written;
                    windowStart = now;
                }
            }
            boolean drained = writer.awaitIdle(300_000);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long pgCpu = postgres.cpuNanos() - pgBefore;
            Usage used = Usage.now(java.util.Set.of()).minus(usageBefore);
            writer.close();
            long callsWritten = rep * calls;
            long callRows = count(ds, "select count(*) from call where pbx_id = '" + pbx + "'");
            long eventRows = count(ds, "select count(*) from call_event where pbx_id = '" + pbx + "'");
            PipelineClient.BatchStats b = PipelineClient.batchStats(metrics);
            out("");
            out("## CallRecordWriter -> CallRecordRepository (batches of at most %d items, linger %d ms)", maxBatch,
                    maxBatchDelay.toMillis());
            out("call record writes: %.0f offered, %.0f coalesced while waiting (%.2f written per call)",
                    (double) recordItems * rep, metrics.counter("cti_call_writer_records_coalesced_total").count(),
                    (recordItems * rep - metrics.counter("cti_call_writer_records_coalesced_total").count()) / callsWritten);
            out("%d calls in %.1f s (drained: %s, overflow %d): %.0f call rows/s with %.0f call_event rows/s; rows in db: call %d, call_event %d",
                    callsWritten, elapsed, drained, writer.overflowCount(), callsWritten / elapsed,
                    eventItems * rep / elapsed, callRows, eventRows);
            out("batches %d: commit p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms, %d over 20 ms",
                    b.batches(), b.p50Ms(), b.p99Ms(), b.p999Ms(), b.maxMs(), b.over20ms());
            out("CPU per call: JVM %.0f µs (feeder, writer, GC), PostgreSQL %.0f µs; load average now %s",
                    used.processCpuNanos() / 1e3 / callsWritten, pgCpu / 1e3 / callsWritten, AmiIngestBenchmark.loadAverage());
            out("call rows/s per 10 s window: %s", windows.stream().map(w -> String.format(Locale.ROOT, "%.0f", w)).toList());

            // COPY of the same rows: each call's final record and its events
            List<CallRecord> finals = new ArrayList<>();
            List<CallEventRecord> events = new ArrayList<>();
            for (Object o : items) {
                if (o instanceof CallRecord r && r.ended()) {
                    finals.add(r);
                } else if (o instanceof CallEventRecord e) {
                    events.add(e);
                }
            }
            long copyStart = System.nanoTime();
            long pgCopyBefore = postgres.cpuNanos();
            long copied = 0;
            try (Connection c = ds.getConnection()) {
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (long r = 0; r < rep; r++) {
                    String to = (1_100_000_000L + r) + ".";
                    copy.copyIn("copy call (pbx_id, linkedid, direction, caller_number, caller_name, dialled_number, "
                            + "started_at, answered_at, ended_at, ivr_path, ivr_vars, queue_name, queue_priority, queue_joined_at, "
                            + "queue_left_at, queue_position, queue_wait_ms, agent, agents_rung, transfers, holds, hangup_cause, "
                            + "hangup_cause_txt, disposition, end_reason, recording_file, updated_at) from stdin (format csv)",
                            new StringReader(callCsv("copy", finals, "1000000000.", to)));
                    copy.copyIn("copy call_event (pbx_id, linkedid, event_key, kind, at, data) from stdin (format csv)",
                            new StringReader(eventCsv("copy", events, "1000000000.", to)));
                    copied += calls;
                }
            }
            double copySeconds = (System.nanoTime() - copyStart) / 1e9;
            long pgCopy = postgres.cpuNanos() - pgCopyBefore;
            out("");
            out("## COPY of the same rows (final call record + its events, CSV built in the loop)");
            out("%d calls in %.1f s: %.0f call rows/s with %.0f call_event rows/s; PostgreSQL CPU %.0f µs per call",
                    copied, copySeconds, copied / copySeconds, events.size() * (double) rep / copySeconds, pgCopy / 1e3 / copied);
            out("");
            out("| path | calls | seconds | call rows/s | call_event rows/s | batch commit p50 / p99 / max (ms) |");
            out("|---|---:|---:|---:|---:|---|");
            out("| CallRecordWriter -> CallRecordRepository (upsert + insert) | %d | %.1f | %.0f | %.0f | %.1f / %.1f / %.1f |",
                    callsWritten, elapsed, callsWritten / elapsed, eventItems * rep / elapsed, b.p50Ms(), b.p99Ms(), b.maxMs());
            out("| PostgreSQL COPY (CopyManager) | %d | %.1f | %.0f | %.0f | - |",
                    copied, copySeconds, copied / copySeconds, events.size() * (double) rep / copySeconds);
            out("writer / COPY = %.2f", (callsWritten / elapsed) / (copied / copySeconds));
        }
        System.exit(0);
    }

    /** Runs the segment through framer, translator and tracker once, keeping what the tracker hands its sink. */
    static List<Object> trackerItems(String pbx, StreamSegment segment) {
        List<Object> items = new ArrayList<>();
        CallRecordSink sink = new CallRecordSink() {
            @Override
            public void record(CallRecord record) {
                items.add(record);
            }

            @Override
            public void event(CallEventRecord event) {
                items.add(event);
            }

            @Override
            public void agentState(AgentStateChange change) {
                items.add(change);
            }
        };
        Clock clock = Clock.systemUTC();
        CallTracker tracker = new CallTracker(pbx, new CallUpdateHub(), sink,
                new QueueBoard(pbx, clock, HotlineTime.ZONE, 20, Duration.ofSeconds(15)), clock);
        AmiEventTranslator translator = new AmiEventTranslator(pbx, clock);
        AmiFramer framer = AmiFramer.standard(b -> { }, m -> {
            PbxEvent e = translator.translate(m);
            if (e != null) {
                tracker.apply(e);
            }
        });
        framer.feed(segment.bytes());
        return items;
    }

    private static void offer(CallRecordWriter writer, Object o, String from, String to) {
        if (o instanceof CallRecord r) {
            writer.record(rekey(r, from, to));
        } else if (o instanceof CallEventRecord e) {
            writer.event(new CallEventRecord(new CallKey(e.key().pbxId(), e.key().linkedid().replace(from, to)),
                    e.eventKey().replace(from, to), e.kind(), e.at(), e.data()));
        } else if (o instanceof AgentStateChange s) {
            writer.agentState(s);
        }
    }

    static CallRecord rekey(CallRecord r, String from, String to) {
        return new CallRecord(new CallKey(r.key().pbxId(), r.key().linkedid().replace(from, to)), r.direction(),
                r.callerNumber(), r.callerName(), r.dialled(), r.startedAt(), r.answeredAt(), r.endedAt(), r.ivrPath(),
                r.ivrVars(), r.queue(), r.queuePriority(), r.queueJoinedAt(), r.queueLeftAt(), r.queuePosition(),
                r.queueWaitMs(), r.agent(), r.agentsRung(), r.transfers(), r.holds(), r.hangupCause(),
                r.hangupCauseText(), r.disposition(), r.endReason(), r.recordingFile());
    }

    private static String callCsv(String pbx, List<CallRecord> records, String from, String to) {
        StringBuilder sb = new StringBuilder(records.size() * 400);
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        for (CallRecord r : records) {
            csv(sb, pbx, r.key().linkedid().replace(from, to), r.direction(), r.callerNumber(), r.callerName(),
                    r.dialled(), ts(r.startedAt()), ts(r.answeredAt()), ts(r.endedAt()), r.ivrPath(), json(r.ivrVars()),
                    r.queue(), str(r.queuePriority()), ts(r.queueJoinedAt()), ts(r.queueLeftAt()), str(r.queuePosition()),
                    str(r.queueWaitMs()), r.agent(), array(r.agentsRung()), str(r.transfers()), str(r.holds()),
                    str(r.hangupCause()), r.hangupCauseText(), r.disposition() == null ? null : r.disposition().dbName(),
                    r.endReason(), r.recordingFile(), now);
        }
        return sb.toString();
    }

    private static String eventCsv(String pbx, List<CallEventRecord> events, String from, String to) {
        StringBuilder sb = new StringBuilder(events.size() * 150);
        for (CallEventRecord e : events) {
            csv(sb, pbx, e.key().linkedid().replace(from, to), e.eventKey().replace(from, to), e.kind(), ts(e.at()),
                    json(e.data()));
        }
        return sb.toString();
    }

    private static void csv(StringBuilder sb, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields[i];
            if (f != null) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            }
        }
        sb.append('\n');
    }

    private static String ts(Instant i) {
        return i == null ? null : i.toString();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static String array(List<String> l) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < l.size(); i++) {
            sb.append(i > 0 ? "," : "").append('"').append(l.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }

    private static String json(Map<String, String> m) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (var e : m.entrySet()) {
            sb.append(first ? "" : ",").append('"').append(escape(e.getKey())).append("\":\"").append(escape(e.getValue())).append('"');
            first = false;
        }
        return sb.append('}').toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String settings(DataSource ds) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String name : List.of("server_version", "fsync", "synchronous_commit", "shared_buffers", "wal_level")) {
                try (ResultSet rs = s.executeQuery("show " + name)) {
                    rs.next();
                    sb.append(name).append('=').append(rs.getString(1)).append(' ');
                }
            }
        }
        return sb.toString().trim();
    }
}
