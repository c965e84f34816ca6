package cn.hotline12345.ivr;

import cn.hotline12345.ivr.engine.Interpreter;
import cn.hotline12345.ivr.engine.IvrOutcome;
import cn.hotline12345.ivr.engine.SessionLimits;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Shared helpers: the shipped flows, small in-memory flow sets, running a session to its end. */
public final class TestFlows {

    public static final Path RESOURCES = Path.of("src/main/resources");

    /** A catalogue with prompts p1..p5 for small test flows. */
    public static final String SMALL_CATALOGUE = """
            prompts:
              p1: {text: 一, file: t/p1}
              p2: {text: 二, file: t/p2}
              p3: {text: 三, file: t/p3}
              p4: {text: 四, file: t/p4}
              p5: {text: 五, file: t/p5}
            """;

    private TestFlows() {
    }

    /** The 12345 flows shipped on the classpath. */
    public static FlowSet shipped() {
        try {
            return FlowRegistry.start(FlowSource.classpath(TestFlows.class.getClassLoader()), HotlineNames.SERVICES)
                    .current();
        } catch (InvalidFlowsException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A set made of one flow file {@code flows/t.yaml} plus the small catalogue. */
    public static FlowSet single(String yaml) {
        return set(Map.of("flows/t.yaml", yaml));
    }

    public static FlowSet set(Map<String, String> files) {
        FlowSetLoader.Result r = new FlowSetLoader(Set.of("caller_profile", "matter_status", "knowledge", "record_survey",
                "record_revisit", "fn"), HotlineNames.QUEUES).load(FlowSource.inMemory(files, SMALL_CATALOGUE), 1);
        if (!r.ok()) {
            throw new AssertionError("test flow invalid: " + r.errors());
        }
        return r.flowSet();
    }

    private static final class Set {
        static java.util.Set<String> of(String... s) {
            return java.util.Set.of(s);
        }
    }

    public static IvrOutcome run(FlowSet set, String flow, ScriptedChannel ch, FakeServices services,
                                 Map<String, String> vars) {
        try {
            return new Interpreter(services, SessionLimits.defaults()).run(set, flow, ch, vars)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static IvrOutcome run(FlowSet set, String flow, ScriptedChannel ch, FakeServices services) {
        return run(set, flow, ch, services, Map.of("caller", "13800138000", "caller_name", "张三", "uniqueid", "1.1"));
    }
}
