package cn.hotline12345.cti.ivr.agi;


import cn.hotline12345.cti.ivr.agi.AgiFixture;
import cn.hotline12345.cti.ivr.api.CallerProfile;
import cn.hotline12345.cti.ivr.api.IvrSessionEnded;
import cn.hotline12345.cti.ivr.api.RecordingPorts;
import cn.hotline12345.cti.ivr.agi.HangupEverywhereTest.Path;
import cn.hotline12345.cti.ivr.agi.HangupEverywhereTest.Style;
import cn.hotline12345.ivr.engine.IvrOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 7: callers hang up at every IVR node, 1,000 sessions in all, 50 at a time. Every session ends
 * within 1 s of the hang-up (the server closes the socket and publishes the ended session), and afterwards the
 * process's open file descriptors and the {@code cti.agi.sessions.active} gauge are back at their baseline: no
 * session, socket or timer is left behind.
 */
class HangupThousandTimesTest {

    static final int SESSIONS = 1_000;
    static final int CONCURRENCY = 50;
    static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final int FD_TOLERANCE = 5;

    static RecordingPorts ports = new RecordingPorts();
    static AgiFixture agi;
    /** uniqueid → when the server published the ended session (System.nanoTime). */
    static final Map<String, Long> endedAt = new ConcurrentHashMap<>();
    static final Map<String, IvrSessionEnded> endings = new ConcurrentHashMap<>();

    record Case(Path path, int at, Style style) {
    }

    record Timing(String id, Case c, long socketClosedNanos, long hangupAt) {
    }

    @BeforeAll
    static void start() throws Exception {
        ports.profiles.put("13900139000", new CallerProfile(CallerProfile.Measure.WARNING, "202405170001", true));
        agi = new AgiFixture(ports.ports());
        agi.module.addListener(e -> {
            endedAt.put(e.uniqueid(), System.nanoTime());
            endings.put(e.uniqueid(), e);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        agi.close();
    }

    @Test
    void a_thousand_hang_ups_at_every_node_leave_no_descriptor_and_no_session_behind() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (Path p : HangupEverywhereTest.PATHS) {
            List<String> full = fullRun(p, "w." + cases.size());
            for (int at = 0; at < full.size() && !full.get(at).startsWith("SET VARIABLE HOTLINE_"); at++) {
                for (Style style : Style.values()) {
                    cases.add(new Case(p, at, style));
                }
            }
        }
        assertThat(cases).hasSizeGreaterThan(60);
        AgiFixture.await("warm-up sessions ended", () -> agi.active() == 0);
        endedAt.clear();
        endings.clear();
        long fdBaseline = openFds();
        double activeBaseline = agi.active();

        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        List<Future<Timing>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < SESSIONS; i++) {
                Case c = cases.get(i % cases.size());
                String id = "1000." + i;
                futures.add(pool.submit(() -> hangUpAt(c, id)));
            }
            List<Timing> timings = new ArrayList<>();
            for (Future<Timing> f : futures) {
                timings.add(f.get(60, TimeUnit.SECONDS));
            }
            AgiFixture.await("all 1,000 sessions published", () -> endedAt.size() == SESSIONS);

            long worstClose = 0;
            long worstEnd = 0;
            for (Timing t : timings) {
                if (t.socketClosedNanos() >= 0) {
                    assertThat(t.socketClosedNanos()).as("socket closed after hang-up, %s %s", t.id(), t.c())
                            .isLessThanOrEqualTo(LIMIT_NANOS);
                    worstClose = Math.max(worstClose, t.socketClosedNanos());
                }
                long end = endedAt.get(t.id()) - t.hangupAt();
                assertThat(end).as("session ended after hang-up, %s %s", t.id(), t.c()).isLessThanOrEqualTo(LIMIT_NANOS);
                worstEnd = Math.max(worstEnd, end);
                assertThat(endings.get(t.id()).ending()).as("%s %s", t.id(), t.c())
                        .isEqualTo(IvrOutcome.Ending.CALLER_HUNG_UP);
            }
            System.out.printf("1,000 hang-ups: worst socket close %.1f ms, worst session end %.1f ms%n",
                    worstClose / 1e6, worstEnd / 1e6);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        AgiFixture.await("session gauge back to its baseline", () -> agi.active() == activeBaseline);
        AgiFixture.await("file descriptors back to their baseline (" + fdBaseline + " + " + FD_TOLERANCE + ")",
                () -> openFds() <= fdBaseline + FD_TOLERANCE);
        assertThat(agi.active()).isEqualTo(activeBaseline).isZero();
    }

    /** The commands a path sends when nobody hangs up (also warms the server up before the baseline). */
    private static List<String> fullRun(Path p, String id) throws Exception {
        try (RawAgiClient c = new RawAgiClient(agi.port)) {
            c.sendEnv(RawAgiClient.env(p.script(), id, p.caller()));
            return new ArrayList<>(c.runLikeAsterisk(p.digits(), p.vars()));
        }
    }

    /**
     * Runs one session up to command {@code at}, hangs up in the given style and measures until the server closes
     * the socket ({@code -1} for the style where the caller's side closes it).
     */
    private static Timing hangUpAt(Case k, String id) throws IOException {
        Path p = k.path();
        try (RawAgiClient c = new RawAgiClient(agi.port)) {
            c.sendEnv(RawAgiClient.env(p.script(), id, p.caller()));
            int digit = 0;
            for (int i = 0; i <= k.at(); i++) {
                String cmd = c.readCommand();
                if (cmd == null) {
                    throw new AssertionError("closed before command " + i + " of " + k);
                }
                if (i < k.at()) {
                    c.reply(RawAgiClient.answer(cmd, digit < p.digits().size() ? p.digits().get(digit) : "-", p.vars()));
                    if (RawAgiClient.consumesDigit(cmd)) {
                        digit++;
                    }
                }
            }
            long t0 = System.nanoTime();
            switch (k.style()) {
                case RESULT_MINUS_ONE_THEN_HANGUP -> c.reply("200 result=-1").reply("HANGUP");
                case HANGUP_LINE -> c.reply("HANGUP");
                case DEAD_511 -> c.reply(RawAgiClient.R511);
                case CONNECTION_CLOSED -> c.close();
            }
            if (k.style() == Style.CONNECTION_CLOSED) {
                return new Timing(id, k, -1, t0);
            }
            String after = c.readCommand();
            long closed = System.nanoTime() - t0;
            if (after != null) {
                throw new AssertionError("server sent '" + after + "' after the hang-up, " + k);
            }
            return new Timing(id, k, closed, t0);
        }
    }

    private static long openFds() {
        try (Stream<java.nio.file.Path> s = Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
