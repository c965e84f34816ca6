package cn.hotline12345.cti.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of a process and its direct children, from /proc (Linux): here the embedded PostgreSQL's
 * postmaster and its backends. Children that exited between two readings are not counted.
 */
final class ProcessCpu {

    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ is 100 on Linux
    private final long pid;

    ProcessCpu(long pid) {
        this.pid = pid;
    }

    /** The postmaster of a PostgreSQL data directory (first line of postmaster.pid). */
    static ProcessCpu postmasterOf(Path dataDir) throws IOException {
        return new ProcessCpu(Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim()));
    }

    /**
     * CPU time per process (the process and its direct children), so that a caller can add up only what each one
     * used since its last reading: a child that exits (a PostgreSQL backend, an autovacuum worker) would otherwise
     * make the total go down.
     */
    java.util.Map<Long, Long> cpuNanosByPid() {
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long self = Long.parseLong(name);
                    if (self == pid || Long.parseLong(f[1]) == pid) {
                        out.put(self, (long) ((Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS));
                    }
                } catch (IOException | RuntimeException e) {
                    // the process went away meanwhile
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** CPU time of the process and its direct children now, or -1 when /proc cannot be read. */
    long cpuNanos() {
        java.util.Map<Long, Long> byPid = cpuNanosByPid();
        return byPid.isEmpty() ? -1 : byPid.values().stream().mapToLong(Long::longValue).sum();
    }
}
