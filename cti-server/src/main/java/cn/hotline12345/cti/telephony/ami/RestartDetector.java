package cn.hotline12345.cti.telephony.ami;

/**
 * Tells an Asterisk restart from a dropped socket across sessions: a {@code Shutdown} seen before the link went
 * down, or a {@code FullyBooted} whose Uptime is lower than the one the last session saw (plus the time since).
 */
final class RestartDetector {

    private long lastUptimeSeconds = -1;
    private long lastUptimeAtMillis;
    private boolean shutdownSeen;
    private boolean restartPending;

    /** A new session began: its own Shutdown is yet to be seen. */
    void sessionStarted() {
        shutdownSeen = false;
    }

    /** Asterisk announced its shutdown in this session. */
    void shutdownSeen() {
        shutdownSeen = true;
    }

    boolean shutdownInThisSession() {
        return shutdownSeen;
    }

    /** The session ended: after a Shutdown, the next session meets a restarted Asterisk. */
    void sessionEnded() {
        if (shutdownSeen) {
            restartPending = true;
        }
    }

    /** Asterisk is up with this Uptime (-1 unknown): whether it restarted since the last session. */
    boolean upWithUptime(long uptime, long nowMillis) {
        boolean restarted = false;
        if (lastUptimeSeconds >= 0 && uptime >= 0) {
            long expected = lastUptimeSeconds + (nowMillis - lastUptimeAtMillis) / 1000;
            restarted = uptime + 5 < expected;
        }
        if (uptime >= 0) {
            lastUptimeSeconds = uptime;
            lastUptimeAtMillis = nowMillis;
        }
        boolean wasShutdown = restartPending;
        restartPending = false;
        return restarted || wasShutdown;
    }

    /** Another node took the link: the time standing by must not look like a restart later. */
    void forget() {
        lastUptimeSeconds = -1;
        restartPending = false;
    }
}
