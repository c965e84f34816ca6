package cn.hotline12345.cti.bench;

import cn.hotline12345.cti.call.internal.CallReconciler;
import cn.hotline12345.cti.caller.api.PhoneNumbers;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.schema.SchemaMigrator;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run.sh reconcile [--calls 100000] [--batch 500] [--missing 0.10] [--wrong 0.05]} (issue 21): a day of
 * calls in asterisk.cel and asterisk.queue_log, in the shapes Asterisk 22 writes them (the rows of
 * {@code CallRebuilderTest}: IVR, queue, agent, hangup; 80 % answered, 15 % abandoned in the queue, 5 % ended in the
 * IVR), and the call rows the AMI path would have left: most right (without talk time, which the AMI writer never
 * keeps), {@code --wrong} of them closed at a link loss as abandoned although answered, {@code --missing} of them absent.
 * Then one reconciliation pass over the whole day, timed, and a second one (nothing left to change), timed; the
 * counts are checked against what was planted. Embedded PostgreSQL 17 on this machine; exits 1 on a wrong count.
 */
public final class ReconcileBenchmark {

    private static final String PBX = "pbx1";

    public static void main(String[] a) throws Exception {
        Map<String, String> args = Args.parse(a, "batch", "calls", "missing", "wrong");
        int calls = Integer.parseInt(args.getOrDefault("calls", "100000"));
        int batch = Integer.parseInt(args.getOrDefault("batch", "500"));
        double missing = Double.parseDouble(args.getOrDefault("missing", "0.10"));
        double wrong = Double.parseDouble(args.getOrDefault("wrong", "0.05"));
        Path dir = Files.createTempDirectory("reconcile-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                .setServerConfig("max_wal_size", "2GB").start()) {
            SchemaMigrator.migrate(pg.getPostgresDatabase());
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            hc.setMaximumPoolSize(4);
            try (HikariDataSource ds = new HikariDataSource(hc)) {
                Instant dayStart = Instant.parse("2026-12-05T16:00:00Z"); // 00:00 in Asia/Shanghai
                long t0 = System.nanoTime();
                int[] planted = plant(ds, calls, missing, wrong, dayStart);
                double loadS = (System.nanoTime() - t0) / 1e9;
                long celRows = count(ds, "select count(*) from asterisk.cel");
                long qlRows = count(ds, "select count(*) from asterisk.queue_log");
                System.out.printf("planted %,d calls (%,d CEL rows, %,d queue_log rows) in %.1f s: %,d call rows missing, "
                        + "%,d wrong, the rest right but for the talk time%n", calls, celRows, qlRows, loadS, planted[0], planted[1]);
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    st.execute("vacuum analyze");
                }
                Vertx vertx = Vertx.vertx();
                Db db = new Db(vertx, ds, 2);
                CtiConfig.Reconcile cfg = new CtiConfig.Reconcile(true, Duration.ofMinutes(1), Duration.ofSeconds(15),
                        Duration.ofDays(2), Duration.ofHours(1), batch);
                Clock clock = Clock.fixed(dayStart.plus(Duration.ofHours(25)), ZoneOffset.UTC);
                CallReconciler r = new CallReconciler(vertx, db, cfg, java.util.List.of(PBX), p -> true,
                        n -> PhoneNumbers.normalise(n).normalised(), new Readiness(), new SimpleMeterRegistry(), clock);
                long p1 = System.nanoTime();
                CallReconciler.Stats first = r.window(PBX, dayStart, dayStart.plus(Duration.ofDays(1)))
                        .await(30, TimeUnit.MINUTES);
                double firstS = (System.nanoTime() - p1) / 1e9;
                long p2 = System.nanoTime();
                CallReconciler.Stats second = r.window(PBX, dayStart, dayStart.plus(Duration.ofDays(1)))
                        .await(30, TimeUnit.MINUTES);
                double secondS = (System.nanoTime() - p2) / 1e9;
                System.out.printf("first pass:  %,d calls checked, %,d corrected, %,d created in %.1f s (%,.0f calls/s)%n",
                        first.checked(), first.corrected(), first.created(), firstS, first.checked() / firstS);
                System.out.printf("second pass: %,d calls checked, %,d corrected, %,d created in %.1f s (%,.0f calls/s)%n",
                        second.checked(), second.corrected(), second.created(), secondS, second.checked() / secondS);
                long rows = count(ds, "select count(*) from call");
                long events = count(ds, "select count(*) from call_event where kind like 'reconciled%'");
                System.out.printf("call rows now %,d; reconciliation events %,d; batch %d%n", rows, events, batch);
                vertx.close();
                long createdWithoutEvent = count(ds, "select count(*) from call c where source = 'cel' and not exists "
                        + "(select 1 from call_event e where e.linkedid = c.linkedid and e.kind = 'reconciled_created')");
                boolean ok = createdWithoutEvent == 0 && first.checked() == calls && first.created() == planted[0] && first.corrected() == planted[1]
                        && second.corrected() == 0 && second.created() == 0 && rows == calls;
                if (!ok) {
                    System.out.println("FAILED: the counts do not match what was planted");
                    System.exit(1);
                }
            }
        }
    }

    /** Writes the Asterisk rows and the AMI path's call rows; returns {missing, wrong}. */
    private static int[] plant(HikariDataSource ds, int calls, double missingShare, double wrongShare, Instant dayStart)
            throws Exception {
        Random random = new Random(21);
        int missing = 0;
        int wrong = 0;
        try (Connection c = ds.getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            StringBuilder cel = new StringBuilder();
            StringBuilder ql = new StringBuilder();
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < calls; i++) {
                // every call ends inside the day: the longest lasts under 10 minutes
                Instant start = dayStart.plusMillis((long) i * 85_700_000L / calls);
                String caller = (start.getEpochSecond()) + "." + (2 * i);
                String agentUid = (start.getEpochSecond()) + "." + (2 * i + 1);
                String number = String.format("139%08d", random.nextInt(100_000_000));
                String agent = "PJSIP/" + (1001 + random.nextInt(200));
                int kind = random.nextInt(100);
                int ivr = 5 + random.nextInt(20);
                int wait = random.nextInt(60);
                int talk = 30 + random.nextInt(400);
                Instant end;
                cel(cel, "CHAN_START", start, number, "PJSIP/trunk-" + i, "", caller, caller, "");
                cel(cel, "ANSWER", start, number, "PJSIP/trunk-" + i, "Answer", caller, caller, "");
                cel(cel, "APP_START", start.plusSeconds(1), number, "PJSIP/trunk-" + i, "AGI", caller, caller, "");
                cel(cel, "APP_END", start.plusSeconds(ivr), number, "PJSIP/trunk-" + i, "AGI", caller, caller, "");
                String disposition;
                if (kind < 5) {
                    end = start.plusSeconds(ivr);
                    disposition = "self_served";
                    hangup(cel, end, number, "PJSIP/trunk-" + i, "Hangup", caller, caller);
                } else {
                    Instant joined = start.plusSeconds(ivr);
                    cel(cel, "APP_START", joined, number, "PJSIP/trunk-" + i, "Queue", caller, caller, "");
                    ql(ql, joined, caller, "NONE", "ENTERQUEUE", "", number, "1");
                    if (kind < 20) {
                        end = joined.plusSeconds(wait);
                        ql(ql, end, caller, "NONE", "ABANDON", "1", "1", Integer.toString(wait));
                        disposition = "abandoned_in_queue";
                        hangup(cel, end, number, "PJSIP/trunk-" + i, "Queue", caller, caller);
                    } else {
                        Instant answered = joined.plusSeconds(wait);
                        cel(cel, "CHAN_START", answered.minusSeconds(2), number, agent + "-" + i, "", agentUid, caller, "");
                        ql(ql, answered, caller, "坐席", "CONNECT", Integer.toString(wait), agentUid, "2");
                        cel(cel, "BRIDGE_ENTER", answered, number, "PJSIP/trunk-" + i, "Queue", caller, caller,
                                "{\"bridge_id\":\"b" + i + "\",\"bridge_technology\":\"simple_bridge\"}");
                        end = answered.plusSeconds(talk);
                        ql(ql, end, caller, "坐席", "COMPLETECALLER", Integer.toString(wait), Integer.toString(talk), "1");
                        cel(cel, "BRIDGE_EXIT", end, number, "PJSIP/trunk-" + i, "Queue", caller, caller, "");
                        hangup(cel, end, number, agent + "-" + i, "AppQueue", agentUid, caller);
                        hangup(cel, end, number, "PJSIP/trunk-" + i, "Queue", caller, caller);
                        disposition = "answered";
                    }
                }
                cel(cel, "LINKEDID_END", end, number, "PJSIP/trunk-" + i, "", caller, caller, "");
                double roll = random.nextDouble();
                if (roll < missingShare) {
                    missing++;
                } else if (roll < missingShare + wrongShare && disposition.equals("answered")) {
                    wrong++;
                    // the link was lost while the call waited: closed at the resync, a minute late, as abandoned
                    Instant joined = start.plusSeconds(ivr);
                    rows.append(row(caller, number, start, null, end.plusSeconds(60), "q-general", joined, null, null,
                            "abandoned_in_queue", "pbx_link_lost"));
                } else {
                    Instant joined = disposition.equals("self_served") ? null : start.plusSeconds(ivr);
                    Instant answered = disposition.equals("answered") ? joined.plusSeconds(wait) : null;
                    Long waitMs = joined == null ? null : wait * 1000L;
                    rows.append(row(caller, number, start.plusMillis(300), answered == null ? null : answered.plusMillis(300),
                            end.plusMillis(300), joined == null ? null : "q-general", joined == null ? null : joined.plusMillis(300),
                            waitMs, disposition.equals("answered") ? agent : null, disposition, "normal"));
                }
                if (i % 10_000 == 9_999 || i == calls - 1) {
                    pg.getCopyAPI().copyIn("copy asterisk.cel (eventtype, eventtime, cid_num, channame, appname, uniqueid, "
                            + "linkedid, extra, pbx_id) from stdin", new StringReader(cel.toString()));
                    pg.getCopyAPI().copyIn("copy asterisk.queue_log (time, callid, queuename, agent, event, data1, data2, "
                            + "data3, pbx_id) from stdin", new StringReader(ql.toString()));
                    pg.getCopyAPI().copyIn("copy call (pbx_id, linkedid, caller_number, started_at, answered_at, ended_at, "
                            + "queue_name, queue_joined_at, queue_wait_ms, agent, disposition, end_reason, hangup_cause) from stdin",
                            new StringReader(rows.toString()));
                    cel.setLength(0);
                    ql.setLength(0);
                    rows.setLength(0);
                }
            }
        }
        return new int[] {missing, wrong};
    }

    private static void cel(StringBuilder sb, String type, Instant at, String num, String chan, String app, String uid,
                            String linkedid, String extra) {
        sb.append(type).append('\t').append(utc(at)).append('\t').append(num).append('\t').append(chan).append('\t')
                .append(app).append('\t').append(uid).append('\t').append(linkedid).append('\t').append(extra)
                .append('\t').append(PBX).append('\n');
    }

    private static void hangup(StringBuilder sb, Instant at, String num, String chan, String app, String uid, String linkedid) {
        cel(sb, "HANGUP", at, num, chan, app, uid, linkedid, "{\"hangupcause\":16,\"hangupsource\":\"\",\"dialstatus\":\"\"}");
        cel(sb, "CHAN_END", at, num, chan, app, uid, linkedid, "");
    }

    private static void ql(StringBuilder sb, Instant at, String callid, String agent, String event, String d1, String d2,
                           String d3) {
        sb.append(utc(at)).append('\t').append(callid).append("\tq-general\t").append(agent).append('\t').append(event)
                .append('\t').append(d1).append('\t').append(d2).append('\t').append(d3).append('\t').append(PBX).append('\n');
    }

    private static String row(String linkedid, String number, Instant start, Instant answered, Instant end, String queue,
                              Instant joined, Long waitMs, String agent, String disposition, String reason) {
        return String.join("\t", PBX, linkedid, number, ts(start), ts(answered), ts(end), nn(queue), ts(joined),
                waitMs == null ? "\\N" : waitMs.toString(), nn(agent), disposition, reason,
                "normal".equals(reason) ? "16" : "\\N") + "\n";
    }

    private static String nn(String s) {
        return s == null ? "\\N" : s;
    }

    private static String ts(Instant i) {
        return i == null ? "\\N" : i.toString();
    }

    private static String utc(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC).toString().replace('T', ' ');
    }

    private static long count(HikariDataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
