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
 * A supervisor's phone originated into ChanSpy (issue 23), as Asterisk 22 runs it over the shipped manager.conf.
 *
 * <p>The options the server sends, from apps/app_chanspy.c: {@code q} "Don't play a beep when beginning to spy on a
 * channel, or speak the selected channel name"; {@code w} "Enable whisper mode, so the spying channel can talk to the
 * spied-on channel"; {@code B} "Instead of whispering on a single channel barge in on both channels involved in the
 * call"; {@code E} "Exit when the spied-on channel hangs up"; {@code S} "Stop when no more channels are left to spy
 * on". Without S, common_exec goes round its loop ({@code waitms = 100}) until a matching channel appears.
 */
class ChanSpyTest {
  static final Duration T = Duration.ofSeconds(20);
  final List<AmiMessage> events = new CopyOnWriteArrayList<>();
  PbxSim sim;

  void start() {
    sim = PbxSim.builder().amiPort(0).agiTarget("127.0.0.1", 1).eventListener(events::add).timeScale(0.05).seed(5)
        .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "Agent 1001"))
            .timing(5, 1, 0))
        .agent(AgentSpec.pjsip("1001").answerAfter(100).talkFor(600_000))
        .agent(AgentSpec.pjsip("2001").answerAfter(100).talkFor(600_000))
        .build().startBlocking();
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

  static String spy(String ext, String data) {
    return "Action: Originate\nChannel: PJSIP/" + ext + "\nApplication: ChanSpy\nData: " + data
        + "\nCallerID: \"监听 1001\" <1001>\nAsync: true";
  }

  @Test
  void listensToTheAgentsCallAndLeavesWithIt() throws Exception {
    start();
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      CallHandle call = sim.placeCall(CallerSpec.of("13800138000"));
      String agent = await("AgentConnect", e -> e.name().equals("AgentConnect")).get("DestChannel");
      assertThat(ask(c, "s1", spy("2001", "PJSIP/1001-,qES")))
          .isEqualTo(AmiActionsTest.success("s1", "Originate successfully queued"));
      AmiMessage resp = await("OriginateResponse", e -> e.name().equals("OriginateResponse") && "s1".equals(e.get("ActionID")));
      // manager.c fast_originate, the Application form: Application and Data instead of Context and Exten
      assertThat(resp.get("Response")).isEqualTo("Success");
      assertThat(resp.get("Application")).isEqualTo("ChanSpy");
      assertThat(resp.get("Data")).isEqualTo("PJSIP/1001-,qES");
      assertThat(resp.get("Reason")).isEqualTo("4");
      assertThat(resp.get("Context")).isNull();
      String spyer = resp.get("Channel");
      assertThat(spyer).startsWith("PJSIP/2001-");
      await("the supervisor's phone is up", e -> e.name().equals("Newstate") && spyer.equals(e.get("Channel"))
          && "Up".equals(e.get("ChannelStateDesc")));
      AmiMessage start = await("ChanSpyStart", e -> e.name().equals("ChanSpyStart"));
      assertThat(start.get("SpyerChannel")).isEqualTo(spyer);
      assertThat(start.get("SpyeeChannel")).isEqualTo(agent);
      assertThat(start.get("Privilege")).isEqualTo("call,all");

      assertThat(ask(c, "h1", "Action: Hangup\nChannel: " + call.channel())).startsWith("Response: Success");
      AmiMessage stop = await("ChanSpyStop", e -> e.name().equals("ChanSpyStop"));
      assertThat(stop.get("SpyeeChannel")).isEqualTo(agent);
      // E: the spied-on channel hung up, ChanSpy exits, the supervisor's phone hangs up
      await("spyer hung up", e -> e.name().equals("Hangup") && spyer.equals(e.get("Channel")));
      assertThat(events.indexOf(stop)).isLessThan(events.indexOf(
          events.stream().filter(e -> e.name().equals("Hangup") && spyer.equals(e.get("Channel"))).findFirst().orElseThrow()));
    }
  }

  @Test
  void withoutAChannelToSpyOnItWaitsAndStartsWhenOneAppears() throws Exception {
    start();
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      // no S: ChanSpy loops until a PJSIP/1001- channel exists
      assertThat(ask(c, "w1", spy("2001", "PJSIP/1001-,qE"))).contains("Originate successfully queued");
      String spyer = await("up", e -> e.name().equals("OriginateResponse")).get("Channel");
      assertThat(sim.activeChannels()).contains(spyer);
      assertThat(events.stream().filter(e -> e.name().equals("ChanSpyStart"))).isEmpty();
      sim.placeCall(CallerSpec.of("13800138000"));
      String agent = await("AgentConnect", e -> e.name().equals("AgentConnect")).get("DestChannel");
      AmiMessage start = await("ChanSpyStart", e -> e.name().equals("ChanSpyStart"));
      assertThat(start.get("SpyeeChannel")).isEqualTo(agent);
      // the supervisor hangs up: ChanSpyStop before the spyer's Hangup
      assertThat(ask(c, "h2", "Action: Hangup\nChannel: " + spyer)).startsWith("Response: Success");
      await("ChanSpyStop", e -> e.name().equals("ChanSpyStop") && spyer.equals(e.get("SpyerChannel")));
      await("spyer hung up", e -> e.name().equals("Hangup") && spyer.equals(e.get("Channel")));
      assertThat(sim.activeChannels()).doesNotContain(spyer);
    }
  }

  @Test
  void withSItStopsAtOnceWhenNothingIsThere() throws Exception {
    start();
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      assertThat(ask(c, "n1", spy("2001", "PJSIP/1001-,qES"))).contains("Originate successfully queued");
      String spyer = await("answered", e -> e.name().equals("OriginateResponse")).get("Channel");
      await("hung up", e -> e.name().equals("Hangup") && spyer.equals(e.get("Channel")));
      assertThat(events.stream().filter(e -> e.name().startsWith("ChanSpy"))).isEmpty();
    }
  }

  @Test
  void anUnknownPhoneFailsWithReasonZero() throws Exception {
    start();
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      assertThat(ask(c, "u1", spy("2999", "PJSIP/1001-,q"))).contains("Originate successfully queued");
      AmiMessage resp = await("failure", e -> e.name().equals("OriginateResponse"));
      assertThat(resp.get("Response")).isEqualTo("Failure");
      // pbx.c pbx_dial_reason: "Call Failure (not BUSY, and not NO_ANSWER, maybe Circuit busy or down?)" = 0;
      // fast_originate: no channel, so "Channel: <tech>/<data>" and "Uniqueid: <unknown>"
      assertThat(resp.get("Reason")).isEqualTo("0");
      assertThat(resp.get("Channel")).isEqualTo("PJSIP/2999");
      assertThat(resp.get("Uniqueid")).isEqualTo("<unknown>");
      assertThat(events.stream().filter(e -> e.name().equals("Newchannel"))).isEmpty();
    }
  }

  @Test
  void withoutTheOriginateRightOrForASystemApplicationItIsRefused() throws Exception {
    try (PbxSim s = ManagerRulesOverTcpTest.sim(ManagerRulesOverTcpTest.variant("write = call,agent,originate,reporting",
        "write = call,agent,reporting"), events::add); AmiTestClient c = AmiActionsTest.loggedInTo(s)) {
      // manager.c process_message: the action's authority (originate) is not in writeperm
      assertThat(ask(c, "p1", spy("1001", "PJSIP/1001-,q"))).isEqualTo(error("p1", "Permission denied"));
    }
    start();
    try (AmiTestClient c = AmiActionsTest.loggedInTo(sim)) {
      // the shipped user has originate but not system: is_originate_app_permitted refuses System and SHELL in Data
      assertThat(ask(c, "p2", "Action: Originate\nChannel: PJSIP/2001\nApplication: System\nData: id\nAsync: true"))
          .isEqualTo(error("p2", "Originate Access Forbidden: app or data blacklisted"));
      assertThat(ask(c, "p3", "Action: Originate\nChannel: PJSIP/2001\nApplication: Verbose\nData: ${SHELL(id)}\nAsync: true"))
          .isEqualTo(error("p3", "Originate Access Forbidden: app or data blacklisted"));
      assertThat(events.stream().filter(e -> e.name().equals("Newchannel"))).isEmpty();
    }
  }
}
