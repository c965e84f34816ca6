package cn.hotline12345.pbxsim;

import cn.hotline12345.pbxsim.ami.AmiMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Outbound Originate (revisit), AMI Hangup and Redirect on live calls. */
class OriginateRedirectTest {
  static final Duration T = Duration.ofSeconds(20);

  @Test
  void revisitOriginateRunsTheRevisitScriptWithTheMatter() throws Exception {
    List<AmiMessage> events = new CopyOnWriteArrayList<>();
    try (AgiResponder agi = new AgiResponder(List.of("GET VARIABLE HOTLINE_MATTER"))) {
      PbxSim sim = PbxSim.builder().amiPort(0).agiTarget("127.0.0.1", agi.port())
          .eventListener(events::add).timeScale(0.05).build().startBlocking();
      try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
        c.send("Action: Originate\nActionID: rv-1\nChannel: PJSIP/13800138000@trunk\nContext: revisit\nExten: s\n"
            + "Priority: 1\nVariable: HOTLINE_MATTER=WF-2026-000123\nAsync: true");
        c.awaitContains("Response: Success\r\nActionID: rv-1\r\nMessage: Originate successfully queued\r\n", T);
        c.awaitContains("Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: rv-1\r\nResponse: Success\r\n", T);
        FaultsTest.awaitTrue(() -> agi.log.contains("< 200 result=1 (WF-2026-000123)"), "revisit AGI");
        // no pbxId given to the simulator: HOTLINE_PBX is empty, the server falls back to its only PBX
        assertThat(agi.log).contains("< agi_network_script: revisit?pbx=");
        FaultsTest.awaitTrue(() -> events.stream().anyMatch(e -> e.name().equals("Hangup")), "revisit call ends");
      } finally {
        sim.close();
      }
    }
  }

  @Test
  void amiHangupAndRedirectActOnLiveChannels() throws Exception {
    List<AmiMessage> events = new CopyOnWriteArrayList<>();
    PbxSim sim = PbxSim.builder().amiPort(0).agiTarget("127.0.0.1", 1)
        .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "Agent 1001")))
        .eventListener(events::add).timeScale(0.05).build().startBlocking();
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      sim.queues().pause("PJSIP/1001", true, "away");
      CallHandle waiting = sim.placeCall(CallerSpec.of("13800138000"));
      c.awaitContains("Event: QueueCallerJoin", T);
      c.send("Action: Redirect\nActionID: r1\nChannel: " + waiting.channel() + "\nContext: agents\nExten: 1001\nPriority: 1");
      c.awaitContains("Response: Success\r\nActionID: r1\r\nMessage: Redirect successful\r\n", T);
      c.awaitContains("Event: QueueCallerLeave", T);
      FaultsTest.awaitTrue(() -> events.stream().anyMatch(e -> e.name().equals("Newexten")
          && waiting.channel().equals(e.get("Channel")) && "agents".equals(e.get("Context"))), "redirected");
      assertThat(waiting.awaitEnd(T)).isTrue();

      CallHandle second = sim.placeCall(CallerSpec.of("13900139000"));
      c.awaitContains("Channel: " + second.channel(), T);
      c.send("Action: Hangup\nActionID: h1\nChannel: " + second.channel() + "\nCause: 16");
      c.awaitContains("Response: Success\r\nActionID: h1\r\nMessage: Channel Hungup\r\n", T);
      assertThat(second.awaitEnd(T)).isTrue();
      assertThat(sim.activeChannels()).isEmpty();
    } finally {
      sim.close();
    }
  }
}
