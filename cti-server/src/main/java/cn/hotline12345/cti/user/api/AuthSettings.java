package cn.hotline12345.cti.user.api;

import java.time.Duration;

/**
 * Session and login limits.
 *
 * @param secureCookie          set the cookie's {@code Secure} flag (on whenever the console is served over HTTPS)
 * @param idleTimeout           a session unused this long ends
 * @param absoluteTimeout       a session ends this long after login whatever its use
 * @param maxSessions           bound on live sessions
 * @param maxFailuresPerName    failed logins per user name in the window before 429
 * @param maxFailuresPerAddress failed logins per client address in the window before 429
 * @param failureWindow         the sliding window of the two limits
 */
public record AuthSettings(boolean secureCookie, Duration idleTimeout, Duration absoluteTimeout, int maxSessions,
                           int maxFailuresPerName, int maxFailuresPerAddress, Duration failureWindow) {

    /** Idle 30 min, absolute 12 h (a long shift), 5 failures per name and 20 per address in 5 min. */
    public static AuthSettings defaults() {
        return new AuthSettings(false, Duration.ofMinutes(30), Duration.ofHours(12), 10_000, 5, 20,
                Duration.ofMinutes(5));
    }

    public AuthSettings withSecureCookie(boolean secure) {
        return new AuthSettings(secure, idleTimeout, absoluteTimeout, maxSessions, maxFailuresPerName,
                maxFailuresPerAddress, failureWindow);
    }
}
