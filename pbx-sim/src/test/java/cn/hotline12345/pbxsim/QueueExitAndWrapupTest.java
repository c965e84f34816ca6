package cn.hotline12345.pbxsim;

import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.pbxsim.dialplan.ExtensionsConf;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * app_queue behaviours the demo's traffic relies on: a waiting caller's key to the queue's exit context (the
 * callback offer), a caller's own conversation length, and shared_lastcall's wrap-up across queues.
 */
class QueueExitAndWrapupTest {
  static final Duration T = Duration.ofSeconds(30);
  static final String DIALPLAN = """
      [from-pstn]
      exten => 111,1,Answer()
       same => n,Queue(q-general,t,,,3600)
       same => n,Set(AFTER_QUEUE=1)
       same => n,Hangup()
      exten => 222,1,Answer()
       same => n,Queue(q-consult,t,,,3600)
       same => n,Hangup()
      [callback-offer]
      exten => 1,1,NoOp(callback requested)
       same => n,Set(HOTLINE_CALLBACK=1)
       same => n,Hangup()
      """;

  final List<AmiMessage> events = new CopyOnWriteArrayList<>();

  PbxSim sim(Path queuesConf, QueueConfig... queues) {
    PbxSim.Builder b = PbxSim.builder().amiPort(0).agiTarget("127.0.0.1", 1)
        .dialplan(ExtensionsConf.parse("test.conf", DIALPLAN)).eventListener(events::add).timeScale(0.02).seed(3);
    if (queuesConf != null) {
      b.queuesFile(queuesConf);
    }
    for (QueueConfig q : queues) {
      b.queue(q);
    }
    return b.build().startBlocking();
  }

  List<AmiMessage> named(String n) {
    return events.stream().filter(e -> e.name().equals(n)).toList();
  }

  static QueueConfig.Member m(String ext) {
    return QueueConfig.Member.of("PJSIP/" + ext, "Agent " + ext);
  }

  boolean varSet(String variable, String value) {
    return named("VarSet").stream().anyMatch(e -> variable.equals(e.get("Variable")) && value.equals(e.get("Value")));
  }

  /**
   * app_queue.c valid_exit: "if (!ast_goto_if_exists(qe->chan, qe->context, qe->digits, 1)) { qe->valid_digits = 1;
   * return 1; }" and queue_exec logs EXITWITHKEY, not ABANDON: the caller leaves (QueueCallerLeave) and runs the
   * shipped queues.conf's context = callback-offer, extension 1.
   */
  @Test
  void aWaitingCallersKeyLeavesForTheExitContext() {
    try (PbxSim sim = sim(null, QueueConfig.of("q-general", Strategy.RRMEMORY, m("1001")))) {
      assertThat(sim.queues().pause("PJSIP/1001", true, "meeting")).isTrue();
      CallHandle c = sim.placeCall(CallerSpec.of("13800138000").dialed("111").patience(Duration.ofSeconds(120))
          .pressInQueue("1", Duration.ofSeconds(20)));
      assertThat(c.awaitEnd(T)).isTrue();
      assertThat(named("QueueCallerJoin")).hasSize(1);
      assertThat(named("QueueCallerLeave")).hasSize(1);
      assertThat(named("QueueCallerAbandon")).isEmpty();
      assertThat(varSet("HOTLINE_CALLBACK", "1")).isTrue();
      assertThat(varSet("AFTER_QUEUE", "1")).as("the dialplan continues in the exit context, not after Queue()")
          .isFalse();
      assertThat(named("DTMFBegin")).anySatisfy(e -> assertThat(e.get("Digit")).isEqualTo("1"));
    }
  }

  /** valid_exit: "if (!ast_canmatch_extension(...)) { qe->digits[0] = '\0'; return 0; }": the key is ignored. */
  @Test
  void aKeyWithoutAnExtensionInTheContextIsIgnored() {
    try (PbxSim sim = sim(null, QueueConfig.of("q-general", Strategy.RRMEMORY, m("1001")))) {
      assertThat(sim.queues().pause("PJSIP/1001", true, "meeting")).isTrue();
      CallHandle c = sim.placeCall(CallerSpec.of("13800138000").dialed("111").patience(Duration.ofSeconds(40))
          .pressInQueue("2", Duration.ofSeconds(10)));
      assertThat(c.awaitEnd(T)).isTrue();
      assertThat(named("QueueCallerAbandon")).as("stayed until the patience ran out").hasSize(1);
      assertThat(varSet("HOTLINE_CALLBACK", "1")).isFalse();
    }
  }

  /** valid_exit: "if (ast_strlen_zero(qe->context)) return 0;": a queue without a context ignores every key. */
  @Test
  void aQueueWithoutAContextIgnoresKeys() {
    QueueConfig.Options noContext = new QueueConfig.Options(false, true, true, true, 20, 0, "", "default");
    try (PbxSim sim = sim(null, QueueConfig.of("q-general", Strategy.RRMEMORY, m("1001")).withOptions(noContext))) {
      assertThat(sim.queues().pause("PJSIP/1001", true, "meeting")).isTrue();
      CallHandle c = sim.placeCall(CallerSpec.of("13800138000").dialed("111").patience(Duration.ofSeconds(40))
          .pressInQueue("1", Duration.ofSeconds(10)));
      assertThat(c.awaitEnd(T)).isTrue();
      assertThat(named("QueueCallerAbandon")).hasSize(1);
      assertThat(varSet("HOTLINE_CALLBACK", "1")).isFalse();
    }
  }

  @Test
  void aCallerBringsTheirOwnConversationLengthAndTheAgentEndsIt() {
    try (PbxSim sim = sim(null, QueueConfig.of("q-general", Strategy.RRMEMORY, m("1001")))) {
      sim.agents().add(AgentSpec.pjsip("1001").answerAfter(500).talkFor(100_000));
      CallHandle c = sim.placeCall(CallerSpec.of("13800138000").dialed("111").talk(Duration.ofSeconds(7)));
      assertThat(c.awaitEnd(T)).isTrue();
      assertThat(named("AgentComplete")).singleElement().satisfies(e -> {
        assertThat(Integer.parseInt(e.get("TalkTime"))).isBetween(6, 8);
        assertThat(e.get("Reason")).isEqualTo("agent");
      });
    }
  }

  /**
   * app_queue.c update_queue with shared_lastcall: every queue's entry of the member gets the new lastcall and
   * lastqueue; can_ring_entry then waits get_wrapuptime(memberp->lastqueue, ...). The shipped queues.conf sets
   * shared_lastcall = yes and wrapuptime = 10: a call just ended in q-general keeps the agent from q-consult too.
   */
  @Test
  void wrapUpCountsInEveryQueueWithSharedLastcall() {
    assertThat(holdOfSecondCall(null)).isBetween(8, 11);
  }

  @Test
  void withoutSharedLastcallTheOtherQueueRingsAtOnce() throws Exception {
    Path conf = Files.createTempFile("queues", ".conf");
    Files.writeString(conf, """
        [general]
        shared_lastcall = no
        [q-general]
        [q-consult]
        """);
    try {
      assertThat(holdOfSecondCall(conf)).isBetween(0, 1);
    } finally {
      Files.delete(conf);
    }
  }

  private int holdOfSecondCall(Path queuesConf) {
    events.clear();
    try (PbxSim sim = sim(queuesConf, new QueueConfig("q-general", Strategy.RRMEMORY, 20, 2, 10, List.of(m("1001"))),
        new QueueConfig("q-consult", Strategy.RRMEMORY, 20, 2, 10, List.of(m("1001"))))) {
      sim.agents().add(AgentSpec.pjsip("1001").answerAfter(100).talkFor(1_000));
      assertThat(sim.placeCall(CallerSpec.of("13800138000").dialed("111")).awaitEnd(T)).isTrue();
      assertThat(sim.placeCall(CallerSpec.of("13900139000").dialed("222")).awaitEnd(T)).isTrue();
      List<AmiMessage> connects = named("AgentConnect");
      assertThat(connects).hasSize(2);
      return Integer.parseInt(connects.get(1).get("HoldTime"));
    }
  }
}
