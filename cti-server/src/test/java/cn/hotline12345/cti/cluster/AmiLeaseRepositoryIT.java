package cn.hotline12345.cti.cluster;

import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AMI lease in PostgreSQL: one holder at a time, taken over only after expiry (by the database's clock),
 * a fencing epoch that grows at every change of hands, and renewals by a stale holder refused.
 */
@ExtendWith(PostgresExtension.class)
class AmiLeaseRepositoryIT {

    private static final Duration TTL = Duration.ofSeconds(30);
    private final AmiLeaseRepository repo = new AmiLeaseRepository();
    private DSLContext dsl;

    @BeforeEach
    void connect(TestDatabase db) {
        dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        dsl.execute("delete from ami_lease"); // the database is the class's, shared by its tests
    }

    @Test
    void firstContenderWinsAndTheSecondWaits() {
        Optional<AmiLease> a = repo.tryAcquire(dsl, "pbx1", "node-a", TTL);
        Optional<AmiLease> b = repo.tryAcquire(dsl, "pbx1", "node-b", TTL);
        assertThat(a).hasValueSatisfying(l -> {
            assertThat(l.owner()).isEqualTo("node-a");
            assertThat(l.epoch()).isEqualTo(1);
        });
        assertThat(b).isEmpty();
        assertThat(repo.find(dsl, "pbx1")).hasValueSatisfying(l -> assertThat(l.owner()).isEqualTo("node-a"));
        // another PBX is a separate lease
        assertThat(repo.tryAcquire(dsl, "pbx2", "node-b", TTL)).isPresent();
    }

    @Test
    void anExpiredLeaseIsTakenOverWithAHigherEpochAndTheOldOwnerCannotRenew() {
        AmiLease a = repo.tryAcquire(dsl, "pbx1", "node-a", TTL).orElseThrow();
        expire("pbx1");
        AmiLease b = repo.tryAcquire(dsl, "pbx1", "node-b", TTL).orElseThrow();
        assertThat(b.owner()).isEqualTo("node-b");
        assertThat(b.epoch()).isEqualTo(a.epoch() + 1);
        assertThat(repo.renew(dsl, "pbx1", "node-a", a.epoch(), TTL)).as("stale owner renews").isEmpty();
        assertThat(repo.renew(dsl, "pbx1", "node-b", b.epoch(), TTL)).isPresent();
        assertThat(repo.find(dsl, "pbx1").orElseThrow().owner()).isEqualTo("node-b");
    }

    @Test
    void renewalExtendsByTheDatabaseClockAndNeedsTheCurrentEpoch() {
        AmiLease a = repo.tryAcquire(dsl, "pbx1", "node-a", Duration.ofSeconds(2)).orElseThrow();
        AmiLease renewed = repo.renew(dsl, "pbx1", "node-a", a.epoch(), Duration.ofMinutes(10)).orElseThrow();
        assertThat(renewed.expiresAt()).isAfter(a.expiresAt().plusSeconds(500));
        assertThat(renewed.epoch()).isEqualTo(a.epoch());
        assertThat(repo.renew(dsl, "pbx1", "node-a", a.epoch() + 1, TTL)).as("wrong epoch").isEmpty();
        assertThat(repo.renew(dsl, "pbx1", "node-b", a.epoch(), TTL)).as("wrong owner").isEmpty();
        assertThat(repo.renew(dsl, "pbx9", "node-a", a.epoch(), TTL)).as("no such lease").isEmpty();
    }

    @Test
    void theSameNodeNameTakesItsOwnUnexpiredLeaseBackWithANewEpoch() {
        AmiLease first = repo.tryAcquire(dsl, "pbx1", "node-a", TTL).orElseThrow();
        AmiLease again = repo.tryAcquire(dsl, "pbx1", "node-a", TTL).orElseThrow();
        assertThat(again.epoch()).isEqualTo(first.epoch() + 1);
        assertThat(repo.renew(dsl, "pbx1", "node-a", first.epoch(), TTL)).as("the earlier incarnation").isEmpty();
    }

    @Test
    void releaseLetsAnotherNodeTakeOverAtOnceButOnlyByTheHolder() {
        AmiLease a = repo.tryAcquire(dsl, "pbx1", "node-a", TTL).orElseThrow();
        assertThat(repo.release(dsl, "pbx1", "node-b", a.epoch())).isFalse();
        assertThat(repo.tryAcquire(dsl, "pbx1", "node-b", TTL)).isEmpty();
        assertThat(repo.release(dsl, "pbx1", "node-a", a.epoch())).isTrue();
        assertThat(repo.tryAcquire(dsl, "pbx1", "node-b", TTL)).hasValueSatisfying(l -> assertThat(l.epoch()).isEqualTo(2));
    }

    @Test
    void manyContendersAtOnceLeaveExactlyOneHolder() throws Exception {
        int n = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Optional<AmiLease>>> results = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                String node = "node-" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return repo.tryAcquire(dsl, "pbx1", node, TTL);
                }));
            }
            go.countDown();
            int winners = 0;
            for (var f : results) {
                if (f.get().isPresent()) {
                    winners++;
                }
            }
            assertThat(winners).isEqualTo(1);
            assertThat(repo.find(dsl, "pbx1").orElseThrow().epoch()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private void expire(String pbx) {
        dsl.execute("update ami_lease set expires_at = now() - interval '1 second' where pbx_id = ?", pbx);
    }
}
