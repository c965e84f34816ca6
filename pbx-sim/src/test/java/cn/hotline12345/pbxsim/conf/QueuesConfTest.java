package cn.hotline12345.pbxsim.conf;

import cn.hotline12345.contract.HotlineQueue;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueuesConfTest {
  @Test
  void theShippedQueuesAreTheContractsWithTheTemplatesSettings() {
    QueuesConf conf = QueuesConf.read(Path.of("../docker/asterisk/queues.conf"));
    assertThat(conf.warnings()).isEmpty();
    Map<String, QueueConfig> q = conf.queues().stream().collect(Collectors.toMap(QueueConfig::name, Function.identity()));
    assertThat(q.keySet()).containsExactlyInAnyOrderElementsOf(HotlineQueue.ids());
    QueueConfig general = q.get("q-general");
    assertThat(general.strategy()).isEqualTo(Strategy.RRMEMORY);
    assertThat(general.timeoutSec()).isEqualTo(20);
    assertThat(general.retrySec()).isEqualTo(2);
    assertThat(general.wrapupSec()).isEqualTo(10);
    assertThat(general.options()).isEqualTo(new QueueConfig.Options(false, true, true, true, 20, 0, "callback-offer", "default"));
    assertThat(q.get("q-overflow").strategy()).isEqualTo(Strategy.RINGALL);
    assertThat(q.get("q-special").strategy()).isEqualTo(Strategy.LEASTRECENT);
    assertThat(q.get("q-special").wrapupSec()).isEqualTo(30);
    assertThat(QueuesConf.shipped().queues()).isEqualTo(conf.queues());
  }

  @Test
  void theCapturesQueueHasItsMembers() {
    QueueConfig hotline = QueuesConf.captures().queues().get(0);
    assertThat(hotline.name()).isEqualTo("hotline");
    assertThat(hotline.members()).extracting(QueueConfig.Member::iface)
        .containsExactly("Local/1001@agents/n", "Local/1002@agents/n");
    assertThat(hotline.members().get(0).stateInterface()).isEqualTo("Local/1001@agents");
    assertThat(hotline.members().get(0).name()).isEqualTo("Agent 1001");
    assertThat(hotline.options().ringinuse()).isFalse();
    assertThat(hotline.options().setqueuevar()).isFalse();
  }

  @Test
  void keywordsGoneFromAsterisk22WarnAsAppQueueDoes() {
    QueuesConf conf = QueuesConf.load(ConfFile.parse("queues.conf", """
        [tpl](!)
        strategy = ringall
        eventwhencalled = yes
        [q-a](tpl)
        monitor-type = MixMonitor
        timeout = 7
        """));
    assertThat(conf.warnings()).containsExactly(
        "Unknown keyword in queue 'q-a': eventwhencalled at line 3 of queues.conf",
        "Unknown keyword in queue 'q-a': monitor-type at line 5 of queues.conf");
    assertThat(conf.queues()).singleElement().satisfies(q -> {
      assertThat(q.strategy()).isEqualTo(Strategy.RINGALL);
      assertThat(q.timeoutSec()).isEqualTo(7);
      assertThat(q.retrySec()).isEqualTo(5); // app_queue's default retry
    });
  }

  @Test
  void valuesTheSimulatorWouldRunDifferentlyFailLoading() {
    assertThatThrownBy(() -> QueuesConf.load(ConfFile.parse("q.conf", "[q]\nstrategy = linear\n")))
        .hasMessageContaining("q.conf:2").hasMessageContaining("linear");
    assertThatThrownBy(() -> QueuesConf.load(ConfFile.parse("q.conf", "[q]\njoinempty = paused,penalty\n")))
        .hasMessageContaining("joinempty");
    assertThatThrownBy(() -> QueuesConf.load(ConfFile.parse("q.conf", "[q]\ntimeout = soon\n")))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> QueuesConf.load(ConfFile.parse("q.conf", "[q](nosuch)\n")))
        .hasMessageContaining("Inheritance requested, but category 'nosuch' does not exist");
  }
}
