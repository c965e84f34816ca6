package cn.hotline12345.cti.bench;

import cn.hotline12345.cti.testing.TestSql;
import cn.hotline12345.cti.app.CtiServer;
import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.schema.SchemaMigrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static cn.hotline12345.cti.bench.AmiIngestBenchmark.loadAverage;
import static cn.hotline12345.cti.bench.AmiIngestBenchmark.out;

/**
 * Issue 9 target 6, the soak: {@code bench/run.sh soak [--minutes 30] [--rate 20] [--agents 500] [--talk-ms 10000]
 * [--window-seconds 10] [--csv cti-server/target/bench/soak.csv] [--load-heap 1g] [--warmup-seconds 120]}.
 *
 * <p>This JVM: an embedded PostgreSQL 17 (migrated, one agent user {@code pop<ext>} per agent) and the whole server,
 * {@link CtiServer#start} with the production features over it (external-database configuration, FastAGI IVR,
 * AMI to the simulator, web module with the production screen-pop enricher). A second JVM ({@link SoakLoad}) runs
 * pbx-sim, the callers and the agents' consoles, so the CPU this JVM reports is the server's (plus PostgreSQL's,
 * reported apart). Every window (10 s) both sides report; a table per minute, a verdict per criterion and a CSV per
 * window are printed at the end. Exits 1 when a criterion is missed.
 */
public final class SoakBenchmark {

    /**
     * Options.
     *
     * @param seconds       how long calls are generated
     * @param rate          new calls per second
     * @param agents        agents (pbx-sim members, users and consoles)
     * @param talkMs        mean talk time (agents talk 0.5x .. 1.5x of it)
     * @param windowSeconds sampling window
     * @param csv           where the per-window CSV goes
     * @param loadHeap      -Xmx of the load JVM
     * @param warmUpSeconds the latency verdicts use what follows this warm-up (JIT, first GCs); whole-run figures
     *                      are printed too
     */
    record Options(double seconds, double rate, int agents, long talkMs, int windowSeconds, Path csv, String loadHeap,
                   double warmUpSeconds) {
        static Options parse(String[] args) {
            Map<String, String> o = Args.parse(args, "minutes", "rate", "agents", "talk-ms", "window-seconds", "csv", "load-heap", "warmup-seconds");
            return new Options(Double.parseDouble(o.getOrDefault("minutes", "30")) * 60,
                    Double.parseDouble(o.getOrDefault("rate", "20")), Integer.parseInt(o.getOrDefault("agents", "500")),
                    Long.parseLong(o.getOrDefault("talk-ms", "10000")),
                    Integer.parseInt(o.getOrDefault("window-seconds", "10")),
                    Path.of(o.getOrDefault("csv", "cti-server/target/bench/soak.csv")), o.getOrDefault("load-heap", "1g"),
                    Double.parseDouble(o.getOrDefault("warmup-seconds", "120")));
        }
    }

    /**
     * The whole run.
     *
     * @param windows         every window, in order
     * @param placed          calls placed by the load
     * @param simEnded        calls ended in pbx-sim
     * @param simLive         calls still alive in pbx-sim at the end
     * @param rows            call rows in PostgreSQL
     * @param endedRows       call rows with ended_at
     * @param writerOverflow  items the call writer dropped
     * @param agentCalled     AgentCalled events emitted
     * @param popsOk          pops read by their agent
     * @param popsUnmatched   pop frames for no pending AgentCalled
     * @param popsLost        AgentCalled never popped within 10 s
     * @param pops            AgentCalled → frame read over the whole run
     * @param readToTracker   socket read → tracker over the whole run
     * @param loopLag         AMI link event loop lateness over the whole run
     * @param popsSteady      the same as pops, after the warm-up
     * @param readSteady      the same as readToTracker, after the warm-up
     * @param loopLagSteady   the same as loopLag, after the warm-up
     * @param clientCloses    console sockets closed during the run
     * @param amiDrops        AMI clients dropped by pbx-sim
     * @param verdicts        one line per criterion, "PASS ..." or "FAIL ..."
     */
    record Result(List<SoakWindow> windows, long placed, long simEnded, long simLive, long rows, long endedRows,
                  long writerOverflow, long agentCalled, long popsOk, long popsUnmatched, long popsLost,
                  WindowHistogram.Snapshot pops, WindowHistogram.Snapshot readToTracker,
                  WindowHistogram.Snapshot loopLag, WindowHistogram.Snapshot popsSteady,
                  WindowHistogram.Snapshot readSteady, WindowHistogram.Snapshot loopLagSteady, long clientCloses,
                  long amiDrops, List<String> verdicts) {
        boolean passed() {
            return verdicts.stream().allMatch(v -> !v.startsWith("FAIL"));
        }
    }

    private SoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Result r = run(Options.parse(args));
        System.exit(r.passed() ? 0 : 1);
    }

    static Result run(Options o) throws Exception {
        out("# Soak (issue 9 target 6), %s", OffsetDateTime.now());
        out("machine: %d cores (shared), %s; server JVM heap max %d MiB; load average at start %s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.runtime.version"),
                Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        out("plan: %.0f s of calls at %.1f/s, %d agents, mean talk %d ms (0.5x..1.5x), window %d s, load JVM -Xmx%s",
                o.seconds(), o.rate(), o.agents(), o.talkMs(), o.windowSeconds(), o.loadHeap());
        Path dir = Files.createTempDirectory("cti-soak");
        Path pgData = dir.resolve("pg");
        int firstExt = 2001;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200")
                // crash-safe, as the server's own embedded PostgreSQL and a production one run
                .setServerConfig("fsync", "on").setServerConfig("full_page_writes", "on")
                .setServerConfig("synchronous_commit", "on").start()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres");
            ds.setUser("postgres");
            ds.setPassword("postgres");
            SchemaMigrator.migrate(ds);
            ScreenPopLoad.createAgents(ds, o.agents(), firstExt);
            int httpPort = freePort();
            int agiPort = freePort();
            Process load = startLoad(o, agiPort, firstExt);
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> pump(load, lines), "soak-load-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                int amiPort = Integer.parseInt(expect(lines, "@AMI", 120).substring(5).trim());
                Map<String, String> env = new HashMap<>(Map.of(
                        "CTI_DB_URL", ds.getUrl(), "CTI_DB_USER", "postgres", "CTI_DB_PASSWORD", "postgres",
                        "CTI_HTTP_HOST", "127.0.0.1", "CTI_HTTP_PORT", Integer.toString(httpPort),
                        "CTI_AGI_HOST", "127.0.0.1", "CTI_AGI_PORT", Integer.toString(agiPort),
                        "CTI_AMI_PORT", Integer.toString(amiPort),
                        "CTI_DATABASE_JOURNAL_DIR", dir.resolve("journal").toString()));
                env.put("CTI_HTTP_ALLOWED_ORIGINS", "http://127.0.0.1:" + httpPort);
                // every console of the load comes from 127.0.0.1: no per-address cap for this one client
                env.put("CTI_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "100000");
                env.put("CTI_HTTP_MAX_CONNECTIONS", "100000");
                try (CtiServer server = CtiServer.start(new ConfigLoader(env).load(null))) {
                    try (PrintWriter w = new PrintWriter(load.getOutputStream(), true, StandardCharsets.UTF_8)) {
                        w.println("HTTP " + server.httpPort());
                        long t0 = System.nanoTime();
                        String ready = expect(lines, "@READY", 900);
                        out("%d consoles logged in and connected in %.1f s; load average %s", Long.parseLong(
                                ready.substring(7).trim()), (System.nanoTime() - t0) / 1e9, loadAverage());
                        return measure(o, server, ds, ProcessCpu.postmasterOf(pgData), lines);
                    }
                }
            } finally {
                load.destroy();
                if (!load.waitFor(20, TimeUnit.SECONDS)) {
                    load.destroyForcibly();
                }
            }
        }
    }

    private static Result measure(Options o, CtiServer server, PGSimpleDataSource ds, ProcessCpu pgCpu,
                                  BlockingQueue<String> lines) throws Exception {
        List<SoakWindow> windows = new ArrayList<>();
        try (ServerProbes probes = new ServerProbes(server, pgCpu, o.warmUpSeconds())) {
            probes.start();
            BlockingQueue<ServerProbes.Window> serverWindows = new LinkedBlockingQueue<>();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "soak-sampler");
                t.setDaemon(true);
                return t;
            });
            sampler.scheduleAtFixedRate(() -> serverWindows.add(probes.take()), o.windowSeconds(), o.windowSeconds(),
                    TimeUnit.SECONDS);
            String end;
            try (PrintWriter csv = csvWriter(o.csv())) {
                csv.println(SoakWindow.csvHeader());
                while (true) {
                    String line = lines.poll(600, TimeUnit.SECONDS);
                    if (line == null) {
                        throw new IllegalStateException("load JVM silent for 10 minutes");
                    }
                    if (line.startsWith("@END")) {
                        end = line;
                        break;
                    }
                    if (line.startsWith("@WIN")) {
                        ServerProbes.Window sw = serverWindows.poll(o.windowSeconds() * 3L, TimeUnit.SECONDS);
                        if (sw == null) {
                            continue; // the server's window was late: never seen in practice, would misalign rows
                        }
                        int index = windows.size() + 1;
                        SoakWindow w = SoakWindow.of(line, sw, index * (double) o.windowSeconds() > o.seconds() + 0.5);
                        windows.add(w);
                        csv.println(w.csv());
                        csv.flush();
                        progress(w);
                    }
                }
            }
            sampler.shutdownNow();
            var writer = server.calls().writer();
            writer.awaitIdle(120_000);
            String[] f = end.split(" ");
            long placed = Long.parseLong(f[1]);
            // the tracker hands a call's final record over when the call ends: wait for the rows to settle
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (TestSql.count(ds, "select count(*) from call where ended_at is not null") < placed
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            long rows = TestSql.count(ds, "select count(*) from call");
            long endedRows = TestSql.count(ds, "select count(*) from call where ended_at is not null");
            WindowHistogram.Snapshot pops = new WindowHistogram.Snapshot(Long.parseLong(f[6]), Long.parseLong(f[9]), Long.parseLong(f[10]),
                    Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]));
            Result partial = new Result(windows, placed, Long.parseLong(f[3]), Long.parseLong(f[4]), rows, endedRows,
                    writer.overflowCount(), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                    Long.parseLong(f[8]), pops, probes.readToTrackerAll.snapshot(), probes.loopLagAll.snapshot(),
                    new WindowHistogram.Snapshot(Long.parseLong(f[16]), Long.parseLong(f[17]), Long.parseLong(f[18]),
                            Long.parseLong(f[19]), Long.parseLong(f[20]), Long.parseLong(f[21])),
                    probes.readToTrackerSteady.snapshot(), probes.loopLagSteady.snapshot(),
                    Long.parseLong(f[14]), Long.parseLong(f[15]), List.of());
            Result r = SoakReport.judge(partial, o);
            SoakReport.print(r, o);
            out("load average at end %s; CSV: %s", loadAverage(), o.csv().toAbsolutePath());
            return r;
        }
    }

    private static void progress(SoakWindow w) {
        ServerProbes.Window s = w.server();
        out("  w%-3d placed %6d live %4d | server CPU %4.1f%% pg %4.1f%% load %4.1f%% | heap after GC %s MiB, %d GCs | "
                        + "read→tracker p99 %.2f ms, loop pauses≥50ms %d | pops %d p99 %.1f ms max %.1f, lost %d%s",
                w.index(), w.placed(), w.live(), s.jvmCpuShare() * 100, s.pgCpuShare() * 100, w.loadCpuShare() * 100,
                s.heapAfterGcMinBytes() < 0 ? "-" : Long.toString(s.heapAfterGcMinBytes() >> 20), s.gcCount(),
                s.readToTracker().p99Micros() / 1e3, s.loopLag().atLeast50ms(), w.pops().count(),
                w.pops().p99Micros() / 1e3, w.pops().maxMicros() / 1e3, w.popsLost(), w.drain() ? " (drain)" : "");
    }

    private static Process startLoad(Options o, int agiPort, int firstExt) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx" + o.loadHeap(), "-XX:+UseG1GC",
                "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), SoakLoad.class.getName(),
                "--agents", Integer.toString(o.agents()), "--first-ext", Integer.toString(firstExt),
                "--talk-ms", Long.toString(o.talkMs()), "--rate", Double.toString(o.rate()),
                "--seconds", Double.toString(o.seconds()), "--window-seconds", Integer.toString(o.windowSeconds()),
                "--agi-port", Integer.toString(agiPort), "--warmup-seconds", Double.toString(o.warmUpSeconds())));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Protocol lines ({@code @...}) to the queue, anything else the load JVM prints to our output. */
    private static void pump(Process load, BlockingQueue<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(load.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("@")) {
                    lines.add(line);
                } else {
                    System.out.println("[load] " + line);
                }
            }
        } catch (Exception e) {
            System.out.println("[load] output closed: " + e);
        }
        lines.add("@GONE");
    }

    private static String expect(BlockingQueue<String> lines, String prefix, int seconds) throws InterruptedException {
        String line = lines.poll(seconds, TimeUnit.SECONDS);
        if (line == null || !line.startsWith(prefix)) {
            throw new IllegalStateException("expected " + prefix + " from the load JVM, got " + line);
        }
        return line;
    }

    private static PrintWriter csvWriter(Path csv) throws Exception {
        if (csv.getParent() != null) {
            Files.createDirectories(csv.getParent());
        }
        return new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8));
    }


    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
