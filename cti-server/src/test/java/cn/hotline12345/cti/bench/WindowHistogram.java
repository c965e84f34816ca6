package cn.hotline12345.cti.bench;

/**
 * Latencies for one measuring window, reused window after window (no allocation per window, so the soak's
 * own probes add no garbage to the heap they measure): 10 µs buckets up to 1 s, longer ones in one overflow
 * bucket with the maximum kept. Recorded from any thread; {@link #takeAndReset()} hands the window over.
 */
final class WindowHistogram {

    private static final int BUCKET_MICROS = 10;
    private static final int BUCKETS = 100_000;
    private final long[] counts = new long[BUCKETS + 1];
    private long total;
    private long maxMicros;
    private long atLeast50ms;

    /** What one window held. Percentiles are the upper edge of their 10 µs bucket (max if in the overflow). */
    record Snapshot(long count, long p50Micros, long p99Micros, long p999Micros, long maxMicros, long atLeast50ms) {
        static final Snapshot EMPTY = new Snapshot(0, 0, 0, 0, 0, 0);
    }

    synchronized void recordNanos(long nanos) {
        long us = Math.max(0, nanos / 1_000);
        counts[(int) Math.min(us / BUCKET_MICROS, BUCKETS)]++;
        total++;
        maxMicros = Math.max(maxMicros, us);
        if (us >= 50_000) {
            atLeast50ms++;
        }
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(total, percentile(0.50), percentile(0.99), percentile(0.999), maxMicros, atLeast50ms);
    }

    synchronized Snapshot takeAndReset() {
        Snapshot s = snapshot();
        java.util.Arrays.fill(counts, 0);
        total = 0;
        maxMicros = 0;
        atLeast50ms = 0;
        return s;
    }

    private long percentile(double p) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i == BUCKETS ? maxMicros : Math.min(maxMicros, (long) (i + 1) * BUCKET_MICROS);
            }
        }
        return maxMicros;
    }
}
