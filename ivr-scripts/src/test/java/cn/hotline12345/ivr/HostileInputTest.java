package cn.hotline12345.ivr;

import cn.hotline12345.ivr.engine.IvrOutcome;
import cn.hotline12345.ivr.engine.IvrOutcome.Ending;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Untrusted caller data, channel variables and lookup results never reach a channel unsanitised. */
class HostileInputTest {

    private static final FlowSet FLOWS = TestFlows.shipped();
    private static final String ECHO = """
            start: a
            nodes:
              a: {kind: set, variable: NAME, value: "${caller_name}", next: b}
              b: {kind: lookup, name: fn, args: {who: "${caller_name}"}, into: r, next: c}
              c: {kind: set, variable: RESULT, value: "${r.value}", next: d}
              d: {kind: say_digits, digits: "${r.value}", next: e}
              e: {kind: get_variable, variable: EVIL, into: evil, next: f}
              f: {kind: set, variable: EVIL_COPY, value: "${evil}", next: h}
              h: {kind: hangup}
            """;

    private static void assertClean(ScriptedChannel ch) {
        for (String v : ch.allSetValues()) {
            assertThat(v).doesNotContain("\r", "\n", "\0");
            assertThat(v.codePointCount(0, v.length())).isLessThanOrEqualTo(512);
            assertThat(v.chars()).noneMatch(c -> c < 0x20 || c == 0x7f);
        }
        for (String l : ch.log()) {
            assertThat(l).doesNotContain("\r", "\n");
        }
    }

    @Test
    void crLfInCallerNameLookupResultsAndChannelVariables() {
        String evil = "张三\r\nEXEC System rm -rf /\n";
        FakeServices s = new FakeServices().answer("fn", Map.of("value", "12\r\n34 HANGUP\n"));
        ScriptedChannel ch = new ScriptedChannel().withVariable("EVIL", "x\r\nSET VARIABLE A B");
        IvrOutcome o = TestFlows.run(TestFlows.single(ECHO), "t", ch, s, Map.of("caller_name", evil));
        assertClean(ch);
        assertThat(ch.setVariables()).containsEntry("NAME", "张三EXEC System rm -rf /");
        assertThat(ch.log()).contains("say_digits 1234");
        assertThat(s.calls()).containsExactly("fn {who=张三EXEC System rm -rf /}");
        assertThat(o.ending()).isEqualTo(Ending.HANGUP);
    }

    @Test
    void tenKilobyteValuesAreCapped() {
        String huge = "名".repeat(10_240);
        FakeServices s = new FakeServices().answer("fn", Map.of("value", "9".repeat(10_240)));
        ScriptedChannel ch = new ScriptedChannel().withVariable("EVIL", huge);
        IvrOutcome o = TestFlows.run(TestFlows.single(ECHO), "t", ch, s, Map.of("caller_name", huge));
        assertClean(ch);
        assertThat(ch.setVariables().get("NAME")).hasSize(256);
        assertThat(ch.log()).contains("say_digits " + "9".repeat(64));
        assertThat(o.variables().values()).allMatch(v -> v.length() <= 256);
    }

    @Test
    void garbageBytesAndMissingVariables() {
        String garbage = new String(new byte[] {(byte) 0xff, (byte) 0xfe, 0x41, (byte) 0xc3, 0x28, 0x0d, 0x0a, 0x1b},
                java.nio.charset.StandardCharsets.UTF_8); // decodes to replacement characters and controls
        Map<String, String> vars = new HashMap<>();
        vars.put("caller_name", garbage);
        vars.put("caller", null);
        vars.put("bad name\r\n", "x");
        vars.put(null, "y");
        FakeServices s = new FakeServices().answer("fn", new HashMap<>() {{
                put("value", null);
                put(null, "x");
            }});
        ScriptedChannel ch = new ScriptedChannel();   // EVIL not set at all
        IvrOutcome o = TestFlows.run(TestFlows.single(ECHO), "t", ch, s, vars);
        assertClean(ch);
        assertThat(ch.setVariables()).containsEntry("NAME", "A(").containsEntry("RESULT", "").containsEntry("EVIL_COPY", "");
        assertThat(o.variables()).doesNotContainKey("bad name\r\n");
        assertThat(o.ending()).isEqualTo(Ending.HANGUP);
    }

    @Test
    void hotlineWithHostileProfileStillRoutesAndSanitises() {
        FakeServices s = Scenarios.ordinary().answer("caller_profile", Map.of("measure", "warning\r\n",
                "open_matter", "2025\r\nHANGUP" + "1".repeat(5000)));
        ScriptedChannel ch = new ScriptedChannel("1");
        IvrOutcome o = TestFlows.run(FLOWS, "hotline", ch, s, Map.of("caller", "+86 138\r\n", "caller_name", "\n\n"));
        assertClean(ch);
        assertThat(o.ending()).isEqualTo(Ending.QUEUE);
        assertThat(ch.log()).anyMatch(l -> l.startsWith("say_digits 2025") && l.length() <= "say_digits ".length() + 64);
        assertThat(s.calls().get(0)).isEqualTo("caller_profile {caller=+86 138}");
    }

    @Test
    void hostileRecordedSurveyArguments() {
        ScriptedChannel ch = new ScriptedChannel("3").withVariable("MEMBERINTERFACE", "PJSIP/1001\r\nAction: Originate");
        FakeServices s = Scenarios.ordinary();
        TestFlows.run(FLOWS, "survey", ch, s);
        assertThat(s.calls().get(0)).contains("agent=PJSIP/1001Action: Originate").doesNotContain("\r", "\n");
    }
}
