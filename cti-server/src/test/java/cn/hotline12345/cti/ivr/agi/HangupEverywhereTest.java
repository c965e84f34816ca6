package cn.hotline12345.cti.ivr.agi;


import cn.hotline12345.cti.ivr.agi.AgiFixture;
import cn.hotline12345.cti.ivr.api.CallerProfile;
import cn.hotline12345.cti.ivr.api.IvrSessionEnded;
import cn.hotline12345.cti.ivr.api.RecordingPorts;
import cn.hotline12345.ivr.engine.IvrOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caller hangs up at every command of several paths, in each of the ways Asterisk reports it: the command in
 * progress answers {@code 200 result=-1} and a {@code HANGUP} line follows (capture s4); a bare {@code HANGUP} line
 * instead of the reply; {@code 511} for a command on the dead channel; the connection simply closed. Each time the
 * flow ends as CALLER_HUNG_UP, no further command is sent, the path so far is published, and the slot is released.
 */
class HangupEverywhereTest {

    static RecordingPorts ports = new RecordingPorts();
    static AgiFixture agi;

    @BeforeAll
    static void start() throws Exception {
        ports.profiles.put("13900139000", new CallerProfile(CallerProfile.Measure.WARNING, "202405170001", true));
        agi = new AgiFixture(ports.ports());
    }

    @AfterAll
    static void stop() throws Exception {
        agi.close();
    }

    enum Style { RESULT_MINUS_ONE_THEN_HANGUP, HANGUP_LINE, DEAD_511, CONNECTION_CLOSED }

    record Path(String script, String caller, List<String> digits, Map<String, String> vars) {
    }

    static final List<Path> PATHS = List.of(
            new Path("hotline", "13800138000", List.of("-", "1", "2"), Map.of()),
            new Path("hotline", "13900139000", List.of("-", "1"), Map.of()),            // warned, repeat, offered
            new Path("hotline", "13800138000", List.of("9", "3"), Map.of()),            // emergency → 120
            new Path("status", "13800138000", List.of("123456789"), Map.of()),
            new Path("survey", "13800138000", List.of("3"), Map.of("MEMBERINTERFACE", "PJSIP/1001")),
            new Path("revisit", "13800138000", List.of("1", "1"), Map.of("HOTLINE_MATTER", "202405170001")));

    /** The commands a path sends when nobody hangs up. */
    private static List<String> fullRun(Path p, String id) throws Exception {
        try (RawAgiClient c = new RawAgiClient(agi.port)) {
            c.sendEnv(RawAgiClient.env(p.script(), id, p.caller()));
            List<String> cmds = new ArrayList<>(c.runLikeAsterisk(p.digits(), p.vars()));
            agi.nextEnded();
            return cmds;
        }
    }

    @Test
    void hang_up_at_every_command_of_every_path_in_every_style() throws Exception {
        int sessions = 0;
        for (Path p : PATHS) {
            List<String> full = fullRun(p, "9.0");
            assertThat(full).isNotEmpty();
            for (int at = 0; at < full.size(); at++) {
                if (full.get(at).startsWith("SET VARIABLE HOTLINE_")) {
                    break; // the end variables: the flow has finished its audible part
                }
                for (Style style : Style.values()) {
                    hangUpAt(p, at, style, "9." + (++sessions));
                }
            }
        }
        assertThat(sessions).isGreaterThan(60);
        AgiFixture.await("no session left", () -> agi.active() == 0);
    }

    private void hangUpAt(Path p, int at, Style style, String id) throws Exception {
        List<String> seen = new ArrayList<>();
        try (RawAgiClient c = new RawAgiClient(agi.port)) {
            c.sendEnv(RawAgiClient.env(p.script(), id, p.caller()));
            int digit = 0;
            for (int i = 0; i <= at; i++) {
                String cmd = c.readCommand();
                assertThat(cmd).as("command %d of %s", i, p).isNotNull();
                seen.add(cmd);
                if (i < at) {
                    c.reply(RawAgiClient.answer(cmd, digit < p.digits().size() ? p.digits().get(digit) : "-", p.vars()));
                    if (RawAgiClient.consumesDigit(cmd)) {
                        digit++;
                    }
                }
            }
            switch (style) {
                case RESULT_MINUS_ONE_THEN_HANGUP -> c.reply("200 result=-1").reply("HANGUP");
                case HANGUP_LINE -> c.reply("HANGUP");
                case DEAD_511 -> c.reply(RawAgiClient.R511);
                case CONNECTION_CLOSED -> c.close();
            }
            if (style != Style.CONNECTION_CLOSED) {
                // nothing more is sent after a hang-up: the next thing is the close
                assertThat(c.readCommand()).as("after hang-up at %d (%s) of %s", at, style, p).isNull();
            }
        }
        IvrSessionEnded e = agi.nextEnded();
        assertThat(e.uniqueid()).isEqualTo(id);
        assertThat(e.ending()).as("%s at %d of %s", style, at, p).isEqualTo(IvrOutcome.Ending.CALLER_HUNG_UP);
        assertThat(e.script()).isEqualTo(p.script());
        if (seen.stream().anyMatch(s -> s.contains("hotline/welcome-24h")) && at > 1) {
            assertThat(e.path()).startsWith("welcome");
        }
    }
}
