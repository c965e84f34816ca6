package cn.hotline12345.pbxsim;

import cn.hotline12345.pbxsim.ami.AmiMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Queue behaviour: strategies, refusals, ring timeouts, pauses, abandons. */
class QueueTest {
  static final Duration T = Duration.ofSeconds(30);
  final List<AmiMessage> events = new CopyOnWriteArrayList<>();

  PbxSim sim(QueueConfig q, AgentSpec... agents) {
    PbxSim.Builder b = PbxSim.builder().amiPort(0).agiTarget("127.0.0.1", 1)
        .queue(q).eventListener(events::add).timeScale(0.02).seed(11);
    for (AgentSpec a : agents) {
      b.agent(a);
    }
    return b.build().startBlocking();
  }

  static QueueConfig.Member m(String ext) {
    return QueueConfig.Member.of("PJSIP/" + ext, "Agent " + ext);
  }

  List<String> called() {
    return events.stream().filter(e -> e.name().equals("AgentCalled")).map(e -> e.get("Interface")).toList();
  }

  List<AmiMessage> named(String n) {
    return events.stream().filter(e -> e.name().equals(n)).toList();
  }

  void callsInTurn(PbxSim sim, int n) {
    for (int i = 0; i < n; i++) {
      assertThat(sim.placeCall(CallerSpec.of("1380000000" + i)).awaitEnd(T)).isTrue();
    }
  }

  @Test
  void rrmemoryRotates() {
    try (PbxSim sim = sim(QueueConfig.of("q-general", Strategy.RRMEMORY, m("1001"), m("1002"), m("1003")))) {
      callsInTurn(sim, 4);
      assertThat(called()).containsExactly("PJSIP/1001", "PJSIP/1002", "PJSIP/1003", "PJSIP/1001");
      assertThat(named("AgentComplete")).hasSize(4);
      assertThat(sim.activeChannels()).isEmpty();
    }
  }

  @Test
  void ringallRingsEveryoneAndCancelsTheRest() {
    try (PbxSim sim = sim(QueueConfig.of("q-general", Strategy.RINGALL, m("1001"), m("1002")),
        AgentSpec.pjsip("1001").answerAfter(3000), AgentSpec.pjsip("1002").answerAfter(500).talkFor(1000))) {
      callsInTurn(sim, 1);
      assertThat(called()).containsExactlyInAnyOrder("PJSIP/1001", "PJSIP/1002");
      assertThat(named("AgentConnect")).singleElement().satisfies(e -> assertThat(e.get("Interface")).isEqualTo("PJSIP/1002"));
      assertThat(named("DialEnd")).anySatisfy(e -> assertThat(e.get("DialStatus")).isEqualTo("CANCEL"));
    }
  }

  @Test
  void fewestcallsAndLeastrecentPreferTheIdlerAgent() {
    for (Strategy s : List.of(Strategy.FEWESTCALLS, Strategy.LEASTRECENT)) {
      events.clear();
      try (PbxSim sim = sim(QueueConfig.of("q-general", s, m("1001"), m("1002")).timing(15, 1, 0),
          AgentSpec.pjsip("1001").answerAfter(100).talkFor(500), AgentSpec.pjsip("1002").answerAfter(100).talkFor(500))) {
        callsInTurn(sim, 3);
        List<String> c = called();
        assertThat(c.get(1)).as(s.name()).isNotEqualTo(c.get(0));
        assertThat(c.get(2)).as(s.name()).isEqualTo(c.get(0));
      }
    }
  }

  @Test
  void refusingAgentGetsRingNoAnswerAndTheNextIsTried() {
    try (PbxSim sim = sim(QueueConfig.of("q-general", Strategy.RRMEMORY, m("1001"), m("1002")),
        AgentSpec.pjsip("1001").answerAfter(200).refuse(), AgentSpec.pjsip("1002").answerAfter(200).talkFor(500))) {
      callsInTurn(sim, 1);
      assertThat(called()).startsWith("PJSIP/1001", "PJSIP/1002");
      assertThat(named("AgentRingNoAnswer")).first().satisfies(e -> assertThat(e.get("Interface")).isEqualTo("PJSIP/1001"));
      assertThat(named("DialEnd")).anySatisfy(e -> assertThat(e.get("DialStatus")).isEqualTo("BUSY"));
      assertThat(named("AgentConnect")).singleElement().satisfies(e -> assertThat(e.get("Interface")).isEqualTo("PJSIP/1002"));
    }
  }

  @Test
  void unansweredRingTimesOutAfterTheQueueTimeout() {
    try (PbxSim sim = sim(QueueConfig.of("q-general", Strategy.RRMEMORY, m("1001"), m("1002")).timing(5, 1, 0),
        AgentSpec.pjsip("1001").noAnswer(), AgentSpec.pjsip("1002").answerAfter(200).talkFor(500))) {
      callsInTurn(sim, 1);
      assertThat(named("AgentRingNoAnswer")).first().satisfies(e -> {
        assertThat(e.get("Interface")).isEqualTo("PJSIP/1001");
        assertThat(Integer.parseInt(e.get("RingTime"))).isBetween(4, 6);
      });
      assertThat(named("DialEnd")).anySatisfy(e -> assertThat(e.get("DialStatus")).isEqualTo("NOANSWER"));
      assertThat(named("AgentConnect")).hasSize(1);
    }
  }

  @Test
  void pausedMembersAreSkippedAndCallersAbandonAfterTheirPatience() {
    try (PbxSim sim = sim(QueueConfig.of("q-general", Strategy.RRMEMORY, m("1001")))) {
      assertThat(sim.queues().pause("PJSIP/1001", true, "lunch")).isTrue();
      CallHandle c = sim.placeCall(CallerSpec.of("13800138000").patience(Duration.ofSeconds(10)));
      assertThat(c.awaitEnd(T)).isTrue();
      assertThat(called()).isEmpty();
      assertThat(named("QueueMemberPause")).singleElement().satisfies(e -> assertThat(e.get("PausedReason")).isEqualTo("lunch"));
      assertThat(named("QueueCallerAbandon")).singleElement().satisfies(e ->
          assertThat(Integer.parseInt(e.get("HoldTime"))).isBetween(9, 12));
      assertThat(sim.queues().pause("PJSIP/9999", true, null)).isFalse();
    }
  }

  @Test
  void waitingCallersGetPositionsAndCounts() throws Exception {
    try (PbxSim sim = sim(QueueConfig.of("q-general", Strategy.RRMEMORY, m("1001")),
        AgentSpec.pjsip("1001").answerAfter(100).talkFor(2000))) {
      CallHandle first = sim.placeCall(CallerSpec.of("13800000001"));
      long end = System.nanoTime() + T.toNanos();
      while (named("AgentConnect").isEmpty() && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      CallHandle second = sim.placeCall(CallerSpec.of("13800000002"));
      CallHandle third = sim.placeCall(CallerSpec.of("13800000003"));
      assertThat(first.awaitEnd(T) && second.awaitEnd(T) && third.awaitEnd(T)).isTrue();
      List<AmiMessage> joins = named("QueueCallerJoin");
      assertThat(joins).extracting(e -> e.get("Position")).containsExactly("1", "1", "2");
      assertThat(joins).extracting(e -> e.get("Count")).containsExactly("1", "1", "2");
    }
  }
}
