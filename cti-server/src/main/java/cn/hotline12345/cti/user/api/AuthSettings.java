package cn.hotline12345.cti.user.api;

import cn.hotline12345.cti.platform.config.ConfigException;
import cn.hotline12345.cti.platform.config.ConfigSection;

import java.time.Duration;

/**
 * Session and login limits, bound from the {@code auth} section of the configuration ({@link #from}); every
 * component is a key {@code auth.<name>} (docs/configuration.md, "Logins and sessions"; why each exists:
 * docs/security.md).
 *
 * @param secureCookie          the cookie's {@code Secure} flag: {@code AUTO} sets it when the request came over HTTPS
 *                              (directly, or as a trusted proxy's {@code X-Forwarded-Proto: https} says)
 * @param idleTimeout           a session unused this long ends
 * @param absoluteTimeout       a session ends this long after login whatever its use
 * @param maxSessions           live sessions at most; a login into a full store ends the least recently used one
 * @param maxSessionsPerUser    live sessions of one user at most; a further login ends that user's oldest
 * @param maxFailuresPerPair    failed logins of one name from one address before that pair is locked
 * @param lockoutBase           the first lock of a pair; it doubles with every further failure
 * @param lockoutMax            the longest lock; a pair's failures are forgotten after this much quiet
 * @param maxFailuresPerName    failures of one name from all addresses in the window before the name slows down
 * @param nameSlowDown          a slowed-down name takes one attempt per this interval (addresses it recently logged
 *                              in from are not slowed)
 * @param maxFailuresPerAddress failures from one address in the window before it is refused (names that recently
 *                              logged in from it are not)
 * @param failureWindow         the sliding window of the name and address counts
 * @param rememberSuccess       how long a successful login marks its name and (name, address) as known
 * @param hashThreads           threads that hash passwords
 * @param hashQueue             logins waiting for a hash thread at most; beyond, 429 without hashing
 * @param hashReserved          of the queue, the places only names with a recent success may take
 */
public record AuthSettings(SecureCookie secureCookie, Duration idleTimeout, Duration absoluteTimeout, int maxSessions,
                           int maxSessionsPerUser, int maxFailuresPerPair, Duration lockoutBase, Duration lockoutMax,
                           int maxFailuresPerName, Duration nameSlowDown, int maxFailuresPerAddress,
                           Duration failureWindow, Duration rememberSuccess, int hashThreads, int hashQueue,
                           int hashReserved) {

    /** When the session cookie carries {@code Secure}. */
    public enum SecureCookie {
        /** When the request came over HTTPS, directly or through a trusted proxy. */
        AUTO,
        /** Always (the console is only ever served over HTTPS). */
        ALWAYS,
        /** Never (plain-HTTP test set-ups). */
        NEVER
    }

    public AuthSettings {
        if (secureCookie == null || idleTimeout.isNegative() || idleTimeout.isZero() || absoluteTimeout.compareTo(idleTimeout) < 0
                || maxSessions < 1 || maxSessionsPerUser < 1 || maxFailuresPerPair < 1 || lockoutBase.isNegative()
                || lockoutBase.isZero() || lockoutMax.compareTo(lockoutBase) < 0 || maxFailuresPerName < 1
                || nameSlowDown.isNegative() || nameSlowDown.isZero() || maxFailuresPerAddress < 1 || failureWindow.isNegative()
                || failureWindow.isZero() || rememberSuccess.isNegative() || hashThreads < 1 || hashQueue < 1
                || hashReserved < 0 || hashReserved >= hashQueue) {
            throw new IllegalArgumentException("auth settings out of range");
        }
    }

    /**
     * The limits before issue 20's rework (tests written against them): a boolean cookie flag, one failure limit per
     * name and one per address; the rest as {@link #defaults()}.
     */
    public AuthSettings(boolean secureCookie, Duration idleTimeout, Duration absoluteTimeout, int maxSessions,
                        int maxFailuresPerName, int maxFailuresPerAddress, Duration failureWindow) {
        this(secureCookie ? SecureCookie.ALWAYS : SecureCookie.NEVER, idleTimeout, absoluteTimeout, maxSessions,
                Math.min(10, maxSessions), 5, Duration.ofMinutes(1), Duration.ofHours(1), maxFailuresPerName,
                Duration.ofSeconds(5), maxFailuresPerAddress, failureWindow, Duration.ofDays(30), 2, 32, 8);
    }

    /**
     * Idle 30 min, absolute 12 h (a long shift), 10,000 sessions and 10 per user; 5 failures of a (name, address)
     * lock it for 1 min, doubling to 1 h; a name with 20 failures in 5 min takes one attempt per 5 s; an address
     * with 100 failures in 5 min is refused; successes remembered 30 days; 2 hash threads, 32 waiting, 8 of them
     * for known names.
     */
    public static AuthSettings defaults() {
        return new AuthSettings(SecureCookie.AUTO, Duration.ofMinutes(30), Duration.ofHours(12), 10_000, 10, 5,
                Duration.ofMinutes(1), Duration.ofHours(1), 20, Duration.ofSeconds(5), 100, Duration.ofMinutes(5),
                Duration.ofDays(30), 2, 32, 8);
    }

    /**
     * Binds the {@code auth} section: every key optional (the default above), each checked with a message naming it.
     *
     * @throws ConfigException naming the key and the value, also for an unknown key of the section
     */
    public static AuthSettings from(ConfigSection s) {
        AuthSettings d = defaults();
        SecureCookie secure = switch (s.string("secureCookie", "auto").toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> SecureCookie.AUTO;
            case "true", "on", "yes", "always" -> SecureCookie.ALWAYS;
            case "false", "off", "no", "never" -> SecureCookie.NEVER;
            default -> throw s.invalid("secureCookie", s.string("secureCookie", ""), "is not one of auto, true, false");
        };
        Duration idle = s.duration("idleTimeout", d.idleTimeout(), Duration.ofSeconds(10), Duration.ofDays(1));
        Duration absolute = s.duration("absoluteTimeout", d.absoluteTimeout(), Duration.ofSeconds(10), Duration.ofDays(7));
        if (absolute.compareTo(idle) < 0) {
            throw s.invalid("absoluteTimeout", absolute.toString(), "is shorter than auth.idleTimeout (" + idle + ")");
        }
        int maxSessions = s.intRange("maxSessions", d.maxSessions(), 1, 1_000_000);
        int perUser = s.intRange("maxSessionsPerUser", d.maxSessionsPerUser(), 1, 1_000);
        if (perUser > maxSessions) {
            throw s.invalid("maxSessionsPerUser", String.valueOf(perUser), "is more than auth.maxSessions (" + maxSessions + ")");
        }
        int perPair = s.intRange("maxFailuresPerPair", d.maxFailuresPerPair(), 1, 1_000);
        Duration base = s.duration("lockoutBase", d.lockoutBase(), Duration.ofSeconds(1), Duration.ofHours(24));
        Duration max = s.duration("lockoutMax", d.lockoutMax(), Duration.ofSeconds(1), Duration.ofDays(7));
        if (max.compareTo(base) < 0) {
            throw s.invalid("lockoutMax", max.toString(), "is shorter than auth.lockoutBase (" + base + ")");
        }
        int perName = s.intRange("maxFailuresPerName", d.maxFailuresPerName(), 1, 100_000);
        Duration slow = s.duration("nameSlowDown", d.nameSlowDown(), Duration.ofMillis(100), Duration.ofMinutes(10));
        int perAddress = s.intRange("maxFailuresPerAddress", d.maxFailuresPerAddress(), 1, 1_000_000);
        Duration window = s.duration("failureWindow", d.failureWindow(), Duration.ofSeconds(1), Duration.ofHours(24));
        Duration remember = s.duration("rememberSuccess", d.rememberSuccess(), Duration.ZERO, Duration.ofDays(365));
        int threads = s.intRange("hashThreads", d.hashThreads(), 1, 64);
        int queue = s.intRange("hashQueue", d.hashQueue(), 1, 100_000);
        int reserved = s.intRange("hashReserved", d.hashReserved(), 0, 100_000);
        if (reserved >= queue) {
            throw s.invalid("hashReserved", String.valueOf(reserved), "must be less than auth.hashQueue (" + queue + ")");
        }
        s.rejectUnknown();
        return new AuthSettings(secure, idle, absolute, maxSessions, perUser, perPair, base, max, perName, slow,
                perAddress, window, remember, threads, queue, reserved);
    }

    /** With other login limits (tests). */
    public AuthSettings withLimits(int maxFailuresPerPair, int maxFailuresPerName, int maxFailuresPerAddress) {
        return new AuthSettings(secureCookie, idleTimeout, absoluteTimeout, maxSessions, maxSessionsPerUser,
                maxFailuresPerPair, lockoutBase, lockoutMax, maxFailuresPerName, nameSlowDown, maxFailuresPerAddress,
                failureWindow, rememberSuccess, hashThreads, hashQueue, hashReserved);
    }

    /** With other session bounds (tests). */
    public AuthSettings withSessions(int maxSessions, int maxSessionsPerUser) {
        return new AuthSettings(secureCookie, idleTimeout, absoluteTimeout, maxSessions, maxSessionsPerUser,
                maxFailuresPerPair, lockoutBase, lockoutMax, maxFailuresPerName, nameSlowDown, maxFailuresPerAddress,
                failureWindow, rememberSuccess, hashThreads, hashQueue, hashReserved);
    }

    /** With another hash pool (tests). */
    public AuthSettings withHashing(int hashThreads, int hashQueue, int hashReserved) {
        return new AuthSettings(secureCookie, idleTimeout, absoluteTimeout, maxSessions, maxSessionsPerUser,
                maxFailuresPerPair, lockoutBase, lockoutMax, maxFailuresPerName, nameSlowDown, maxFailuresPerAddress,
                failureWindow, rememberSuccess, hashThreads, hashQueue, hashReserved);
    }

    public AuthSettings withSecureCookie(SecureCookie mode) {
        return new AuthSettings(mode, idleTimeout, absoluteTimeout, maxSessions, maxSessionsPerUser,
                maxFailuresPerPair, lockoutBase, lockoutMax, maxFailuresPerName, nameSlowDown, maxFailuresPerAddress,
                failureWindow, rememberSuccess, hashThreads, hashQueue, hashReserved);
    }
}
