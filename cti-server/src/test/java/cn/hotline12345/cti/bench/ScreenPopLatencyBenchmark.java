package cn.hotline12345.cti.bench;

import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.schema.SchemaMigrator;
import cn.hotline12345.schema.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.hotline12345.cti.bench.AmiIngestBenchmark.loadAverage;
import static cn.hotline12345.cti.bench.AmiIngestBenchmark.out;

/**
 * Issue 9 target 3: screen-pop latency with 1,000 agent consoles connected. The web module
 * ({@link WebFixture}: {@code UserModule} and {@code DeskModule} with the {@code DefaultScreenPopEnricher}, over an embedded, migrated
 * PostgreSQL) and the {@link ScreenPopLoad} clients in one JVM, over loopback.
 *
 * <p>Run: {@code bench/run.sh pops [--agents 1000] [--rate 100] [--seconds 120] [--warmup 10] [--login-threads 4]}.
 */
public final class ScreenPopLatencyBenchmark {

    private ScreenPopLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = Args.parse(args, "agents", "login-threads", "rate", "seconds", "warmup");
        int agents = Integer.parseInt(opt.getOrDefault("agents", "1000"));
        double rate = Double.parseDouble(opt.getOrDefault("rate", "100"));
        double seconds = Double.parseDouble(opt.getOrDefault("seconds", "120"));
        double warmup = Double.parseDouble(opt.getOrDefault("warmup", "10"));
        int loginThreads = Integer.parseInt(opt.getOrDefault("login-threads", "4"));
        out("# Screen pop latency benchmark, %s", OffsetDateTime.now());
        out("machine: %d cores, %s %s; heap max %d MiB", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        out("agents %d (extensions 2000..%d), %.0f AgentRinging/s for %.0f s (warm-up %.0f s), enricher: DefaultScreenPopEnricher",
                agents, 2000 + agents - 1, rate, seconds, warmup);
        Path dataDir = Files.createTempDirectory("cti-bench-pops-pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200").start()) {
            TestDatabase db = new TestDatabase(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
            SchemaMigrator.migrate(db.dataSource());
            out("database: embedded PostgreSQL on port %d, migrated; load average %s", pg.getPort(), loadAverage());
            try (WebFixture web = new WebFixture(db); ScreenPopLoad load = new ScreenPopLoad(web, agents)) {
                long t0 = System.nanoTime();
                List<String> exts = ScreenPopLoad.createAgents(db.dataSource(), agents, 2000);
                long t1 = System.nanoTime();
                out("created %d agent users in %.1f s (one PBKDF2 hash shared)", agents, (t1 - t0) / 1e9);
                load.connect(exts, loginThreads);
                long t2 = System.nanoTime();
                out("logged in over HTTP and connected %d consoles in %.1f s; server consoles %d; load average %s",
                        agents, (t2 - t1) / 1e9, web.module.sockets().consoleCount(), loadAverage());
                System.gc();
                Usage before = Usage.now(Set.of());
                ScreenPopLoad.Result r = load.run(rate, Duration.ofMillis((long) (seconds * 1000)), Long.MAX_VALUE,
                        Duration.ofMillis((long) (warmup * 1000)), Duration.ofSeconds(10), Duration.ofSeconds(10));
                Usage used = Usage.now(Set.of()).minus(before);
                System.gc();
                long heapAfterGc = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                out("");
                out("## Result (load average at end %s)", loadAverage());
                out("pops published %d in %.1f s (%.1f/s); received by the right agent %d; to a wrong agent %d; "
                                + "duplicates/unknown %d; lost %d", r.sent(), r.publishSeconds(), r.sent() / r.publishSeconds(),
                        r.received(), r.wrongAgent(), r.duplicates(), r.lost());
                out("connections: client closes during the run %d, server slow-consumer cuts %.0f, consoles open at end %d of %d",
                        r.clientCloses(), r.slowDisconnects(), r.consolesAtEnd(), agents);
                row("all pops", r.all());
                row("after warm-up", r.steady());
                out("pops of 50 ms or more (published at, latency ms): %s", r.slowPops().stream().sorted(
                        java.util.Comparator.comparing(ScreenPopLoad.SlowPop::publishedAt)).map(p -> p.publishedAt()
                        .toString().substring(11, 23) + " " + p.latencyMicros() / 1_000).toList());
                out("heap: max used %d MiB (sampled each second), %d MiB after GC at the end; GCs %d (%d ms); "
                                + "JVM CPU %.1f s in the run = %.0f%% of one core (server and clients)",
                        r.heapMaxUsedBytes() >> 20, heapAfterGc >> 20, used.gcCount(), used.gcMillis(),
                        used.processCpuNanos() / 1e9, 100.0 * used.processCpuNanos() / 1e9 / r.publishSeconds());
            }
        }
        System.exit(0);
    }

    private static void row(String what, LatencyHistogram h) {
        out("%s: %d pops, publication -> frame read p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms, "
                        + "%d at or over 50 ms", what, h.count(), h.percentileMicros(0.50) / 1e3, h.percentileMicros(0.90) / 1e3,
                h.percentileMicros(0.99) / 1e3, h.percentileMicros(0.999) / 1e3, h.maxMicros() / 1e3, h.countAtLeast(50_000));
    }
}
