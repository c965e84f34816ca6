package cn.hotline12345.cti.user.internal;


import cn.hotline12345.cti.user.api.Sessions;
import cn.hotline12345.cti.user.api.Session;
import cn.hotline12345.cti.user.api.User;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Server-side sessions in memory: random 256-bit ids, an idle expiry and an absolute expiry, a bound on
 * how many exist in all and per user. Thread-safe. Sessions do not survive a restart (users log in again), which is
 * the price of keeping no session secret in the database.
 *
 * <p>A login never fails for lack of room (issue 20 item 2): a user past {@code maxPerUser} loses their oldest
 * session, and a full store ends expired sessions, then the least recently used one, so one account logging in
 * thousands of times can only ever hold its own few sessions.
 */
public final class SessionStore implements Sessions {

    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final int maxSessions;
    private final int maxPerUser;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<Consumer<Session>> endListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong evictedForUser = new AtomicLong();
    private final AtomicLong evictedForRoom = new AtomicLong();

    public SessionStore(Clock clock, Duration idle, Duration absolute, int maxSessions) {
        this(clock, idle, absolute, maxSessions, maxSessions);
    }

    public SessionStore(Clock clock, Duration idle, Duration absolute, int maxSessions, int maxPerUser) {
        if (idle.isNegative() || idle.isZero() || absolute.compareTo(idle) < 0 || maxSessions < 1 || maxPerUser < 1) {
            throw new IllegalArgumentException("session limits: idle > 0, absolute >= idle, maxSessions >= 1, maxPerUser >= 1");
        }
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
        this.maxSessions = maxSessions;
        this.maxPerUser = maxPerUser;
    }

    /** Called with every session that ends (logout, expiry, user disabled), e.g. to close its sockets. */
    @Override
    public void onEnd(Consumer<Session> listener) {
        endListeners.add(listener);
    }

    /**
     * A new session for the user, always with a fresh id (never reuses one the browser offered). Makes room first:
     * the user's oldest sessions beyond {@code maxPerUser - 1}, then (store full) expired ones, then the least
     * recently used ones end. Never fails for lack of room.
     */
    public synchronized Session create(User user) {
        List<Session> mine = sessions.values().stream().filter(s -> s.user().id() == user.id())
                .sorted(Comparator.comparing(Session::createdAt)).toList();
        for (int i = 0; i < mine.size() - (maxPerUser - 1); i++) {
            if (end(mine.get(i))) {
                evictedForUser.incrementAndGet();
            }
        }
        if (sessions.size() >= maxSessions) {
            sweep();
        }
        while (sessions.size() >= maxSessions) {
            Session idlest = sessions.values().stream().min(Comparator.comparing(Session::lastSeen)).orElse(null);
            if (idlest == null) {
                break;
            }
            if (end(idlest)) {
                evictedForRoom.incrementAndGet();
            }
        }
        Instant now = clock.instant();
        Session s = new Session(randomToken(), user, randomToken(), now, now);
        sessions.put(s.id(), s);
        return s;
    }

    /** Sessions ended to keep a user within {@code maxPerUser}. */
    public long evictedForUser() {
        return evictedForUser.get();
    }

    /** Sessions ended because the store was full. */
    public long evictedForRoom() {
        return evictedForRoom.get();
    }

    /** The live session with this id, its idle timer restarted; empty when unknown or expired. */
    @Override
    public Optional<Session> touch(String id) {
        return find(id, true);
    }

    /** The live session with this id without restarting its idle timer. */
    public Optional<Session> peek(String id) {
        return find(id, false);
    }

    private Optional<Session> find(String id, boolean touch) {
        if (id == null || id.length() > 100) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            end(s);
            return Optional.empty();
        }
        if (touch) {
            Session touched = new Session(s.id(), s.user(), s.csrfToken(), s.createdAt(), now);
            sessions.replace(id, s, touched);
            return Optional.of(touched);
        }
        return Optional.of(s);
    }

    public void invalidate(String id) {
        Session s = id == null ? null : sessions.get(id);
        if (s != null) {
            end(s);
        }
    }

    /** Ends every session of a user (password changed, user disabled). */
    public void invalidateUser(long userId) {
        sessions.values().stream().filter(s -> s.user().id() == userId).toList().forEach(this::end);
    }

    /** Removes expired sessions; run periodically. */
    @Override
    public void sweep() {
        Instant now = clock.instant();
        sessions.values().stream().filter(s -> expired(s, now)).toList().forEach(this::end);
    }

    public int size() {
        return sessions.size();
    }

    private boolean expired(Session s, Instant now) {
        return now.isAfter(s.lastSeen().plus(idle)) || now.isAfter(s.createdAt().plus(absolute));
    }

    private boolean end(Session s) {
        if (sessions.remove(s.id()) != null) {
            endListeners.forEach(l -> l.accept(s));
            return true;
        }
        return false;
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
