package cn.hotline12345.cti.user.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed logins per key (a user name, an IP address) in a sliding window; a key with
 * {@code maxFailures} failures in the window is blocked until the oldest one leaves the window.
 * Holds at most {@code maxKeys} keys (the least recently failed are forgotten first), so a flood of
 * made-up user names cannot exhaust memory. Thread-safe.
 */
public final class LoginRateLimiter {

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final int maxKeys;
    private final LinkedHashMap<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true);

    public LoginRateLimiter(Clock clock, int maxFailures, Duration window, int maxKeys) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.maxKeys = maxKeys;
    }

    /** How long the key is still blocked, or {@link Duration#ZERO} when it may try. */
    public synchronized Duration blockedFor(String key) {
        Deque<Instant> d = failures.get(key);
        if (d == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        prune(d, now);
        if (d.isEmpty()) {
            failures.remove(key);
            return Duration.ZERO;
        }
        return d.size() >= maxFailures ? Duration.between(now, d.peekFirst().plus(window)) : Duration.ZERO;
    }

    public synchronized void recordFailure(String key) {
        Instant now = clock.instant();
        Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        prune(d, now);
        d.addLast(now);
        while (d.size() > maxFailures) {
            d.removeFirst();
        }
        if (failures.size() > maxKeys) {
            Iterator<String> eldest = failures.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    public synchronized void reset(String key) {
        failures.remove(key);
    }

    private void prune(Deque<Instant> d, Instant now) {
        Instant cutoff = now.minus(window);
        while (!d.isEmpty() && !d.peekFirst().isAfter(cutoff)) {
            d.removeFirst();
        }
    }

    /** For tests and metrics: how many keys are tracked. */
    public synchronized int trackedKeys() {
        return failures.size();
    }

    Map<String, Integer> snapshot() {
        Map<String, Integer> m = new LinkedHashMap<>();
        failures.forEach((k, v) -> m.put(k, v.size()));
        return m;
    }
}
