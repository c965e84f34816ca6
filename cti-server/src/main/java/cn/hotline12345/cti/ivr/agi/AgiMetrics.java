package cn.hotline12345.cti.ivr.agi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The FastAGI server's meters:
 * <ul>
 *   <li>{@code cti.agi.sessions.active} (gauge): sessions running a flow now;</li>
 *   <li>{@code cti.agi.sessions{script, ending}} (counter): sessions ended, by script and ending
 *       ({@code queue}, {@code transfer}, {@code hangup}, {@code caller_hung_up}, {@code max_duration},
 *       {@code max_steps}, {@code channel_error});</li>
 *   <li>{@code cti.agi.sessions.refused{reason}} (counter): connections refused before a flow ran
 *       ({@link AgiRefusal#tag()});</li>
 *   <li>{@code cti.agi.connections.pending} (gauge): connections still sending their environment (they hold no
 *       session slot);</li>
 *   <li>{@code cti.agi.command.server.time} (timer, p50/p99 and histogram): server time per AGI command, from the
 *       reply (or the environment) that let the session go on to the next command being written;</li>
 *   <li>{@code cti.agi.command.timeouts} (counter): commands Asterisk did not answer in time;</li>
 *   <li>{@code cti.agi.lines.unexpected} (counter): reply lines with no command waiting, or not AGI at all.</li>
 * </ul>
 */
public final class AgiMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final java.util.Map<AgiRefusal, Counter> refusedCounters = new java.util.EnumMap<>(AgiRefusal.class);
    private final java.util.Map<AgiRefusal, java.util.concurrent.atomic.AtomicLong> refusedCounts =
            new java.util.EnumMap<>(AgiRefusal.class);
    private volatile long lastBusyMillis = Long.MIN_VALUE;
    private final Timer serverTime;
    private final Counter commandTimeouts;
    private final Counter unexpectedLines;

    public AgiMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("cti.agi.sessions.active", active, AtomicInteger::get)
                .description("FastAGI sessions running a flow").register(registry);
        Gauge.builder("cti.agi.connections.pending", pending, AtomicInteger::get)
                .description("FastAGI connections still sending their environment").register(registry);
        for (AgiRefusal r : AgiRefusal.values()) {
            refusedCounters.put(r, Counter.builder("cti.agi.sessions.refused")
                    .description("FastAGI connections refused before a flow ran").tag("reason", r.tag()).register(registry));
            refusedCounts.put(r, new java.util.concurrent.atomic.AtomicLong());
        }
        serverTime = Timer.builder("cti.agi.command.server.time")
                .description("server time per AGI command (reply in to next command out)")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000)).maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
        commandTimeouts = Counter.builder("cti.agi.command.timeouts")
                .description("AGI commands not answered in time").register(registry);
        unexpectedLines = Counter.builder("cti.agi.lines.unexpected")
                .description("reply lines with no command waiting or not AGI").register(registry);
    }

    /** The live session count (also used to enforce {@code maxSessions}). */
    AtomicInteger active() {
        return active;
    }

    /** Connections still sending their environment (bounded by {@code agi.maxPending}). */
    AtomicInteger pending() {
        return pending;
    }

    void refused(AgiRefusal reason) {
        refusedCounters.get(reason).increment();
        refusedCounts.get(reason).incrementAndGet();
        if (reason == AgiRefusal.BUSY) {
            lastBusyMillis = System.currentTimeMillis();
        }
    }

    /** Connections refused for this reason since start. */
    public long refusedCount(AgiRefusal reason) {
        return refusedCounts.get(reason).get();
    }

    /** When a session was last refused as busy (epoch millis), or {@link Long#MIN_VALUE}. */
    public long lastBusyMillis() {
        return lastBusyMillis;
    }

    /** Sessions running a flow now. */
    public int activeSessions() {
        return active.get();
    }

    /** Connections still sending their environment now. */
    public int pendingConnections() {
        return pending.get();
    }

    void ended(String script, String ending) {
        Counter.builder("cti.agi.sessions").description("FastAGI sessions ended, by script and ending")
                .tag("script", script).tag("ending", ending).register(registry).increment();
    }

    void serverTime(long nanos) {
        serverTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    void commandTimeout() {
        commandTimeouts.increment();
    }

    void unexpectedLine() {
        unexpectedLines.increment();
    }

    /** The server-time timer (benchmarks read its percentiles). */
    public Timer serverTimer() {
        return serverTime;
    }
}
