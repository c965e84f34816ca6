package cn.hotline12345.cti.user.internal;

import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.MutableClock;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.api.Session;
import cn.hotline12345.cti.user.api.User;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 25 item 1: the sessions in PostgreSQL, shared by every node (two stores on one database stand for two
 * nodes), with issue 20's idle and absolute limits and bounds kept; nothing secret in the table.
 */
@ExtendWith(PostgresExtension.class)
class SessionRepositoryIT {

    private final MutableClock clock = new MutableClock();
    private TestDatabase database;
    private Vertx vertx;
    private Db db;
    private final List<User> users = new ArrayList<>();

    @BeforeEach
    void start(TestDatabase database) throws Exception {
        this.database = database;
        vertx = Vertx.vertx();
        db = new Db(vertx, database.dataSource(), 4);
        try (Connection c = database.dataSource().getConnection()) {
            c.createStatement().execute("delete from console_session");
            c.createStatement().execute("delete from app_user where username like 'ss-%'");
            users.clear();
            for (int i = 1; i <= 4; i++) {
                ResultSet rs = c.createStatement().executeQuery("insert into app_user (username, display_name, "
                        + "password_hash, role, extension) values ('ss-" + i + "', '用户" + i + "', 'x', 'agent', '10"
                        + (10 + i) + "') returning id");
                rs.next();
                users.add(new User(rs.getLong(1), "ss-" + i, "用户" + i, Role.AGENT, null, "10" + (10 + i), false, true));
            }
        }
    }

    @AfterEach
    void stop() {
        db.close();
        vertx.close().await();
    }

    private SessionRepository store(int max, int perUser) {
        return new SessionRepository(vertx, db, clock, Duration.ofMinutes(30), Duration.ofHours(12), max, perUser);
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void idsAndTokensAre256RandomBitsNeverRepeatAndNeitherIsStored() throws Exception {
        SessionRepository big = store(10_000, 10_000);
        Set<String> seen = new HashSet<>();
        List<Session> made = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Session s = await(big.create(users.get(0)));
            assertThat(java.util.Base64.getUrlDecoder().decode(s.id())).hasSize(32);
            assertThat(seen.add(s.id())).isTrue();
            assertThat(seen.add(s.csrfToken())).isTrue();
            made.add(s);
        }
        // the table holds neither the cookie value nor the CSRF token in any encoding a reader could replay
        try (Connection c = database.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("select encode(id_hash, 'base64'), encode(id_hash, 'hex') "
                     + "from console_session")) {
            while (rs.next()) {
                for (Session s : made) {
                    assertThat(rs.getString(1)).doesNotContain(s.id().substring(0, 20)).doesNotContain(s.csrfToken().substring(0, 20));
                }
            }
        }
    }

    @Test
    void aSessionMadeOnOneNodeIsLiveOnAnotherWithTheSameCsrfTokenAndALogoutThereEndsItHere() {
        SessionRepository nodeA = store(100, 10);
        SessionRepository nodeB = store(100, 10);
        List<String> endedOnA = new CopyOnWriteArrayList<>();
        nodeA.onEnd(s -> endedOnA.add(s.id()));
        Session s = await(nodeA.create(users.get(0)));
        Optional<Session> onB = await(nodeB.touch(s.id()));
        assertThat(onB).hasValueSatisfying(b -> {
            assertThat(b.user().username()).isEqualTo("ss-1");
            assertThat(b.csrfToken()).isEqualTo(s.csrfToken());
            assertThat(b.createdAt()).isEqualTo(s.createdAt());
        });
        await(nodeB.invalidate(s.id()));
        assertThat(await(nodeA.touch(s.id()))).isEmpty();
        // node A is told over the event bus that the session it created was ended on node B (its sockets close)
        Http.await("node A heard of the logout on node B", Duration.ofSeconds(5), () -> endedOnA.contains(s.id()));
        assertThat(endedOnA).containsOnlyOnce(s.id());
    }

    @Test
    void sessionsSurviveARestartOfEveryNode() {
        Session s = await(store(100, 10).create(users.get(1)));
        SessionRepository afterRestart = store(100, 10);
        assertThat(await(afterRestart.touch(s.id()))).isPresent();
    }

    @Test
    void anIdleSessionExpiresAndUseKeepsItAliveOnAnyNode() {
        SessionRepository a = store(3, 3);
        SessionRepository b = store(3, 3);
        Session s = await(a.create(users.get(0)));
        clock.advance(Duration.ofMinutes(29));
        assertThat(await(b.touch(s.id()))).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(await(a.touch(s.id()))).isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(await(b.touch(s.id()))).isEmpty();
        assertThat(await(a.count())).isZero();
    }

    @Test
    void evenABusySessionEndsAtTheAbsoluteLimit() {
        SessionRepository a = store(3, 3);
        Session s = await(a.create(users.get(0)));
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            await(a.touch(s.id()));
        }
        clock.advance(Duration.ofMinutes(29));
        assertThat(await(a.touch(s.id()))).isEmpty();
    }

    @Test
    void endListenersHearLogoutUserInvalidationAndExpiry() {
        SessionRepository store = store(3, 3);
        List<String> ended = new CopyOnWriteArrayList<>();
        store.onEnd(s -> ended.add(s.id()));
        Session a = await(store.create(users.get(0)));
        Session b = await(store.create(users.get(0)));
        Session c = await(store.create(users.get(1)));
        await(store.invalidate(a.id()));
        await(store.invalidateUser(users.get(0).id()));
        assertThat(ended).containsExactly(a.id(), b.id());
        clock.advance(Duration.ofHours(1));
        await(store.sweep());
        assertThat(ended).containsExactly(a.id(), b.id(), c.id());
        await(store.invalidate("unknown"));
        await(store.invalidate(null));
        assertThat(ended).hasSize(3);
    }

    @Test
    void theStoreIsBoundedAcrossNodesAndAFullStoreEndsTheLeastRecentlyUsedSessionInsteadOfFailing() {
        SessionRepository nodeA = store(3, 3);
        SessionRepository nodeB = store(3, 3);
        Session a = await(nodeA.create(users.get(0)));
        clock.advance(Duration.ofSeconds(1));
        Session b = await(nodeB.create(users.get(1)));
        clock.advance(Duration.ofSeconds(1));
        Session c = await(nodeA.create(users.get(2)));
        clock.advance(Duration.ofMinutes(1));
        await(nodeB.touch(a.id())); // a is in use: b is now the idlest
        Session d = await(nodeB.create(users.get(3)));
        assertThat(await(nodeA.count())).isEqualTo(3);
        assertThat(await(nodeA.peek(b.id()))).isEmpty();
        assertThat(await(nodeA.peek(a.id()))).isPresent();
        assertThat(await(nodeA.peek(c.id()))).isPresent();
        assertThat(await(nodeA.peek(d.id()))).isPresent();
        assertThat(nodeB.evictedForRoom()).isEqualTo(1);
    }

    @Test
    void oneUserNeverHoldsMoreThanItsShareAndLosesItsOldestSessionFirstEvenWithLoginsOnTwoNodesAtOnce() {
        SessionRepository nodeA = store(100, 2);
        SessionRepository nodeB = store(100, 2);
        List<String> ended = new CopyOnWriteArrayList<>();
        nodeA.onEnd(s -> ended.add(s.id()));
        Session first = await(nodeA.create(users.get(0)));
        clock.advance(Duration.ofSeconds(1));
        Session second = await(nodeA.create(users.get(0)));
        clock.advance(Duration.ofSeconds(1));
        Session other = await(nodeA.create(users.get(1)));
        List<Future<Session>> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofSeconds(1));
            burst.add((i % 2 == 0 ? nodeA : nodeB).create(users.get(0)));
        }
        await(Future.all(burst));
        assertThat(await(nodeA.count())).isEqualTo(3);
        // the two oldest went first (whichever node ended them, node A hears of it: it made them)
        Http.await("node A heard its two sessions end", Duration.ofSeconds(5),
                () -> ended.containsAll(List.of(first.id(), second.id())));
        assertThat(ended).doesNotContain(other.id());
        assertThat(await(nodeA.peek(first.id()))).isEmpty();
        assertThat(await(nodeA.peek(other.id()))).isPresent();
        assertThat(nodeA.evictedForUser() + nodeB.evictedForUser()).isEqualTo(50);
    }

    @Test
    void aDisabledUsersSessionIsRefusedEvenIfTheInvalidationWasMissed() throws Exception {
        SessionRepository store = store(100, 10);
        Session s = await(store.create(users.get(2)));
        try (Connection c = database.dataSource().getConnection()) {
            c.createStatement().execute("update app_user set active = false where id = " + users.get(2).id());
        }
        assertThat(await(store.touch(s.id()))).isEmpty();
    }

    @Test
    void unknownOrAbsurdIdsFindNothingAndBadLimitsAreRefused() {
        SessionRepository store = store(3, 3);
        assertThat(await(store.touch(null))).isEmpty();
        assertThat(await(store.touch("x".repeat(10_000)))).isEmpty();
        assertThat(await(store.peek("nope"))).isEmpty();
        assertThat(await(store.touch("' or 1=1 --"))).isEmpty();
        assertThatThrownBy(() -> new SessionRepository(vertx, db, clock, Duration.ZERO, Duration.ofHours(1), 3, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionRepository(vertx, db, clock, Duration.ofHours(2), Duration.ofHours(1), 3, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDatabaseAwayFailsTheLookupInsteadOfSayingTheSessionIsGone() {
        SessionRepository store = store(3, 3);
        Session s = await(store.create(users.get(0)));
        Db broken = new Db(vertx, new org.postgresql.ds.PGSimpleDataSource() {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                throw new java.sql.SQLException("connection refused (test)");
            }
        }, 1);
        SessionRepository cut = new SessionRepository(vertx, broken, clock, Duration.ofMinutes(30), Duration.ofHours(12), 3, 3);
        assertThatThrownBy(() -> cut.touch(s.id()).await(10, TimeUnit.SECONDS)).hasRootCauseMessage("connection refused (test)");
        assertThat(await(store.touch(s.id()))).as("nothing lost").isPresent();
        broken.close();
    }
}
