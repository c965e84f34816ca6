package cn.hotline12345.pbxsim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Every action's error path and bad input on the manager port, answered as Asterisk words it. */
class AmiActionsTest {
  static PbxSim sim;
  static final Duration T = Duration.ofSeconds(5);

  @BeforeAll
  static void start() {
    sim = PbxSim.builder().amiPort(0).capturesSetup()
        .agiTarget("127.0.0.1", 1).timeScale(0.05).seed(7).build().startBlocking();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static AmiTestClient loggedIn() throws Exception {
    return loggedInTo(sim);
  }

  static AmiTestClient loggedInTo(PbxSim target) throws Exception {
    AmiTestClient c = new AmiTestClient(target.amiPort());
    c.login("cti", "ctisecret");
    // the shipped manager.conf gives cti no security read: SuccessfulAuth never comes, FullyBooted does (system)
    c.awaitContains("Message: Authentication accepted\r\n\r\nEvent: FullyBooted", T);
    return c;
  }

  /** Sends an action with ActionID {@code id} and returns the response block. */
  static String ask(AmiTestClient c, String id, String action) throws Exception {
    c.send(action + "\nActionID: " + id);
    String marker = "ActionID: " + id + "\r\n";
    String text = c.awaitContains(marker, T);
    int start = text.lastIndexOf("Response: ", text.indexOf(marker));
    return text.substring(start, text.indexOf("\r\n\r\n", start) + 4);
  }

  static String success(String id, String message) {
    return "Response: Success\r\nActionID: " + id + "\r\nMessage: " + message + "\r\n\r\n";
  }

  static String error(String id, String message) {
    return "Response: Error\r\nActionID: " + id + "\r\nMessage: " + message + "\r\n\r\n";
  }

  @Test
  void bannerAndPermissionDeniedBeforeLogin() throws Exception {
    try (AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      c.awaitContains("Asterisk Call Manager/11.0.0\r\n", T);
      assertThat(ask(c, "p1", "Action: Ping")).isEqualTo(error("p1", "Permission denied"));
      assertThat(ask(c, "p2", "Action: QueueStatus")).isEqualTo(error("p2", "Permission denied"));
    }
  }

  @Test
  void wrongSecretFailsAndClosesTheConnection() throws Exception {
    try (AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      assertThat(ask(c, "l1", "Action: Login\nUsername: cti\nSecret: wrong"))
          .isEqualTo(error("l1", "Authentication failed"));
      long end = System.nanoTime() + T.toNanos();
      while (!c.closedByServer() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void challengeMd5Login() throws Exception {
    try (AmiTestClient c = new AmiTestClient(sim.amiPort())) {
      assertThat(ask(c, "c0", "Action: Challenge")).isEqualTo(error("c0", "Must specify AuthType"));
      String resp = ask(c, "c1", "Action: Challenge\nAuthType: MD5");
      String challenge = resp.replaceAll("(?s).*Challenge: (\\d+).*", "$1");
      String key = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
          .digest((challenge + "ctisecret").getBytes(StandardCharsets.UTF_8)));
      assertThat(ask(c, "c2", "Action: Login\nAuthType: MD5\nUsername: cti\nKey: " + key))
          .isEqualTo("Response: Success\r\nActionID: c2\r\nMessage: Authentication accepted\r\n\r\n");
      c.awaitContains("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: ", T);
    }
  }

  @Test
  void unknownActionAndMissingAction() throws Exception {
    try (AmiTestClient c = loggedIn()) {
      assertThat(ask(c, "u1", "Action: NoSuchAction")).isEqualTo(error("u1",
          "Invalid/unknown command: NoSuchAction. Use Action: ListCommands to show available commands."));
      assertThat(ask(c, "u2", "Foo: bar")).isEqualTo(error("u2", "Missing action in request"));
      // RequestBadFormat is a security-class event: cti (read = system,call,agent,dialplan) never gets it
      // (ManagerRulesOverTcpTest shows it reaching a read = all user)
      assertThat(c.text()).doesNotContain("RequestBadFormat");
    }
  }

  @Test
  void missingActionIdIsAnsweredWithoutOne() throws Exception {
    try (AmiTestClient c = loggedIn()) {
      c.send("Action: Ping");
      c.await(t -> t.matches("(?s).*Response: Success\r\nPing: Pong\r\nTimestamp: \\d+\\.\\d{6}\r\n\r\n.*"), T, "pong");
    }
  }

  @Test
  void garbageAndOversizedLinesAreDroppedAndTheSessionSurvives() throws Exception {
    try (AmiTestClient c = loggedIn()) {
      c.sendRaw(new byte[] {0, 1, 2, 'g', 'a', 'r', 'b', (byte) 0xff, '\r', '\n', '\r', '\n'});
      c.awaitContains("Message: Missing action in request", T);
      String longLine = "X-Long: " + "y".repeat(5000);
      assertThat(ask(c, "o1", "Action: Ping\n" + longLine)).startsWith("Response: Success\r\nActionID: o1\r\nPing: Pong");
      // a long line without any line end, then a valid action: the long part is discarded
      c.sendRaw(("Z".repeat(100_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      assertThat(ask(c, "o2", "Action: Ping")).startsWith("Response: Success\r\nActionID: o2\r\nPing: Pong");
    }
  }

  @Test
  void errorPathsOfEveryAction() throws Exception {
    try (AmiTestClient c = loggedIn()) {
      assertThat(ask(c, "e1", "Action: Originate\nExten: 1")).isEqualTo(error("e1", "Channel not specified"));
      assertThat(ask(c, "e2", "Action: Originate\nChannel: Local/nosuch@nowhere\nContext: from-pstn\nExten: 12346"
          + "\nPriority: 1")).isEqualTo(error("e2", "Originate failed"));
      assertThat(ask(c, "e2b", "Action: Originate\nChannel: Local/1@caller-sim\nContext: from-pstn\nExten: 12346\n"
          + "Priority: x")).isEqualTo(error("e2b", "Invalid priority"));
      assertThat(ask(c, "e3", "Action: Hangup")).isEqualTo(error("e3", "No channel specified"));
      assertThat(ask(c, "e4", "Action: Hangup\nChannel: PJSIP/none-00000001"))
          .isEqualTo(error("e4", "No such channel"));
      assertThat(ask(c, "e5", "Action: Redirect\nExten: 1")).isEqualTo(error("e5", "Channel not specified"));
      // manager.c action_redirect checks Channel, Context, Exten, Priority (number or label) before the channel
      assertThat(ask(c, "e6", "Action: Redirect\nChannel: PJSIP/x-1\nExten: 1\nContext: agents\nPriority: 1"))
          .isEqualTo(error("e6", "Channel does not exist: PJSIP/x-1"));
      assertThat(ask(c, "e6b", "Action: Redirect\nChannel: PJSIP/x-1\nExten: 1"))
          .isEqualTo(error("e6b", "Context not specified"));
      assertThat(ask(c, "e6c", "Action: Redirect\nChannel: PJSIP/x-1\nExten: 1\nContext: agents"))
          .isEqualTo(error("e6c", "Priority not specified"));
      assertThat(ask(c, "e6d", "Action: Redirect\nChannel: PJSIP/x-1\nExten: 1001\nContext: agents\nPriority: nolabel"))
          .isEqualTo(error("e6d", "Priority is invalid"));
      assertThat(ask(c, "e6e", "Action: Redirect\nChannel: PJSIP/x-1\nExten: 1\nContext: agents\nPriority: 1\n"
          + "ExtraChannel: PJSIP/y-2\nExtraContext: agents"))
          .isEqualTo(error("e6e", "ExtraExten not specified"));
      // features.c action_bridge
      assertThat(ask(c, "e6f", "Action: Bridge\nChannel1: PJSIP/x-1"))
          .isEqualTo(error("e6f", "Missing channel parameter in request"));
      assertThat(ask(c, "e6g", "Action: Bridge\nChannel1: PJSIP/x-1\nChannel2: PJSIP/y-2"))
          .isEqualTo(error("e6g", "Channel1 does not exist: PJSIP/x-1"));
      // manager.c action_atxfer / action_blind_transfer
      assertThat(ask(c, "e7", "Action: Atxfer\nExten: 1")).isEqualTo(error("e7", "No channel specified"));
      assertThat(ask(c, "e7b", "Action: Atxfer\nChannel: PJSIP/x-1")).isEqualTo(error("e7b", "No extension specified"));
      assertThat(ask(c, "e7c", "Action: BlindTransfer\nExten: 1")).isEqualTo(error("e7c", "No channel specified"));
      assertThat(ask(c, "e7d", "Action: BlindTransfer\nChannel: PJSIP/x-1\nExten: 1"))
          .isEqualTo(error("e7d", "Channel specified does not exist"));
      assertThat(ask(c, "e8", "Action: Atxfer\nChannel: PJSIP/x-1\nExten: 1001"))
          .isEqualTo(error("e8", "Channel specified does not exist"));
      // app_queue.c manager_add_queue_member
      assertThat(ask(c, "e9", "Action: QueueAdd\nQueue: hotline")).isEqualTo(error("e9", "'Interface' not specified."));
      assertThat(ask(c, "e9b", "Action: QueueAdd\nInterface: PJSIP/1")).isEqualTo(error("e9b", "'Queue' not specified."));
      assertThat(ask(c, "e10", "Action: QueueAdd\nQueue: nosuch\nInterface: PJSIP/1"))
          .isEqualTo(error("e10", "Unable to add interface to queue: No such queue"));
      assertThat(ask(c, "e11", "Action: QueueAdd\nQueue: hotline\nInterface: Local/1001@agents/n"))
          .isEqualTo(error("e11", "Unable to add interface: Already there"));
      assertThat(ask(c, "e12", "Action: QueueRemove\nQueue: hotline"))
          .isEqualTo(error("e12", "Need 'Queue' and 'Interface' parameters."));
      assertThat(ask(c, "e13", "Action: QueueRemove\nQueue: hotline\nInterface: PJSIP/9"))
          .isEqualTo(error("e13", "Unable to remove interface: Not there"));
      assertThat(ask(c, "e14", "Action: QueueRemove\nQueue: hotline\nInterface: Local/1001@agents/n"))
          .isEqualTo(error("e14", "Member not dynamic")); // RES_NOT_DYNAMIC
      assertThat(ask(c, "e15", "Action: QueueRemove\nQueue: nosuch\nInterface: PJSIP/9"))
          .isEqualTo(error("e15", "Unable to remove interface from queue: No such queue"));
      assertThat(ask(c, "e16", "Action: QueuePause\nInterface: PJSIP/1"))
          .isEqualTo(error("e16", "Need 'Interface' and 'Paused' parameters."));
      assertThat(ask(c, "e17", "Action: QueuePause\nInterface: PJSIP/404\nPaused: true"))
          .isEqualTo(error("e17", "Interface not found"));
      assertThat(ask(c, "e18", "Action: Status\nChannel: PJSIP/x-1")).isEqualTo(error("e18", "No such channel"));
      assertThat(ask(c, "e19", "Action: Setvar\nValue: 1")).isEqualTo(error("e19", "No variable specified"));
      assertThat(ask(c, "e20", "Action: Setvar\nChannel: PJSIP/x-1\nVariable: A\nValue: 1"))
          .isEqualTo(error("e20", "No such channel"));
      assertThat(ask(c, "e21", "Action: Getvar")).isEqualTo(error("e21", "No variable specified"));
      assertThat(ask(c, "e22", "Action: Getvar\nChannel: PJSIP/x-1\nVariable: A")).isEqualTo(error("e22", "No such channel"));
    }
  }

  @Test
  void successPathsOfSimpleActions() throws Exception {
    try (AmiTestClient c = loggedIn()) {
      assertThat(ask(c, "s1", "Action: Setvar\nVariable: DEMO\nValue: 42"))
          .isEqualTo("Response: Success\r\nActionID: s1\r\nMessage: Variable Set\r\n\r\n");
      assertThat(ask(c, "s2", "Action: Getvar\nVariable: DEMO"))
          .isEqualTo("Response: Success\r\nActionID: s2\r\nVariable: DEMO\r\nValue: 42\r\n\r\n");
      c.send("Action: Status\nActionID: s3");
      c.awaitContains("Event: StatusComplete\r\nActionID: s3\r\nEventList: Complete\r\nListItems: 0\r\nItems: 0\r\n", T);
      c.send("Action: QueueSummary\nActionID: s4\nQueue: hotline");
      c.awaitContains("Event: QueueSummaryComplete\r\nActionID: s4\r\nEventList: Complete\r\nListItems: 1\r\n", T);
      assertThat(ask(c, "s5", "Action: QueuePause\nInterface: Local/1002@agents/n\nPaused: true\nReason: lunch"))
          .isEqualTo("Response: Success\r\nActionID: s5\r\nMessage: Interface paused successfully\r\n\r\n");
      c.awaitContains("PausedReason: lunch\r\n", T);
      assertThat(ask(c, "s6", "Action: QueuePause\nInterface: Local/1002@agents/n\nPaused: false"))
          .isEqualTo("Response: Success\r\nActionID: s6\r\nMessage: Interface unpaused successfully\r\n\r\n");
      assertThat(ask(c, "s7", "Action: Logoff")).isEqualTo(
          "Response: Goodbye\r\nActionID: s7\r\nMessage: Thanks for all the fish.\r\n\r\n");
    }
  }
}
