package cn.hotline12345.pbxsim.sip;

import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.pbxsim.sip.SipWebSocketTest.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static cn.hotline12345.pbxsim.sip.SipWebSocketTest.ANSWER;
import static cn.hotline12345.pbxsim.sip.SipWebSocketTest.OFFER;
import static cn.hotline12345.pbxsim.sip.SipWebSocketTest.answer;
import static cn.hotline12345.pbxsim.sip.SipWebSocketTest.await;
import static cn.hotline12345.pbxsim.sip.SipWebSocketTest.invite;
import static cn.hotline12345.pbxsim.sip.SipWebSocketTest.register;
import static cn.hotline12345.pbxsim.sip.SipWebSocketTest.reply;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent page's own SIP requests in a queue call, over a real WebSocket: REFER (blind and attended, as
 * res_pjsip_refer.c of Asterisk 22 handles them: 202, NOTIFY {@code Event: refer} with {@code message/sipfrag}, the
 * deferred {@code 100 Trying} first, the last one {@code Subscription-State: terminated}), the consultation INVITE
 * from the agent's account into context {@code agents} (answered with the pluggable media answerer's SDP, refused 488
 * without one), and INFO DTMF from the agent page reaching the agent's channel. The code lines relied on are quoted in
 * SipWebSocketServer's javadoc and comments.
 */
class SipTransferTest {

  static final String REALM = SipWebSocketTest.REALM;
  static final String PASSWORD = SipWebSocketTest.PASSWORD;

  final List<AmiMessage> events = new CopyOnWriteArrayList<>();
  PbxSim sim;
  SipWebSocketServer sip;

  @BeforeEach
  void start() {
    start(1.0);
  }

  void start(double timeScale) {
    sim = PbxSim.builder().amiPort(0).agiTarget("127.0.0.1", 1).timeScale(timeScale)
        .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "Agent 1001")))
        .agent(AgentSpec.pjsip("1001").answerAfter(200).talkFor(3_600_000))
        // the scripted colleague the transfers go to: [agents] exten => _1XXX,1,Dial(PJSIP/${EXTEN},30)
        .agent(AgentSpec.pjsip("1002").answerAfter(300).talkFor(3_600_000))
        .eventListener(events::add).seed(7).build().startBlocking();
    sip = sim.startSipWebSocket("127.0.0.1", REALM);
    sip.account("1001", SipDigest.md5("1001:" + REALM + ":" + PASSWORD));
    sip.account("13800138000", SipDigest.md5("13800138000:" + REALM + ":caller-page-pw-123"));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  /** A queue call answered by the agent page: the pages, the agent dialog's INVITE and our ACK. */
  record Call(Page agent, Page caller, SipMessage inv, SipMessage ack) {
    /** A request of the agent page in the agent dialog (From = the page's side, To = ours). */
    String request(String method, int cseq, String headers, String type, String body) {
      return method + " sip:asterisk@127.0.0.1;transport=ws SIP/2.0\r\nVia: SIP/2.0/WS abc.invalid;branch=z9hG4bK"
          + method + cseq + "\r\nMax-Forwards: 70\r\nFrom: " + ack.header("To") + "\r\nTo: " + ack.header("From")
          + "\r\nCall-ID: " + inv.header("Call-ID") + "\r\nCSeq: " + cseq + " " + method + "\r\n"
          + "Contact: <sip:x1001@abc.invalid;transport=ws>\r\n" + headers
          + (type == null ? "" : "Content-Type: " + type + "\r\n") + "Content-Length: " + body.length() + "\r\n\r\n"
          + body;
    }
  }

  Page registered(String user, String password) throws Exception {
    Page p = Page.open(sip.url());
    p.send(register(user, "reg" + user, 1, null));
    SipMessage ch = p.next();
    p.send(register(user, "reg" + user, 2, answer(ch, user, password, "REGISTER", "sip:127.0.0.1")));
    assertThat(p.next().status).isEqualTo(200);
    return p;
  }

  Page callerCalls() throws Exception {
    Page caller = registered("13800138000", "caller-page-pw-123");
    caller.send(invite("call-1", 1, null));
    SipMessage ch = caller.next();
    assertThat(ch.status).isEqualTo(401);
    caller.send(invite("call-1", 2, answer(ch, "13800138000", "caller-page-pw-123", "INVITE", "sip:12345@127.0.0.1")));
    assertThat(caller.next().status).isEqualTo(100);
    assertThat(caller.next().status).isEqualTo(180);
    return caller;
  }

  Call connected() throws Exception {
    Page agent = registered("1001", PASSWORD);
    Page caller = callerCalls();
    SipMessage inv = agent.nextFinalOrRequest();
    assertThat(inv.method).isEqualTo("INVITE");
    agent.send(reply(inv, 200, ANSWER));
    SipMessage ack = agent.nextFinalOrRequest();
    assertThat(ack.method).isEqualTo("ACK");
    assertThat(caller.nextFinalOrRequest().status).isEqualTo(200);
    await("AgentConnect", () -> names().contains("AgentConnect"));
    return new Call(agent, caller, inv, ack);
  }

  List<String> names() {
    return events.stream().map(AmiMessage::name).toList();
  }

  List<AmiMessage> named(String name) {
    return events.stream().filter(e -> e.name().equals(name)).toList();
  }

  Optional<AmiMessage> first(String name, java.util.function.Predicate<AmiMessage> p) {
    return events.stream().filter(e -> e.name().equals(name) && p.test(e)).findFirst();
  }

  /** The next NOTIFY of the REFER's implicit subscription, checked for its fixed parts; returns it. */
  static SipMessage notify(Page p, String frag, boolean last) throws InterruptedException {
    SipMessage n = p.nextFinalOrRequest();
    assertThat(n.method).as(n.encode()).isEqualTo("NOTIFY");
    assertThat(n.header("Event")).isEqualTo("refer");
    assertThat(n.header("Content-Type")).isEqualTo("message/sipfrag;version=2.0");
    assertThat(n.body).isEqualTo(frag + "\r\n");
    assertThat(n.header("Subscription-State")).startsWith(last ? "terminated;reason=noresource" : "active");
    return n;
  }

  @Test
  void blindReferTransfersTheCallerToTheColleagueAndTheFinalNotifyWaitsForTheTargetsAnswer() throws Exception {
    Call c = connected();
    String agentChan = named("AgentConnect").get(0).get("DestChannel");
    assertThat(agentChan).startsWith("PJSIP/1001-");

    // bad input first: REFER outside any dialog 481, without Refer-To 400, a non-SIP target 400; none of them
    // accepted, no transfer, the call goes on
    c.agent().send(c.request("REFER", 10, "Refer-To: <sip:1002@127.0.0.1>\r\n", null, "")
        .replace("Call-ID: " + c.inv().header("Call-ID"), "Call-ID: no-such-dialog"));
    assertThat(c.agent().nextFinalOrRequest().status).isEqualTo(481);
    c.agent().send(c.request("REFER", 11, "", null, ""));
    assertThat(c.agent().nextFinalOrRequest().status).isEqualTo(400);
    c.agent().send(c.request("REFER", 12, "Refer-To: <tel:+861012345>\r\n", null, ""));
    assertThat(c.agent().nextFinalOrRequest().status).isEqualTo(400);

    // a target the context does not have (agents has _1XXX, 110, 119, 120, 122): accepted, then 404 by NOTIFY,
    // after the deferred 100; no BlindTransfer event ("target does not exist" returns before the transfer)
    c.agent().send(c.request("REFER", 13, "Refer-To: <sip:9999@127.0.0.1>\r\n", null, ""));
    SipMessage accepted = c.agent().nextFinalOrRequest();
    assertThat(accepted.status).isEqualTo(202);
    notify(c.agent(), "SIP/2.0 100 Trying", false);
    notify(c.agent(), "SIP/2.0 404 Not Found", true);
    assertThat(names()).doesNotContain("BlindTransfer");
    assertThat(first("Hangup", e -> agentChan.equals(e.get("Channel")))).isEmpty();

    // the transfer: 202; the page BYEs at once (SIP.js console: session.bye() on accept) and gets 200, Asterisk does
    // not BYE it (deferred termination); the NOTIFYs come when the colleague answers and the caller enters the bridge
    c.agent().send(c.request("REFER", 14, "Refer-To: <sip:1002@127.0.0.1>\r\nReferred-By: <sip:1001@127.0.0.1>\r\n",
        null, ""));
    assertThat(c.agent().nextFinalOrRequest().status).isEqualTo(202);
    c.agent().send(c.request("BYE", 15, "", null, ""));
    SipMessage byeOk = c.agent().nextFinalOrRequest();
    assertThat(byeOk.status).isEqualTo(200);
    assertThat(byeOk.cseqMethod()).isEqualTo("BYE");
    notify(c.agent(), "SIP/2.0 100 Trying", false);
    notify(c.agent(), "SIP/2.0 200 OK", true);

    AmiMessage bt = named("BlindTransfer").get(0);
    assertThat(bt.get("Result")).isEqualTo("Success");
    assertThat(bt.get("TransfererChannel")).isEqualTo(agentChan);
    assertThat(bt.get("TransfereeChannel")).startsWith("PJSIP/trunk-");
    assertThat(bt.get("IsExternal")).isEqualTo("Yes");
    assertThat(bt.get("Context")).isEqualTo("agents");
    assertThat(bt.get("Extension")).isEqualTo("1002");
    String caller = bt.get("TransfereeUniqueid");
    // the caller dialled PJSIP/1002 from [agents] and is bridged with it
    AmiMessage dialEnd = first("DialEnd", e -> caller.equals(e.get("Uniqueid"))
        && e.get("DestChannel").startsWith("PJSIP/1002-")).orElseThrow();
    assertThat(dialEnd.get("DialStatus")).isEqualTo("ANSWER");
    assertThat(first("BridgeEnter", e -> caller.equals(e.get("Uniqueid")))).isPresent();
    await("the agent's channel hung up", () -> first("Hangup", e -> agentChan.equals(e.get("Channel"))).isPresent());
    await("AgentComplete", () -> names().contains("AgentComplete"));
    assertThat(named("AgentComplete").get(0).get("Reason")).isEqualTo("transfer");
    // the caller's call goes on (no BYE to the caller page), and nothing more came to the agent page
    assertThat(c.caller().in).noneMatch(m -> "BYE".equals(m.method));
    assertThat(c.agent().in).isEmpty();
  }

  /**
   * A page that never BYEs after its transfer: the PBX ends the dialog itself when ast_sip_session_defer_termination's
   * timer fires ("pj_time_val delay = { .sec = 60, }"; session_termination_task then ast_sip_session_terminate). The
   * simulator runs 50 times faster here, so the 60 s are 1.2 s of the test.
   */
  @Test
  void withoutThePagesByeThePbxEndsTheTransferersDialogAfterTheDeferral() throws Exception {
    sim.close();
    events.clear();
    start(0.02);
    Call c = connected();
    c.agent().send(c.request("REFER", 40, "Refer-To: <sip:1002@127.0.0.1>\r\n", null, ""));
    assertThat(c.agent().nextFinalOrRequest().status).isEqualTo(202);
    notify(c.agent(), "SIP/2.0 100 Trying", false);
    notify(c.agent(), "SIP/2.0 200 OK", true);
    // the agent's channel is gone already, but no BYE came with it: it comes when the deferral ends
    assertThat(first("Hangup", e -> e.get("Channel").startsWith("PJSIP/1001-"))).isPresent();
    SipMessage bye = c.agent().nextFinalOrRequest();
    assertThat(bye.method).isEqualTo("BYE");
    assertThat(bye.header("Call-ID")).isEqualTo(c.inv().header("Call-ID"));
  }

  @Test
  void aReferWhileTheAgentPageStillRingsIsAnInvalidTransferTold400ByNotify() throws Exception {
    Page agent = registered("1001", PASSWORD);
    callerCalls();
    SipMessage inv = agent.nextFinalOrRequest();
    agent.send(reply(inv, 180, null));
    // the early dialog (a To tag in the 180): the agent's channel is in no bridge yet
    String refer = "REFER sip:asterisk@127.0.0.1;transport=ws SIP/2.0\r\nVia: SIP/2.0/WS abc.invalid;branch=z9hG4bKr1\r\n"
        + "Max-Forwards: 70\r\nFrom: " + inv.header("To") + ";tag=agenttag\r\nTo: " + inv.header("From") + "\r\n"
        + "Call-ID: " + inv.header("Call-ID") + "\r\nCSeq: 1 REFER\r\nRefer-To: <sip:1002@127.0.0.1>\r\n"
        + "Content-Length: 0\r\n\r\n";
    agent.send(refer);
    assertThat(agent.nextFinalOrRequest().status).isEqualTo(202);
    notify(agent, "SIP/2.0 100 Trying", false);
    // ast_bridge_transfer_blind: "bridge = ast_bridge_transfer_acquire_bridge(transferer); if (!bridge) {
    // transfer_result = AST_BRIDGE_TRANSFER_INVALID;" -> xfer_response_code2sip 400, published as Result Invalid
    notify(agent, "SIP/2.0 400 Bad Request", true);
    assertThat(named("BlindTransfer")).singleElement().satisfies(e -> assertThat(e.get("Result")).isEqualTo("Invalid"));

    // Refer-Sub: false asks for no subscription: the transfer's code is the REFER's final response
    agent.send(refer.replace("CSeq: 1 REFER", "CSeq: 2 REFER").replace("Content-Length", "Refer-Sub: false\r\nContent-Length"));
    SipMessage noSub = agent.nextFinalOrRequest();
    assertThat(noSub.status).isEqualTo(400);
    assertThat(noSub.header("Refer-Sub")).isEqualTo("false");

    // and the call is still there to answer
    agent.send(reply(inv, 200, ANSWER));
    assertThat(agent.nextFinalOrRequest().method).isEqualTo("ACK");
    await("AgentConnect", () -> names().contains("AgentConnect"));
  }

  /** The agent page's consultation INVITE to a colleague (a dialog the page opens: it is the UAC). */
  static String consultInvite(String callId, int cseq, String auth) {
    return "INVITE sip:1002@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/WS abc.invalid;branch=z9hG4bKc" + callId + cseq + "\r\n"
        + "Max-Forwards: 70\r\nTo: <sip:1002@127.0.0.1>\r\nFrom: <sip:1001@127.0.0.1>;tag=ctag\r\n"
        + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " INVITE\r\nContact: <sip:x1001@abc.invalid;transport=ws>\r\n"
        + (auth == null ? "" : "Authorization: " + auth + "\r\n")
        + "Content-Type: application/sdp\r\nContent-Length: " + OFFER.length() + "\r\n\r\n" + OFFER;
  }

  /** INVITE, challenged, sent again with credentials; returns the next message after the challenge round. */
  static void consultAuthed(Page agent, String callId) throws Exception {
    agent.send(consultInvite(callId, 1, null));
    SipMessage ch = agent.next();
    assertThat(ch.status).isEqualTo(401);
    agent.send(consultInvite(callId, 2, answer(ch, "1001", PASSWORD, "INVITE", "sip:1002@127.0.0.1")));
  }

  @Test
  void attendedTransferByReferWithReplacesBridgesTheCallerWithTheConsultedColleague() throws Exception {
    Call c = connected();
    Page agent = c.agent();
    String agentChan = named("AgentConnect").get(0).get("DestChannel");

    // no media answerer: the consultation offer is refused, no channel is made
    consultAuthed(agent, "consult-0");
    SipMessage refused = agent.nextFinalOrRequest();
    assertThat(refused.status).isEqualTo(488);
    assertThat(first("Newchannel", e -> "agents".equals(e.get("Context")) && e.get("Channel").startsWith("PJSIP/1001-")
        && !agentChan.equals(e.get("Channel")))).isEmpty();

    // a media answerer (the test's fake: the real one is a WebRTC end) answers the offer it is given
    AtomicReference<String> offered = new AtomicReference<>();
    String fakeAnswer = ANSWER.replace("s=-", "s=fake-media-end");
    sip.mediaAnswerer(offer -> {
      offered.set(offer);
      return fakeAnswer;
    });
    consultAuthed(agent, "consult-1");
    assertThat(agent.next().status).isEqualTo(100);
    assertThat(agent.next().status).isEqualTo(180);
    SipMessage ok = agent.next();
    assertThat(ok.status).as(ok.encode()).isEqualTo(200);
    assertThat(ok.body).isEqualTo(fakeAnswer);
    assertThat(offered.get()).isEqualTo(OFFER);
    String ourTag = SipMessage.param(ok.header("To"), "tag");
    agent.send("ACK sip:asterisk@127.0.0.1;transport=ws SIP/2.0\r\nVia: SIP/2.0/WS abc.invalid;branch=z9hG4bKcack\r\n"
        + "Max-Forwards: 70\r\nTo: " + ok.header("To") + "\r\nFrom: <sip:1001@127.0.0.1>;tag=ctag\r\n"
        + "Call-ID: consult-1\r\nCSeq: 2 ACK\r\nContent-Length: 0\r\n\r\n");
    // the consultation is a PJSIP/1001 channel in [agents] that dialled PJSIP/1002 and was answered
    AmiMessage consultNew = first("Newchannel", e -> "agents".equals(e.get("Context"))
        && "1002".equals(e.get("Exten")) && e.get("Channel").startsWith("PJSIP/1001-")).orElseThrow();
    String consultChan = consultNew.get("Channel");
    AmiMessage consultDial = first("DialEnd", e -> consultChan.equals(e.get("Channel"))).orElseThrow();
    assertThat(consultDial.get("DialStatus")).isEqualTo("ANSWER");
    String colleague = consultDial.get("DestChannel");
    assertThat(colleague).startsWith("PJSIP/1002-");

    // bad input: a Replaces naming no dialog of ours goes to external_replaces, which [agents] does not have: 404
    c.agent().send(c.request("REFER", 20, "Refer-To: <sip:1002@127.0.0.1?Replaces=nope%3Bto-tag%3Dx%3Bfrom-tag%3Dy>\r\n",
        null, ""));
    assertThat(agent.nextFinalOrRequest().status).isEqualTo(202);
    notify(agent, "SIP/2.0 100 Trying", false);
    notify(agent, "SIP/2.0 404 Not Found", true);
    assertThat(names()).doesNotContain("AttendedTransfer");

    // REFER with Replaces naming the consultation dialog (to-tag = ours, from-tag = the page's, as SIP.js makes it)
    c.agent().send(c.request("REFER", 21, "Refer-To: <sip:1002@127.0.0.1?Replaces=consult-1%3Bto-tag%3D" + ourTag
        + "%3Bfrom-tag%3Dctag>\r\n", null, ""));
    assertThat(agent.nextFinalOrRequest().status).isEqualTo(202);
    // the NOTIFYs in the queue call's dialog and the BYE of the consultation's, in whichever order they were sent
    List<SipMessage> got = List.of(agent.nextFinalOrRequest(), agent.nextFinalOrRequest(), agent.nextFinalOrRequest());
    assertThat(got).filteredOn(m -> "NOTIFY".equals(m.method)).extracting(m -> m.body)
        .containsExactly("SIP/2.0 100 Trying\r\n", "SIP/2.0 200 OK\r\n");
    assertThat(got).filteredOn(m -> "NOTIFY".equals(m.method)).last()
        .satisfies(m -> assertThat(m.header("Subscription-State")).isEqualTo("terminated;reason=noresource"));
    SipMessage consultBye = got.stream().filter(m -> "BYE".equals(m.method)).findFirst().orElseThrow();
    assertThat(consultBye.header("Call-ID")).isEqualTo("consult-1");

    AmiMessage at = named("AttendedTransfer").get(0);
    assertThat(at.get("Result")).isEqualTo("Success");
    assertThat(at.get("OrigTransfererChannel")).isEqualTo(agentChan);
    assertThat(at.get("SecondTransfererChannel")).isEqualTo(consultChan);
    assertThat(at.get("TransfereeChannel")).startsWith("PJSIP/trunk-");
    assertThat(at.get("TransferTargetChannel")).isEqualTo(colleague);
    assertThat(at.get("DestType")).isEqualTo("Bridge");
    assertThat(at.get("IsExternal")).isEqualTo("Yes");
    // the colleague is now in the caller's bridge; both of the agent's legs hung up
    assertThat(first("BridgeEnter", e -> colleague.equals(e.get("Channel"))
        && at.get("DestBridgeUniqueid").equals(e.get("BridgeUniqueid")))).isPresent();
    await("both agent legs hung up", () -> first("Hangup", e -> agentChan.equals(e.get("Channel"))).isPresent()
        && first("Hangup", e -> consultChan.equals(e.get("Channel"))).isPresent());
    assertThat(first("Hangup", e -> colleague.equals(e.get("Channel")))).isEmpty();
    await("AgentComplete", () -> names().contains("AgentComplete"));
    assertThat(named("AgentComplete").get(0).get("Reason")).isEqualTo("transfer");

    // the page ends the first leg itself (SIP.js: session.bye() on accept)
    c.agent().send(c.request("BYE", 22, "", null, ""));
    assertThat(agent.nextFinalOrRequest().status).isEqualTo(200);
    assertThat(c.caller().in).noneMatch(m -> "BYE".equals(m.method));
  }

  @Test
  void dtmfInfoFromTheAgentPageReachesTheAgentsChannel() throws Exception {
    Call c = connected();
    String agentChan = named("AgentConnect").get(0).get("DestChannel");
    c.agent().send(c.request("INFO", 30, "", "application/dtmf-relay", "Signal=7\r\nDuration=160\r\n"));
    assertThat(c.agent().nextFinalOrRequest().status).isEqualTo(200);
    await("DTMFEnd on the agent's channel", () -> first("DTMFEnd", e -> agentChan.equals(e.get("Channel"))).isPresent());
    assertThat(events).filteredOn(e -> e.name().startsWith("DTMF") && agentChan.equals(e.get("Channel")))
        .extracting(AmiMessage::name, e -> e.get("Digit"), e -> e.get("Direction"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("DTMFBegin", "7", "Received"),
            org.assertj.core.groups.Tuple.tuple("DTMFEnd", "7", "Received"));
    // bad input: an unreadable signal is 500 and presses nothing
    c.agent().send(c.request("INFO", 31, "", "application/dtmf-relay", "Signal=Z\r\n"));
    assertThat(c.agent().nextFinalOrRequest().status).isEqualTo(500);
    c.agent().send(c.request("INFO", 32, "", "application/dtmf", "#"));
    assertThat(c.agent().nextFinalOrRequest().status).isEqualTo(200);
    await("the second key", () -> events.stream().filter(e -> e.name().equals("DTMFEnd")
        && agentChan.equals(e.get("Channel"))).count() == 2);
    assertThat(events).filteredOn(e -> e.name().equals("DTMFEnd") && agentChan.equals(e.get("Channel")))
        .extracting(e -> e.get("Digit")).containsExactly("7", "#");
  }

  /** Trusts any certificate and checks no host name: what Chromium's --ignore-certificate-errors does. */
  static javax.net.ssl.SSLContext trustingEverything() throws Exception {
    javax.net.ssl.TrustManager tm = new javax.net.ssl.X509ExtendedTrustManager() {
      @Override public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a, java.net.Socket s) { }
      @Override public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a, java.net.Socket s) { }
      @Override public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a,
          javax.net.ssl.SSLEngine e) { }
      @Override public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a,
          javax.net.ssl.SSLEngine e) { }
      @Override public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) { }
      @Override public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) { }
      @Override public java.security.cert.X509Certificate[] getAcceptedIssuers() {
        return new java.security.cert.X509Certificate[0];
      }
    };
    javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
    ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
    return ctx;
  }

  @Test
  void overTlsTheSameServerIsWssWithASelfSignedCertificate() throws Exception {
    SipWebSocketServer wss = sim.startSipWebSocketTls("127.0.0.1", REALM, null);
    assertThat(wss.url()).startsWith("wss://127.0.0.1:").endsWith("/ws");
    wss.account("1001", SipDigest.md5("1001:" + REALM + ":" + PASSWORD));
    // a client trusting the self-signed certificate (a test's --ignore-certificate-errors) registers as over ws://
    Page p = new Page();
    p.ws = HttpClient.newBuilder().sslContext(trustingEverything()).build().newWebSocketBuilder().subprotocols("sip")
        .buildAsync(URI.create(wss.url()), p).get(10, TimeUnit.SECONDS);
    p.send(register("1001", "tls1", 1, null));
    SipMessage ch = p.next();
    assertThat(ch.status).isEqualTo(401);
    p.send(register("1001", "tls1", 2, answer(ch, "1001", PASSWORD, "REGISTER", "sip:127.0.0.1")));
    SipMessage regOk = p.next();
    assertThat(regOk.status).as(regOk.encode()).isEqualTo(200);
    assertThat(wss.isRegistered("1001").toCompletionStage().toCompletableFuture().get()).isTrue();
    // a client that trusts only the JDK's authorities gets no connection: the certificate is nobody's
    Page strict = new Page();
    CompletableFuture<Object> result = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("sip")
        .buildAsync(URI.create(wss.url()), strict).<Object>thenApply(w -> "connected")
        .exceptionally(e -> e).toCompletableFuture();
    assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(Throwable.class)
        .asString().containsIgnoringCase("certif");
    // and plain ws:// to the TLS port is no SIP connection either
    CompletableFuture<Object> plain = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("sip")
        .buildAsync(URI.create(wss.url().replace("wss:", "ws:")), new Page()).<Object>thenApply(w -> "connected")
        .exceptionally(e -> e).toCompletableFuture();
    assertThat(plain.get(10, TimeUnit.SECONDS)).isInstanceOf(Throwable.class);
  }
}
