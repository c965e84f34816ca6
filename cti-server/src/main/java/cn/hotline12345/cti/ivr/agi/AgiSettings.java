package cn.hotline12345.cti.ivr.agi;

import java.time.Duration;

/**
 * Tuning of the FastAGI server beyond {@code CtiConfig.agi()} (which gives host, port, maximum sessions and the
 * maximum session duration), bound from the same {@code agi} section of the configuration ({@link #from}): every
 * component is a key {@code agi.<name>} (docs/configuration.md). {@link #defaults()} is what production runs with;
 * tests shorten the timeouts.
 *
 * @param envTimeout         a connection must complete its {@code agi_*} environment within this (else refused); it
 *                           holds no session slot meanwhile
 * @param maxLineBytes       longest environment line accepted (a 10 KB caller name is refused)
 * @param maxEnvLines        most environment lines accepted
 * @param maxEnvBytes        most environment bytes accepted
 * @param maxReplyBytes      longest reply line accepted after the environment (a longer one ends the session)
 * @param commandGrace       how much longer than its own timeout an AGI command may take before the session is ended
 *                           as a channel error
 * @param playTimeout        how long one STREAM FILE may take (sound files have no declared length)
 * @param lookupTimeout      how long a server function (caller profile, matter status, ...) may take before the flow
 *                           takes its error branch
 * @param closeGrace         on close, how long running sessions may go on before their connections are closed
 * @param answerFirst        send {@code ANSWER} before the first audible command (harmless on an answered channel;
 *                           makes the IVR independent of an {@code Answer()} in the dialplan)
 * @param instances          listener instances (one per event loop used)
 * @param maxSteps           nodes a session may run before it is sent to the fallback queue
 * @param maxPending         connections still sending their environment at most (they hold no session slot); beyond,
 *                           a connection is closed at once
 * @param refusalLogInterval refusals of one reason are logged at most once per this interval, with the count since
 * @param busyWindow         {@code /ready} shows {@code agi} DOWN while a session was refused as busy within this
 */
public record AgiSettings(Duration envTimeout, int maxLineBytes, int maxEnvLines, int maxEnvBytes, int maxReplyBytes,
                          Duration commandGrace, Duration playTimeout, Duration lookupTimeout, Duration closeGrace,
                          boolean answerFirst, int instances, int maxSteps, int maxPending, Duration refusalLogInterval,
                          Duration busyWindow) {

    public AgiSettings {
        if (envTimeout.isNegative() || envTimeout.isZero() || commandGrace.isNegative() || playTimeout.isZero()
                || lookupTimeout.isZero() || maxLineBytes < 64 || maxEnvLines < 2 || maxEnvBytes < maxLineBytes
                || maxReplyBytes < 64 || instances < 1 || maxSteps < 1 || maxPending < 1
                || refusalLogInterval.isNegative() || busyWindow.isNegative()) {
            throw new IllegalArgumentException("AGI settings out of range");
        }
    }

    /** 5 s environment timeout, 2 KB lines, 64 lines / 16 KB environment, 30 s command grace, 10 min per sound
     * file, 800 ms lookups, 10 s close grace, ANSWER first, one listener per core, 500 steps, 200 connections
     * sending their environment, refusals logged once per 10 s, busy shown in /ready for 60 s. */
    public static AgiSettings defaults() {
        return new AgiSettings(Duration.ofSeconds(5), 2048, 64, 16 * 1024, 8192, Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ofMillis(800), Duration.ofSeconds(10), true,
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 500, 200, Duration.ofSeconds(10),
                Duration.ofSeconds(60));
    }

    /**
     * Binds the tuning keys of the {@code agi} section (host, port, maxSessions and maxSessionDuration are bound by
     * the configuration loader) and refuses the section's unknown keys.
     *
     * @throws cn.hotline12345.cti.platform.config.ConfigException naming the key and the value
     */
    public static AgiSettings from(cn.hotline12345.cti.platform.config.ConfigSection s) {
        AgiSettings d = defaults();
        int maxLine = s.intRange("maxLineBytes", d.maxLineBytes(), 64, 1 << 20);
        int maxEnvBytes = s.intRange("maxEnvBytes", d.maxEnvBytes(), 64, 1 << 24);
        if (maxEnvBytes < maxLine) {
            throw s.invalid("maxEnvBytes", String.valueOf(maxEnvBytes), "is less than agi.maxLineBytes (" + maxLine + ")");
        }
        AgiSettings out = new AgiSettings(
                s.duration("envTimeout", d.envTimeout(), Duration.ofMillis(100), Duration.ofMinutes(5)),
                maxLine,
                s.intRange("maxEnvLines", d.maxEnvLines(), 2, 10_000),
                maxEnvBytes,
                s.intRange("maxReplyBytes", d.maxReplyBytes(), 64, 1 << 20),
                s.duration("commandGrace", d.commandGrace(), Duration.ZERO, Duration.ofMinutes(30)),
                s.duration("playTimeout", d.playTimeout(), Duration.ofSeconds(1), Duration.ofHours(4)),
                s.duration("lookupTimeout", d.lookupTimeout(), Duration.ofMillis(10), Duration.ofMinutes(1)),
                s.duration("closeGrace", d.closeGrace(), Duration.ZERO, Duration.ofMinutes(10)),
                s.bool("answerFirst", d.answerFirst()),
                s.intRange("instances", d.instances(), 1, 256),
                s.intRange("maxSteps", d.maxSteps(), 1, 100_000),
                s.intRange("maxPending", d.maxPending(), 1, 100_000),
                s.duration("refusalLogInterval", d.refusalLogInterval(), Duration.ZERO, Duration.ofHours(1)),
                s.duration("busyWindow", d.busyWindow(), Duration.ZERO, Duration.ofHours(1)));
        s.rejectUnknown();
        return out;
    }

    public AgiSettings withEnvTimeout(Duration d) {
        return new AgiSettings(d, maxLineBytes, maxEnvLines, maxEnvBytes, maxReplyBytes, commandGrace, playTimeout,
                lookupTimeout, closeGrace, answerFirst, instances, maxSteps, maxPending, refusalLogInterval, busyWindow);
    }

    public AgiSettings withCommandGrace(Duration d) {
        return new AgiSettings(envTimeout, maxLineBytes, maxEnvLines, maxEnvBytes, maxReplyBytes, d, playTimeout,
                lookupTimeout, closeGrace, answerFirst, instances, maxSteps, maxPending, refusalLogInterval, busyWindow);
    }

    public AgiSettings withPlayTimeout(Duration d) {
        return new AgiSettings(envTimeout, maxLineBytes, maxEnvLines, maxEnvBytes, maxReplyBytes, commandGrace, d,
                lookupTimeout, closeGrace, answerFirst, instances, maxSteps, maxPending, refusalLogInterval, busyWindow);
    }

    public AgiSettings withLookupTimeout(Duration d) {
        return new AgiSettings(envTimeout, maxLineBytes, maxEnvLines, maxEnvBytes, maxReplyBytes, commandGrace,
                playTimeout, d, closeGrace, answerFirst, instances, maxSteps, maxPending, refusalLogInterval, busyWindow);
    }

    public AgiSettings withCloseGrace(Duration d) {
        return new AgiSettings(envTimeout, maxLineBytes, maxEnvLines, maxEnvBytes, maxReplyBytes, commandGrace,
                playTimeout, lookupTimeout, d, answerFirst, instances, maxSteps, maxPending, refusalLogInterval, busyWindow);
    }

    public AgiSettings withInstances(int n) {
        return new AgiSettings(envTimeout, maxLineBytes, maxEnvLines, maxEnvBytes, maxReplyBytes, commandGrace,
                playTimeout, lookupTimeout, closeGrace, answerFirst, n, maxSteps, maxPending, refusalLogInterval, busyWindow);
    }

    /** With another bound on connections still sending their environment. */
    public AgiSettings withMaxPending(int n) {
        return new AgiSettings(envTimeout, maxLineBytes, maxEnvLines, maxEnvBytes, maxReplyBytes, commandGrace,
                playTimeout, lookupTimeout, closeGrace, answerFirst, instances, maxSteps, n, refusalLogInterval, busyWindow);
    }

    /** With another window in which a busy refusal keeps {@code agi} DOWN in /ready. */
    public AgiSettings withBusyWindow(Duration d) {
        return new AgiSettings(envTimeout, maxLineBytes, maxEnvLines, maxEnvBytes, maxReplyBytes, commandGrace,
                playTimeout, lookupTimeout, closeGrace, answerFirst, instances, maxSteps, maxPending, refusalLogInterval, d);
    }
}
