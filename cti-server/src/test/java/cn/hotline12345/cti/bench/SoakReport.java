package cn.hotline12345.cti.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static cn.hotline12345.cti.bench.AmiIngestBenchmark.out;

/** The soak's per-minute table and its verdicts against issue 9 target 6 (and targets 1 and 3 under it). */
final class SoakReport {

    /** One minute of windows. Latency columns are the worst window's p99 in the minute. */
    record Minute(int minute, boolean drain, long placed, long ended, long live, long heapFloorBytes, long gcs,
                  double serverCpu, double pgCpu, double loadCpu, long readP99Micros, long readMaxMicros,
                  long readerPauses, long popP99Micros, long popMaxMicros, long pops, long popsOver50ms, long popsLost) {
    }

    private SoakReport() {
    }

    static List<Minute> minutes(List<SoakWindow> windows, int windowSeconds) {
        Map<Integer, List<SoakWindow>> by = new TreeMap<>();
        for (SoakWindow w : windows) {
            by.computeIfAbsent((int) Math.ceil(w.index() * windowSeconds / 60.0), k -> new ArrayList<>()).add(w);
        }
        List<Minute> out = new ArrayList<>();
        by.forEach((m, ws) -> {
            SoakWindow last = ws.get(ws.size() - 1);
            long floor = ws.stream().mapToLong(w -> w.server().heapAfterGcMinBytes()).filter(b -> b >= 0).min().orElse(-1);
            out.add(new Minute(m, ws.stream().allMatch(SoakWindow::drain), last.placed(), last.ended(), last.live(), floor,
                    ws.stream().mapToLong(w -> w.server().gcCount()).sum(),
                    ws.stream().mapToDouble(w -> w.server().jvmCpuShare()).average().orElse(0),
                    ws.stream().mapToDouble(w -> w.server().pgCpuShare()).average().orElse(0),
                    ws.stream().mapToDouble(SoakWindow::loadCpuShare).average().orElse(0),
                    ws.stream().mapToLong(w -> w.server().readToTracker().p99Micros()).max().orElse(0),
                    ws.stream().mapToLong(w -> w.server().readToTracker().maxMicros()).max().orElse(0),
                    ws.stream().mapToLong(w -> w.server().loopLag().atLeast50ms()).sum(),
                    ws.stream().mapToLong(w -> w.pops().p99Micros()).max().orElse(0),
                    ws.stream().mapToLong(w -> w.pops().maxMicros()).max().orElse(0),
                    ws.stream().mapToLong(w -> w.pops().count()).sum(),
                    ws.stream().mapToLong(w -> w.pops().atLeast50ms()).sum(), last.popsLost()));
        });
        return out;
    }

    static SoakBenchmark.Result judge(SoakBenchmark.Result r, SoakBenchmark.Options o) {
        List<String> v = new ArrayList<>();
        List<Minute> minutes = minutes(r.windows(), o.windowSeconds()).stream().filter(m -> !m.drain()).toList();
        List<Minute> from5 = minutes.stream().filter(m -> m.minute() >= 5 && m.heapFloorBytes() >= 0).toList();
        if (from5.size() < 2) {
            v.add("N/A heap after GC flat from minute 5 on: the run has fewer than 6 minutes");
        } else {
            long base = from5.get(0).heapFloorBytes();
            long lo = from5.stream().mapToLong(Minute::heapFloorBytes).min().orElse(0);
            long hi = from5.stream().mapToLong(Minute::heapFloorBytes).max().orElse(0);
            long lastFloor = from5.get(from5.size() - 1).heapFloorBytes();
            v.add(verdict(hi <= base * 1.10 && lo >= base * 0.90,
                    "heap after GC within 10%% of minute 5 (%.1f MiB) up to minute %d: lowest-after-GC per minute %.1f..%.1f MiB, "
                            + "last minute %.1f MiB (%+.1f%%)", mib(base), from5.get(from5.size() - 1).minute(), mib(lo),
                    mib(hi), mib(lastFloor), 100.0 * (lastFloor - base) / base));
        }
        List<SoakWindow> loaded = r.windows().stream().filter(w -> !w.drain()).toList();
        double jvm = loaded.stream().mapToDouble(w -> w.server().jvmCpuShare()).average().orElse(0);
        double pg = loaded.stream().mapToDouble(w -> w.server().pgCpuShare()).average().orElse(0);
        double jvmMax = loaded.stream().mapToDouble(w -> w.server().jvmCpuShare()).max().orElse(0);
        double load = loaded.stream().mapToDouble(SoakWindow::loadCpuShare).average().orElse(0);
        v.add(verdict(jvm < 0.5, "server JVM CPU under 50%% of the cores: mean %.1f%%, worst window %.1f%%", jvm * 100,
                jvmMax * 100));
        v.add(String.format("INFO server JVM + its PostgreSQL: mean %.1f%% of the cores (PostgreSQL %.1f%%); load JVM "
                + "(pbx-sim + consoles) %.1f%%", (jvm + pg) * 100, pg * 100, load * 100));
        double warm = o.warmUpSeconds();
        v.add(verdict(r.readSteady().p99Micros() < 5_000, "target 1: p99 socket read -> tracker < 5 ms after the %.0f s "
                        + "warm-up: %.2f ms (p50 %.2f, p99.9 %.2f, max %.1f ms; %d CallUpdates)", warm,
                r.readSteady().p99Micros() / 1e3, r.readSteady().p50Micros() / 1e3, r.readSteady().p999Micros() / 1e3,
                r.readSteady().maxMicros() / 1e3, r.readSteady().count()));
        v.add(String.format(java.util.Locale.ROOT, "INFO whole run, warm-up included: read -> tracker p99 %.2f ms "
                        + "(max %.1f ms); reader pauses >= 50 ms %d (longest %.1f ms); pops p99 %.2f ms (%d at or over 50 ms)",
                r.readToTracker().p99Micros() / 1e3, r.readToTracker().maxMicros() / 1e3, r.loopLag().atLeast50ms(),
                r.loopLag().maxMicros() / 1e3, r.pops().p99Micros() / 1e3, r.pops().atLeast50ms()));
        v.add(verdict(r.loopLagSteady().atLeast50ms() == 0, "target 1: no AMI reader pause >= 50 ms after the warm-up (AMI "
                        + "link event loop lateness, 10 ms ticks): %d pauses, longest %.1f ms, p99 lateness %.2f ms",
                r.loopLagSteady().atLeast50ms(), r.loopLagSteady().maxMicros() / 1e3, r.loopLagSteady().p99Micros() / 1e3));
        v.add(verdict(r.rows() == r.placed() && r.endedRows() == r.placed() && r.writerOverflow() == 0
                        && r.simLive() == 0 && r.amiDrops() == 0,
                "target 1: none lost: %d calls placed, %d ended in pbx-sim (%d alive at the end), %d call rows, %d ended, "
                        + "writer overflow %d, AMI clients dropped by pbx-sim %d", r.placed(), r.simEnded(), r.simLive(),
                r.rows(), r.endedRows(), r.writerOverflow(), r.amiDrops()));
        v.add(verdict(r.popsSteady().p99Micros() < 50_000, "target 3: p99 AgentCalled -> screen pop read < 50 ms after "
                        + "the warm-up: %.2f ms (p50 %.2f, p99.9 %.2f, max %.1f ms; %d pops, %d at or over 50 ms)",
                r.popsSteady().p99Micros() / 1e3, r.popsSteady().p50Micros() / 1e3, r.popsSteady().p999Micros() / 1e3,
                r.popsSteady().maxMicros() / 1e3, r.popsSteady().count(), r.popsSteady().atLeast50ms()));
        v.add(verdict(r.popsLost() == 0 && r.popsUnmatched() == 0 && r.popsOk() == r.agentCalled()
                        && r.clientCloses() == 0,
                "target 3: every AgentCalled popped at its agent: %d AgentCalled, %d pops, %d lost, %d unmatched, "
                        + "%d console sockets closed", r.agentCalled(), r.popsOk(), r.popsLost(), r.popsUnmatched(),
                r.clientCloses()));
        return new SoakBenchmark.Result(r.windows(), r.placed(), r.simEnded(), r.simLive(), r.rows(), r.endedRows(),
                r.writerOverflow(), r.agentCalled(), r.popsOk(), r.popsUnmatched(), r.popsLost(), r.pops(),
                r.readToTracker(), r.loopLag(), r.popsSteady(), r.readSteady(), r.loopLagSteady(), r.clientCloses(),
                r.amiDrops(), List.copyOf(v));
    }

    static void print(SoakBenchmark.Result r, SoakBenchmark.Options o) {
        out("");
        out("## Per minute (latency columns: worst 10 s window's p99 in the minute; heap: lowest heap after a GC)");
        out("| min | placed | ended | live | heap after GC MiB | GCs | server CPU %% | PG CPU %% | load CPU %% | "
                + "read→tracker p99 / max ms | reader pauses ≥50 ms | pops | pop p99 / max ms | pops ≥50 ms | pops lost |");
        out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---:|---:|");
        for (Minute m : minutes(r.windows(), o.windowSeconds())) {
            out("| %d%s | %d | %d | %d | %s | %d | %.1f | %.1f | %.1f | %.2f / %.1f | %d | %d | %.1f / %.1f | %d | %d |",
                    m.minute(), m.drain() ? " (drain)" : "", m.placed(), m.ended(), m.live(),
                    m.heapFloorBytes() < 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f", mib(m.heapFloorBytes())),
                    m.gcs(), m.serverCpu() * 100, m.pgCpu() * 100, m.loadCpu() * 100, m.readP99Micros() / 1e3,
                    m.readMaxMicros() / 1e3, m.readerPauses(), m.pops(), m.popP99Micros() / 1e3, m.popMaxMicros() / 1e3,
                    m.popsOver50ms(), m.popsLost());
        }
        out("");
        out("## Verdicts");
        r.verdicts().forEach(v -> out("%s", v));
        out(r.passed() ? "SOAK PASSED" : "SOAK FAILED");
    }

    private static String verdict(boolean pass, String fmt, Object... args) {
        return (pass ? "PASS " : "FAIL ") + String.format(java.util.Locale.ROOT, fmt, args);
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}
