package cn.hotline12345.ivr;

import cn.hotline12345.ivr.engine.IvrOutcome;
import cn.hotline12345.ivr.engine.IvrOutcome.Ending;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** For every scenario: the caller hangs up at each channel operation in turn. */
class HangupEverywhereTest {

    private static final FlowSet FLOWS = TestFlows.shipped();

    static List<Scenarios.Scenario> scenarios() {
        return Scenarios.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void hangupAtEveryOperationEndsCleanlyWithThePathSoFar(Scenarios.Scenario sc) {
        ScriptedChannel full = sc.channel();
        IvrOutcome complete = TestFlows.run(FLOWS, sc.flow(), full, sc.services().get());
        assertThat(complete.ending()).isIn(Ending.QUEUE, Ending.TRANSFER, Ending.HANGUP);
        int ops = full.operations();
        assertThat(ops).isPositive();
        Set<String> hungUpAt = new HashSet<>();
        for (int i = 0; i < ops; i++) {
            ScriptedChannel ch = sc.channel().hangUpAt(i);
            IvrOutcome o = TestFlows.run(FLOWS, sc.flow(), ch, sc.services().get());
            assertThat(o.ending()).as("hang-up at op %d", i).isEqualTo(Ending.CALLER_HUNG_UP);
            assertThat(ch.operations()).as("nothing after the hang-up").isEqualTo(i + 1);
            assertThat(o.trace().size()).isLessThanOrEqualTo(complete.trace().size());
            assertThat(complete.trace().subList(0, o.trace().size())).as("path so far is a prefix of the full path")
                    .isEqualTo(o.trace());
            assertThat(complete.path()).startsWith(o.path());
            if (!o.trace().isEmpty()) {
                hungUpAt.add(o.trace().get(o.trace().size() - 1).node());
            }
        }
        assertThat(hungUpAt).isNotEmpty();
    }
}
