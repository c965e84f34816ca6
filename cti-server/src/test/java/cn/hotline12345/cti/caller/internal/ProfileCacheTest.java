package cn.hotline12345.cti.caller.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileCacheTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void expiresAfterTheTtl() {
        ProfileCache<String> cache = new ProfileCache<>(64, 1_000, nanos::get);
        cache.put("a", "A", cache.ticket("a"));
        assertThat(cache.get("a")).isEqualTo("A");
        nanos.addAndGet(999);
        assertThat(cache.get("a")).isEqualTo("A");
        nanos.addAndGet(1);
        assertThat(cache.get("a")).isNull();
    }

    @Test
    void staysWithinItsBound() {
        ProfileCache<Integer> cache = new ProfileCache<>(160, Long.MAX_VALUE / 4, nanos::get);
        for (int i = 0; i < 10_000; i++) {
            String k = "k" + i;
            cache.put(k, i, cache.ticket(k));
        }
        assertThat(cache.size()).isLessThanOrEqualTo(160).isGreaterThan(0);
        assertThat(cache.get("k9999")).isEqualTo(9999);
    }

    @Test
    void aLoadThatRacedWithAnInvalidationIsNotStored() {
        ProfileCache<String> cache = new ProfileCache<>(64, 1_000_000, nanos::get);
        long ticket = cache.ticket("n");
        cache.invalidate("n"); // a write for the number lands while the load is in flight
        cache.put("n", "stale", ticket);
        assertThat(cache.get("n")).isNull();
        cache.put("n", "fresh", cache.ticket("n"));
        assertThat(cache.get("n")).isEqualTo("fresh");
    }

    @Test
    void invalidateDropsTheEntry() {
        ProfileCache<String> cache = new ProfileCache<>(64, 1_000_000, nanos::get);
        cache.put("n", "v", cache.ticket("n"));
        cache.invalidate("n");
        assertThat(cache.get("n")).isNull();
    }
}
