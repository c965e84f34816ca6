package cn.hotline12345.cti.ivr.agi;

import java.time.Duration;

/**
 * Tuning of the FastAGI server beyond {@code CtiConfig.agi()} (which gives host, port, maximum sessions and the
 * maximum session duration). {@link #defaults()} is what production runs with; tests shorten the timeouts.
 *
 * @param envTimeout     a connection must complete its {@code agi_*} environment within this (else refused)
 * @param maxLineBytes   longest environment line accepted (a 10 KB caller name is refused)
 * @param maxEnvLines    most environment lines accepted
 * @param maxEnvBytes    most environment bytes accepted
 * @param maxReplyBytes  longest reply line accepted after the environment (a longer one ends the session)
 * @param commandGrace   how much longer than its own timeout an AGI command may take before the session is ended
 *                       as a channel error
 * @param playTimeout    how long one STREAM FILE may take (sound files have no declared length)
 * @param lookupTimeout  how long a server function (caller profile, matter status, ...) may take before the flow
 *                       takes its error branch
 * @param closeGrace     on close, how long running sessions may go on before their connections are closed
 * @param answerFirst    send {@code ANSWER} before the first audible command (harmless on an answered channel; makes
 *                       the IVR independent of an {@code Answer()} in the dialplan)
 * @param instances      listener instances (one per event loop used)
 * @param maxSteps       nodes a session may run before it is sent to the fallback queue
 */
public record AgiSettings(Duration envTimeout, int maxLineBytes, int maxEnvLines, int maxEnvBytes, int maxReplyBytes,
                          Duration commandGrace, Duration playTimeout, Duration lookupTimeout, Duration closeGrace,
                          boolean answerFirst, int instances, int maxSteps) {

    public AgiSettings {
        if (envTimeout.isNegative() || envTimeout.isZero() || commandGrace.isNegative() || playTimeout.isZero()
                || lookupTimeout.isZero() || maxLineBytes < 64 || maxEnvLines < 2 || maxEnvBytes < maxLineBytes
                || maxReplyBytes < 64 || instances < 1 || maxSteps < 1) {
            throw new IllegalArgumentException("AGI settings out of range");
        }
    }

    /** 5 s environment timeout, 2 KB lines, 64 lines / 16 KB environment, 30 s command grace, 10 min per sound
     * file, 800 ms lookups, 10 s close grace, ANSWER first, one listener per core, 500 steps. */
    public static AgiSettings defaults() {
        return new AgiSettings(Duration.ofSeconds(5), 2048, 64, 16 * 1024, 8192, Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ofMillis(800), Duration.ofSeconds(10), true,
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 500);
    }

    public AgiSettings withEnvTimeout(Duration d) {
        return new AgiSettings(d, maxLineBytes, maxEnvLines, maxEnvBytes, maxReplyBytes, commandGrace, playTimeout,
                lookupTimeout, closeGrace, answerFirst, instances, maxSteps);
    }

    public AgiSettings withCommandGrace(Duration d) {
        return new AgiSettings(envTimeout, maxLineBytes, maxEnvLines, maxEnvBytes, maxReplyBytes, d, playTimeout,
                lookupTimeout, closeGrace, answerFirst, instances, maxSteps);
    }

    public AgiSettings withPlayTimeout(Duration d) {
        return new AgiSettings(envTimeout, maxLineBytes, maxEnvLines, maxEnvBytes, maxReplyBytes, commandGrace, d,
                lookupTimeout, closeGrace, answerFirst, instances, maxSteps);
    }

    public AgiSettings withLookupTimeout(Duration d) {
        return new AgiSettings(envTimeout, maxLineBytes, maxEnvLines, maxEnvBytes, maxReplyBytes, commandGrace,
                playTimeout, d, closeGrace, answerFirst, instances, maxSteps);
    }

    public AgiSettings withCloseGrace(Duration d) {
        return new AgiSettings(envTimeout, maxLineBytes, maxEnvLines, maxEnvBytes, maxReplyBytes, commandGrace,
                playTimeout, lookupTimeout, d, answerFirst, instances, maxSteps);
    }

    public AgiSettings withInstances(int n) {
        return new AgiSettings(envTimeout, maxLineBytes, maxEnvLines, maxEnvBytes, maxReplyBytes, commandGrace,
                playTimeout, lookupTimeout, closeGrace, answerFirst, n, maxSteps);
    }
}
