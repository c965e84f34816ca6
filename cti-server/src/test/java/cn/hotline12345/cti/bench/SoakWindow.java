package cn.hotline12345.cti.bench;

/**
 * One measuring window of the soak: the server JVM's view ({@link ServerProbes.Window}) joined with the load JVM's
 * {@code @WIN} line of the same index.
 *
 * @param index        1-based window number; window i ends i × window seconds after the consoles were ready
 * @param drain        the window is past the end of call generation (calls finishing, no new ones)
 * @param server       what the server JVM measured
 * @param placed       calls placed so far (cumulative)
 * @param ended        calls ended in pbx-sim so far (cumulative)
 * @param live         calls alive in pbx-sim at the end of the window
 * @param agentCalled  AgentCalled events emitted so far (cumulative)
 * @param popsOk       pops read by the agent they were for, so far (cumulative)
 * @param popsUnmatched pop frames for no pending AgentCalled (wrong agent or duplicate), so far
 * @param popsLost     AgentCalled with no pop 10 s later, so far
 * @param pops         AgentCalled → frame read, pops read in this window
 * @param loadCpuShare load JVM CPU over the window, share of all cores
 * @param amiDrops     AMI clients pbx-sim dropped for not reading (write timeout), so far
 */
record SoakWindow(int index, boolean drain, ServerProbes.Window server, long placed, long ended, long live,
                  long agentCalled, long popsOk, long popsUnmatched, long popsLost, WindowHistogram.Snapshot pops,
                  double loadCpuShare, long amiDrops) {

    /** Parses the load JVM's {@code @WIN} line (see {@code SoakLoad}) and joins it with the server's window. */
    static SoakWindow of(String winLine, ServerProbes.Window server, boolean drain) {
        String[] f = winLine.trim().split(" ");
        long[] v = new long[f.length];
        for (int i = 1; i < f.length; i++) {
            v[i] = i == 14 ? 0 : Long.parseLong(f[i]);
        }
        WindowHistogram.Snapshot pops = new WindowHistogram.Snapshot(v[9], v[10], v[11], v[11], v[12], v[13]);
        return new SoakWindow((int) v[1], drain, server, v[2], v[3], v[4], v[5], v[6], v[7], v[8], pops,
                Double.parseDouble(f[14]), v[15]);
    }

    static String csvHeader() {
        return "window,drain,placed,ended,live,agent_called,pops_ok,pops_unmatched,pops_lost,pops_in_window,"
                + "pop_p50_us,pop_p99_us,pop_max_us,pops_over_50ms,heap_after_gc_min_mib,heap_after_gc_last_mib,"
                + "old_gen_after_gc_mib,gcs,gc_pause_ms,server_jvm_cpu_pct,postgres_cpu_pct,load_jvm_cpu_pct,"
                + "updates,read_to_tracker_p50_us,read_to_tracker_p99_us,read_to_tracker_max_us,loop_lag_p99_us,"
                + "loop_lag_max_us,reader_pauses_over_50ms,read_gaps_over_50ms,writer_backlog,ami_drops";
    }

    String csv() {
        ServerProbes.Window s = server;
        return String.join(",", String.valueOf(index), String.valueOf(drain), String.valueOf(placed),
                String.valueOf(ended), String.valueOf(live), String.valueOf(agentCalled), String.valueOf(popsOk),
                String.valueOf(popsUnmatched), String.valueOf(popsLost), String.valueOf(pops.count()),
                String.valueOf(pops.p50Micros()), String.valueOf(pops.p99Micros()), String.valueOf(pops.maxMicros()),
                String.valueOf(pops.atLeast50ms()), mib(s.heapAfterGcMinBytes()), mib(s.heapAfterGcLastBytes()),
                mib(s.oldGenAfterGcBytes()), String.valueOf(s.gcCount()), String.valueOf(s.gcPauseMillis()),
                pct(s.jvmCpuShare()), pct(s.pgCpuShare()), pct(loadCpuShare), String.valueOf(s.updates()),
                String.valueOf(s.readToTracker().p50Micros()), String.valueOf(s.readToTracker().p99Micros()),
                String.valueOf(s.readToTracker().maxMicros()), String.valueOf(s.loopLag().p99Micros()),
                String.valueOf(s.loopLag().maxMicros()), String.valueOf(s.loopLag().atLeast50ms()),
                String.valueOf(s.readGapsOver50ms()), String.valueOf(s.writerBacklog()), String.valueOf(amiDrops));
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "" : String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    private static String pct(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f", share * 100);
    }
}
