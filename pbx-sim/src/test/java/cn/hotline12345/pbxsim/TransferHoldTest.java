package cn.hotline12345.pbxsim;

import cn.hotline12345.pbxsim.ami.AmiMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static cn.hotline12345.pbxsim.AmiActionsTest.ask;
import static cn.hotline12345.pbxsim.AmiActionsTest.error;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hold, retrieve, transfers and the agent's own calls, run by the shipped extensions.conf over real AMI. The
 * FastAGI target is closed, so each call takes the dialplan's defaults (q-general) and its survey AGI fails.
 */
class TransferHoldTest {
  static final Duration T = Duration.ofSeconds(20);
  final List<AmiMessage> events = new CopyOnWriteArrayList<>();
  PbxSim sim;

  PbxSim start(AgentSpec... agents) {
    PbxSim.Builder b = PbxSim.builder().amiPort(0).agiTarget("127.0.0.1", 1).eventListener(events::add)
        .timeScale(0.05).seed(3)
        .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "Agent 1001"))
            .timing(5, 1, 0));
    for (AgentSpec a : agents) {
      b.agent(a);
    }
    sim = b.build().startBlocking();
    return sim;
  }

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  AmiMessage await(String what, Predicate<AmiMessage> p) throws InterruptedException {
    FaultsTest.awaitTrue(() -> events.stream().anyMatch(p), what);
    return events.stream().filter(p).findFirst().orElseThrow();
  }

  static Predicate<AmiMessage> event(String name, String channel) {
    return e -> e.name().equals(name) && (channel == null || channel.equals(e.get("Channel")));
  }

  /** A caller connected to agent 1001 through q-general; returns the agent's channel. */
  String connected(CallHandle call) throws InterruptedException {
    return await("AgentConnect", event("AgentConnect", call.channel())).get("DestChannel");
  }

  @Test
  void holdIsADualRedirectAndRetrieveIsTheBridgeAction() throws Exception {
    start(AgentSpec.pjsip("1001").answerAfter(100).talkFor(600_000));
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      CallHandle call = sim.placeCall(CallerSpec.of("13800138000"));
      String caller = call.channel();
      String agent = connected(call);
      assertThat(ask(c, "h1", "Action: Redirect\nChannel: " + caller + "\nContext: hold\nExten: s\nPriority: 1\n"
          + "ExtraChannel: " + agent + "\nExtraContext: agent-hold\nExtraExten: s\nExtraPriority: 1"))
          .isEqualTo(AmiActionsTest.success("h1", "Dual Redirect successful"));
      AmiMessage moh = await("MusicOnHoldStart", event("MusicOnHoldStart", caller));
      assertThat(moh.get("Class")).isEqualTo("default");
      assertThat(moh.get("Context")).isEqualTo("hold");
      await("agent waits in agent-hold", e -> e.name().equals("Newexten") && agent.equals(e.get("Channel"))
          && "agent-hold".equals(e.get("Context")) && "Wait".equals(e.get("Application")));
      // both left the queue's bridge alive: nobody hung up, AgentComplete waits for the call's end
      assertThat(events.stream().filter(event("BridgeLeave", null)).map(e -> e.get("Channel"))).contains(caller, agent);
      assertThat(events.stream().filter(e -> e.name().equals("Hangup"))).isEmpty();
      assertThat(events.stream().filter(e -> e.name().equals("AgentComplete"))).isEmpty();
      assertThat(sim.activeChannels()).contains(caller, agent);

      int before = events.size();
      assertThat(ask(c, "h2v", "Action: Setvar\nChannel: " + caller + "\nVariable: HOTLINE_RETRIEVED\nValue: 1"))
          .startsWith("Response: Success");
      assertThat(ask(c, "h2", "Action: Bridge\nChannel1: " + agent + "\nChannel2: " + caller))
          .isEqualTo(AmiActionsTest.success("h2", "Channels have been bridged"));
      await("MusicOnHoldStop", event("MusicOnHoldStop", caller));
      AmiMessage enter = await("caller back in a bridge", e -> events.indexOf(e) > before
          && e.name().equals("BridgeEnter") && caller.equals(e.get("Channel")));
      assertThat(events.subList(before, events.size())).anySatisfy(e -> {
        assertThat(e.name()).isEqualTo("BridgeEnter");
        assertThat(e.get("Channel")).isEqualTo(agent);
        assertThat(e.get("BridgeUniqueid")).isEqualTo(enter.get("BridgeUniqueid"));
      });

      // the agent hangs up: the caller goes on at hold,s after MusicOnHold (after-bridge goto), to the survey
      assertThat(ask(c, "h3", "Action: Hangup\nChannel: " + agent)).startsWith("Response: Success");
      await("caller runs the survey", e -> e.name().equals("Newexten") && caller.equals(e.get("Channel"))
          && "hold".equals(e.get("Context")) && "AGI".equals(e.get("Application"))
          && e.get("AppData").contains("/survey?pbx="));
      assertThat(call.awaitEnd(T)).isTrue();
      assertThat(events.stream().filter(e -> e.name().equals("AgentComplete")).toList()).singleElement()
          .satisfies(e -> assertThat(e.get("Reason")).isEqualTo("agent"));
      assertThat(sim.activeChannels()).isEmpty();
    }
  }

  @Test
  void redirectingTheCallerAloneHangsTheAgentUpSoTheRetrieveFails() throws Exception {
    start(AgentSpec.pjsip("1001").answerAfter(100).talkFor(600_000));
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      CallHandle call = sim.placeCall(CallerSpec.of("13800138000"));
      String caller = call.channel();
      String agent = connected(call);
      assertThat(ask(c, "r1", "Action: Redirect\nChannel: " + caller + "\nContext: hold\nExten: s\nPriority: 1"))
          .isEqualTo(AmiActionsTest.success("r1", "Redirect successful"));
      await("agent hung up", event("Hangup", agent));
      await("MusicOnHoldStart", event("MusicOnHoldStart", caller));
      assertThat(ask(c, "r2", "Action: Bridge\nChannel1: " + agent + "\nChannel2: " + caller))
          .isEqualTo(error("r2", "Channel1 does not exist: " + agent));
      assertThat(ask(c, "r3", "Action: Hangup\nChannel: " + caller)).startsWith("Response: Success");
      await("MusicOnHoldStop", event("MusicOnHoldStop", caller));
      assertThat(call.awaitEnd(T)).isTrue();
    }
  }

  @Test
  void aBlindTransferToABusyColleagueRingsTheTransferringAgentAgain() throws Exception {
    start(AgentSpec.pjsip("1001").answerAfter(100).talkFor(600_000),
        AgentSpec.pjsip("1002").answerAfter(200).refuse());
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      CallHandle call = sim.placeCall(CallerSpec.of("13800138000"));
      String caller = call.channel();
      connected(call);
      assertThat(ask(c, "t1", "Action: Setvar\nChannel: " + caller + "\nVariable: HOTLINE_RETURN_TO\nValue: 1001"))
          .startsWith("Response: Success");
      assertThat(ask(c, "t2", "Action: Redirect\nChannel: " + caller + "\nContext: agent-transfer\nExten: 1002\n"
          + "Priority: 1")).isEqualTo(AmiActionsTest.success("t2", "Redirect successful"));
      await("1002 busy", e -> e.name().equals("DialEnd") && "BUSY".equals(e.get("DialStatus"))
          && e.get("DestChannel").startsWith("PJSIP/1002-"));
      AmiMessage busy = await("DIALSTATUS BUSY", e -> e.name().equals("VarSet") && caller.equals(e.get("Channel"))
          && "DIALSTATUS".equals(e.get("Variable")) && "BUSY".equals(e.get("Value")));
      AmiMessage back = await("1001 answers the returning caller", e -> events.indexOf(e) > events.indexOf(busy)
          && e.name().equals("DialEnd")
          && caller.equals(e.get("Channel")) && "ANSWER".equals(e.get("DialStatus"))
          && e.get("DestChannel").startsWith("PJSIP/1001-"));
      assertThat(back.get("Context")).isEqualTo("transfer-return");
      assertThat(ask(c, "t3", "Action: Hangup\nChannel: " + back.get("DestChannel"))).startsWith("Response: Success");
      assertThat(call.awaitEnd(T)).isTrue();
    }
  }

  @Test
  void aColleagueAlreadyInACallIsBusyAndAnUnknownExtensionIsUnavailable() throws Exception {
    start(AgentSpec.pjsip("1001").answerAfter(100).talkFor(600_000));
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      CallHandle first = sim.placeCall(CallerSpec.of("13800138000"));
      connected(first);
      sim.queues().pause("PJSIP/1001", true, "busy test");
      CallHandle second = sim.placeCall(CallerSpec.of("13900139000"));
      await("second waits", event("QueueCallerJoin", second.channel()));
      // 1001 is in a call: the transfer to 1001 is BUSY; then no HOTLINE_RETURN_TO: back to q-general
      assertThat(ask(c, "b1", "Action: Redirect\nChannel: " + second.channel() + "\nContext: agent-transfer\n"
          + "Exten: 1001\nPriority: 1")).startsWith("Response: Success");
      await("BUSY", e -> e.name().equals("DialEnd") && second.channel().equals(e.get("Channel"))
          && "BUSY".equals(e.get("DialStatus")));
      await("back in q-general", e -> e.name().equals("QueueCallerJoin") && second.channel().equals(e.get("Channel"))
          && "queue-transfer".equals(e.get("Context")));
      // an extension without a phone: CHANUNAVAIL, no channel created
      assertThat(ask(c, "b2", "Action: Redirect\nChannel: " + second.channel() + "\nContext: agent-transfer\n"
          + "Exten: 1999\nPriority: 1")).startsWith("Response: Success");
      await("CHANUNAVAIL", e -> e.name().equals("VarSet") && second.channel().equals(e.get("Channel"))
          && "CHANUNAVAIL".equals(e.get("Value")));
      assertThat(events.stream().filter(e -> e.name().equals("Newchannel")
          && e.get("Channel").startsWith("PJSIP/1999-"))).isEmpty();
      // and the agent's phone cannot be originated while it is in a call: busy (reason 5)
      c.send("Action: Originate\nActionID: o1\nChannel: PJSIP/1001\nContext: agent-outbound\nExten: 13700137000\n"
          + "Priority: 1\nCallerID: 1001\nAsync: true");
      c.awaitContains("Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: o1\r\nResponse: Failure\r\n", T);
      c.awaitContains("Reason: 5\r\n", T);
    }
  }

  @Test
  void transferOutToABusyEmergencyLineReturnsTheCallerToTheQueue() throws Exception {
    start(AgentSpec.pjsip("1001").answerAfter(100).talkFor(600_000));
    sim.farEnd(FarEndSpec.of("110").answerAfter(500).busy());
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      CallHandle call = sim.placeCall(CallerSpec.of("13800138000"));
      connected(call);
      assertThat(ask(c, "x1", "Action: Redirect\nChannel: " + call.channel() + "\nContext: transfer-out\nExten: 110\n"
          + "Priority: 1")).startsWith("Response: Success");
      AmiMessage begin = await("DialBegin 110", e -> e.name().equals("DialBegin") && call.channel().equals(e.get("Channel"))
          && e.get("DestChannel").startsWith("PJSIP/trunk-"));
      assertThat(begin.get("DialString")).isEqualTo("110@trunk");
      await("BUSY", e -> e.name().equals("DialEnd") && "BUSY".equals(e.get("DialStatus")));
      await("back in the queue", e -> e.name().equals("QueueCallerJoin") && call.channel().equals(e.get("Channel"))
          && "queue-transfer".equals(e.get("Context")));
      assertThat(ask(c, "x2", "Action: Hangup\nChannel: " + call.channel())).startsWith("Response: Success");
      assertThat(call.awaitEnd(T)).isTrue();
    }
  }

  @Test
  void anAnsweredTransferOutEndsWithTheFarEnd() throws Exception {
    start(AgentSpec.pjsip("1001").answerAfter(100).talkFor(600_000));
    sim.farEnd(FarEndSpec.anyNumber().answerAfter(300).talkFor(2000));
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      CallHandle call = sim.placeCall(CallerSpec.of("13800138000"));
      connected(call);
      assertThat(ask(c, "y1", "Action: Redirect\nChannel: " + call.channel() + "\nContext: transfer-out\n"
          + "Exten: 05368888888\nPriority: 1")).startsWith("Response: Success");
      await("answered", e -> e.name().equals("DialEnd") && "ANSWER".equals(e.get("DialStatus"))
          && call.channel().equals(e.get("Channel")));
      assertThat(call.awaitEnd(T)).isTrue();
      // Dial without 'g': the far end hanging up ends the caller, no return to the queue
      assertThat(events.stream().filter(e -> e.name().equals("QueueCallerJoin"))).hasSize(1);
    }
  }

  @Test
  void anAgentsOwnCallIsAnOriginateOfThePhoneThatDialsOutOverTheTrunk() throws Exception {
    start(AgentSpec.pjsip("1001").answerAfter(200).talkFor(600_000));
    sim.farEnd(FarEndSpec.of("13800138000").answerAfter(300).talkFor(1000));
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      c.send("Action: Originate\nActionID: a1\nChannel: PJSIP/1001\nContext: agent-outbound\nExten: 13800138000\n"
          + "Priority: 1\nCallerID: 1001\nTimeout: 30000\nAsync: true");
      c.awaitContains("Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: a1\r\nResponse: Success\r\n", T);
      AmiMessage begin = await("DialBegin", e -> e.name().equals("DialBegin") && e.get("Channel") != null
          && e.get("Channel").startsWith("PJSIP/1001-"));
      assertThat(begin.get("DialString")).isEqualTo("13800138000@trunk");
      assertThat(begin.get("CallerIDNum")).isEqualTo("12345");
      await("far end answers", e -> e.name().equals("DialEnd") && "ANSWER".equals(e.get("DialStatus")));
      FaultsTest.awaitTrue(() -> sim.activeChannels().isEmpty(), "call over");
    }
  }

  @Test
  void blindTransferMovesThePeerAndHangsTheTransfererUp() throws Exception {
    start(AgentSpec.pjsip("1001").answerAfter(100).talkFor(600_000));
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      CallHandle call = sim.placeCall(CallerSpec.of("13800138000"));
      String agent = connected(call);
      assertThat(ask(c, "bt1", "Action: BlindTransfer\nChannel: " + agent + "\nContext: queue-transfer\nExten: q-help"))
          .isEqualTo(AmiActionsTest.success("bt1", "Transfer succeeded"));
      AmiMessage bt = await("BlindTransfer", e -> e.name().equals("BlindTransfer"));
      assertThat(bt.get("Result")).isEqualTo("Success");
      assertThat(bt.get("TransfererChannel")).isEqualTo(agent);
      assertThat(bt.get("TransfereeChannel")).isEqualTo(call.channel());
      assertThat(bt.get("IsExternal")).isEqualTo("Yes");
      assertThat(bt.get("Extension")).isEqualTo("q-help");
      await("agent hung up", event("Hangup", agent));
      await("caller in q-help", e -> e.name().equals("QueueCallerJoin") && "q-help".equals(e.get("Queue")));
      assertThat(events.stream().filter(e -> e.name().equals("AgentComplete")).toList()).singleElement()
          .satisfies(e -> assertThat(e.get("Reason")).isEqualTo("transfer"));
      // a channel outside a bridge cannot blind-transfer: Result Invalid
      assertThat(ask(c, "bt2", "Action: BlindTransfer\nChannel: " + call.channel() + "\nExten: 1002"))
          .isEqualTo(error("bt2", "Transfer invalid"));
      assertThat(ask(c, "bt3", "Action: Hangup\nChannel: " + call.channel())).startsWith("Response: Success");
      assertThat(call.awaitEnd(T)).isTrue();
    }
  }

  @Test
  void attendedTransferConsultsTheColleagueAndCompletesWhenTheAgentHangsUp() throws Exception {
    start(AgentSpec.pjsip("1001").answerAfter(100).talkFor(600_000),
        AgentSpec.pjsip("1002").answerAfter(300).talkFor(600_000));
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      CallHandle call = sim.placeCall(CallerSpec.of("13800138000"));
      String caller = call.channel();
      String agent = connected(call);
      assertThat(ask(c, "at1", "Action: Atxfer\nChannel: " + agent + "\nExten: 1002\nContext: agents"))
          .isEqualTo(AmiActionsTest.success("at1", "Atxfer successfully queued"));
      await("caller on hold", event("MusicOnHoldStart", caller));
      AmiMessage colleague = await("1002 answers", e -> e.name().equals("DialEnd") && "ANSWER".equals(e.get("DialStatus"))
          && e.get("DestChannel").startsWith("PJSIP/1002-"));
      assertThat(colleague.get("Channel")).startsWith("Local/1002@agents-").endsWith(";2");
      assertThat(events.stream().filter(e -> e.name().equals("AttendedTransfer"))).isEmpty();
      assertThat(ask(c, "at2", "Action: Hangup\nChannel: " + agent)).startsWith("Response: Success");
      AmiMessage at = await("AttendedTransfer", e -> e.name().equals("AttendedTransfer"));
      assertThat(at.get("Result")).isEqualTo("Success");
      assertThat(at.get("OrigTransfererChannel")).isEqualTo(agent);
      assertThat(at.get("TransfereeChannel")).isEqualTo(caller);
      assertThat(at.get("TransferTargetChannel")).startsWith("Local/1002@agents-").endsWith(";1");
      assertThat(at.get("DestType")).isEqualTo("Bridge");
      await("MusicOnHoldStop", event("MusicOnHoldStop", caller));
      assertThat(sim.activeChannels()).contains(caller).doesNotContain(agent);
      assertThat(events.stream().filter(e -> e.name().equals("AgentComplete")).toList()).singleElement()
          .satisfies(e -> assertThat(e.get("Reason")).isEqualTo("transfer"));
      // the colleague hangs up: the whole call ends
      assertThat(ask(c, "at3", "Action: Hangup\nChannel: " + colleague.get("DestChannel"))).startsWith("Response: Success");
      assertThat(call.awaitEnd(T)).isTrue();
      FaultsTest.awaitTrue(() -> sim.activeChannels().isEmpty(), "all hung up");
    }
  }

  @Test
  void aBusyColleagueGivesTheAgentBackTheCaller() throws Exception {
    start(AgentSpec.pjsip("1001").answerAfter(100).talkFor(600_000), AgentSpec.pjsip("1002").answerAfter(200).refuse());
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      CallHandle call = sim.placeCall(CallerSpec.of("13800138000"));
      String caller = call.channel();
      String agent = connected(call);
      String bridge = await("queue bridge", event("BridgeEnter", caller)).get("BridgeUniqueid");
      assertThat(ask(c, "ab1", "Action: Atxfer\nChannel: " + agent + "\nExten: 1002\nContext: agents"))
          .startsWith("Response: Success");
      await("busy", e -> e.name().equals("DialEnd") && "BUSY".equals(e.get("DialStatus")));
      await("agent back with the caller", e -> e.name().equals("BridgeEnter") && agent.equals(e.get("Channel"))
          && bridge.equals(e.get("BridgeUniqueid")) && events.indexOf(e) > 0);
      await("MusicOnHoldStop", event("MusicOnHoldStop", caller));
      assertThat(events.stream().filter(e -> e.name().equals("AttendedTransfer"))).isEmpty();
      // the agent hangs up normally later: the caller goes on to the survey after Queue()
      assertThat(ask(c, "ab2", "Action: Hangup\nChannel: " + agent)).startsWith("Response: Success");
      await("survey", e -> e.name().equals("Newexten") && caller.equals(e.get("Channel"))
          && "AGI".equals(e.get("Application")) && e.get("AppData").contains("/survey"));
      assertThat(call.awaitEnd(T)).isTrue();
      assertThat(events.stream().filter(e -> e.name().equals("AgentComplete")).toList()).singleElement()
          .satisfies(e -> assertThat(e.get("Reason")).isEqualTo("agent"));
    }
  }

  @Test
  void withoutAnAtxferFeatureCodeAsteriskRefusesTheAction() throws Exception {
    // the captures' Asterisk had no features.conf: Asterisk 22's default featuremap has no atxfer code
    sim = PbxSim.builder().capturesSetup().amiPort(0).agiTarget("127.0.0.1", 1).timeScale(0.05).build().startBlocking();
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      CallHandle call = sim.placeCall(CallerSpec.of("13800138000").dialed("12346"));
      FaultsTest.awaitTrue(() -> sim.activeChannels().contains(call.channel()), "call up");
      assertThat(ask(c, "nf", "Action: Atxfer\nChannel: " + call.channel() + "\nExten: 1002"))
          .isEqualTo(error("nf", "No attended transfer feature code found"));
    }
  }
}
