package cn.hotline12345.cti.user.internal;


import cn.hotline12345.cti.user.api.Sessions;
import cn.hotline12345.cti.user.api.Session;
import cn.hotline12345.cti.user.api.User;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Server-side sessions in memory: random 256-bit ids, an idle expiry and an absolute expiry, a bound on
 * how many exist. Thread-safe. Sessions do not survive a restart (users log in again), which is the
 * price of keeping no session secret in the database.
 */
public final class SessionStore implements Sessions {

    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final int maxSessions;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<Consumer<Session>> endListeners = new CopyOnWriteArrayList<>();

    public SessionStore(Clock clock, Duration idle, Duration absolute, int maxSessions) {
        if (idle.isNegative() || idle.isZero() || absolute.compareTo(idle) < 0 || maxSessions < 1) {
            throw new IllegalArgumentException("session limits: idle > 0, absolute >= idle, maxSessions >= 1");
        }
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
        this.maxSessions = maxSessions;
    }

    /** Called with every session that ends (logout, expiry, user disabled), e.g. to close its sockets. */
    @Override
    public void onEnd(Consumer<Session> listener) {
        endListeners.add(listener);
    }

    /**
     * A new session for the user, always with a fresh id (never reuses one the browser offered).
     *
     * @throws IllegalStateException when the store is full even after removing expired sessions
     */
    public Session create(User user) {
        if (sessions.size() >= maxSessions) {
            sweep();
            if (sessions.size() >= maxSessions) {
                throw new IllegalStateException("too many sessions");
            }
        }
        Instant now = clock.instant();
        Session s = new Session(randomToken(), user, randomToken(), now, now);
        sessions.put(s.id(), s);
        return s;
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

    private void end(Session s) {
        if (sessions.remove(s.id()) != null) {
            endListeners.forEach(l -> l.accept(s));
        }
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
