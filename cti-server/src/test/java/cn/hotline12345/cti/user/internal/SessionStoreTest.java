package cn.hotline12345.cti.user.internal;


import cn.hotline12345.cti.user.api.Session;
import cn.hotline12345.cti.user.api.User;
import cn.hotline12345.cti.testing.MutableClock;

import cn.hotline12345.cti.user.api.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionStoreTest {

    private static final User AGENT = new User(1, "agent1", "话务员一", Role.AGENT, null, "1001", false, true);
    private final MutableClock clock = new MutableClock();
    private final SessionStore store = new SessionStore(clock, Duration.ofMinutes(30), Duration.ofHours(12), 3);

    @Test
    void idsAndTokensAre256RandomBitsAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        SessionStore big = new SessionStore(clock, Duration.ofMinutes(30), Duration.ofHours(12), 10_000);
        for (int i = 0; i < 1000; i++) {
            Session s = big.create(AGENT);
            assertThat(java.util.Base64.getUrlDecoder().decode(s.id())).hasSize(32);
            assertThat(seen.add(s.id())).isTrue();
            assertThat(seen.add(s.csrfToken())).isTrue();
        }
    }

    @Test
    void anIdleSessionExpiresAndUseKeepsItAlive() {
        Session s = store.create(AGENT);
        clock.advance(Duration.ofMinutes(29));
        assertThat(store.touch(s.id())).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(store.touch(s.id())).isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(store.touch(s.id())).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void evenABusySessionEndsAtTheAbsoluteLimit() {
        Session s = store.create(AGENT);
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            store.touch(s.id());
        }
        clock.advance(Duration.ofMinutes(29));
        assertThat(store.touch(s.id())).isEmpty();
    }

    @Test
    void endListenersHearLogoutUserInvalidationAndExpiry() {
        List<String> ended = new ArrayList<>();
        store.onEnd(s -> ended.add(s.id()));
        Session a = store.create(AGENT);
        Session b = store.create(AGENT);
        Session c = store.create(new User(2, "sup", "班长", Role.SUPERVISOR, null, null, true, true));
        store.invalidate(a.id());
        store.invalidateUser(1);
        assertThat(ended).containsExactly(a.id(), b.id());
        clock.advance(Duration.ofHours(1));
        store.sweep();
        assertThat(ended).containsExactly(a.id(), b.id(), c.id());
        store.invalidate("unknown");
        store.invalidate(null);
        assertThat(ended).hasSize(3);
    }

    @Test
    void theStoreIsBoundedAndAFullStoreEndsTheLeastRecentlyUsedSessionInsteadOfFailing() {
        Session a = store.create(AGENT);
        clock.advance(Duration.ofSeconds(1));
        Session b = store.create(user(2));
        clock.advance(Duration.ofSeconds(1));
        Session c = store.create(user(3));
        clock.advance(Duration.ofSeconds(1));
        store.touch(a.id()); // a is in use: b is now the idlest
        Session d = store.create(user(4));
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.peek(b.id())).isEmpty();
        assertThat(store.peek(a.id())).isPresent();
        assertThat(store.peek(c.id())).isPresent();
        assertThat(store.peek(d.id())).isPresent();
        assertThat(store.evictedForRoom()).isEqualTo(1);
    }

    @Test
    void oneUserNeverHoldsMoreThanItsShareAndLosesItsOldestSessionFirst() {
        SessionStore perUser = new SessionStore(clock, Duration.ofMinutes(30), Duration.ofHours(12), 100, 2);
        List<String> ended = new ArrayList<>();
        perUser.onEnd(s -> ended.add(s.id()));
        Session first = perUser.create(AGENT);
        clock.advance(Duration.ofSeconds(1));
        Session second = perUser.create(AGENT);
        clock.advance(Duration.ofSeconds(1));
        Session other = perUser.create(user(2));
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofSeconds(1));
            perUser.create(AGENT);
        }
        assertThat(perUser.size()).isEqualTo(3);
        assertThat(ended).startsWith(first.id(), second.id()).doesNotContain(other.id());
        assertThat(perUser.peek(other.id())).isPresent();
        assertThat(perUser.evictedForUser()).isEqualTo(50);
    }

    private static User user(long id) {
        return new User(id, "user" + id, "用户" + id, Role.AGENT, null, "10" + (10 + id), false, true);
    }

    @Test
    void unknownOrAbsurdIdsFindNothing() {
        assertThat(store.touch(null)).isEmpty();
        assertThat(store.touch("x".repeat(10_000))).isEmpty();
        assertThat(store.peek("nope")).isEmpty();
    }
}
