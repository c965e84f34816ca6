package cn.hotline12345.cti.ivr.agi;


import cn.hotline12345.cti.ivr.agi.RawAgiClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Command formatting, reply parsing (the captures' replies) and the environment reader's rules. */
class AgiWireFormatTest {

    @Test
    void commands_are_formatted_as_in_capture_s1_and_hostile_values_are_neutralised() {
        assertThat(AgiCommands.streamFile("beep", "")).isEqualTo("STREAM FILE beep \"\"");
        assertThat(AgiCommands.streamFile("hotline/main-menu", "19x\n")).isEqualTo("STREAM FILE hotline/main-menu \"19\"");
        assertThat(AgiCommands.getData("beep", 3000, 1)).isEqualTo("GET DATA beep 3000 1");
        assertThat(AgiCommands.setVariable("IVR_CHOICE", "1")).isEqualTo("SET VARIABLE IVR_CHOICE \"1\"");
        assertThat(AgiCommands.setVariable("X", "a\"b\\c\r\nSET VARIABLE Y 1")).isEqualTo("SET VARIABLE X \"a\\\"b\\\\cSET VARIABLE Y 1\"");
        assertThat(AgiCommands.getVariable("CALLERID(num)")).isEqualTo("GET VARIABLE CALLERID(num)");
        assertThat(AgiCommands.sayDigits("12a3", "")).isEqualTo("SAY DIGITS 123 \"\"");
        assertThat(AgiCommands.sayNumber(-17, "")).isEqualTo("SAY NUMBER -17 \"\"");
        assertThat(AgiCommands.exec("Playback", "a\nb")).isEqualTo("EXEC Playback \"ab\"");
        assertThat(AgiCommands.verbose("hi\r\n", 9)).isEqualTo("VERBOSE \"hi\" 4");
        assertThat(AgiCommands.answer()).isEqualTo("ANSWER");
        assertThatThrownBy(() -> AgiCommands.streamFile("../etc/passwd", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgiCommands.streamFile("a b", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgiCommands.setVariable("A\nB", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgiCommands.getVariable("X)\nHANGUP")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgiCommands.sayDigits("abc", "")).isInstanceOf(IllegalArgumentException.class);
    }

    private static AgiReply reply(AgiReplyReader r, String line) {
        AgiReplyReader.Line l = r.accept(line);
        assertThat(l).isInstanceOf(AgiReplyReader.Line.Reply.class);
        return ((AgiReplyReader.Line.Reply) l).reply();
    }

    @Test
    void replies_of_the_captures_and_the_error_codes_are_read() {
        AgiReplyReader r = new AgiReplyReader();
        assertThat(reply(r, "200 result=0 endpos=3520")).isEqualTo(new AgiReply(200, "0", null, "200 result=0 endpos=3520"));
        assertThat(reply(r, "200 result=1 (13800138000)").data()).isEqualTo("13800138000");
        assertThat(reply(r, "200 result=1 (a (b) c)").data()).isEqualTo("a (b) c");
        AgiReply timeout = reply(r, "200 result= (timeout)");
        assertThat(timeout.result()).isEmpty();
        assertThat(timeout.data()).isEqualTo("timeout");
        assertThat(reply(r, "200 result=-1").hungUp()).isTrue();
        assertThat(reply(r, "200 result=-1 endpos=1200\r").hungUp()).isTrue();
        assertThat(reply(r, RawAgiClient.R511).hungUp()).isTrue();
        AgiReply invalid = reply(r, "510 Invalid or unknown command");
        assertThat(invalid.ok()).isFalse();
        assertThat(invalid.hungUp()).isFalse();
        assertThat(r.accept("HANGUP")).isInstanceOf(AgiReplyReader.Line.Hangup.class);
        assertThat(r.accept("520-Invalid command syntax.  Proper usage follows:")).isInstanceOf(AgiReplyReader.Line.Partial.class);
        assertThat(r.accept(" Usage: SAY DIGITS <number> <escape digits>")).isInstanceOf(AgiReplyReader.Line.Partial.class);
        AgiReply usage = reply(r, "520 End of proper usage.");
        assertThat(usage.code()).isEqualTo(520);
        assertThat(usage.text()).contains("Usage: SAY DIGITS");
        assertThat(r.accept("hello")).isInstanceOf(AgiReplyReader.Line.Garbage.class);
        assertThat(r.accept("200result=1")).isInstanceOf(AgiReplyReader.Line.Garbage.class);
        assertThat(r.accept("200 nothing")).isInstanceOf(AgiReplyReader.Line.Garbage.class);
        assertThat(reply(r, "200 result=1 (\u0007bell\u0085)").data()).isEqualTo("bell");
    }

    @Test
    void a_520_usage_that_never_ends_stays_bounded() {
        AgiReplyReader r = new AgiReplyReader();
        r.accept("520-x");
        for (int i = 0; i < 10_000; i++) {
            r.accept("line " + i);
        }
        assertThat(reply(r, "520 End of proper usage.").text().lines().count()).isLessThanOrEqualTo(AgiReplyReader.MAX_USAGE_LINES + 2);
    }

    private static AgiEnvironmentReader.Step feed(AgiEnvironmentReader r, String text) {
        AgiEnvironmentReader.Step last = null;
        for (String line : text.split("\n", -1)) {
            last = r.accept(line.getBytes(StandardCharsets.UTF_8));
            if (!(last instanceof AgiEnvironmentReader.Step.More)) {
                return last;
            }
        }
        return last;
    }

    @Test
    void environment_reader_keeps_the_first_value_cleans_values_and_strips_script_arguments() {
        AgiEnvironmentReader r = new AgiEnvironmentReader(64, 16384);
        var step = feed(r, "agi_network_script: hotline?x=1\r\nagi_uniqueid: 1.2\nagi_uniqueid: 9.9\n"
                + "agi_calleridname: A\rB\u0001C\nagi_callerid: +8613800138000\nagi_accountcode: \n\n");
        assertThat(step).isInstanceOf(AgiEnvironmentReader.Step.Complete.class);
        AgiEnvironment env = ((AgiEnvironmentReader.Step.Complete) step).environment();
        assertThat(env.script()).isEqualTo("hotline");
        assertThat(env.uniqueid()).isEqualTo("1.2");
        assertThat(env.callerIdName()).isEqualTo("ABC");
        assertThat(env.callerId()).isEqualTo("+8613800138000");
        assertThat(env.get("accountcode")).isEmpty();
        assertThat(feed(new AgiEnvironmentReader(64, 16384), "agi_network_script: HOTLINE\nagi_uniqueid: 1\n\n"))
                .isEqualTo(new AgiEnvironmentReader.Step.Refused(AgiRefusal.MISSING_KEYS));
        assertThat(feed(new AgiEnvironmentReader(64, 16384), "agi_Bad-Key: x\n"))
                .isEqualTo(new AgiEnvironmentReader.Step.Refused(AgiRefusal.GARBAGE));
        assertThat(feed(new AgiEnvironmentReader(64, 100), "agi_network_script: " + "x".repeat(120) + "\n"))
                .isEqualTo(new AgiEnvironmentReader.Step.Refused(AgiRefusal.TOO_LARGE));
    }
}
