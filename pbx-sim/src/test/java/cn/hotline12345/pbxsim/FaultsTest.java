package cn.hotline12345.pbxsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each fault of the fault API, observed from a real TCP client. */
class FaultsTest {
  static final Duration T = Duration.ofSeconds(10);
  PbxSim sim;

  @BeforeEach
  void start() {
    sim = PbxSim.builder().amiPort(0)
        .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "Agent 1001")))
        .agent(AgentSpec.pjsip("1001").answerAfter(100).talkFor(200))
        .agiTarget("127.0.0.1", 1).timeScale(0.05).seed(3).amiWriteLimits(8 * 1024, 100).build().startBlocking();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  AmiTestClient client() throws Exception {
    return AmiActionsTest.loggedInTo(sim);
  }

  static void awaitTrue(java.util.function.BooleanSupplier cond, String what) throws InterruptedException {
    long end = System.nanoTime() + T.toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out: " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void resetClosesConnectionsAndNewLoginsWork() throws Exception {
    try (AmiTestClient c = client()) {
      sim.faults().resetAmi();
      awaitTrue(c::closedByServer, "connection reset");
    }
    try (AmiTestClient c2 = client()) {
      assertThat(c2.text()).contains("Authentication accepted");
    }
  }

  @Test
  void silentKeepsTheSocketOpenButSaysNothing() throws Exception {
    try (AmiTestClient c = client()) {
      sim.faults().silent(true);
      int before = c.bytes().length;
      c.send("Action: Ping\nActionID: during-silence");
      sim.placeCall(CallerSpec.of("13800138000")).awaitEnd(T);
      c.awaitQuiet(200, T);
      assertThat(c.bytes().length).isEqualTo(before);
      assertThat(c.closedByServer()).isFalse();
      sim.faults().silent(false);
      c.send("Action: Ping\nActionID: after-silence");
      c.awaitContains("ActionID: after-silence\r\nPing: Pong", T);
      assertThat(c.text()).doesNotContain("during-silence");
    }
  }

  @Test
  void ignoredActionsGetNoResponseWhileEventsFlow() throws Exception {
    try (AmiTestClient c = client()) {
      sim.faults().ignoreActions(true);
      c.send("Action: Ping\nActionID: ignored");
      CallHandle call = sim.placeCall(CallerSpec.of("13800138000"));
      c.awaitContains("Uniqueid: " + call.linkedid(), T);
      call.awaitEnd(T);
      assertThat(c.text()).doesNotContain("ActionID: ignored");
      sim.faults().ignoreActions(false);
      c.send("Action: Ping\nActionID: heard");
      c.awaitContains("ActionID: heard", T);
    }
  }

  @Test
  void restartSendsShutdownClosesAndBootsWithLowerUptime() throws Exception {
    long uptimeBefore;
    try (AmiTestClient c = client()) {
      Thread.sleep(150); // let simulated uptime pass a few seconds (time scale 0.05)
      try (AmiTestClient c2 = client()) {
        uptimeBefore = uptime(c2.text());
      }
      assertThat(uptimeBefore).isGreaterThan(0);
      sim.queues().pause("PJSIP/1001", true, "away");
      CallHandle waiting = sim.placeCall(CallerSpec.of("13800138000"));
      c.awaitContains("Event: QueueCallerJoin", T);
      sim.faults().restart(Duration.ofMillis(100));
      assertThat(waiting.awaitEnd(T)).isTrue();
      assertThat(sim.activeChannels()).isEmpty();
      c.awaitContains("Event: Shutdown\r\nPrivilege: system,all\r\nShutdown: Uncleanly\r\nRestart: True\r\n", T);
      awaitTrue(c::closedByServer, "closed by restart");
    }
    try (AmiTestClient c3 = client()) {
      assertThat(uptime(c3.text())).isLessThan(uptimeBefore);
      c3.send("Action: QueueSummary\nActionID: after-restart\nQueue: q-general");
      c3.awaitContains("Callers: 0\r\n", T);
    }
  }

  static long uptime(String text) {
    return Long.parseLong(text.replaceAll("(?s).*Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: (\\d+).*", "$1"));
  }

  @Test
  void duplicatedEventsArriveTwice() throws Exception {
    try (AmiTestClient c = client()) {
      sim.faults().duplicateEvents(true);
      CallHandle call = sim.placeCall(CallerSpec.of("13800138000"));
      String text = c.awaitContains("Event: Hangup\r\n", T);
      sim.faults().duplicateEvents(false);
      int first = text.indexOf("Event: Newchannel\r\n");
      String block = text.substring(first, text.indexOf("\r\n\r\n", first) + 4);
      assertThat(text.indexOf(block, first + block.length())).isEqualTo(first + block.length());
      call.awaitEnd(T);
    }
  }

  @Test
  void malformedOutput() throws Exception {
    try (AmiTestClient c = client()) {
      sim.faults().sendOversizedLine(70_000);
      c.await(t -> t.contains("y".repeat(0) + "x".repeat(70_000) + "\r\n\r\n"), T, "oversized line");
      sim.faults().sendBrokenUtf8();
      awaitTrue(() -> indexOf(c.bytes(), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}) >= 0, "broken utf-8");
      sim.faults().sendMissingHeaders();
      c.awaitContains("Event: Hangup\r\nChannel: PJSIP/trunk-ffffffff\r\n\r\nPrivilege: call,all\r\n", T);
    }
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void clientThatStopsReadingIsDroppedWithoutBlockingOthers() throws Exception {
    Socket stalled = new Socket();
    stalled.setReceiveBufferSize(4096);
    stalled.connect(new java.net.InetSocketAddress("127.0.0.1", sim.amiPort()));
    stalled.getOutputStream().write("Action: Login\r\nUsername: cti\r\nSecret: ctisecret\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    try (AmiTestClient reader = client()) {
      List<CallHandle> calls = new ArrayList<>();
      for (int round = 0; round < 40 && sim.droppedAmiClients() == 0; round++) {
        for (int i = 0; i < 25; i++) {
          calls.add(sim.placeCall(CallerSpec.of("1380013" + String.format("%04d", round * 25 + i))));
        }
        Thread.sleep(50);
      }
      awaitTrue(() -> sim.droppedAmiClients() >= 1, "stalled client dropped");
      for (CallHandle c : calls) {
        assertThat(c.awaitEnd(Duration.ofSeconds(60))).isTrue();
      }
      assertThat(reader.closedByServer()).isFalse();
      reader.send("Action: Ping\nActionID: still-here");
      reader.awaitContains("ActionID: still-here", T);
    } finally {
      stalled.close();
    }
  }

  @Test
  void slowAgiRepliesAreDelayed() throws Exception {
    try (AgiResponder agi = new AgiResponder(List.of("ANSWER", "VERBOSE hello 1"))) {
      PbxSim s2 = PbxSim.builder().amiPort(0).agiTarget("127.0.0.1", agi.port())
          .timeScale(0.05).build().startBlocking();
      try {
        s2.faults().slowAgi(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        s2.placeCall(CallerSpec.of("13800138000").hangupAfter(Duration.ofSeconds(60)));
        awaitTrue(() -> agi.log.contains("< 200 result=1"), "VERBOSE reply");
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(600);
      } finally {
        s2.close();
      }
    }
  }
}
