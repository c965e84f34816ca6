package cn.hotline12345.ivr;

import cn.hotline12345.ivr.flow.FlowError;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Random flow files never crash the loader or validator: they load, or they give clear errors. */
class LoaderPropertyTest {

    private static FlowSetLoader.Result load(String text) {
        return new FlowSetLoader(Set.of("fn"), HotlineNames.QUEUES)
                .load(FlowSource.inMemory(Map.of("flows/r.yaml", text), TestFlows.SMALL_CATALOGUE), 1);
    }

    private static void assertClear(FlowSetLoader.Result r) {
        if (!r.ok()) {
            assertThat(r.errors()).isNotEmpty().allSatisfy((FlowError e) -> {
                assertThat(e.file()).isEqualTo("flows/r.yaml");
                assertThat(e.message()).isNotBlank();
            });
        }
    }

    @Property(tries = 300)
    void arbitraryTextNeverCrashes(@ForAll String text) {
        assertClear(load(text));
    }

    @Property(tries = 300)
    void yamlishTextNeverCrashes(@ForAll("yamlish") String text) {
        assertClear(load(text));
    }

    @Provide
    Arbitrary<String> yamlish() {
        return Arbitraries.of("start: a\n", "nodes:\n", "  a:\n", "    kind: menu\n", "    kind: play\n",
                        "    kind: queue\n", "    next: a\n", "    prompts: [p1]\n", "    choices: {\"1\": a}\n",
                        "    on_failure: b\n", "  b: {kind: hangup}\n", "    queue: q-general\n", "&x [*x]\n", "- \n",
                        "    timeout_ms: -1\n", "    branches: [{when: {var: x, in: 3}, next: b}]\n", "{{{{\n",
                        "    kind: condition\n", "    else: a\n", "    into: \"${\"\n", "!!java.io.File /\n", "\t\n")
                .list().ofMaxSize(25).map(parts -> String.join("", parts));
    }

    @Property(tries = 200)
    void randomNodeMapsNeverCrash(@ForAll("nodeFields") List<String> fields) {
        StringBuilder sb = new StringBuilder("start: a\nnodes:\n  a:\n");
        fields.forEach(f -> sb.append("    ").append(f).append('\n'));
        sb.append("  h: {kind: hangup}\n");
        assertClear(load(sb.toString()));
    }

    @Provide
    Arbitrary<List<String>> nodeFields() {
        Arbitrary<String> key = Arbitraries.of("kind", "next", "prompts", "prompt", "choices", "timeout_ms", "retries",
                "min_digits", "max_digits", "into", "on_failure", "on_empty", "queue", "priority", "to", "variable",
                "value", "name", "args", "branches", "else", "barge_in", "on_digit", "sound", "fallback_prompt",
                "digits", "number", "flow", "scope", "append", "terminator", "bogus");
        Arbitrary<String> value = Arbitraries.of("play", "menu", "collect", "queue", "h", "a", "[p1]", "p1", "-3",
                "99999999999", "{\"1\": h}", "[]", "{}", "yes", "null", "q-general", "\"${x}\"", "fn", "\"#\"",
                "[{when: {var: v, equals: 1}, next: h}]", "~", "1.5", "transfer", "condition", "set", "flow");
        return Arbitraries.strings().ofLength(0).flatMap(ignored ->
                net.jqwik.api.Combinators.combine(key, value).as((k, v) -> k + ": " + v).list().ofMaxSize(8)
                        .uniqueElements(s -> s.substring(0, s.indexOf(':'))));
    }
}
