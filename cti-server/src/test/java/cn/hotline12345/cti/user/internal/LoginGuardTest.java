package cn.hotline12345.cti.user.internal;

import cn.hotline12345.cti.testing.MutableClock;
import cn.hotline12345.cti.user.api.AuthSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login limits of issue 20 items 1 and 5, on a clock the test moves: attempts counted before the password
 * check, a lock per (name, address) with exponential back-off, a global slow-down per name, an address limit that
 * spares names known at that address, and a success that leaves the failures that raced it.
 */
class LoginGuardTest {

    private final MutableClock clock = new MutableClock();
    /** 5 per pair (1 min doubling to 1 h), 20 per name (then 1 per 5 s), 100 per address, in 5 min. */
    private final LoginGuard guard = new LoginGuard(clock, AuthSettings.defaults(), 1000);

    private LoginGuard.Ticket admit(String name, String address) {
        LoginGuard.Admission a = guard.admit(name, address);
        assertThat(a.admitted()).as(name + "@" + address + " admitted").isTrue();
        return a.ticket();
    }

    private void fail(String name, String address) {
        guard.failed(admit(name, address));
    }

    @Test
    void fiveFailuresLockTheNameOnlyFromThatAddressWithABackOffThatDoubles() {
        for (int i = 0; i < 5; i++) {
            fail("agent1", "198.51.100.1");
        }
        LoginGuard.Admission locked = guard.admit("agent1", "198.51.100.1");
        assertThat(locked.admitted()).isFalse();
        assertThat(locked.limit()).isEqualTo(LoginGuard.Limit.PAIR);
        assertThat(locked.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        // the right user elsewhere is not locked out
        guard.succeeded(admit("agent1", "198.51.100.2"));
        // after the lock, one more failure locks for twice as long, then four times
        clock.advance(Duration.ofMinutes(1));
        fail("agent1", "198.51.100.1");
        assertThat(guard.admit("agent1", "198.51.100.1").retryAfter()).isEqualTo(Duration.ofMinutes(2));
        clock.advance(Duration.ofMinutes(2));
        fail("agent1", "198.51.100.1");
        assertThat(guard.admit("agent1", "198.51.100.1").retryAfter()).isEqualTo(Duration.ofMinutes(4));
        assertThat(guard.lockFor(30)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void attemptsInFlightCountSoParallelGuessesCannotPassTheLimitTogether() {
        List<LoginGuard.Ticket> admitted = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            LoginGuard.Admission a = guard.admit("agent2", "198.51.100.7");
            if (a.admitted()) {
                admitted.add(a.ticket());
            } else {
                refused++;
            }
        }
        assertThat(admitted).hasSize(5);
        assertThat(refused).isEqualTo(195);
    }

    @Test
    void aSuccessEndsOnlyTheFailuresThatFinishedBeforeItWasAdmitted() {
        fail("agent3", "198.51.100.9");
        fail("agent3", "198.51.100.9");
        LoginGuard.Ticket right = admit("agent3", "198.51.100.9");
        LoginGuard.Ticket racing1 = admit("agent3", "198.51.100.9");
        LoginGuard.Ticket racing2 = admit("agent3", "198.51.100.9");
        guard.failed(racing1);
        guard.succeeded(right); // the two earlier failures end; racing1, which finished first, stays
        guard.failed(racing2);
        // 2 raced failures left: 3 more attempts, not 5
        for (int i = 0; i < 3; i++) {
            fail("agent3", "198.51.100.9");
        }
        assertThat(guard.admit("agent3", "198.51.100.9").limit()).isEqualTo(LoginGuard.Limit.PAIR);
    }

    @Test
    void aNameGuessedFromManyAddressesSlowsDownButNotForAnAddressItLoggedInFrom() {
        guard.succeeded(admit("admin", "203.0.113.50")); // the real administrator's desk
        for (int i = 0; i < 20; i++) {
            fail("admin", "192.0.2." + i);
        }
        LoginGuard.Admission first = guard.admit("admin", "192.0.2.100");
        assertThat(first.admitted()).isTrue();
        guard.failed(first.ticket());
        LoginGuard.Admission second = guard.admit("admin", "192.0.2.101");
        assertThat(second.admitted()).isFalse();
        assertThat(second.limit()).isEqualTo(LoginGuard.Limit.NAME);
        assertThat(second.retryAfter()).isLessThanOrEqualTo(Duration.ofSeconds(5));
        // the known desk is not slowed
        assertThat(guard.admit("admin", "203.0.113.50").admitted()).isTrue();
        // one attempt per slow-down interval for the rest
        clock.advance(Duration.ofSeconds(5));
        assertThat(guard.admit("admin", "192.0.2.102").admitted()).isTrue();
        assertThat(guard.admit("admin", "192.0.2.103").admitted()).isFalse();
        // the window passes: back to normal
        clock.advance(Duration.ofMinutes(6));
        assertThat(guard.admit("admin", "192.0.2.104").admitted()).isTrue();
    }

    @Test
    void anOfficeBehindOneAddressKeepsLoggingInWhileSomeoneThereFailsAHundredTimes() {
        String office = "203.0.113.9";
        guard.succeeded(admit("agent2", office)); // agent2 works there
        for (int i = 0; i < 100; i++) {
            fail("typo" + i, office);
        }
        LoginGuard.Admission stranger = guard.admit("someone-new", office);
        assertThat(stranger.admitted()).isFalse();
        assertThat(stranger.limit()).isEqualTo(LoginGuard.Limit.ADDRESS);
        assertThat(guard.admit("agent2", office).admitted()).isTrue();
    }

    @Test
    void anAbandonedAttemptCountsForNothing() {
        for (int i = 0; i < 10; i++) {
            guard.abandoned(admit("agent4", "198.51.100.3"));
        }
        assertThat(guard.admit("agent4", "198.51.100.3").admitted()).isTrue();
        assertThat(guard.failures()).isZero();
    }

    @Test
    void manyThreadsNeverAdmitMoreThanTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                tries.add(pool.submit(() -> {
                    go.await();
                    return guard.admit("agent5", "198.51.100.4").admitted();
                }));
            }
            go.countDown();
            int admitted = 0;
            for (Future<Boolean> f : tries) {
                admitted += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyMadeUpNamesCannotExhaustMemory() {
        LoginGuard small = new LoginGuard(clock, AuthSettings.defaults(), 50);
        for (int i = 0; i < 1000; i++) {
            LoginGuard.Admission a = small.admit("name" + i, "192.0.2." + (i % 200));
            if (a.admitted()) {
                small.failed(a.ticket());
            }
        }
        assertThat(small.trackedKeys()).isLessThanOrEqualTo(50);
    }
}
