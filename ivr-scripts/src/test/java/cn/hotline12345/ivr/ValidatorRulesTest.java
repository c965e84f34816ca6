package cn.hotline12345.ivr;

import cn.hotline12345.ivr.flow.FlowError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** One bad flow file per validation rule; each must be rejected with the file, node and problem named. */
class ValidatorRulesTest {

    private static final Set<String> SERVICES = Set.of("fn");

    static List<FlowError> errorsOf(String yaml) {
        FlowSetLoader.Result r = new FlowSetLoader(SERVICES, HotlineNames.QUEUES)
                .load(FlowSource.inMemory(Map.of("flows/bad.yaml", yaml), TestFlows.SMALL_CATALOGUE), 1);
        assertThat(r.ok()).as("flow must be rejected").isFalse();
        assertThat(r.flowSet()).isNull();
        return r.errors();
    }

    static Stream<Arguments> badFlows() {
        return Stream.of(
                Arguments.of("unknown node kind", """
                        start: a
                        nodes:
                          a: {kind: dance, next: b}
                          b: {kind: hangup}
                        """, "a", "unknown node kind 'dance'"),
                Arguments.of("unknown field", """
                        start: a
                        nodes:
                          a: {kind: hangup, promts: [p1]}
                        """, "a", "unknown field 'promts'"),
                Arguments.of("unknown top-level field", """
                        start: a
                        version: 2
                        nodes:
                          a: {kind: hangup}
                        """, null, "unknown field 'version'"),
                Arguments.of("missing required field", """
                        start: a
                        nodes:
                          a: {kind: play, prompts: [p1]}
                        """, "a", "missing field 'next'"),
                Arguments.of("dangling reference", """
                        start: a
                        nodes:
                          a: {kind: play, prompts: [p1], next: nowhere}
                        """, "a", "refers to node 'nowhere'"),
                Arguments.of("missing start node", """
                        start: begin
                        nodes:
                          a: {kind: hangup}
                        """, null, "start node 'begin' does not exist"),
                Arguments.of("unreachable node", """
                        start: a
                        nodes:
                          a: {kind: hangup}
                          orphan: {kind: play, prompts: [p1], next: a}
                        """, "orphan", "unreachable"),
                Arguments.of("loop with no exit", """
                        start: a
                        nodes:
                          a: {kind: play, prompts: [p1], next: b}
                          b: {kind: play, prompts: [p2], next: a}
                        """, "a", "loop with no exit"),
                Arguments.of("menu loop with no exit", """
                        start: m
                        nodes:
                          m: {kind: menu, prompts: [p1], choices: {"1": m}, on_failure: m}
                        """, "m", "loop with no exit"),
                Arguments.of("prompt missing from catalogue", """
                        start: a
                        nodes:
                          a: {kind: hangup, prompts: [no-such-prompt]}
                        """, "a", "prompt 'no-such-prompt' is not in the catalogue"),
                Arguments.of("unknown lookup name", """
                        start: a
                        nodes:
                          a: {kind: lookup, name: horoscope, next: b}
                          b: {kind: hangup}
                        """, "a", "lookup 'horoscope' is not a registered server function"),
                Arguments.of("unknown action name", """
                        start: a
                        nodes:
                          a: {kind: action, name: delete_everything, next: b}
                          b: {kind: hangup}
                        """, "a", "action 'delete_everything' is not a registered"),
                Arguments.of("negative timeout", """
                        start: m
                        nodes:
                          m: {kind: menu, prompts: [p1], choices: {"1": h}, timeout_ms: -5, on_failure: h}
                          h: {kind: hangup}
                        """, "m", "timeout_ms must be between"),
                Arguments.of("min greater than max", """
                        start: c
                        nodes:
                          c: {kind: collect, prompt: p1, min_digits: 8, max_digits: 4, into: x, next: h, on_failure: h}
                          h: {kind: hangup}
                        """, "c", "min_digits 8 is greater than max_digits 4"),
                Arguments.of("menu digit not in 0-9*#", """
                        start: m
                        nodes:
                          m: {kind: menu, prompts: [p1], choices: {"A": h}, on_failure: h}
                          h: {kind: hangup}
                        """, "m", "menu choice 'A' must be one digit"),
                Arguments.of("barge-in digits not in 0-9*#", """
                        start: a
                        nodes:
                          a: {kind: play, prompts: [p1], barge_in: "9x", next: h}
                          h: {kind: hangup}
                        """, "a", "barge_in' may only contain digits"),
                Arguments.of("on_digit not a barge-in digit", """
                        start: a
                        nodes:
                          a: {kind: play, prompts: [p1], barge_in: "9", on_digit: {"1": h}, next: h}
                          h: {kind: hangup}
                        """, "a", "on_digit key '1' is not one of the barge_in digits"),
                Arguments.of("negative retries", """
                        start: m
                        nodes:
                          m: {kind: menu, prompts: [p1], choices: {"1": h}, retries: -1, on_failure: h}
                          h: {kind: hangup}
                        """, "m", "retries must be between"),
                Arguments.of("priority out of range", """
                        start: q
                        nodes:
                          q: {kind: queue, queue: q-general, priority: 11}
                        """, "q", "priority must be between 0 and 10"),
                Arguments.of("unknown queue", """
                        start: q
                        nodes:
                          q: {kind: queue, queue: q-nowhere}
                        """, "q", "queue 'q-nowhere' is not a known queue"),
                Arguments.of("transfer to non-digits", """
                        start: t
                        nodes:
                          t: {kind: transfer, to: "110;Hangup"}
                        """, "t", "must be 1 to 20 digits"),
                Arguments.of("goto unknown flow", """
                        start: g
                        nodes:
                          g: {kind: goto_flow, flow: elsewhere}
                        """, "g", "goto_flow target 'elsewhere' is not a flow"),
                Arguments.of("bad channel variable name", """
                        start: s
                        nodes:
                          s: {kind: set, variable: "X Y", value: v, next: h}
                          h: {kind: hangup}
                        """, "s", "not a variable name"),
                Arguments.of("malformed template", """
                        start: s
                        nodes:
                          s: {kind: say_digits, digits: "${matter", next: h}
                          h: {kind: hangup}
                        """, "s", "unclosed '${'"),
                Arguments.of("bad condition", """
                        start: c
                        nodes:
                          c:
                            kind: condition
                            branches: [{when: {var: x, resembles: y}, next: h}]
                            else: h
                          h: {kind: hangup}
                        """, "c", "a condition needs one of"),
                Arguments.of("bad time range", """
                        start: c
                        nodes:
                          c:
                            kind: condition
                            branches: [{when: {time_between: "8 to 6"}, next: h}]
                            else: h
                          h: {kind: hangup}
                        """, "c", "time_between must look like"),
                Arguments.of("flow name mismatch", """
                        flow: other
                        start: h
                        nodes:
                          h: {kind: hangup}
                        """, null, "does not match the file name"),
                Arguments.of("duplicate node id", """
                        start: h
                        nodes:
                          h: {kind: hangup}
                          h: {kind: hangup}
                        """, null, "not valid YAML"),
                Arguments.of("not YAML", "start: [a\nnodes: {", null, "not valid YAML"),
                Arguments.of("not a mapping", "- just\n- a list\n", null, "must be a mapping"),
                Arguments.of("wrong type", """
                        start: m
                        nodes:
                          m: {kind: menu, prompts: [p1], choices: [h], on_failure: h}
                          h: {kind: hangup}
                        """, "m", "field 'choices' must be a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFlows")
    void rejects(String rule, String yaml, String node, String message) {
        List<FlowError> errors = errorsOf(yaml);
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("flows/bad.yaml");
            assertThat(e.node()).isEqualTo(node);
            assertThat(e.message()).contains(message);
        });
        assertThat(errors.get(0).toString()).startsWith("flows/bad.yaml: ");
    }

    @Test
    void menuRetryCycleWithAnExitIsAccepted() {
        FlowSet set = TestFlows.single("""
                start: m
                nodes:
                  m: {kind: menu, prompts: [p1], choices: {"1": again, "2": h}, on_failure: h}
                  again: {kind: play, prompts: [p2], next: m}
                  h: {kind: hangup}
                """);
        assertThat(set.flow("t")).isPresent();
    }

    @Test
    void rejectsNonUtf8File() {
        byte[] bad = "start: a\nnodes: {a: {kind: hangup}}\n# \u00ff".getBytes(StandardCharsets.ISO_8859_1);
        FlowSource.SourceFile f = FlowSource.decode("flows/bad.yaml", bad);
        assertThat(f.error()).isEqualTo("not valid UTF-8");
    }

    @Test
    void rejectsBadCatalogue() {
        FlowSetLoader.Result r = new FlowSetLoader(SERVICES, HotlineNames.QUEUES).load(FlowSource.inMemory(
                Map.of("flows/ok.yaml", "start: h\nnodes: {h: {kind: hangup, prompts: [p1]}}\n"),
                "prompts:\n  p1: {text: 一, file: \"../../etc/passwd\"}\n  p2: {text: \"\", file: a/b}\n"), 1);
        assertThat(r.ok()).isFalse();
        assertThat(r.errors()).anySatisfy(e -> assertThat(e.toString())
                        .isEqualTo("prompts/catalogue.yaml: node 'p1': sound file name '../../etc/passwd' may only use "
                                + "letters, digits, '_', '-', '/', '.'"))
                .anySatisfy(e -> assertThat(e.message()).isEqualTo("prompt text is empty"));
    }

    @Test
    void aBadFileSpoilsTheWholeSet() {
        FlowSetLoader.Result r = new FlowSetLoader(SERVICES, HotlineNames.QUEUES).load(FlowSource.inMemory(Map.of(
                "flows/good.yaml", "start: h\nnodes: {h: {kind: hangup}}\n",
                "flows/bad.yaml", "start: h\nnodes: {h: {kind: hangup, prompts: [nope]}}\n"), TestFlows.SMALL_CATALOGUE), 1);
        assertThat(r.ok()).isFalse();
        assertThat(r.errors()).extracting(FlowError::file).containsOnly("flows/bad.yaml");
    }
}
