package cn.hotline12345.cti.user.internal;


import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.cti.user.api.LoginOutcome;
import cn.hotline12345.cti.user.api.NewUser;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.api.Session;
import cn.hotline12345.cti.user.api.User;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Logins, sessions and user administration. A login is admitted by the {@link LoginGuard} (and counted) before
 * anything is spent on it, then takes a place in the {@link HashPool} (shed with 429 when none is free), and only
 * then reads the user and runs the KDF, which never runs on an event loop.
 */
public final class UserService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UserService.class);

    private final Vertx vertx;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final LoginGuard guard;
    private final HashPool kdf;
    private final FirstAdminSetup setup = new FirstAdminSetup();

    public UserService(Vertx vertx, UserRepository users, SessionRepository sessions, PasswordHasher hasher,
                       LoginGuard guard, HashPool kdf) {
        this.vertx = vertx;
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.guard = guard;
        this.kdf = kdf;
    }

    /** With the given limits and a hash pool of their size. */
    public UserService(Vertx vertx, UserRepository users, SessionRepository sessions, Clock clock, AuthSettings auth) {
        this(vertx, users, sessions, new PasswordHasher(), new LoginGuard(clock, auth, 100_000),
                new HashPool(auth.hashThreads(), auth.hashQueue(), auth.hashReserved()));
    }

    public SessionRepository sessions() {
        return sessions;
    }

    public LoginGuard guard() {
        return guard;
    }

    public HashPool hashPool() {
        return kdf;
    }

    /**
     * Checks the credentials. A success creates a new session (the caller drops any session the browser had: no
     * fixation). The attempt is counted against its (name, address), name and address before the password is
     * checked; see {@link LoginGuard}.
     */
    public Future<LoginOutcome> login(String username, String password, String address) {
        String nameKey = username == null ? "" : username.toLowerCase(Locale.ROOT);
        LoginGuard.Admission admission = guard.admit(nameKey, address);
        if (!admission.admitted()) {
            return Future.succeededFuture(new LoginOutcome.Throttled(admission.retryAfter()));
        }
        LoginGuard.Ticket ticket = admission.ticket();
        HashPool.Slot slot = kdf.reserve(ticket.knownName());
        if (slot == null) {
            guard.abandoned(ticket);
            return Future.succeededFuture(new LoginOutcome.Shed(Duration.ofSeconds(1)));
        }
        Context context = vertx.getOrCreateContext();
        Future<LoginOutcome> outcome = users.findByUsername(username).recover(e -> {
            slot.release();
            return Future.failedFuture(e);
        }).compose(found -> slot.run(context, () -> {
            if (found.isEmpty()) {
                hasher.verifyDummy(password);
                return false;
            }
            return hasher.verify(password, found.get().passwordHash()) && found.get().user().active();
        }).compose(ok -> {
            if (!ok) {
                guard.failed(ticket);
                LOG.info("login refused for user name of {} characters", nameKey.length());
                return Future.<LoginOutcome>succeededFuture(new LoginOutcome.Refused());
            }
            return sessions.create(found.get().user()).<LoginOutcome>map(s -> {
                guard.succeeded(ticket);
                LOG.info("user {} logged in", found.get().user().username());
                return new LoginOutcome.Success(s);
            });
        }));
        return outcome.onFailure(e -> guard.abandoned(ticket));
    }

    public Future<Void> logout(String sessionId) {
        return sessions.invalidate(sessionId);
    }

    public Future<User> create(NewUser u) {
        return hash(u.password()).compose(h -> users.insert(u, h));
    }

    public Future<List<User>> list() {
        return users.list();
    }

    public Future<Optional<User>> find(long id) {
        return users.findById(id);
    }

    /** Sets a new password (the password rules apply, the user's name included) and ends the user's sessions. */
    public Future<Boolean> changePassword(long userId, String password) {
        PasswordHasher.checkPolicy(password);
        return users.findById(userId).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(false);
            }
            try {
                PasswordHasher.checkPolicy(password, found.get().username());
            } catch (IllegalArgumentException e) {
                return Future.failedFuture(e);
            }
            return hash(password).compose(h -> users.setPasswordHash(userId, h))
                    .compose(ok -> sessions.invalidateUser(userId).map(ok));
        });
    }

    /** A hash on the priority lane (an administrator's action); fails with {@link Busy} when even that is full. */
    private Future<String> hash(String password) {
        HashPool.Slot slot = kdf.reserve(true);
        if (slot == null) {
            return Future.failedFuture(new Busy());
        }
        return slot.run(vertx.getOrCreateContext(), () -> hasher.hash(password));
    }

    /** The hash threads are all taken: try again shortly (503). */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("the password hash threads are busy", null, false, false);
        }
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
        return users.setPbx(userId, pbxId).compose(found -> sessions.invalidateUser(userId).map(found));
    }

    /** Enables or disables a user; disabling ends their sessions; the last active administrator stays. */
    public Future<UserRepository.ActiveChange> setActive(long userId, boolean active) {
        return users.setActive(userId, active).compose(r -> !active && r == UserRepository.ActiveChange.DONE
                ? sessions.invalidateUser(userId).map(r) : Future.succeededFuture(r));
    }

    // ------------------------------------------------------------------ first start (issue 20 item 4)

    /**
     * What {@code run} does before it serves: disables demo users (a data directory used by {@code demo} before),
     * and with no active administrator opens the one-time setup.
     *
     * @return the setup token to print once, or empty when an administrator exists
     */
    public Future<Optional<String>> prepareFirstStart() {
        return users.disableDemoUsers().compose(disabled -> {
            if (!disabled.isEmpty()) {
                LOG.warn("demo users disabled (their password is published; `run` never keeps them): {}", disabled);
            }
            return users.hasActiveAdmin();
        }).map(hasAdmin -> hasAdmin ? Optional.<String>empty() : Optional.of(setup.open()));
    }

    /** Whether the one-time setup is waiting for its token. */
    public boolean setupOpen() {
        return setup.isOpen();
    }

    /**
     * Creates the first administrator if {@code token} is the printed one (once: the token is then used up).
     *
     * @return the administrator, or an empty result for a wrong or used token (nothing created); fails with
     *         {@link IllegalArgumentException} for a refused field (the token stays usable)
     */
    public Future<Optional<User>> setupFirstAdmin(String token, String username, String displayName, String password) {
        // the token first: without it nobody learns anything, not even which fields would be refused
        if (!setup.take(token)) {
            return Future.succeededFuture(Optional.empty());
        }
        NewUser admin;
        try {
            admin = new NewUser(username, displayName, password, Role.ADMIN, null, null, false);
        } catch (IllegalArgumentException e) {
            setup.giveBack(token);
            return Future.failedFuture(e);
        }
        return create(admin).map(Optional::of).onSuccess(u -> {
            setup.close();
            LOG.warn("first administrator {} created with the one-time setup token", u.get().username());
        }).onFailure(e -> setup.giveBack(token));
    }

    @Override
    public void close() {
        kdf.close();
    }
}
