package cn.hotline12345.cti.user.internal;

import cn.hotline12345.cti.user.api.AuthSettings;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Who may try a password now (issue 20 items 1 and 5). An attempt is admitted, and counted, before its password is
 * checked, atomically with the decision, so parallel guesses cannot all slip past a limit that is counted only
 * after their hashes; its outcome is reported back with its {@link Ticket}.
 *
 * <ul>
 *   <li><b>(name, address)</b>: {@code maxFailuresPerPair} failures lock the pair for {@code lockoutBase}, doubling
 *       with every further failure up to {@code lockoutMax}; in-flight attempts count, so no more than that many
 *       are ever checked at once. Another address is not locked: the right password from elsewhere still works.</li>
 *   <li><b>name</b> (all addresses): past {@code maxFailuresPerName} in the window the name slows down to one
 *       attempt per {@code nameSlowDown}: a guesser spread over many addresses gets a few hundred tries a day,
 *       not millions.</li>
 *   <li><b>address</b> (all names): past {@code maxFailuresPerAddress} in the window the address is refused.</li>
 *   <li>A (name, address) that logged in within {@code rememberSuccess} is not slowed by the name or address
 *       limits (an office behind one NAT keeps working while a colleague's typos or a guesser fill its count); it
 *       still has its own pair limit.</li>
 * </ul>
 * A success ends only the failures of its pair that had finished before it was admitted: failures that raced it
 * stay counted. Each map holds at most {@code maxKeys} keys (least recently used forgotten first). Thread-safe.
 */
public final class LoginGuard {

    /** Why an attempt was refused (the {@code reason} of the throttled counter). */
    public enum Limit { PAIR, NAME, ADDRESS }

    /** An admitted attempt; report its outcome exactly once. */
    public static final class Ticket {
        final String name;
        final String address;
        final long admittedSeq;
        final boolean knownName;
        private boolean done;

        Ticket(String name, String address, long admittedSeq, boolean knownName) {
            this.name = name;
            this.address = address;
            this.admittedSeq = admittedSeq;
            this.knownName = knownName;
        }

        /** The name logged in (from anywhere) within {@code rememberSuccess}: its hash may use the reserved places. */
        public boolean knownName() {
            return knownName;
        }
    }

    /** The decision: a ticket, or how long to wait and which limit said so. */
    public record Admission(Ticket ticket, Duration retryAfter, Limit limit) {
        public boolean admitted() {
            return ticket != null;
        }
    }

    private static final class Pair {
        /** completion sequence numbers and times of finished failures, oldest first */
        final Deque<long[]> failures = new ArrayDeque<>();
        int inFlight;
        long lockedUntil;
        long lastFailure;
    }

    private static final class Window {
        final Deque<Long> failures = new ArrayDeque<>();
        int inFlight;
        long nextSlot;
    }

    private final Clock clock;
    private final AuthSettings s;
    private final int maxKeys;
    private long seq;
    private final LinkedHashMap<String, Pair> pairs = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<String, Window> names = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<String, Window> addresses = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<String, Long> knownPairs = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<String, Long> knownNames = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Limit, AtomicLong> throttled = Map.of(Limit.PAIR, new AtomicLong(), Limit.NAME, new AtomicLong(),
            Limit.ADDRESS, new AtomicLong());
    private final AtomicLong failuresCounted = new AtomicLong();

    public LoginGuard(Clock clock, AuthSettings settings, int maxKeys) {
        this.clock = clock;
        this.s = settings;
        this.maxKeys = maxKeys;
    }

    /**
     * Admits the attempt and counts it as in flight everywhere, or refuses it; never both.
     *
     * @param name    the user name as typed, lower-cased by the caller
     * @param address the client address (after trusted proxies)
     */
    public synchronized Admission admit(String name, String address) {
        long now = clock.millis();
        String pairKey = name + "\u0000" + address;
        Pair pair = get(pairs, pairKey, Pair::new);
        prunePair(pair, now);
        if (pair.lockedUntil > now) {
            return refuse(Limit.PAIR, pair.lockedUntil - now);
        }
        int failed = pair.failures.size();
        if (failed >= s.maxFailuresPerPair() ? pair.inFlight > 0 : failed + pair.inFlight >= s.maxFailuresPerPair()) {
            // below the limit, the attempts in flight would use the pair's last tries; past a lock that has run out,
            // one try at a time: wait for the outcome of the one in flight
            return refuse(Limit.PAIR, 1_000);
        }
        boolean knownPair = recent(knownPairs, pairKey, now);
        Window byName = get(names, name, Window::new);
        Window byAddress = get(addresses, address, Window::new);
        pruneWindow(byName, now);
        pruneWindow(byAddress, now);
        if (!knownPair && byAddress.failures.size() + byAddress.inFlight >= s.maxFailuresPerAddress()) {
            long oldest = byAddress.failures.isEmpty() ? now : byAddress.failures.peekFirst();
            return refuse(Limit.ADDRESS, Math.max(1_000, oldest + s.failureWindow().toMillis() - now));
        }
        if (!knownPair && byName.failures.size() + byName.inFlight >= s.maxFailuresPerName()) {
            if (byName.nextSlot > now) {
                return refuse(Limit.NAME, byName.nextSlot - now);
            }
            byName.nextSlot = now + s.nameSlowDown().toMillis();
        }
        pair.inFlight++;
        byName.inFlight++;
        byAddress.inFlight++;
        return new Admission(new Ticket(name, address, ++seq, recent(knownNames, name, now)), null, null);
    }

    /** The password was wrong (or the user unknown or disabled). */
    public synchronized void failed(Ticket t) {
        if (finish(t)) {
            return;
        }
        long now = clock.millis();
        failuresCounted.incrementAndGet();
        Pair pair = get(pairs, t.name + "\u0000" + t.address, Pair::new);
        pair.inFlight = Math.max(0, pair.inFlight - 1);
        pair.failures.addLast(new long[] {++seq, now});
        pair.lastFailure = now;
        while (pair.failures.size() > 64) {
            pair.failures.removeFirst();
        }
        int over = pair.failures.size() - s.maxFailuresPerPair();
        if (over >= 0) {
            long lock = s.lockoutBase().toMillis() << Math.min(over, 30);
            pair.lockedUntil = Math.max(pair.lockedUntil, now + Math.min(lock, s.lockoutMax().toMillis()));
        }
        for (Window w : new Window[] {get(names, t.name, Window::new), get(addresses, t.address, Window::new)}) {
            w.inFlight = Math.max(0, w.inFlight - 1);
            w.failures.addLast(now);
        }
    }

    /** The password was right: the name and the pair become known; earlier finished failures of the pair end. */
    public synchronized void succeeded(Ticket t) {
        if (finish(t)) {
            return;
        }
        long now = clock.millis();
        String pairKey = t.name + "\u0000" + t.address;
        Pair pair = get(pairs, pairKey, Pair::new);
        pair.inFlight = Math.max(0, pair.inFlight - 1);
        pair.failures.removeIf(f -> f[0] < t.admittedSeq);
        if (pair.failures.size() < s.maxFailuresPerPair()) {
            pair.lockedUntil = 0;
        }
        release(names.get(t.name));
        release(addresses.get(t.address));
        put(knownPairs, pairKey, now);
        put(knownNames, t.name, now);
    }

    /** The attempt was not decided (shed before hashing, a database error): it counts as nothing. */
    public synchronized void abandoned(Ticket t) {
        if (finish(t)) {
            return;
        }
        Pair pair = pairs.get(t.name + "\u0000" + t.address);
        if (pair != null) {
            pair.inFlight = Math.max(0, pair.inFlight - 1);
        }
        release(names.get(t.name));
        release(addresses.get(t.address));
    }

    /** Attempts refused by each limit since start (metrics). */
    public long throttled(Limit limit) {
        return throttled.get(limit).get();
    }

    /** Failures counted since start (metrics). */
    public long failures() {
        return failuresCounted.get();
    }

    /** For tests: keys tracked in the largest map. */
    public synchronized int trackedKeys() {
        return Math.max(pairs.size(), Math.max(names.size(), addresses.size()));
    }

    private static boolean finish(Ticket t) {
        synchronized (t) {
            boolean was = t.done;
            t.done = true;
            return was;
        }
    }

    private Admission refuse(Limit limit, long millis) {
        throttled.get(limit).incrementAndGet();
        return new Admission(null, Duration.ofMillis(Math.max(1, millis)), limit);
    }

    private static void release(Window w) {
        if (w != null) {
            w.inFlight = Math.max(0, w.inFlight - 1);
        }
    }

    private void prunePair(Pair p, long now) {
        if (p.inFlight == 0 && !p.failures.isEmpty() && now - p.lastFailure > s.lockoutMax().toMillis()
                && p.lockedUntil <= now) {
            p.failures.clear();
            p.lockedUntil = 0;
        }
    }

    private void pruneWindow(Window w, long now) {
        long cutoff = now - s.failureWindow().toMillis();
        while (!w.failures.isEmpty() && w.failures.peekFirst() <= cutoff) {
            w.failures.removeFirst();
        }
    }

    private boolean recent(LinkedHashMap<String, Long> known, String key, long now) {
        Long at = known.get(key);
        return at != null && now - at <= s.rememberSuccess().toMillis();
    }

    private <V> V get(LinkedHashMap<String, V> map, String key, Supplier<V> fresh) {
        V v = map.get(key);
        if (v == null) {
            v = fresh.get();
            put(map, key, v);
        }
        return v;
    }

    private <V> void put(LinkedHashMap<String, V> map, String key, V v) {
        map.put(key, v);
        if (map.size() > maxKeys) {
            Iterator<String> eldest = map.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** For tests and docs: the lock a pair gets after {@code failures} failures. */
    Duration lockFor(int failures) {
        int over = failures - s.maxFailuresPerPair();
        if (over < 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.min(s.lockoutBase().toMillis() << Math.min(over, 30), s.lockoutMax().toMillis()));
    }
}
