package cn.hotline12345.cti.user.internal;

import cn.hotline12345.cti.testing.MutableClock;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LoginRateLimiterTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void fiveFailuresInTheWindowBlockUntilTheOldestLeavesIt() {
        LoginRateLimiter l = new LoginRateLimiter(clock, 5, Duration.ofMinutes(5), 1000);
        for (int i = 0; i < 4; i++) {
            l.recordFailure("agent1");
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(l.blockedFor("agent1")).isZero();
        l.recordFailure("agent1");
        assertThat(l.blockedFor("agent1")).isEqualTo(Duration.ofSeconds(180));
        assertThat(l.blockedFor("agent2")).isZero();
        clock.advance(Duration.ofSeconds(181));
        assertThat(l.blockedFor("agent1")).isZero();
    }

    @Test
    void resetClearsAndTheNumberOfKeysIsBounded() {
        LoginRateLimiter l = new LoginRateLimiter(clock, 2, Duration.ofMinutes(5), 100);
        l.recordFailure("a");
        l.recordFailure("a");
        assertThat(l.blockedFor("a")).isPositive();
        l.reset("a");
        assertThat(l.blockedFor("a")).isZero();
        for (int i = 0; i < 10_000; i++) {
            l.recordFailure("user" + i);
        }
        assertThat(l.trackedKeys()).isLessThanOrEqualTo(100);
    }
}
