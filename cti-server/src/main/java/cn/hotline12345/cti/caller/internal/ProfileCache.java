package cn.hotline12345.cti.caller.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * A bounded least-recently-used cache with a time to live, in 16 independently locked segments (so lookups on
 * two event loops rarely contend). A load that raced with an invalidation of the same key is not stored:
 * {@link #ticket(String)} before loading, {@link #put(String, Object, long)} with that ticket after.
 */
final class ProfileCache<V> {

    private static final int SEGMENTS = 16;
    private static final int STRIPES = 1024;

    private record Entry<V>(V value, long expiresAtNanos) {
    }

    private final Segment<V>[] segments;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    /** Bumped by every invalidation of a key hashing to the stripe. */
    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);

    @SuppressWarnings("unchecked")
    ProfileCache(int maxEntries, long ttlNanos, LongSupplier nanoTime) {
        this.ttlNanos = ttlNanos;
        this.nanoTime = nanoTime;
        this.segments = new Segment[SEGMENTS];
        int perSegment = Math.max(1, maxEntries / SEGMENTS);
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment<>(perSegment);
        }
    }

    private static int spread(String key) {
        int h = key.hashCode();
        return h ^ (h >>> 16);
    }

    private Segment<V> segment(String key) {
        return segments[spread(key) & (SEGMENTS - 1)];
    }

    private int stripe(String key) {
        return (spread(key) >>> 4) & (STRIPES - 1);
    }

    /** The cached value, or null when absent or expired. */
    V get(String key) {
        Segment<V> s = segment(key);
        synchronized (s) {
            Entry<V> e = s.get(key);
            if (e == null) {
                return null;
            }
            if (e.expiresAtNanos - nanoTime.getAsLong() <= 0) {
                s.remove(key);
                return null;
            }
            return e.value;
        }
    }

    /** Taken before a load; hand it back to {@link #put}. */
    long ticket(String key) {
        return generations.get(stripe(key));
    }

    /** Stores a loaded value unless the key was invalidated since the ticket was taken. */
    void put(String key, V value, long ticket) {
        Segment<V> s = segment(key);
        synchronized (s) {
            if (generations.get(stripe(key)) != ticket) {
                return;
            }
            s.put(key, new Entry<>(value, nanoTime.getAsLong() + ttlNanos));
        }
    }

    void invalidate(String key) {
        Segment<V> s = segment(key);
        synchronized (s) {
            generations.incrementAndGet(stripe(key));
            s.remove(key);
        }
    }

    int size() {
        int n = 0;
        for (Segment<V> s : segments) {
            synchronized (s) {
                n += s.size();
            }
        }
        return n;
    }

    private static final class Segment<V> extends LinkedHashMap<String, Entry<V>> {
        private final int max;

        Segment(int max) {
            super(16, 0.75f, true);
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
            return size() > max;
        }
    }
}
