package cn.hotline12345.cti.bench;

/**
 * Latencies in microseconds, exact up to 1 s (one counter per microsecond), longer ones in one overflow
 * bucket with the maximum kept. Written by one thread; read after that thread is quiet.
 */
public final class LatencyHistogram {

    private static final int LIMIT_MICROS = 1_000_000;
    private final long[] counts = new long[LIMIT_MICROS + 1];
    private long total;
    private long maxMicros;

    public synchronized void recordNanos(long nanos) {
        long us = Math.max(0, nanos / 1_000);
        counts[(int) Math.min(us, LIMIT_MICROS)]++;
        total++;
        if (us > maxMicros) {
            maxMicros = us;
        }
    }

    public synchronized long count() {
        return total;
    }

    public synchronized long maxMicros() {
        return maxMicros;
    }

    /** The smallest latency such that at least {@code p} (0..1) of the samples are at or below it. */
    public synchronized long percentileMicros(double p) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int i = 0; i <= LIMIT_MICROS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i == LIMIT_MICROS ? maxMicros : i;
            }
        }
        return maxMicros;
    }

    /** Samples at or above {@code micros}. */
    public synchronized long countAtLeast(long micros) {
        long n = 0;
        for (int i = (int) Math.min(micros, LIMIT_MICROS); i <= LIMIT_MICROS; i++) {
            n += counts[i];
        }
        return n;
    }
}
