package cn.hotline12345.cti.caller.internal;



import cn.hotline12345.cti.caller.CallerModule;
import cn.hotline12345.cti.caller.api.CallerSettings;
import cn.hotline12345.cti.testing.MutableClock;

import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.privacy.api.Staff;
import cn.hotline12345.cti.privacy.api.StaffRole;
import cn.hotline12345.schema.testing.TestDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A caller module on a real test database with a clock the test moves, plus SQL helpers for rows. */
final class CallerFixture implements AutoCloseable {

    static final Staff AGENT = new Staff("agent1", StaffRole.AGENT, null, false);
    static final Staff AGENT2 = new Staff("agent2", StaffRole.AGENT, null, false);
    static final Staff SUPERVISOR = new Staff("sup1", StaffRole.SUPERVISOR, null, true);
    static final Staff SUPERVISOR_NO_UNMASK = new Staff("sup2", StaffRole.SUPERVISOR, null, false);

    /** A clock the test sets. */

    final Vertx vertx = Vertx.vertx();
    final HikariDataSource dataSource;
    final Db db;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));
    final CallerModule module;
    /** Test classes share a database: each fixture's linkedids get their own prefix. */
    private final String linkedidPrefix = Long.toString(1_700_000_000L + new java.util.Random().nextInt(90_000_000));
    private final AtomicLong linkedids = new AtomicLong();

    CallerFixture(TestDatabase database, CallerSettings settings) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(database.url());
        hc.setUsername(database.user());
        hc.setPassword(database.password());
        hc.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(hc);
        db = new Db(vertx, dataSource, 4);
        module = new CallerModule(vertx, db, settings, clock);
    }

    static <T> T await(Future<T> f) {
        try {
            return f.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** The failure of a future that must fail. */
    static Throwable failure(Future<?> f) {
        try {
            f.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    String nextLinkedid() {
        return linkedidPrefix + "." + linkedids.incrementAndGet();
    }

    /** Inserts a call row as the tracker would; returns its id. */
    long insertCall(String raw, String norm, String linkedid, Instant started, Instant answered, Instant ended, Long matterId) {
        return queryLong("insert into call (pbx_id, linkedid, caller_number, caller_number_norm, started_at, answered_at, ended_at, matter_id, disposition)"
                        + " values ('pbx1', ?, ?, ?, ?, ?, ?, ?, ?) returning id",
                linkedid, raw, norm, ts(started), ts(answered), ts(ended), matterId, answered == null ? null : "answered");
    }

    long insertMatter(String number, String norm, String status, Instant created, Instant deadline, boolean confidential, String takenBy) {
        return queryLong("insert into matter (number, channel, category, contact_number, contact_number_norm, status, created_at, deadline_at, confidential, taken_by)"
                        + " values (?, 'phone', 'complaint', ?, ?, ?, ?, ?, ?, ?) returning id",
                number, norm, norm, status, ts(created), ts(deadline), confidential, takenBy);
    }

    long queryLong(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    void execute(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    @Override
    public void close() {
        module.close();
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing after a test: nothing left to verify
        }
        db.close();
        dataSource.close();
    }
}
