package cn.hotline12345.ivr;

import cn.hotline12345.ivr.engine.IvrOutcome;
import cn.hotline12345.ivr.engine.IvrOutcome.Ending;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each node kind on a small flow. */
class NodeKindsTest {

    private static IvrOutcome run(String yaml, ScriptedChannel ch, FakeServices s, Map<String, String> vars) {
        return TestFlows.run(TestFlows.single(yaml), "t", ch, s, vars);
    }

    private static IvrOutcome run(String yaml, ScriptedChannel ch) {
        return run(yaml, ch, new FakeServices(), Map.of());
    }

    @Test
    void playWithBargeIn() {
        String flow = """
                start: a
                nodes:
                  a: {kind: play, prompts: [p1, p2], barge_in: "12", on_digit: {"1": x}, next: y}
                  x: {kind: hangup}
                  y: {kind: queue, queue: q-general}
                """;
        ScriptedChannel ch = new ScriptedChannel("!1");
        IvrOutcome pressed = run(flow, ch);
        assertThat(ch.log().get(0)).isEqualTo("play [t/p1, t/p2] '12'");
        assertThat(pressed.ending()).isEqualTo(Ending.HANGUP);
        assertThat(pressed.path()).isEqualTo("a:1");
        IvrOutcome unmapped = run(flow, new ScriptedChannel("!2"));
        assertThat(unmapped.ending()).isEqualTo(Ending.QUEUE);
        assertThat(unmapped.path()).isEqualTo("a");
        assertThat(run(flow, new ScriptedChannel()).ending()).isEqualTo(Ending.QUEUE);
    }

    private static final String COLLECT = """
            start: c
            nodes:
              c: {kind: collect, prompt: p1, min_digits: 3, max_digits: 5, timeout_ms: 4000, retries: 1,
                  invalid_prompt: p2, timeout_prompt: p3, into: num, next: ok, on_empty: empty, on_failure: fail}
              ok: {kind: say_digits, digits: "${num}", next: done}
              done: {kind: hangup}
              empty: {kind: queue, queue: q-help}
              fail: {kind: queue, queue: q-general}
            """;

    @Test
    void collectValidEntry() {
        ScriptedChannel ch = new ScriptedChannel("1234");
        IvrOutcome o = run(COLLECT, ch);
        assertThat(ch.log()).startsWith("collect t/p1 4000 5", "say_digits 1234");
        assertThat(o.variables()).containsEntry("num", "1234");
        assertThat(o.ending()).isEqualTo(Ending.HANGUP);
    }

    @Test
    void collectEmptyEntryGoesToOnEmpty() {
        assertThat(run(COLLECT, new ScriptedChannel("#")).queue()).isEqualTo("q-help");
    }

    @Test
    void collectInvalidThenTimeoutFails() {
        ScriptedChannel ch = new ScriptedChannel("12", "T");
        IvrOutcome o = run(COLLECT, ch);
        assertThat(ch.log()).startsWith("collect t/p1 4000 5", "play [t/p2] ''", "collect t/p1 4000 5");
        assertThat(o.queue()).isEqualTo("q-general");
        assertThat(o.path()).isEqualTo("c:timeout");
    }

    @Test
    void collectTimeoutThenValid() {
        ScriptedChannel ch = new ScriptedChannel("T", "777");
        IvrOutcome o = run(COLLECT, ch);
        assertThat(ch.log()).startsWith("collect t/p1 4000 5", "play [t/p3] ''", "collect t/p1 4000 5");
        assertThat(o.variables()).containsEntry("num", "777");
    }

    @Test
    void collectRejectsStarsAndCutsAtTerminator() {
        assertThat(run(COLLECT, new ScriptedChannel("1*3", "1*3")).queue()).isEqualTo("q-general");
        assertThat(run(COLLECT, new ScriptedChannel("123#9")).variables()).containsEntry("num", "123");
    }

    @Test
    void menuWithLeadPromptsBargeInAndInto() {
        String flow = """
                start: m
                nodes:
                  m: {kind: menu, prompts: [p1, p2], choices: {"1": a, "2": b}, into: pick, timeout_ms: 3000, on_failure: b}
                  a: {kind: hangup}
                  b: {kind: queue, queue: q-general}
                """;
        ScriptedChannel ch = new ScriptedChannel("!1");
        IvrOutcome o = run(flow, ch);
        assertThat(ch.log()).containsExactly("play [t/p1] '12'", "set HOTLINE_IVR_PATH=m:1", "set HOTLINE_NEXT=hangup");
        assertThat(o.variables()).containsEntry("pick", "1");
        ScriptedChannel ch2 = new ScriptedChannel("2");
        run(flow, ch2);
        assertThat(ch2.log()).startsWith("play [t/p1] '12'", "collect t/p2 3000 1");
    }

    @Test
    void sayNumberAndSayDigitsSkipUnsayableValues() {
        String flow = """
                start: n
                nodes:
                  n: {kind: say_number, number: "${n}", next: d}
                  d: {kind: say_digits, digits: "${d}", next: h}
                  h: {kind: hangup}
                """;
        ScriptedChannel ch = new ScriptedChannel();
        run(flow, ch, new FakeServices(), Map.of("n", "42", "d", "12ab34"));
        assertThat(ch.log()).startsWith("say_number 42", "say_digits 1234");
        ScriptedChannel bad = new ScriptedChannel();
        run(flow, bad, new FakeServices(), Map.of("n", "forty-two", "d", "none"));
        assertThat(bad.log()).noneMatch(l -> l.startsWith("say_"));
    }

    @Test
    void setScopesAndAppend() {
        String flow = """
                start: a
                nodes:
                  a: {kind: set, variable: FLAGS, value: one, append: true, next: b}
                  b: {kind: set, variable: FLAGS, value: two, append: true, next: c}
                  c: {kind: set, variable: FLAGS, value: one, append: true, next: d}
                  d: {kind: set, variable: local, value: "x${caller}", scope: flow, next: e}
                  e: {kind: set, variable: outcome, value: good, scope: result, next: h}
                  h: {kind: hangup}
                """;
        ScriptedChannel ch = new ScriptedChannel();
        IvrOutcome o = run(flow, ch, new FakeServices(), Map.of("caller", "5"));
        assertThat(ch.log()).startsWith("set FLAGS=one", "set FLAGS=one,two", "set FLAGS=one,two");
        assertThat(ch.log()).noneMatch(l -> l.contains("local") || l.contains("outcome"));
        assertThat(o.variables()).containsEntry("local", "x5");
        assertThat(o.results()).containsExactly(Map.entry("outcome", "good"));
    }

    @Test
    void getVariableAndLookupResultsBecomeVariables() {
        String flow = """
                start: g
                nodes:
                  g: {kind: get_variable, variable: HOTLINE_MATTER, into: m, next: l}
                  l: {kind: lookup, name: fn, args: {matter: "${m}"}, into: r, next: h}
                  h: {kind: hangup}
                """;
        FakeServices s = new FakeServices().answer("fn", a -> Map.of("state", "open-" + a.get("matter"),
                "bad key!", "dropped"));
        IvrOutcome o = run(flow, new ScriptedChannel().withVariable("HOTLINE_MATTER", "77"), s, Map.of());
        assertThat(s.calls()).containsExactly("fn {matter=77}");
        assertThat(o.variables()).containsEntry("m", "77").containsEntry("r.state", "open-77")
                .doesNotContainKey("r.bad key!");
    }

    @Test
    void conditionOnVariablesFlagsTimeAndCalendar() {
        String flow = """
                start: c
                nodes:
                  c:
                    kind: condition
                    branches:
                      - {when: {var: v, equals: "a"}, next: eq}
                      - {when: {var: flags, has_flag: vip}, next: flag}
                      - {when: {holiday: true}, next: holiday}
                      - {when: {all: [{working_day: true}, {time_between: "08:30-17:30"}]}, next: office}
                      - {when: {time_between: "22:00-06:00"}, next: night}
                      - {when: {any: [{var: w, in: [x, y]}, {var: z, present: true}]}, next: some}
                      - {when: {var: v, not_equals: "a"}, next: other}
                    else: other
                  eq: {kind: queue, queue: q-consult}
                  flag: {kind: queue, queue: q-help}
                  holiday: {kind: queue, queue: q-suggest}
                  office: {kind: queue, queue: q-complaint}
                  night: {kind: queue, queue: q-overflow}
                  some: {kind: queue, queue: q-special}
                  other: {kind: queue, queue: q-general}
                """;
        FakeServices monday10 = new FakeServices();                                   // Mon 10:00 Shanghai
        FakeServices monday23 = new FakeServices().at(Instant.parse("2025-03-03T15:00:00Z"));
        FakeServices saturday = new FakeServices().at(Instant.parse("2025-03-08T04:00:00Z"));
        FakeServices holiday = new FakeServices().holiday(LocalDate.of(2025, 3, 3));
        assertThat(queue(flow, monday10, Map.of("v", "a"))).isEqualTo("q-consult");
        assertThat(queue(flow, monday10, Map.of("flags", "x, vip"))).isEqualTo("q-help");
        assertThat(queue(flow, holiday, Map.of())).isEqualTo("q-suggest");
        assertThat(queue(flow, monday10, Map.of())).isEqualTo("q-complaint");
        assertThat(queue(flow, monday23, Map.of())).isEqualTo("q-overflow");
        assertThat(queue(flow, saturday, Map.of("w", "y"))).isEqualTo("q-special");
        assertThat(queue(flow, saturday, Map.of("z", "1"))).isEqualTo("q-special");
        assertThat(queue(flow, saturday, Map.of())).isEqualTo("q-general");
    }

    private static String queue(String flow, FakeServices s, Map<String, String> vars) {
        return run(flow, new ScriptedChannel(), s, vars).queue();
    }

    @Test
    void transferAndHangupAndGotoFlow() {
        FlowSet set = TestFlows.set(Map.of(
                "flows/t.yaml", "start: g\nnodes: {g: {kind: goto_flow, flow: u}}\n",
                "flows/u.yaml", "start: x\nnodes: {x: {kind: transfer, prompts: [p1], to: \"122\"}}\n"));
        ScriptedChannel ch = new ScriptedChannel();
        IvrOutcome o = TestFlows.run(set, "t", ch, new FakeServices(), Map.of());
        assertThat(o.ending()).isEqualTo(Ending.TRANSFER);
        assertThat(o.flowId()).isEqualTo("t");
        assertThat(o.trace()).extracting(p -> p.flow() + "/" + p.node()).containsExactly("t/g", "u/x");
        assertThat(ch.log()).containsExactly("play [t/p1] ''", "set HOTLINE_IVR_PATH=", "set HOTLINE_TRANSFER_TO=122",
                "set HOTLINE_NEXT=transfer");
    }
}
