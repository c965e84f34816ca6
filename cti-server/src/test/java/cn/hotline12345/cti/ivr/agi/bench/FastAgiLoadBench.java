package cn.hotline12345.cti.ivr.agi.bench;

import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.ivr.api.IvrPorts;
import cn.hotline12345.cti.ivr.IvrModule;
import cn.hotline12345.cti.ivr.agi.AgiSettings;
import cn.hotline12345.ivr.FlowSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.parsetools.RecordParser;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load benchmark of the FastAGI server (NOT part of {@code mvn test}): a non-blocking raw-socket FastAGI client opens
 * new sessions at a fixed rate; each simulated caller answers every command after a "prompt" delay, takes the
 * complaint path of the hotline flow (about 10 commands) and so stays connected for about {@code commands x delay}.
 * With 200 sessions/s and 1 s per command, about 2,000 sessions run at once. Reports the server time per AGI command
 * (p50/p99 of {@code cti.agi.command.server.time}), refused sessions, completed sessions and heap used.
 *
 * <pre>
 * mvn -o -q -pl cti-server -am test-compile -DskipTests
 * java -cp "cti-server/target/test-classes:cti-server/target/classes:$(cat /tmp/cp.txt)" \
 *   cn.hotline12345.cti.ivr.agi.bench.FastAgiLoadBench [rate/s] [seconds] [replyDelayMs]
 * </pre>
 */
public final class FastAgiLoadBench {

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        long delayMs = args.length > 2 ? Long.parseLong(args[2]) : 1000;

        Vertx vertx = Vertx.vertx();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CtiConfig base = new ConfigLoader(Map.of()).load(null);
        CtiConfig config = new CtiConfig(base.http(), new CtiConfig.Agi("127.0.0.1", 0, Duration.ofMinutes(15), 5000),
                base.database(), base.pbxs(), base.ivr(), base.demo());
        IvrModule agi = new IvrModule(vertx, config, new Readiness(), registry, Clock.systemUTC(), IvrPorts.nothingKnown(),
                AgiSettings.defaults(), FlowSource.classpath(FastAgiLoadBench.class.getClassLoader()));
        int port = agi.start().await(30, TimeUnit.SECONDS);

        Vertx clientVertx = Vertx.vertx();
        NetClient client = clientVertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
        AtomicInteger open = new AtomicInteger();
        AtomicInteger maxOpen = new AtomicInteger();
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong started = new AtomicLong();
        String env = "agi_network: yes\nagi_network_script: hotline\nagi_request: agi://127.0.0.1/hotline\n"
                + "agi_channel: PJSIP/trunk-%08x\nagi_language: zh\nagi_type: PJSIP\nagi_uniqueid: 1795623661.%d\n"
                + "agi_version: 22.0.0\nagi_callerid: 138%08d\nagi_calleridname: 张三\nagi_context: from-pstn\n"
                + "agi_extension: 12345\nagi_priority: 6\nagi_enhanced: 0.0\nagi_accountcode: \n\n";
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long t0 = System.nanoTime();
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long due = t0 + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long id = i;
            started.incrementAndGet();
            client.connect(port, "127.0.0.1").onSuccess(so -> {
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                int[] digit = {0};
                String[] digits = {"-", "1", "4"};
                so.handler(RecordParser.newDelimited("\n", line -> {
                    String cmd = line.toString();
                    String key = digit[0] < digits.length ? digits[digit[0]] : "-";
                    if (cmd.startsWith("GET DATA") || (cmd.startsWith("STREAM FILE") && !cmd.endsWith("\"\""))) {
                        digit[0]++;
                    }
                    String reply = reply(cmd, key);
                    long d = cmd.startsWith("SET VARIABLE") ? 0 : delayMs;
                    if (d == 0) {
                        so.write(reply + "\n");
                    } else {
                        clientVertx.setTimer(d, t -> so.write(reply + "\n"));
                    }
                }));
                so.closeHandler(v -> {
                    open.decrementAndGet();
                    completed.incrementAndGet();
                });
                so.write(String.format(env, id, id, id));
            }).onFailure(e -> failed.incrementAndGet());
            if (i % rate == 0) {
                System.out.printf("t=%3ds started=%d open=%d completed=%d%n", (System.nanoTime() - t0) / 1_000_000_000L,
                        started.get(), open.get(), completed.get());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (completed.get() + failed.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Runtime rt = Runtime.getRuntime();
        long heapUsed = rt.totalMemory() - rt.freeMemory();
        Timer t = registry.get("cti.agi.command.server.time").timer();
        double refused = registry.find("cti.agi.sessions.refused").counters().stream().mapToDouble(Counter::count).sum();
        double queued = registry.find("cti.agi.sessions").tag("ending", "queue").counters().stream().mapToDouble(Counter::count).sum();
        System.out.printf("sessions started=%d completed=%d queued=%s connectFailed=%d refused=%s maxConcurrent=%d%n",
                total, completed.get(), (long) queued, failed.get(), (long) refused, maxOpen.get());
        System.out.printf("AGI commands=%d mean=%.1f us max=%.1f us%n", t.count(), t.mean(TimeUnit.MICROSECONDS),
                t.max(TimeUnit.MICROSECONDS));
        for (ValueAtPercentile p : t.takeSnapshot().percentileValues()) {
            System.out.printf("server time p%.0f = %.1f us%n", p.percentile() * 100, p.value(TimeUnit.MICROSECONDS));
        }
        System.out.printf("heap used=%d MB (max %d MB), cores=%d%n", heapUsed >> 20, rt.maxMemory() >> 20,
                rt.availableProcessors());
        agi.close().await(30, TimeUnit.SECONDS);
        client.close();
        clientVertx.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static String reply(String cmd, String key) {
        if (cmd.startsWith("GET DATA")) {
            return key.equals("-") ? "200 result= (timeout)" : "200 result=" + key;
        }
        if (cmd.startsWith("STREAM FILE")) {
            return "200 result=0 endpos=3520";
        }
        return cmd.startsWith("SET VARIABLE") ? "200 result=1" : "200 result=0";
    }
}
