package cn.hotline12345.pbxsim;

import cn.hotline12345.pbxsim.ami.AmiMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** FastAGI towards the server with the production-shaped (hotline) dialplan. */
class AgiTest {
  static final Duration T = Duration.ofSeconds(20);

  static PbxSim sim(int agiPort, List<AmiMessage> events) {
    return PbxSim.builder().amiPort(0).agiTarget("127.0.0.1", agiPort).pbxId("east")
        .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "Agent 1001")))
        .queue(QueueConfig.of("q-complaint", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1002", "Agent 1002")))
        .agent(AgentSpec.pjsip("1001").answerAfter(200).talkFor(1000))
        .agent(AgentSpec.pjsip("1002").answerAfter(200).talkFor(1000))
        .eventListener(events::add).timeScale(0.1).seed(5).build().startBlocking();
  }

  static List<String> replies(List<String> log) {
    return log.stream().filter(l -> l.startsWith("< ") && !l.startsWith("< agi_") && !l.equals("< ")).toList();
  }

  @Test
  void commandRepliesInAsteriskWordingAndVariablesDriveTheDialplan() throws Exception {
    List<String> cmds = List.of("ANSWER", "STREAM FILE welcome \"\"", "GET DATA menu 3000 1", "WAIT FOR DIGIT 100",
        "GET VARIABLE NOT_SET", "GET FULL VARIABLE ${CALLERID(num)}-${CALLERID(name)}", "CHANNEL STATUS",
        "SAY NUMBER abc \"\"", "SAY DIGITS 12 \"\"", "NO SUCH COMMAND", "VERBOSE \"hi\" 1", "EXEC NoOp x",
        "RECORD FILE msg wav # 100", "SET VARIABLE HOTLINE_QUEUE q-complaint", "SET VARIABLE HOTLINE_PRIORITY 5");
    List<AmiMessage> events = new CopyOnWriteArrayList<>();
    try (AgiResponder agi = new AgiResponder(cmds)) {
      PbxSim sim = sim(agi.port(), events);
      try {
        CallHandle call = sim.placeCall(CallerSpec.of("13800138000").name("张三").digits("1"));
        assertThat(call.awaitEnd(T)).isTrue();
        List<String> keys = agi.log.stream().filter(l -> l.startsWith("< agi_"))
            .map(l -> l.substring(2, l.indexOf(':'))).toList();
        String s1 = new String(FidelityTest.resource("s1-ivr-queue-answered.agi"), java.nio.charset.StandardCharsets.UTF_8);
        List<String> refKeys = java.util.Arrays.stream(s1.split("\n")).filter(l -> l.startsWith("< agi_"))
            .map(l -> l.substring(2, l.indexOf(':'))).toList();
        assertThat(keys.subList(0, refKeys.size())).isEqualTo(refKeys);
        assertThat(agi.log).contains("< agi_calleridname: 张三", "< agi_network_script: hotline?pbx=east",
            "< agi_channel: " + call.channel());
        List<String> firstSession = replies(agi.log).subList(0, 17);
        assertThat(firstSession).containsExactly("< 200 result=0", "< 200 result=0 endpos=3520",
            "< 200 result=1", "< 200 result=0", "< 200 result=0", "< 200 result=1 (13800138000-张三)",
            "< 200 result=6", "< 520-Invalid command syntax.  Proper usage follows:",
            "<  Usage: SAY NUMBER <number> <escape digits>", "< 520 End of proper usage.", "< 200 result=0",
            "< 510 Invalid or unknown command", "< 200 result=1", "< 200 result=0", "< 200 result=0 (timeout) endpos=800",
            "< 200 result=1", "< 200 result=1");
        // the dialplan read HOTLINE_QUEUE and HOTLINE_PRIORITY after the AGI returned
        assertThat(events).anySatisfy(e -> {
          assertThat(e.name()).isEqualTo("QueueCallerJoin");
          assertThat(e.get("Queue")).isEqualTo("q-complaint");
        });
        assertThat(events).anySatisfy(e -> {
          assertThat(e.name()).isEqualTo("VarSet");
          assertThat(e.get("Variable")).isEqualTo("QUEUE_PRIO");
          assertThat(e.get("Value")).isEqualTo("5");
        });
        assertThat(events).anySatisfy(e -> assertThat(e.name()).isEqualTo("AgentComplete"));
        // /survey ran after the agent answered
        assertThat(agi.log).contains("< agi_network_script: survey?pbx=east");
      } finally {
        sim.close();
      }
    }
  }

  @Test
  void hangupDuringGetDataThenHangupLineThen511() throws Exception {
    List<String> cmds = List.of("ANSWER", "GET DATA menu 60000 4", "STREAM FILE x \"\"", "SET VARIABLE A 1",
        "GET VARIABLE A");
    List<AmiMessage> events = new CopyOnWriteArrayList<>();
    try (AgiResponder agi = new AgiResponder(cmds, false)) {
      PbxSim sim = sim(agi.port(), events);
      try {
        CallHandle call = sim.placeCall(CallerSpec.of("15000150000").hangupAfter(Duration.ofSeconds(2)));
        assertThat(call.awaitEnd(T)).isTrue();
        assertThat(replies(agi.log)).containsExactly("< 200 result=0", "< 200 result=-1", "< HANGUP",
            "< " + "511 Command Not Permitted on a dead channel or intercept routine", "< 200 result=1",
            "< 200 result=1 (1)");
        assertThat(events).anySatisfy(e -> {
          assertThat(e.get("Variable")).isEqualTo("AGISTATUS");
          assertThat(e.get("Value")).isEqualTo("HANGUP");
        });
        assertThat(events).noneSatisfy(e -> assertThat(e.name()).isEqualTo("QueueCallerJoin"));
      } finally {
        sim.close();
      }
    }
  }

  @Test
  void hotlineNextHangupSkipsTheQueue() throws Exception {
    List<AmiMessage> events = new CopyOnWriteArrayList<>();
    try (AgiResponder agi = new AgiResponder(List.of("SET VARIABLE HOTLINE_NEXT hangup"))) {
      PbxSim sim = sim(agi.port(), events);
      try {
        assertThat(sim.placeCall(CallerSpec.of("13800138000")).awaitEnd(T)).isTrue();
        assertThat(events).noneSatisfy(e -> assertThat(e.name()).isEqualTo("QueueCallerJoin"));
        assertThat(events).anySatisfy(e -> {
          assertThat(e.name()).isEqualTo("Newexten");
          assertThat(e.get("Application")).isEqualTo("Hangup");
        });
      } finally {
        sim.close();
      }
    }
  }

  @Test
  void unreachableAgiServerGivesFailureAndTheCallStillQueues() throws Exception {
    List<AmiMessage> events = new CopyOnWriteArrayList<>();
    PbxSim sim = sim(1, events);
    try {
      assertThat(sim.placeCall(CallerSpec.of("13800138000")).awaitEnd(T)).isTrue();
      assertThat(events).anySatisfy(e -> {
        assertThat(e.get("Variable")).isEqualTo("AGISTATUS");
        assertThat(e.get("Value")).isEqualTo("FAILURE");
      });
      assertThat(events).anySatisfy(e -> assertThat(e.name()).isEqualTo("AgentConnect"));
    } finally {
      sim.close();
    }
  }
}
