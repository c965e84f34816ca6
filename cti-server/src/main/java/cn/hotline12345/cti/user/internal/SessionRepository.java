package cn.hotline12345.cti.user.internal;

import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.user.api.Session;
import cn.hotline12345.cti.user.api.Sessions;
import cn.hotline12345.cti.user.api.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static cn.hotline12345.schema.jooq.Tables.APP_USER;

/**
 * Console sessions in PostgreSQL ({@code console_session}, issue 25 item 1), shared by every node: a login on one
 * node is valid on all, so an agent whose node dies goes on through another one without logging in again, and the
 * sessions survive a restart of the whole cluster. Random 256-bit ids, an idle expiry and an absolute expiry, a
 * bound on how many exist in all and per user (issue 20).
 *
 * <p>No secret is stored: the table's key is the SHA-256 of the cookie value, and the CSRF token is derived from
 * the cookie value ({@link #csrfOf}), so a copy of the table opens no session and forges no request.
 *
 * <p>A login never fails for lack of room (issue 20 item 2): a user past {@code maxPerUser} loses their oldest
 * session, and a full store ends expired sessions, then the least recently used one. Logins are serialised across
 * the nodes by a transaction-scoped advisory lock, so the bounds hold however many nodes take logins at once.
 *
 * <p>Every method runs its SQL on the database's worker threads and returns a future (never blocks an event
 * loop). A request's use is written back at most every {@code touchEvery} (a tenth of the idle timeout, at most
 * 30 s), so an agent's requests do not each write a row; the idle expiry is correspondingly up to that much early.
 *
 * <p>When a session ends, the node that ended it tells its own listeners and publishes the SHA-256 on the event
 * bus ({@value #ENDED_ADDRESS}, cluster-wide when clustered): each node tells its listeners about the sessions it
 * has served ({@code seen}), e.g. to close their WebSockets. A node that missed the message (partitioned) finds
 * out at its next {@link #touch} of the session (the desk touches every open socket's session each minute).
 */
public final class SessionRepository implements Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRepository.class);
    /** Event-bus address of ended sessions: a JSON array of base64 SHA-256 of their ids. */
    public static final String ENDED_ADDRESS = "cti.sessions.ended";
    /** Serialises the logins of every node (the bounds are counted in the same transaction). */
    private static final long LOGIN_LOCK = 0x5e55_1011L;
    private static final String RETURNING = " returning id_hash, user_id, created_at, last_seen";

    private final Vertx vertx;
    private final Db db;
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final Duration touchEvery;
    private final int maxSessions;
    private final int maxPerUser;
    private final SecureRandom random = new SecureRandom();
    /** The sessions this node created or served, by the base64 of their hash: whom to tell when they end. */
    private final ConcurrentHashMap<String, Session> seen = new ConcurrentHashMap<>();
    private final List<Consumer<Session>> endListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong evictedForUser = new AtomicLong();
    private final AtomicLong evictedForRoom = new AtomicLong();
    private volatile int lastCount;
    private final MessageConsumer<JsonArray> endedIn;

    public SessionRepository(Vertx vertx, Db db, Clock clock, Duration idle, Duration absolute, int maxSessions) {
        this(vertx, db, clock, idle, absolute, maxSessions, maxSessions);
    }

    public SessionRepository(Vertx vertx, Db db, Clock clock, Duration idle, Duration absolute, int maxSessions,
                        int maxPerUser) {
        if (idle.isNegative() || idle.isZero() || absolute.compareTo(idle) < 0 || maxSessions < 1 || maxPerUser < 1) {
            throw new IllegalArgumentException("session limits: idle > 0, absolute >= idle, maxSessions >= 1, maxPerUser >= 1");
        }
        this.vertx = vertx;
        this.db = db;
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
        Duration tenth = idle.dividedBy(10);
        this.touchEvery = tenth.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : tenth;
        this.maxSessions = maxSessions;
        this.maxPerUser = maxPerUser;
        this.endedIn = vertx.eventBus().consumer(ENDED_ADDRESS, m -> {
            for (Object h : m.body()) {
                tellEnded((String) h);
            }
        });
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
    public Future<Session> create(User user) {
        Instant now = clock.instant();
        String id = randomToken();
        Session s = new Session(id, user, csrfOf(id), now, now);
        return db.tx(dsl -> {
            dsl.fetch("select pg_advisory_xact_lock(?)", LOGIN_LOCK);
            List<String> ended = new ArrayList<>();
            Result<Record> mine = dsl.fetch("delete from console_session where id_hash in (select id_hash from "
                    + "console_session where user_id = ? order by created_at desc offset ?)" + RETURNING,
                    user.id(), maxPerUser - 1);
            evictedForUser.addAndGet(mine.size());
            mine.forEach(r -> ended.add(hashKey(r)));
            int count = dsl.fetchOne("select count(*) from console_session").get(0, Integer.class);
            if (count >= maxSessions) {
                Result<Record> expired = deleteExpired(dsl, now);
                expired.forEach(r -> ended.add(hashKey(r)));
                count -= expired.size();
            }
            if (count >= maxSessions) {
                Result<Record> idlest = dsl.fetch("delete from console_session where id_hash in (select id_hash from "
                        + "console_session order by last_seen limit ?)" + RETURNING, count - maxSessions + 1);
                evictedForRoom.addAndGet(idlest.size());
                idlest.forEach(r -> ended.add(hashKey(r)));
                count -= idlest.size();
            }
            dsl.execute("insert into console_session (id_hash, user_id, created_at, last_seen) values (?, ?, cast(? as timestamptz), cast(? as timestamptz))",
                    hash(id), user.id(), odt(now), odt(now));
            lastCount = count + 1;
            return ended;
        }).map(ended -> {
            seen.put(key(hash(id)), s);
            ended(ended);
            return s;
        });
    }

    /** Sessions ended to keep a user within {@code maxPerUser} (by this node). */
    public long evictedForUser() {
        return evictedForUser.get();
    }

    /** Sessions ended because the store was full (by this node). */
    public long evictedForRoom() {
        return evictedForRoom.get();
    }

    /** The live session with this id, its idle timer restarted; empty when unknown or expired. */
    @Override
    public Future<Optional<Session>> touch(String id) {
        return find(id, true);
    }

    /** The live session with this id without restarting its idle timer. */
    public Future<Optional<Session>> peek(String id) {
        return find(id, false);
    }

    private Future<Optional<Session>> find(String id, boolean touch) {
        if (id == null || id.length() > 100) {
            return Future.succeededFuture(Optional.empty());
        }
        byte[] h = hash(id);
        return db.query(dsl -> {
            Record r = dsl.fetchOne("select s.created_at as s_created_at, s.last_seen as s_last_seen, u.* "
                    + "from console_session s join app_user u on u.id = s.user_id where s.id_hash = ?", h);
            if (r == null) {
                return Optional.<Session>empty();
            }
            Instant created = r.get("s_created_at", OffsetDateTime.class).toInstant();
            Instant lastSeen = r.get("s_last_seen", OffsetDateTime.class).toInstant();
            User user = UserRepository.toUser(r.into(APP_USER));
            Instant now = clock.instant();
            if (!user.active() || now.isAfter(lastSeen.plus(idle)) || now.isAfter(created.plus(absolute))) {
                dsl.execute("delete from console_session where id_hash = ?", h);
                return Optional.<Session>empty();
            }
            if (touch && !now.isBefore(lastSeen.plus(touchEvery))) {
                dsl.execute("update console_session set last_seen = cast(? as timestamptz) where id_hash = ? and last_seen < cast(? as timestamptz)",
                        odt(now), h, odt(now));
                lastSeen = now;
            }
            return Optional.of(new Session(id, user, csrfOf(id), created, lastSeen));
        }).map(found -> {
            String k = key(h);
            if (found.isPresent()) {
                seen.put(k, found.get());
            } else {
                // ended elsewhere (or expired): whoever here still holds it learns it now
                tellEnded(k);
            }
            return found;
        });
    }

    public Future<Void> invalidate(String id) {
        if (id == null || id.length() > 100) {
            return Future.succeededFuture();
        }
        byte[] h = hash(id);
        return endWhere("id_hash = ?", h);
    }

    /** Ends every session of a user (password changed, user disabled). */
    public Future<Void> invalidateUser(long userId) {
        return endWhere("user_id = ?", userId);
    }

    private Future<Void> endWhere(String condition, Object value) {
        return db.query(dsl -> dsl.fetch("delete from console_session where " + condition + RETURNING, value))
                .map(rows -> {
                    ended(rows.map(SessionRepository::hashKey));
                    return null;
                });
    }

    /** Removes expired sessions; run periodically (by every node: the deletes do not overlap). */
    @Override
    public Future<Void> sweep() {
        Instant now = clock.instant();
        return db.query(dsl -> {
            Result<Record> gone = deleteExpired(dsl, now);
            lastCount = dsl.fetchOne("select count(*) from console_session").get(0, Integer.class);
            return gone.map(SessionRepository::hashKey);
        }).map(gone -> {
            ended(gone);
            // what this node served but the database no longer has: ended elsewhere (message missed) or expired
            seen.entrySet().removeIf(e -> now.isAfter(e.getValue().createdAt().plus(absolute)));
            return null;
        });
    }

    /** Live sessions in the database. */
    public Future<Integer> count() {
        return db.query(dsl -> dsl.fetchOne("select count(*) from console_session").get(0, Integer.class))
                .onSuccess(n -> lastCount = n);
    }

    /** Live sessions as last counted (by the last login or sweep of this node): for the gauge. */
    public int size() {
        return lastCount;
    }

    /** The CSRF token of a session: derived from its secret id, so no node has to store or share it. */
    static String csrfOf(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("csrf\u0000" + id));
    }

    private Result<Record> deleteExpired(DSLContext dsl, Instant now) {
        return dsl.fetch("delete from console_session where last_seen < cast(? as timestamptz) or created_at < cast(? as timestamptz)" + RETURNING,
                odt(now.minus(idle)), odt(now.minus(absolute)));
    }

    private void ended(List<String> hashes) {
        if (hashes.isEmpty()) {
            return;
        }
        hashes.forEach(this::tellEnded);
        vertx.eventBus().publish(ENDED_ADDRESS, new JsonArray(new ArrayList<>(hashes)));
    }

    private void tellEnded(String hashKey) {
        Session s = seen.remove(hashKey);
        if (s == null) {
            return;
        }
        for (Consumer<Session> l : endListeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.warn("session end listener failed: {}", e.toString());
            }
        }
    }

    /** Stops listening for other nodes' ended sessions. */
    public Future<Void> close() {
        return endedIn.unregister();
    }

    private static String hashKey(Record r) {
        return key(r.get("id_hash", byte[].class));
    }

    private static String key(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }

    private static byte[] hash(String id) {
        return sha256(id);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String odt(Instant i) {
        return i.atOffset(ZoneOffset.UTC).toString();
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
