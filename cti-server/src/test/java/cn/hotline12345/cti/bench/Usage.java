package cn.hotline12345.cti.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Set;

/**
 * What the JVM spent between two points: process CPU minus the load tool's own threads, bytes allocated by
 * every other thread ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}), and GC.
 *
 * @param processCpuNanos  CPU of the whole JVM (all threads, GC and JIT included)
 * @param loadToolCpuNanos CPU of the load tool's threads (the fake AMI server), to subtract
 * @param allocatedBytes   bytes allocated by all threads except the load tool's
 * @param gcCount          collections
 * @param gcMillis         time in collections
 */
public record Usage(long processCpuNanos, long loadToolCpuNanos, long allocatedBytes, long gcCount, long gcMillis) {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static {
        THREADS.setThreadAllocatedMemoryEnabled(true);
        THREADS.setThreadCpuTimeEnabled(true);
    }

    /** Now, with {@code loadTool} the ids of the load tool's threads. */
    public static Usage now(Set<Long> loadTool) {
        long toolCpu = 0;
        long alloc = 0;
        for (long id : THREADS.getAllThreadIds()) {
            if (loadTool.contains(id)) {
                long c = THREADS.getThreadCpuTime(id);
                toolCpu += Math.max(0, c);
            } else {
                long a = THREADS.getThreadAllocatedBytes(id);
                alloc += Math.max(0, a);
            }
        }
        long gcs = 0;
        long gcMs = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs += Math.max(0, gc.getCollectionCount());
            gcMs += Math.max(0, gc.getCollectionTime());
        }
        return new Usage(OS.getProcessCpuTime(), toolCpu, alloc, gcs, gcMs);
    }

    public Usage minus(Usage before) {
        return new Usage(processCpuNanos - before.processCpuNanos, loadToolCpuNanos - before.loadToolCpuNanos,
                allocatedBytes - before.allocatedBytes, gcCount - before.gcCount, gcMillis - before.gcMillis);
    }

    /** CPU of everything but the load tool. */
    public long clientCpuNanos() {
        return processCpuNanos - loadToolCpuNanos;
    }
}
