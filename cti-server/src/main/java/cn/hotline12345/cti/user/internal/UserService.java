package cn.hotline12345.cti.user.internal;


import cn.hotline12345.cti.user.api.LoginOutcome;
import cn.hotline12345.cti.user.api.NewUser;
import cn.hotline12345.cti.user.api.Session;
import cn.hotline12345.cti.user.api.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Logins, sessions and user administration. Password hashing runs on a small dedicated worker pool so
 * a burst of logins can use at most two cores' worth of KDF and never an event loop.
 */
public final class UserService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UserService.class);

    private final UserRepository users;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final LoginRateLimiter byName;
    private final LoginRateLimiter byAddress;
    private final WorkerExecutor kdf;

    public UserService(Vertx vertx, UserRepository users, SessionStore sessions, PasswordHasher hasher,
                       LoginRateLimiter byName, LoginRateLimiter byAddress) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.byName = byName;
        this.byAddress = byAddress;
        this.kdf = vertx.createSharedWorkerExecutor("cti-kdf", 2, 30, TimeUnit.SECONDS);
    }

    public SessionStore sessions() {
        return sessions;
    }

    /**
     * Checks the credentials. A success creates a new session (the caller drops any session the browser
     * had: no fixation); failures count against both the name and the address.
     */
    public Future<LoginOutcome> login(String username, String password, String address) {
        String nameKey = username == null ? "" : username.toLowerCase(java.util.Locale.ROOT);
        Duration wait = max(byName.blockedFor(nameKey), byAddress.blockedFor(address));
        if (!wait.isZero()) {
            return Future.succeededFuture(new LoginOutcome.Throttled(wait));
        }
        return users.findByUsername(username).compose(found -> kdf.executeBlocking(() -> {
            if (found.isEmpty()) {
                hasher.verifyDummy(password);
                return false;
            }
            return hasher.verify(password, found.get().passwordHash()) && found.get().user().active();
        }, false).map(ok -> {
            if (!ok) {
                byName.recordFailure(nameKey);
                byAddress.recordFailure(address);
                LOG.info("login refused for user name of {} characters", nameKey.length());
                return new LoginOutcome.Refused();
            }
            byName.reset(nameKey);
            Session s = sessions.create(found.get().user());
            LOG.info("user {} logged in", found.get().user().username());
            return new LoginOutcome.Success(s);
        }));
    }

    public void logout(String sessionId) {
        sessions.invalidate(sessionId);
    }

    public Future<User> create(NewUser u) {
        return kdf.executeBlocking(() -> hasher.hash(u.password()), false).compose(h -> users.insert(u, h));
    }

    public Future<List<User>> list() {
        return users.list();
    }

    public Future<Optional<User>> find(long id) {
        return users.findById(id);
    }

    /** Sets a new password and ends the user's sessions. */
    public Future<Boolean> changePassword(long userId, String password) {
        PasswordHasher.checkPolicy(password);
        return kdf.executeBlocking(() -> hasher.hash(password), false)
                .compose(h -> users.setPasswordHash(userId, h))
                .onSuccess(found -> sessions.invalidateUser(userId));
    }

    /**
     * Moves the user's phone to another PBX (null: the first configured one). Their sessions end, since each
     * session carries the PBX its agent actions and screen pops use. The caller has checked the id against the
     * configured PBXs.
     */
    public Future<Boolean> setPbx(long userId, String pbxId) {
        if (pbxId != null && !NewUser.PBX_ID.matcher(pbxId).matches()) {
            return Future.failedFuture(new IllegalArgumentException("pbxId: 1 to 32 of a-z, 0-9, '_' or '-'"));
        }
        return users.setPbx(userId, pbxId).onSuccess(found -> sessions.invalidateUser(userId));
    }

    /** Enables or disables a user; disabling ends their sessions. */
    public Future<Boolean> setActive(long userId, boolean active) {
        return users.setActive(userId, active).onSuccess(found -> {
            if (!active) {
                sessions.invalidateUser(userId);
            }
        });
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public void close() {
        kdf.close();
    }
}
