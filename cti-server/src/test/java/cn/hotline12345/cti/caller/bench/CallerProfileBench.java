package cn.hotline12345.cti.caller.bench;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.caller.CallerModule;
import cn.hotline12345.cti.caller.api.CallerProfile;
import cn.hotline12345.cti.caller.api.CallerSettings;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.schema.SchemaMigrator;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.vertx.core.Vertx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Caller-profile lookup benchmark (issue 6), not part of {@code mvn test}: loads 10 million call rows into an
 * embedded PostgreSQL with generate_series, shows the plans (EXPLAIN ANALYZE) and measures p50/p99 of uncached
 * (PostgreSQL) and cached lookups through {@code CallerProfileService.profileForCall}. Run: see docs/performance.md.
 *
 * <p>Arguments: [rows (default 10000000)] [distinct numbers (default 1000000)] [lookups (default 5000)].
 */
public final class CallerProfileBench {

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int numbers = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int lookups = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        Path dir = Files.createTempDirectory("caller-bench-pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                .setServerConfig("shared_buffers", "512MB").setServerConfig("maintenance_work_mem", "512MB")
                .setServerConfig("synchronous_commit", "off").setServerConfig("max_wal_size", "4GB").start()) {
            var ds = pg.getPostgresDatabase();
            SchemaMigrator.migrate(ds);
            long t0 = System.nanoTime();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                // load without the secondary indexes, then build them: minutes faster than maintaining them per row
                s.execute("drop index call_caller_started; drop index call_started"); // call_agent_started: dropped by V60
                s.execute("insert into call (pbx_id, linkedid, caller_number, caller_number_norm, started_at, answered_at, ended_at, agent, disposition, queue_name)"
                        + " select 'pbx1', g::text || '.1', n, n, ts, ts + interval '20 seconds', ts + interval '4 minutes',"
                        + " 'PJSIP/' || (1001 + g % 200), 'answered', 'q-general'"
                        + " from generate_series(1::bigint, " + rows + "::bigint) g,"
                        + " lateral (select (13000000000 + (g * 7919) % " + numbers + ")::text as n,"
                        + " now() - (((g * 9) % 94608000) || ' seconds')::interval as ts) x");
                long loaded = System.nanoTime();
                System.out.printf("loaded %,d call rows in %.1f s%n", rows, (loaded - t0) / 1e9);
                s.execute("create index call_caller_started on call (caller_number_norm, started_at desc)");
                s.execute("create index call_started on call (started_at)");
                s.execute("vacuum analyze call");
                System.out.printf("indexed and analysed in %.1f s%n", (System.nanoTime() - loaded) / 1e9);
                String probe = String.valueOf(13000000000L + 4242);
                explain(s, "window counts", "select count(*) filter (where started_at >= now() - interval '24 hours'),"
                        + " count(*) filter (where started_at >= now() - interval '7 days'), count(*) filter (where started_at >= now() - interval '30 days')"
                        + " from call where caller_number_norm = '" + probe + "' and started_at >= now() - interval '30 days'");
                explain(s, "recent calls", "select id, pbx_id, linkedid, started_at, answered_at, ended_at, disposition, agent, matter_id"
                        + " from call where caller_number_norm = '" + probe + "' order by started_at desc limit 20");
                explain(s, "open matters", "select id from matter where contact_number_norm = '" + probe + "' and closed_at is null"
                        + " order by created_at desc limit 20");
            }
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            hc.setMaximumPoolSize(4);
            Vertx vertx = Vertx.vertx();
            try (HikariDataSource pool = new HikariDataSource(hc); Db db = new Db(vertx, pool, 4)) {
                CallerModule module = new CallerModule(vertx, db, CallerSettings.defaults(), Clock.systemUTC());
                Random random = new Random(42);
                String[] sample = new String[lookups];
                for (int i = 0; i < lookups; i++) {
                    sample[i] = "+86" + (13000000000L + random.nextInt(numbers));
                }
                // warm-up on other numbers (JIT, pool), uncached and cached paths
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < 2000; i++) {
                        module.profiles().profileForCall(String.valueOf(13000000000L + numbers - 1 - i),
                                new CallKey("pbx1", "warm." + i)).await(10, TimeUnit.SECONDS);
                    }
                }
                long[] uncached = new long[lookups];
                int calls = 0;
                for (int i = 0; i < lookups; i++) {
                    module.profiles().invalidate(sample[i].substring(3));
                    long a = System.nanoTime();
                    CallerProfile p = module.profiles().profileForCall(sample[i], new CallKey("pbx1", "bench." + i)).await(10, TimeUnit.SECONDS);
                    uncached[i] = System.nanoTime() - a;
                    calls += p.recentCalls().size();
                }
                long[] cached = new long[lookups];
                for (int i = 0; i < lookups; i++) {
                    long a = System.nanoTime();
                    CallerProfile p = module.profiles().profileForCall(sample[i], new CallKey("pbx1", "bench." + i)).await(10, TimeUnit.SECONDS);
                    cached[i] = System.nanoTime() - a;
                    calls += p.callsLast30d() >= 0 ? 0 : 1;
                }
                System.out.printf("lookups: %d distinct numbers, %d recent calls listed in total%n", lookups, calls);
                report("uncached (PostgreSQL)", uncached);
                report("cached", cached);
                module.close();
            } finally {
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void explain(Statement s, String what, String sql) throws Exception {
        System.out.println("--- EXPLAIN ANALYZE " + what);
        try (ResultSet rs = s.executeQuery("explain (analyze, buffers) " + sql)) {
            while (rs.next()) {
                System.out.println("    " + rs.getString(1));
            }
        }
    }

    private static void report(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%-22s p50 %.3f ms  p99 %.3f ms  max %.3f ms  (n=%d)%n", what, s[s.length / 2] / 1e6,
                s[(int) Math.ceil(s.length * 0.99) - 1] / 1e6, s[s.length - 1] / 1e6, s.length);
    }

    private CallerProfileBench() {
    }

}
