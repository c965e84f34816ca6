package cn.hotline12345.ivr.engine;

import java.time.Duration;

/**
 * Guards against runaway sessions. Checked before each node: a session past {@code maxDuration} or
 * {@code maxSteps} nodes is ended and sent to {@code fallbackQueue} (art. 17: still answered by a
 * person rather than dropped).
 */
public record SessionLimits(Duration maxDuration, int maxSteps, String fallbackQueue) {
    public SessionLimits {
        if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero() || maxSteps < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** 10 minutes, 500 nodes, {@code q-general}. */
    public static SessionLimits defaults() {
        return new SessionLimits(Duration.ofMinutes(10), 500, "q-general");
    }
}
