package cn.hotline12345.cti.cluster;

import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lease loop of two nodes over one PostgreSQL: one owner at a time, a stolen lease stops the owner's link
 * at once, a clean stop hands over without waiting for the TTL, and an owner cut off from the database keeps
 * its link (docs/operations.md, "Several servers").
 */
@ExtendWith(PostgresExtension.class)
class AmiOwnershipIT {

    private final Vertx vertx = Vertx.vertx();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    private TestDatabase db;

    /** What the telephony would be told. */
    static final class Events implements AmiOwnership.Listener {
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public Future<Void> acquired(String pbxId, long epoch) {
            log.add("acquired " + pbxId + " " + epoch);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> lost(String pbxId, String why, boolean clean) {
            log.add("lost " + pbxId + (clean ? " clean" : ""));
            return Future.succeededFuture();
        }
    }

    /** A data source that can be cut off, as a network partition from the database would. */
    static final class Switchable implements DataSource {
        final DataSource real;
        volatile boolean down;

        Switchable(DataSource real) {
            this.real = real;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw new SQLException("connection refused (test)");
            }
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("no");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    @BeforeEach
    void clean(TestDatabase db) throws Exception {
        this.db = db;
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("delete from ami_lease"); // the database is the class's, shared by its tests
        }
    }

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        vertx.close().await();
    }

    private AmiOwnership node(String id, DataSource ds, Events events, Readiness readiness) {
        Db d = new Db(vertx, ds, 2);
        toClose.add(d);
        AmiOwnership o = new AmiOwnership(vertx, d, new CtiConfig.Cluster(true, id, "127.0.0.1", 0, List.of(),
                Duration.ofSeconds(2), Duration.ofMillis(200)), List.of("pbx1", "pbx2"), events, readiness,
                new SimpleMeterRegistry());
        toClose.add(o);
        return o;
    }

    @Test
    void oneOwnerAtATimeAndTheStandbyStaysReady() {
        Events ea = new Events();
        Events eb = new Events();
        Readiness rb = new Readiness();
        AmiOwnership a = node("node-a", db.dataSource(), ea, new Readiness());
        a.start();
        Http.await("A owns both PBXs", Duration.ofSeconds(10), () -> a.owns("pbx1") && a.owns("pbx2"));
        AmiOwnership b = node("node-b", db.dataSource(), eb, rb);
        b.start();
        Http.await("B reports standby", Duration.ofSeconds(10), () -> rb.isUp("ami:pbx1") && rb.isUp("ami:pbx2"));
        assertThat(rb.snapshot().get("ami:pbx1").detail()).isEqualTo("standby: AMI link owned by node-a");
        assertThat(b.owns("pbx1")).isFalse();
        assertThat(ea.log).containsExactlyInAnyOrder("acquired pbx1 1", "acquired pbx2 1");
        assertThat(eb.log).isEmpty();
    }

    @Test
    void anOwnerWhoseLeaseIsTakenStopsItsLinkAtOnce() throws Exception {
        Events ea = new Events();
        AmiOwnership a = node("node-a", db.dataSource(), ea, new Readiness());
        a.start();
        Http.await("A owns pbx1", Duration.ofSeconds(10), () -> a.owns("pbx1"));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            // what a node that found the lease expired (A frozen longer than the TTL) would have done
            s.execute("update ami_lease set owner = 'node-z', epoch = epoch + 1 where pbx_id = 'pbx1'");
        }
        Http.await("A lets pbx1 go", Duration.ofSeconds(10), () -> ea.log.contains("lost pbx1"));
        assertThat(a.owns("pbx1")).isFalse();
        assertThat(a.owns("pbx2")).isTrue();
    }

    @Test
    void aCleanStopHandsOverWithoutWaitingForTheTtl() throws Exception {
        Events ea = new Events();
        Events eb = new Events();
        AmiOwnership a = node("node-a", db.dataSource(), ea, new Readiness());
        a.start();
        Http.await("A owns both", Duration.ofSeconds(10), () -> a.owns("pbx1") && a.owns("pbx2"));
        AmiOwnership b = node("node-b", db.dataSource(), eb, new Readiness());
        b.start();
        // a long TTL would make B wait: extend A's leases far beyond the test's patience
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("update ami_lease set expires_at = now() + interval '1 hour'");
        }
        a.close();
        assertThat(ea.log).contains("lost pbx1 clean", "lost pbx2 clean");
        Http.await("B takes both over", Duration.ofSeconds(5), () -> b.owns("pbx1") && b.owns("pbx2"));
        assertThat(eb.log).containsExactlyInAnyOrder("acquired pbx1 2", "acquired pbx2 2");
    }

    /**
     * Issue 25 item 3: the PostgreSQL lease is the only arbiter. An owner cut off from the database (a partition
     * between it and PostgreSQL, or a database outage) gives its links up once its lease's TTL has run out, before or
     * as another node can take them; it never holds a link the database has given to someone else for longer than
     * one renewal interval. (Before issue 25 it kept them until it reached the database again.)
     */
    @Test
    void anOwnerCutOffFromTheDatabaseDropsItsLinksWithinTheTtlSoTwoOwnersNeverLast() throws Exception {
        Events ea = new Events();
        Switchable ds = new Switchable(db.dataSource());
        AmiOwnership a = node("node-a", ds, ea, new Readiness());
        a.start();
        Http.await("A owns both", Duration.ofSeconds(10), () -> a.owns("pbx1") && a.owns("pbx2"));
        long cutAt = System.nanoTime();
        ds.down = true;
        Http.await("A drops its links once it cannot renew within the TTL", Duration.ofSeconds(10),
                () -> ea.log.contains("lost pbx1") && ea.log.contains("lost pbx2"));
        long droppedMs = (System.nanoTime() - cutAt) / 1_000_000;
        Events eb = new Events();
        AmiOwnership b = node("node-b", db.dataSource(), eb, new Readiness());
        b.start();
        Http.await("B takes over after the TTL", Duration.ofSeconds(10), () -> b.owns("pbx1") && b.owns("pbx2"));
        assertThat(a.owns("pbx1")).isFalse();
        System.out.printf("partition: owner cut off from PostgreSQL dropped its links %d ms after the cut%n", droppedMs);
        ds.down = false;
        // back, A does not take anything: B holds live leases
        Http.await("A back in standby, B still the owner", Duration.ofSeconds(5), () -> b.owns("pbx1") && !a.owns("pbx1"));
        assertThat(b.owns("pbx2")).isTrue();
        a.close();
        b.close();
    }
}
