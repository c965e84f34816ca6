package cn.hotline12345.pbxsim;

import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.pbxsim.dialplan.Dialplan;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One test per manager.conf mistake that a real Asterisk 22 punishes, each with a variant of the shipped file over
 * real TCP, and the rules of main/manager.c they rest on.
 */
class ManagerRulesOverTcpTest {
  static final Duration T = Duration.ofSeconds(20);

  static String shipped() throws Exception {
    return Files.readString(ShippedManagerConfTest.SHIPPED);
  }

  /** The shipped file with one line replaced (the line must be there). */
  static String variant(String line, String replacement) throws Exception {
    String s = shipped();
    assertThat(s).contains(line + "\n");
    return s.replace(line + "\n", replacement + "\n");
  }

  static PbxSim sim(String conf) {
    return sim(conf, e -> { });
  }

  static PbxSim sim(String conf, Consumer<AmiMessage> listener) {
    return PbxSim.builder().managerConf(conf).amiPort(0).dialplan(Dialplan.hotline()).agiTarget("127.0.0.1", 1)
        .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "Agent 1001")))
        .agent(AgentSpec.pjsip("1001").answerAfter(200).talkFor(3000)).eventListener(listener::accept)
        .timeScale(0.05).seed(9).build().startBlocking();
  }

  static String error(String id, String message) {
    return "Response: Error\r\nActionID: " + id + "\r\nMessage: " + message + "\r\n\r\n";
  }

  /** Logs in and returns everything received up to and including the answer to a Ping sent after the login. */
  static String loginThenPing(AmiTestClient c, String extra) throws Exception {
    c.send("Action: Login\nActionID: login-1\nUsername: cti\nSecret: ctisecret" + extra);
    c.awaitContains("Message: Authentication accepted\r\n\r\n", T);
    // responses come in order: once the Ping is answered, whatever the login was going to bring has come
    c.send("Action: Ping\nActionID: ping-1");
    return c.awaitContains("ActionID: ping-1\r\nPing: Pong", T);
  }

  /** The mistake of issue 17: a read= without system. action_login sends FullyBooted only
   * {@code if ((s->session->send_events & EVENT_FLAG_SYSTEM) && ast_fully_booted)}. */
  @Test
  void withoutSystemInReadNoFullyBootedEverComes() throws Exception {
    try (PbxSim sim = sim(variant("read = system,call,agent,dialplan", "read = call,agent,user,dialplan"));
         AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      assertThat(loginThenPing(c, "")).doesNotContain("FullyBooted");
    }
    try (PbxSim sim = sim(shipped()); AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      assertThat(loginThenPing(c, "")).contains("Message: Authentication accepted\r\n\r\nEvent: FullyBooted\r\n"
          + "Privilege: system,all\r\nUptime: ");
    }
  }

  /** authenticate(): an Events header sets send_events = readperm & mask; "off" is 0, so no FullyBooted either. */
  @Test
  void eventsOffOrAMaskWithoutSystemAlsoLosesFullyBooted() throws Exception {
    try (PbxSim sim = sim(shipped()); AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      assertThat(loginThenPing(c, "\nEvents: off")).doesNotContain("FullyBooted");
      sim.placeCall(CallerSpec.of("13800138000")).awaitEnd(T);
      c.send("Action: Ping\nActionID: ping-2");
      assertThat(c.awaitContains("ActionID: ping-2\r\n", T)).doesNotContain("Event: Newchannel");
    }
    try (PbxSim sim = sim(shipped()); AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      assertThat(loginThenPing(c, "\nEvents: call")).doesNotContain("FullyBooted");
      CallHandle h = sim.placeCall(CallerSpec.of("13800138000"));
      c.awaitContains("Event: Newchannel", T);
      assertThat(h.awaitEnd(T)).isTrue();
      c.send("Action: Ping\nActionID: ping-2");
      assertThat(c.awaitContains("ActionID: ping-2\r\n", T)).doesNotContain("Event: QueueCallerJoin")
          .doesNotContain("Event: VarSet");
    }
  }

  /** process_message: {@code (writeperm & act_found->authority) || act_found->authority == 0}, else "Permission
   * denied"; Originate is registered with EVENT_FLAG_ORIGINATE. */
  @Test
  void withoutOriginateInWriteOriginateIsPermissionDenied() throws Exception {
    try (PbxSim sim = sim(variant("write = call,agent,originate,reporting", "write = call,agent,reporting"));
         AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      loginThenPing(c, "");
      c.send("Action: Originate\nActionID: o1\nChannel: PJSIP/13800138000@trunk\nContext: revisit\nExten: s\n"
          + "Priority: 1\nAsync: true");
      assertThat(c.awaitContains("ActionID: o1\r\n", T)).endsWith(error("o1", "Permission denied"));
      // no ActionID in the request: none in the answer (astman_send_response_full)
      c.send("Action: Originate\nChannel: PJSIP/1@trunk");
      c.awaitContains("Response: Error\r\nMessage: Permission denied\r\n\r\n", T);
      assertThat(sim.activeChannels()).isEmpty();
    }
  }

  /** Every action the server sends is refused without write, except those registered with 0. */
  @Test
  void actionsNeedTheirAuthorityAndThoseRegisteredWithZeroNeedNone() throws Exception {
    try (PbxSim sim = sim(variant("write = call,agent,originate,reporting", "write = none"));
         AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      loginThenPing(c, "");
      int n = 0;
      for (cn.hotline12345.contract.AmiContract.UsedAction a : cn.hotline12345.contract.AmiContract.USED_ACTIONS) {
        if (a.name().equals("Login") || a.name().equals("Logoff") || a.name().equals("Challenge")) {
          continue;
        }
        String id = "x" + n++;
        c.send("Action: " + a.name() + "\nActionID: " + id);
        String text = c.awaitContains("ActionID: " + id + "\r\n", T);
        String answer = text.substring(text.lastIndexOf("Response: ", text.indexOf("ActionID: " + id + "\r\n")));
        if (a.authority().isEmpty()) {
          assertThat(answer).as(a.name()).doesNotContain("Permission denied");
        } else {
          assertThat(answer).as(a.name()).startsWith(error(id, "Permission denied"));
        }
      }
    }
    // with the shipped write, none of them is refused for want of rights
    try (PbxSim sim = sim(shipped()); AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      loginThenPing(c, "");
      int n = 0;
      for (cn.hotline12345.contract.AmiContract.UsedAction a : cn.hotline12345.contract.AmiContract.USED_ACTIONS) {
        if (a.name().equals("Login") || a.name().equals("Logoff") || a.name().equals("Challenge")) {
          continue;
        }
        String id = "y" + n++;
        c.send("Action: " + a.name() + "\nActionID: " + id);
        c.awaitContains("ActionID: " + id + "\r\n", T);
      }
      c.send("Action: Ping\nActionID: last");
      assertThat(c.awaitContains("ActionID: last\r\nPing: Pong", T)).doesNotContain("Permission denied");
      // Filter is EVENT_FLAG_SYSTEM: cti may not change its own filters
      c.send("Action: Filter\nActionID: f1\nOperation: Add\nFilter: Event: Newexten");
      assertThat(c.awaitContains("ActionID: f1\r\n", T)).endsWith(error("f1", "Permission denied"));
    }
  }

  /** A filter set that does not include AgentCalled: the screen-pop event never arrives, the others do. */
  @Test
  void aFilterThatDropsAgentCalledLosesTheScreenPop() throws Exception {
    List<AmiMessage> emitted = new CopyOnWriteArrayList<>();
    try (PbxSim sim = sim(variant("eventfilter(action(include),name(AgentCalled)) =", "; (AgentCalled forgotten)"),
        emitted::add); AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      loginThenPing(c, "");
      assertThat(sim.placeCall(CallerSpec.of("13800138000")).awaitEnd(T)).isTrue();
      c.awaitContains("Event: AgentComplete", T);
      assertThat(emitted).anySatisfy(e -> assertThat(e.name()).isEqualTo("AgentCalled"));
      assertThat(c.text()).contains("Event: AgentConnect").doesNotContain("Event: AgentCalled");
    }
    // an exclude line does the same, even with the include still there (include first, then exclude)
    try (PbxSim sim = sim(shipped() + "eventfilter(action(exclude),name(AgentCalled)) =\n");
         AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      loginThenPing(c, "");
      assertThat(sim.placeCall(CallerSpec.of("13800138000")).awaitEnd(T)).isTrue();
      c.awaitContains("Event: AgentComplete", T);
      assertThat(c.text()).doesNotContain("Event: AgentCalled");
    }
  }

  /**
   * Include filters without FullyBooted and Shutdown: the FullyBooted of the login still comes (action_login
   * writes it with astman_append, past the filters), but the Shutdown broadcast is dropped (manager_event goes
   * through should_send_event).
   */
  @Test
  void includeFiltersWithoutShutdownLoseTheShutdownButNotTheLoginsFullyBooted() throws Exception {
    String withoutBoth = variant("eventfilter(action(include),name(FullyBooted)) =", "")
        .replace("eventfilter(action(include),name(Shutdown)) =\n", "");
    assertThat(withoutBoth).doesNotContain("name(Shutdown)").doesNotContain("name(FullyBooted)");
    try (PbxSim sim = sim(withoutBoth)) {
      try (AmiTestClient c = new AmiTestClient(sim.amiPort())) {
        assertThat(loginThenPing(c, "")).contains("Event: FullyBooted");
        sim.faults().restart(Duration.ofMillis(20));
        FaultsTest.awaitTrue(c::closedByServer, "closed by the restart");
        assertThat(c.text()).doesNotContain("Event: Shutdown");
      }
    }
    try (PbxSim sim = sim(shipped()); AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      loginThenPing(c, "");
      sim.faults().restart(Duration.ofMillis(20));
      c.awaitContains("Event: Shutdown\r\nPrivilege: system,all\r\nShutdown: Uncleanly\r\nRestart: True\r\n", T);
    }
  }

  /**
   * authenticate() fails for a wrong secret, an unknown user, a wrong or upper-case MD5 key (strcmp with the
   * lower-case hex digest); action_login then does {@code sleep(1); astman_send_error(s, m, "Authentication
   * failed"); return -1;} and the session ends.
   */
  @Test
  void wrongSecretsAreRefusedAfterASecondAndTheConnectionCloses() throws Exception {
    try (PbxSim sim = sim(shipped())) {
      for (String login : List.of("Username: cti\nSecret: wrong", "Username: nobody\nSecret: ctisecret",
          "Username: cti", "Secret: ctisecret")) {
        try (AmiTestClient c = new AmiTestClient(sim.amiPort())) {
          long t0 = System.nanoTime();
          c.send("Action: Login\nActionID: l1\n" + login);
          assertThat(c.awaitContains("ActionID: l1\r\n", T)).endsWith(error("l1", "Authentication failed"));
          assertThat((System.nanoTime() - t0) / 1_000_000).as("sleep(1) first").isGreaterThanOrEqualTo(900);
          FaultsTest.awaitTrue(c::closedByServer, "session ends");
        }
      }
      for (boolean upper : new boolean[] {false, true}) {
        try (AmiTestClient c = new AmiTestClient(sim.amiPort())) {
          c.send("Action: Challenge\nActionID: c1\nAuthType: MD5");
          String text = c.awaitContains("ActionID: c1\r\nChallenge: ", T);
          String challenge = text.substring(text.indexOf("Challenge: ") + 11, text.indexOf("\r\n",
              text.indexOf("Challenge: ")));
          String key = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
              .digest((challenge + (upper ? "ctisecret" : "wrong")).getBytes(StandardCharsets.UTF_8)));
          c.send("Action: Login\nActionID: c2\nAuthType: MD5\nUsername: cti\nKey: "
              + (upper ? key.toUpperCase(Locale.ROOT) : key));
          assertThat(c.awaitContains("ActionID: c2\r\n", T)).endsWith(error("c2", "Authentication failed"));
          FaultsTest.awaitTrue(c::closedByServer, "session ends");
        }
      }
      // after the refusal nothing else is read: a Ping sent in the same second gets no answer
      try (AmiTestClient c = new AmiTestClient(sim.amiPort())) {
        c.send("Action: Login\nActionID: l2\nUsername: cti\nSecret: wrong");
        c.send("Action: Ping\nActionID: p2");
        FaultsTest.awaitTrue(c::closedByServer, "session ends");
        assertThat(c.text()).contains(error("l2", "Authentication failed")).doesNotContain("Pong");
      }
    }
  }

  /** ast_apply_acl: a client address no permit covers (the deny 0.0.0.0/0 matches last) is refused like a bad
   * secret, with the right secret. */
  @Test
  void aClientOutsideThePermitIsRefusedEvenWithTheRightSecret() throws Exception {
    try (PbxSim sim = sim(variant("permit = 127.0.0.1/255.255.255.255", "permit = 127.0.0.2/255.255.255.255"));
         AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      c.send("Action: Login\nActionID: l1\nUsername: cti\nSecret: ctisecret");
      assertThat(c.awaitContains("ActionID: l1\r\n", T)).endsWith(error("l1", "Authentication failed"));
      FaultsTest.awaitTrue(c::closedByServer, "session ends");
    }
    // deny after permit: the last match wins
    try (PbxSim sim = sim(shipped().replace("permit = 192.168.0.0/255.255.0.0\n",
        "permit = 192.168.0.0/255.255.0.0\ndeny = 127.0.0.0/255.0.0.0\n"));
         AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      c.send("Action: Login\nActionID: l1\nUsername: cti\nSecret: ctisecret");
      assertThat(c.awaitContains("ActionID: l1\r\n", T)).endsWith(error("l1", "Authentication failed"));
    }
    // a permit Asterisk cannot parse deletes the user: every login fails
    try (PbxSim sim = sim(variant("permit = 127.0.0.1/255.255.255.255", "permit = localhost"));
         AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      assertThat(sim.managerConf().user("cti")).isEmpty();
      c.send("Action: Login\nActionID: l1\nUsername: cti\nSecret: ctisecret");
      assertThat(c.awaitContains("ActionID: l1\r\n", T)).endsWith(error("l1", "Authentication failed"));
    }
  }

  /** A read = all user (the captures' manager.conf) sees the security events cti never sees. */
  @Test
  void securityEventsReachOnlyAUserThatReadsSecurity() throws Exception {
    String all = new String(FidelityTest.resource("etc/manager.conf"), StandardCharsets.UTF_8);
    try (PbxSim sim = sim(all); AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      loginThenPing(c, "");
      c.awaitContains("Event: SuccessfulAuth\r\nPrivilege: security,all\r\n", T);
      c.send("Action: NoSuchAction\nActionID: u1");
      c.awaitContains("Event: RequestBadFormat\r\nPrivilege: security,all\r\n", T);
      // the Filter action (system) adds a session filter: legacy exclude of Newexten
      c.send("Action: Filter\nActionID: f1\nOperation: Add\nFilter: !Event: Newexten");
      c.awaitContains("ActionID: f1\r\nMessage: Success\r\n", T);
      c.send("Action: Filter\nActionID: f2\nOperation: Add\nMatchCriteria: action(inlude)\nFilter: x");
      assertThat(c.awaitContains("ActionID: f2\r\n", T)).endsWith(error("f2",
          "Filter was formatted incorrectly.  Check the syntax of the filter given."));
      int mark = c.text().length();
      assertThat(sim.placeCall(CallerSpec.of("13800138000")).awaitEnd(T)).isTrue();
      c.send("Action: Ping\nActionID: p3");
      String after = c.awaitContains("ActionID: p3\r\n", T).substring(mark);
      assertThat(after).contains("Event: VarSet").contains("Event: DialBegin").doesNotContain("Event: Newexten");
    }
  }

  /** timestampevents = yes: "Timestamp: %ld.%06lu" right after Privilege in every event, not in responses. */
  @Test
  void timestampEventsAddTheTimestampHeaderToEventsOnly() throws Exception {
    try (PbxSim sim = sim(variant("timestampevents = no", "timestampevents = yes"));
         AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      String login = loginThenPing(c, "");
      // the login's FullyBooted is astman_append'ed: no Timestamp
      assertThat(login).contains("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: ");
      sim.placeCall(CallerSpec.of("13800138000"));
      String t = c.awaitContains("Event: Newchannel", T);
      assertThat(t).containsPattern("Event: Newchannel\r\nPrivilege: call,all\r\nTimestamp: \\d+\\.\\d{6}\r\n"
          + "Channel: ");
    }
  }

  /** allowmultiplelogin = no: a second Login as the same user waits a second, gets "Login Already In Use", ends. */
  @Test
  void aSecondSessionIsRefusedWhenMultipleLoginIsOff() throws Exception {
    try (PbxSim sim = sim(variant("writetimeout = 100", "writetimeout = 100\nallowmultiplelogin = no"));
         AmiTestClient first = new AmiTestClient(sim.amiPort()); AmiTestClient second = new AmiTestClient(sim.amiPort())) {
      loginThenPing(first, "");
      second.send("Action: Login\nActionID: l2\nUsername: cti\nSecret: ctisecret");
      assertThat(second.awaitContains("ActionID: l2\r\n", T)).endsWith(error("l2", "Login Already In Use"));
      FaultsTest.awaitTrue(second::closedByServer, "second session ends");
      first.send("Action: Ping\nActionID: still");
      first.awaitContains("ActionID: still\r\nPing: Pong", T);
    }
  }

  @Test
  void aManagerConfThatIsNotEnabledOrLacksTheUserDoesNotStart() throws Exception {
    assertThatThrownBy(() -> sim(variant("enabled = yes", "enabled = no")))
        .hasStackTraceContaining("enabled is not yes");
    assertThatThrownBy(() -> PbxSim.builder().amiPort(0).amiCredentials("ops", "x").build().startBlocking())
        .hasStackTraceContaining("has no user [ops]");
    // amiCredentials replaces the secret of an existing user, as entrypoint.sh does
    try (PbxSim sim = PbxSim.builder().amiPort(0).amiCredentials("cti", "another-secret-1").agiTarget("127.0.0.1", 1)
        .build().startBlocking(); AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      c.send("Action: Login\nActionID: l1\nUsername: cti\nSecret: another-secret-1");
      c.awaitContains("ActionID: l1\r\nMessage: Authentication accepted\r\n", T);
    }
  }

  /** The resync and health-probe actions with Asterisk 22's formats, during a live bridged call. */
  @Test
  void bridgeAndCoreActionsAnswerAsAsterisk22() throws Exception {
    List<AmiMessage> emitted = new CopyOnWriteArrayList<>();
    try (PbxSim sim = PbxSim.builder().amiPort(0).dialplan(Dialplan.hotline()).agiTarget("127.0.0.1", 1)
        .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "Agent 1001")))
        .agent(AgentSpec.pjsip("1001").answerAfter(100).talkFor(600_000)).eventListener(emitted::add)
        .timeScale(0.05).seed(9).build().startBlocking(); AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      loginThenPing(c, "");
      c.send("Action: BridgeInfo\nActionID: b0");
      assertThat(c.awaitContains("ActionID: b0\r\n", T)).endsWith(error("b0", "BridgeUniqueid must be provided"));
      c.send("Action: BridgeInfo\nActionID: b00\nBridgeUniqueid: nosuch");
      assertThat(c.awaitContains("ActionID: b00\r\n", T)).endsWith(error("b00", "Specified BridgeUniqueid not found"));
      CallHandle call = sim.placeCall(CallerSpec.of("13800138000"));
      c.awaitContains("Event: AgentConnect", T);
      FaultsTest.awaitTrue(() -> emitted.stream().filter(e -> e.name().equals("BridgeEnter")).count() == 2, "bridged");
      String bridge = emitted.stream().filter(e -> e.name().equals("BridgeEnter")).findFirst().orElseThrow()
          .get("BridgeUniqueid");
      String state = "BridgeUniqueid: " + bridge + "\r\nBridgeType: basic\r\nBridgeTechnology: simple_bridge\r\n"
          + "BridgeCreator: <unknown>\r\nBridgeName: <unknown>\r\nBridgeNumChannels: 2\r\n"
          + "BridgeVideoSourceMode: none\r\n";
      c.send("Action: BridgeList\nActionID: b1");
      assertThat(c.awaitContains("Event: BridgeListComplete\r\nActionID: b1\r\n", T)).contains(
          "Response: Success\r\nActionID: b1\r\nEventList: start\r\nMessage: Bridge listing will follow\r\n\r\n"
              + "Event: BridgeListItem\r\nActionID: b1\r\n" + state + "\r\n"
              + "Event: BridgeListComplete\r\nActionID: b1\r\nEventList: Complete\r\nListItems: 1\r\n\r\n");
      c.send("Action: BridgeList\nActionID: b2\nBridgeType: basic"); // compared with the technology
      c.awaitContains("Event: BridgeListComplete\r\nActionID: b2\r\nEventList: Complete\r\nListItems: 0\r\n", T);
      c.send("Action: BridgeInfo\nActionID: b3\nBridgeUniqueid: " + bridge);
      String info = c.awaitContains("Event: BridgeInfoComplete\r\nActionID: b3\r\n", T);
      assertThat(info).contains("Response: Success\r\nActionID: b3\r\nEventList: start\r\n"
          + "Message: Bridge channel listing will follow\r\n\r\nEvent: BridgeInfoChannel\r\nActionID: b3\r\n"
          + "Channel: ");
      assertThat(info).contains("Event: BridgeInfoChannel\r\nActionID: b3\r\nChannel: PJSIP/1001-");
      assertThat(info).contains("Uniqueid: " + call.linkedid() + "\r\n");
      assertThat(info.substring(info.indexOf("Event: BridgeInfoComplete"))).startsWith(
          "Event: BridgeInfoComplete\r\nActionID: b3\r\nEventList: Complete\r\nListItems: 2\r\n" + state + "\r\n");
      c.send("Action: CoreStatus\nActionID: s1");
      assertThat(c.awaitContains("ActionID: s1\r\n", T)).containsPattern("Response: Success\r\nActionID: s1\r\n"
          + "CoreStartupDate: \\d{4}-\\d\\d-\\d\\d\r\nCoreStartupTime: \\d\\d:\\d\\d:\\d\\d\r\n"
          + "CoreReloadDate: \\d{4}-\\d\\d-\\d\\d\r\nCoreReloadTime: \\d\\d:\\d\\d:\\d\\d\r\n"
          + "CoreCurrentCalls: 2\r\nCoreProcessedCalls: \\d+\r\n\r\n");
      c.send("Action: CoreSettings\nActionID: s2");
      assertThat(c.awaitContains("ActionID: s2\r\nAMIversion", T)).contains("Response: Success\r\nActionID: s2\r\n"
          + "AMIversion: 11.0.0\r\nAsteriskVersion: 22.");
      call.awaitEnd(Duration.ofMillis(1));
    }
  }

  /** QueueStatus as app_queue.c's manager_queues_status writes it, with a caller waiting (QueueEntry). */
  @Test
  void queueStatusListsParamsMembersAndEntries() throws Exception {
    try (PbxSim sim = sim(shipped()); AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      loginThenPing(c, "");
      sim.queues().pause("PJSIP/1001", true, "lunch");
      CallHandle h = sim.placeCall(CallerSpec.of("13800138000").name("张三"));
      c.awaitContains("Event: QueueCallerJoin", T);
      c.send("Action: QueueStatus\nActionID: q1\nQueue: q-general");
      String t = c.awaitContains("Event: QueueStatusComplete\r\nActionID: q1\r\nEventList: Complete\r\nListItems: 3\r\n", T);
      assertThat(t).contains("Response: Success\r\nActionID: q1\r\nEventList: start\r\nMessage: Queue status will follow");
      assertThat(t).containsPattern("Event: QueueParams\r\nQueue: q-general\r\nMax: 0\r\nStrategy: rrmemory\r\n"
          + "Calls: 1\r\nHoldtime: \\d+\r\nTalkTime: \\d+\r\nCompleted: \\d+\r\nAbandoned: \\d+\r\nServiceLevel: \\d+\r\n"
          + "ServicelevelPerf: \\d+\\.\\d\r\nServicelevelPerf2: \\d+\\.\\d\r\nWeight: 0\r\nActionID: q1\r\n\r\n");
      assertThat(t).containsPattern("Event: QueueMember\r\nQueue: q-general\r\nName: Agent 1001\r\n"
          + "Location: PJSIP/1001\r\nStateInterface: PJSIP/1001\r\nMembership: static\r\nPenalty: 0\r\n"
          + "CallsTaken: 0\r\nLastCall: 0\r\nLastPause: \\d+\r\nLoginTime: \\d+\r\nInCall: 0\r\nStatus: \\d\r\n"
          + "Paused: 1\r\nPausedReason: lunch\r\nWrapuptime: 0\r\nActionID: q1\r\n\r\n");
      assertThat(t).containsPattern("Event: QueueEntry\r\nQueue: q-general\r\nPosition: 1\r\nChannel: [^\r]+\r\n"
          + "Uniqueid: " + java.util.regex.Pattern.quote(h.linkedid()) + "\r\nCallerIDNum: 13800138000\r\n"
          + "CallerIDName: 张三\r\nConnectedLineNum: [^\r]*\r\nConnectedLineName: [^\r]*\r\nWait: \\d+\r\n"
          + "Priority: 0\r\nActionID: q1\r\n\r\n");
      // the list is a response: QueueMember items reach cti although no filter names them
    }
  }
}
