package cn.hotline12345.ivr;

import cn.hotline12345.ivr.engine.IvrOutcome;
import cn.hotline12345.ivr.engine.PathStep;
import cn.hotline12345.ivr.flow.Flow;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The scenarios drive every node and every menu choice of every shipped flow. */
class ScenarioCoverageTest {

    @Test
    void scenariosVisitEveryNodeOfEveryFlow() {
        FlowSet flows = TestFlows.shipped();
        Map<String, Set<String>> visited = new HashMap<>();
        for (Scenarios.Scenario sc : Scenarios.all()) {
            IvrOutcome o = TestFlows.run(flows, sc.flow(), sc.channel(), sc.services().get());
            for (PathStep s : o.trace()) {
                visited.computeIfAbsent(s.flow(), k -> new HashSet<>()).add(s.node());
            }
        }
        for (Flow f : flows.flows().values()) {
            assertThat(visited.getOrDefault(f.id(), Set.of())).as("nodes of %s", f.id())
                    .containsExactlyInAnyOrderElementsOf(f.nodes().keySet());
        }
    }
}
