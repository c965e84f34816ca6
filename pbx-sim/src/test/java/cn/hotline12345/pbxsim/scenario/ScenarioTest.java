package cn.hotline12345.pbxsim.scenario;

import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.Strategy;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioTest {
  static final String YAML = """
      seed: 42
      rate: 5
      duration: 2m
      queues:
        - name: q-general
          strategy: leastrecent
          timeout: 10
          retry: 2
          wrapup: 3
          members: [PJSIP/1001, PJSIP/1002]
      agents:
        - iface: PJSIP/1001
          answerAfter: 500ms
          talkFor: 20s
        - iface: PJSIP/1002
          response: no_answer
      callers:
        - weight: 3
          number: "138########"
          name: 张三
          digits: "1,4"
          patience: 60s
        - weight: 1
          number: "0536#######"
          hangupAfter: 5s
      schedule:
        - at: 1s
          caller: 1
      """;

  @Test
  void parsesTheFileFormat() {
    Scenario s = Scenario.parse(new StringReader(YAML));
    assertThat(s.seed()).isEqualTo(42);
    assertThat(s.rate()).isEqualTo(5.0);
    assertThat(s.duration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.queues()).singleElement().satisfies(q -> {
      assertThat(q.strategy()).isEqualTo(Strategy.LEASTRECENT);
      assertThat(q.timeoutSec()).isEqualTo(10);
      assertThat(q.wrapupSec()).isEqualTo(3);
      assertThat(q.members()).hasSize(2);
    });
    assertThat(s.agents().get(0).answerAfter()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.agents().get(1).response()).isEqualTo(cn.hotline12345.pbxsim.AgentSpec.Response.NO_ANSWER);
    assertThat(s.callers().get(0).digits()).isEqualTo("1,4");
    assertThat(s.callers().get(1).hangupAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.schedule()).singleElement().satisfies(a -> assertThat(a.at()).isEqualTo(Duration.ofSeconds(1)));
  }

  @Test
  void sameSeedSameCallers() {
    Scenario s = Scenario.parse(new StringReader(YAML));
    PbxSim unused = PbxSim.builder().build();
    List<CallerSpec> a = new ArrayList<>();
    List<CallerSpec> b = new ArrayList<>();
    ScenarioRunner r1 = new ScenarioRunner(unused, s);
    ScenarioRunner r2 = new ScenarioRunner(unused, s);
    for (int i = 0; i < 50; i++) {
      a.add(r1.nextCaller());
      b.add(r2.nextCaller());
    }
    assertThat(a).isEqualTo(b);
    assertThat(a).extracting(CallerSpec::number).allSatisfy(n -> assertThat(n).matches("138\\d{8}|0536\\d{7}"));
    assertThat(a).extracting(CallerSpec::number).doesNotHaveDuplicates();
    ScenarioRunner other = new ScenarioRunner(unused, new Scenario(43, s.rate(), s.duration(), s.queues(), s.agents(),
        s.callers(), s.schedule()));
    assertThat(other.nextCaller().number()).isNotEqualTo(a.get(0).number());
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> Scenario.parse(new StringReader("callers: [{number: '1'}]\nduration: soon")))
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> Scenario.parse(new StringReader("rate: 5"))).hasMessageContaining("callers");
    assertThatThrownBy(() -> Scenario.parse(new StringReader("- a\n- b"))).hasMessageContaining("mapping");
    assertThatThrownBy(() -> Scenario.parse(new StringReader("callers: [{number: '1'}]\nrate: fast")))
        .hasMessageContaining("rate");
  }
}
