package cn.hotline12345.pbxsim.sip;

import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.pbxsim.ami.AmiMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * pbx-sim's SIP over WebSocket (RFC 7118) over a real WebSocket, with the JDK's client as the page: REGISTER with
 * digest (res_pjsip_authenticator_digest.c), a wrong password answered by a new 401 (pjsip_distributor.c
 * authenticate(): "case AST_SIP_AUTHENTICATION_FAILED: log_failed_request(rdata, "Failed to authenticate", 0, 0);
 * ... pjsip_endpt_send_response2(ast_sip_get_pjsip_endpoint(), rdata, tdata, NULL, NULL)" where tdata is the 401
 * made by "pjsip_endpt_create_response(ast_sip_get_pjsip_endpoint(), rdata, 401, NULL, &tdata)": never 403, never
 * 200), a queue call from a caller page to a registered agent page with the SDP relayed both ways, the AMI events
 * those of a scripted PJSIP agent, and BYE/CANCEL.
 */
class SipWebSocketTest {

  static final String REALM = "hotline12345";
  static final String PASSWORD = "Agent1001-secret-pw";
  static final Duration T = Duration.ofSeconds(10);

  final List<AmiMessage> events = new CopyOnWriteArrayList<>();
  PbxSim sim;
  SipWebSocketServer sip;

  @BeforeEach
  void start() {
    sim = PbxSim.builder().amiPort(0).agiTarget("127.0.0.1", 1)
        .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "Agent 1001")))
        // the scripted agent would answer after 200 ms: a registered browser must be rung instead
        .agent(AgentSpec.pjsip("1001").answerAfter(200).talkFor(60_000))
        .eventListener(events::add).seed(5).build().startBlocking();
    sip = sim.startSipWebSocket("127.0.0.1", REALM);
    sip.account("1001", SipDigest.md5("1001:" + REALM + ":" + PASSWORD));
    sip.account("13800138000", SipDigest.md5("13800138000:" + REALM + ":caller-page-pw-123"));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  /** A page: a WebSocket with subprotocol sip, every message it receives queued. */
  static final class Page implements WebSocket.Listener {
    final BlockingQueue<SipMessage> in = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    final StringBuilder part = new StringBuilder();
    WebSocket ws;

    static Page open(String url) throws Exception {
      Page p = new Page();
      p.ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("sip")
          .buildAsync(URI.create(url), p).get(5, TimeUnit.SECONDS);
      return p;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      part.append(data);
      if (last) {
        in.add(SipMessage.parse(part.toString()));
        part.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    void send(String text) throws Exception {
      ws.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    SipMessage next() throws InterruptedException {
      SipMessage m = in.poll(T.toSeconds(), TimeUnit.SECONDS);
      assertThat(m).as("a SIP message within " + T).isNotNull();
      return m;
    }

    /** The next message that is not a provisional response. */
    SipMessage nextFinalOrRequest() throws InterruptedException {
      SipMessage m;
      do {
        m = next();
      } while (!m.isRequest() && m.status < 200);
      return m;
    }
  }

  static String register(String user, String callId, int cseq, String auth) {
    return "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/WS abc.invalid;branch=z9hG4bK" + callId + cseq + "\r\n"
        + "Max-Forwards: 70\r\nTo: <sip:" + user + "@127.0.0.1>\r\nFrom: <sip:" + user + "@127.0.0.1>;tag=ft" + callId
        + "\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + " REGISTER\r\n"
        + "Contact: <sip:x" + user + "@abc.invalid;transport=ws>;expires=300\r\n"
        + (auth == null ? "" : "Authorization: " + auth + "\r\n") + "Content-Length: 0\r\n\r\n";
  }

  /** The Authorization a UA makes for a 401 (RFC 2617, qop=auth). */
  static String answer(SipMessage challenge, String user, String password, String method, String uri) {
    Map<String, String> c = SipDigest.params(challenge.header("WWW-Authenticate"));
    String ha1 = SipDigest.md5(user + ":" + c.get("realm") + ":" + password);
    String ha2 = SipDigest.md5(method + ":" + uri);
    String resp = SipDigest.md5(ha1 + ":" + c.get("nonce") + ":00000001:cn0nce:auth:" + ha2);
    return "Digest username=\"" + user + "\",realm=\"" + c.get("realm") + "\",nonce=\"" + c.get("nonce") + "\",uri=\""
        + uri + "\",response=\"" + resp + "\",algorithm=MD5,cnonce=\"cn0nce\",qop=auth,nc=00000001,opaque=\""
        + c.get("opaque") + "\"";
  }

  Page registered(String user, String password) throws Exception {
    Page p = Page.open(sip.url());
    p.send(register(user, "reg" + user, 1, null));
    SipMessage ch = p.next();
    assertThat(ch.status).isEqualTo(401);
    p.send(register(user, "reg" + user, 2, answer(ch, user, password, "REGISTER", "sip:127.0.0.1")));
    SipMessage ok = p.next();
    assertThat(ok.status).as(ok.encode()).isEqualTo(200);
    return p;
  }

  @Test
  void registerIsChallengedThenAcceptedWithTheRightPasswordAndChallengedAgainWithAWrongOne() throws Exception {
    Page p = Page.open(sip.url());
    p.send(register("1001", "r1", 1, null));
    SipMessage ch = p.next();
    assertThat(ch.status).isEqualTo(401);
    Map<String, String> c = SipDigest.params(ch.header("WWW-Authenticate"));
    assertThat(c).containsEntry("realm", REALM).containsEntry("algorithm", "MD5").containsEntry("qop", "auth");
    assertThat(c.get("nonce")).matches("[0-9]+/[0-9a-f]{32}");

    p.send(register("1001", "r1", 2, answer(ch, "1001", "not-the-password", "REGISTER", "sip:127.0.0.1")));
    SipMessage again = p.next();
    assertThat(again.status).isEqualTo(401);
    assertThat(again.header("WWW-Authenticate")).contains("realm=\"" + REALM + "\"");
    assertThat(sip.isRegistered("1001").toCompletionStage().toCompletableFuture().get()).isFalse();

    // a user the PBX does not know is challenged the same way (nothing tells the attacker it does not exist)
    p.send(register("9999", "r9", 1, null));
    assertThat(p.next().status).isEqualTo(401);

    // a nonce made up by the client is not accepted
    p.send(register("1001", "r1", 3, answer(ch, "1001", PASSWORD, "REGISTER", "sip:127.0.0.1")
        .replace(c.get("nonce"), "1/00000000000000000000000000000000")));
    assertThat(p.next().status).isEqualTo(401);

    p.send(register("1001", "r1", 4, answer(ch, "1001", PASSWORD, "REGISTER", "sip:127.0.0.1")));
    SipMessage ok = p.next();
    assertThat(ok.status).isEqualTo(200);
    assertThat(ok.header("Contact")).contains("sip:x1001@abc.invalid;transport=ws").contains("expires=300");
    assertThat(sip.isRegistered("1001").toCompletionStage().toCompletableFuture().get()).isTrue();

    // garbage on the socket is dropped; the connection goes on
    p.send("HELLO\r\n\r\n");
    p.send(register("1001", "r1", 5, null).replace("REGISTER sip", "OPTIONS sip").replace("5 REGISTER", "5 OPTIONS"));
    assertThat(p.next().status).isEqualTo(200);

    // the socket goes: the registration goes with it
    p.ws.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
    await("registration gone", () -> !sip.isRegistered("1001").toCompletionStage().toCompletableFuture().join());
    assertThat(sip.isRegistered("1001").toCompletionStage().toCompletableFuture().get()).isFalse();
  }

  @Test
  void aWebSocketWithoutTheSipSubprotocolIsRefused() throws Exception {
    Page p = new Page();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(sip.url()), p)
        .get(5, TimeUnit.SECONDS);
    assertThat(p.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1002);
    assertThat(ws.isInputClosed()).isTrue();
    assertThatThrownBy(() -> sip.account("bad user", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  static final String OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendrecv\r\n";
  static final String ANSWER = OFFER.replace("o=- 1 1", "o=- 2 2");

  static String invite(String callId, int cseq, String auth) {
    return "INVITE sip:12345@127.0.0.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/WS caller.invalid;branch=z9hG4bKinv" + cseq + "\r\n"
        + "Max-Forwards: 70\r\nTo: <sip:12345@127.0.0.1>\r\nFrom: <sip:13800138000@127.0.0.1>;tag=callertag\r\n"
        + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " INVITE\r\n"
        + "Contact: <sip:c@caller.invalid;transport=ws>\r\n"
        + (auth == null ? "" : "Authorization: " + auth + "\r\n")
        + "Content-Type: application/sdp\r\nContent-Length: " + OFFER.length() + "\r\n\r\n" + OFFER;
  }

  /** The caller page's INVITE, challenged and sent again with credentials; returns after the 180. */
  Page callerCalls() throws Exception {
    Page caller = registered("13800138000", "caller-page-pw-123");
    caller.send(invite("call-1", 1, null));
    SipMessage ch = caller.next();
    assertThat(ch.status).isEqualTo(401);
    caller.send("ACK sip:12345@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/WS caller.invalid;branch=z9hG4bKinv1\r\n"
        + "Max-Forwards: 70\r\nTo: " + ch.header("To") + "\r\nFrom: <sip:13800138000@127.0.0.1>;tag=callertag\r\n"
        + "Call-ID: call-1\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");
    caller.send(invite("call-1", 2, answer(ch, "13800138000", "caller-page-pw-123", "INVITE", "sip:12345@127.0.0.1")));
    assertThat(caller.next().status).isEqualTo(100);
    assertThat(caller.next().status).isEqualTo(180);
    return caller;
  }

  static String reply(SipMessage req, int code, String body) {
    StringBuilder sb = new StringBuilder("SIP/2.0 " + code + " X\r\n");
    for (String v : req.headers("Via")) {
      sb.append("Via: ").append(v).append("\r\n");
    }
    sb.append("From: ").append(req.header("From")).append("\r\nTo: ").append(req.header("To")).append(";tag=agenttag\r\n")
        .append("Call-ID: ").append(req.header("Call-ID")).append("\r\nCSeq: ").append(req.header("CSeq")).append("\r\n")
        .append("Contact: <sip:x1001@abc.invalid;transport=ws>\r\n");
    if (body != null) {
      sb.append("Content-Type: application/sdp\r\n");
    }
    return sb.append("Content-Length: ").append(body == null ? 0 : body.length()).append("\r\n\r\n")
        .append(body == null ? "" : body).toString();
  }

  /** Polls until the condition holds (no sleeping as synchronisation: the condition is what ends the wait). */
  static void await(String what, java.util.function.BooleanSupplier c) {
    long deadline = System.nanoTime() + T.toNanos();
    while (!c.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
    }
  }

  List<String> names() {
    return events.stream().map(AmiMessage::name).toList();
  }

  @Test
  void aQueueCallRingsTheRegisteredBrowserWhichAnswersAndTheSdpIsRelayedBothWays() throws Exception {
    Page agent = registered("1001", PASSWORD);
    Page caller = callerCalls();

    SipMessage inv = agent.nextFinalOrRequest();
    assertThat(inv.method).isEqualTo("INVITE");
    assertThat(inv.uri).isEqualTo("sip:x1001@abc.invalid;transport=ws");
    assertThat(inv.header("From")).contains("sip:13800138000@");
    assertThat(inv.body).isEqualTo(OFFER);
    // rung, not answered by the script (it would have answered after 200 ms): no AgentConnect until the 200 OK
    // a window five times the script's answer delay: the script is not what answers a registered browser's call
    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
    assertThat(names()).contains("AgentCalled").doesNotContain("AgentConnect");

    agent.send(reply(inv, 180, null));
    agent.send(reply(inv, 200, ANSWER));
    SipMessage ack = agent.nextFinalOrRequest();
    assertThat(ack.method).isEqualTo("ACK");
    assertThat(ack.header("CSeq")).isEqualTo(inv.cseq() + " ACK");
    assertThat(ack.header("To")).contains("tag=agenttag");

    SipMessage ok = caller.nextFinalOrRequest();
    assertThat(ok.status).isEqualTo(200);
    assertThat(ok.body).isEqualTo(ANSWER);
    await("AgentConnect", () -> names().contains("AgentConnect"));
    assertThat(events).filteredOn(e -> e.name().equals("AgentConnect")).singleElement()
        .satisfies(e -> assertThat(e.get("Interface")).isEqualTo("PJSIP/1001"));

    // the agent hangs up: BYE answered, the call completes as an agent hang-up, the caller page gets its BYE
    agent.send("BYE sip:asterisk@127.0.0.1;transport=ws SIP/2.0\r\nVia: SIP/2.0/WS abc.invalid;branch=z9hG4bKbye1\r\n"
        + "Max-Forwards: 70\r\nFrom: " + ack.header("To") + "\r\nTo: " + ack.header("From") + "\r\nCall-ID: "
        + inv.header("Call-ID") + "\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n");
    assertThat(agent.nextFinalOrRequest().status).isEqualTo(200);
    await("AgentComplete", () -> names().contains("AgentComplete"));
    assertThat(events).filteredOn(e -> e.name().equals("AgentComplete")).singleElement()
        .satisfies(e -> assertThat(e.get("Reason")).isEqualTo("agent"));
  }

  /**
   * A simulated caller (no caller page) rings the registered browser with the simulator's own media end's offer
   * (ICE-lite, DTLS fingerprint, PCMU). A 200 OK whose SDP the media end cannot use (no fingerprint, no ICE) is ACKed
   * and ended with BYE, as Asterisk ends a call whose negotiation failed; the attempt counts as refused (no
   * AgentConnect) and the queue rings the member again, with a fresh offer; nothing else is disturbed.
   */
  @Test
  void aSimulatedCallersMediaOfferAnsweredWithUnusableSdpIsEndedAndTheQueueTriesAgain() throws Exception {
    Page agent = registered("1001", PASSWORD);
    sim.placeCall(cn.hotline12345.pbxsim.CallerSpec.of("13900139001").patience(Duration.ofMinutes(2)));
    SipMessage inv = agent.nextFinalOrRequest();
    assertThat(inv.method).isEqualTo("INVITE");
    assertThat(inv.body).contains("a=ice-lite").contains("a=fingerprint:sha-256 ").contains("UDP/TLS/RTP/SAVPF 0 101")
        .contains("a=rtpmap:0 PCMU/8000").doesNotContain(OFFER);
    agent.send(reply(inv, 200, "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n"));
    SipMessage ack = agent.nextFinalOrRequest();
    assertThat(ack.method).isEqualTo("ACK");
    SipMessage bye = agent.nextFinalOrRequest();
    assertThat(bye.method).isEqualTo("BYE");
    assertThat(bye.header("Call-ID")).isEqualTo(inv.header("Call-ID"));
    agent.send(reply(bye, 200, null));
    // rung again (queues.conf retry), a new dialog with a new offer; the call never connected on the bad answer
    SipMessage again = agent.nextFinalOrRequest();
    assertThat(again.method).isEqualTo("INVITE");
    assertThat(again.header("Call-ID")).isNotEqualTo(inv.header("Call-ID"));
    assertThat(again.body).contains("a=fingerprint:sha-256 ").isNotEqualTo(inv.body);
    assertThat(names()).doesNotContain("AgentConnect");
    agent.send(reply(again, 486, null));
    assertThat(agent.nextFinalOrRequest().method).isEqualTo("ACK");
    assertThat(sim.activeCalls()).isEqualTo(1);
  }

  @Test
  void theCallerHangingUpWhileTheBrowserRingsCancelsTheInvite() throws Exception {
    Page agent = registered("1001", PASSWORD);
    Page caller = callerCalls();
    SipMessage inv = agent.nextFinalOrRequest();
    assertThat(inv.method).isEqualTo("INVITE");
    caller.send("CANCEL sip:12345@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/WS caller.invalid;branch=z9hG4bKinv2\r\n"
        + "Max-Forwards: 70\r\nTo: <sip:12345@127.0.0.1>\r\nFrom: <sip:13800138000@127.0.0.1>;tag=callertag\r\n"
        + "Call-ID: call-1\r\nCSeq: 2 CANCEL\r\nContent-Length: 0\r\n\r\n");
    assertThat(caller.nextFinalOrRequest().status).isEqualTo(200);
    assertThat(caller.nextFinalOrRequest().status).isEqualTo(487);
    SipMessage cancel = agent.nextFinalOrRequest();
    assertThat(cancel.method).isEqualTo("CANCEL");
    assertThat(SipMessage.param(cancel.header("Via"), "branch")).isEqualTo(SipMessage.param(inv.header("Via"), "branch"));
    assertThat(cancel.header("CSeq")).isEqualTo(inv.cseq() + " CANCEL");
    agent.send(reply(inv, 487, null));
    SipMessage ack = agent.nextFinalOrRequest();
    assertThat(ack.method).isEqualTo("ACK");
    assertThat(SipMessage.param(ack.header("Via"), "branch")).isEqualTo(SipMessage.param(inv.header("Via"), "branch"));
    await("QueueCallerAbandon", () -> names().contains("QueueCallerAbandon"));
    assertThat(names()).doesNotContain("AgentConnect");
  }

  static String info(String callId, int cseq, String type, String body) {
    return "INFO sip:12345@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/WS caller.invalid;branch=z9hG4bKinfo" + cseq + "\r\n"
        + "Max-Forwards: 70\r\nTo: <sip:12345@127.0.0.1>;tag=x\r\nFrom: <sip:13800138000@127.0.0.1>;tag=callertag\r\n"
        + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " INFO\r\n"
        + (type == null ? "" : "Content-Type: " + type + "\r\n")
        + "Content-Length: " + body.length() + "\r\n\r\n" + body;
  }

  List<String> digitsReceived() {
    return events.stream().filter(e -> e.name().equals("DTMFEnd") && "Received".equals(e.get("Direction")))
        .map(e -> e.get("Digit")).toList();
  }

  /**
   * The caller page's keys as SIP INFO reach the caller's channel as res_pjsip_dtmf_info.c takes them:
   * "if (!strcasecmp(line, "signal")) { if (!(event = get_event(c))) break; }", "send_response(session, rdata,
   * event ? 200 : 500)", "need to return 200 OK on empty body", and get_event()'s "case 10: return '*';".
   */
  @Test
  void dtmfRelayInfoFromTheCallerPageReachesTheCallersChannelAndBadSignalsAre500() throws Exception {
    Page caller = callerCalls();
    caller.send(info("call-1", 3, "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
    assertThat(caller.nextFinalOrRequest().status).isEqualTo(200);
    caller.send(info("call-1", 4, "application/dtmf-relay", "Signal=10\r\nDuration=160\r\n"));
    assertThat(caller.nextFinalOrRequest().status).isEqualTo(200);
    await("the keys 5 and * at the caller's channel", () -> digitsReceived().equals(List.of("5", "*")));
    // the caller's channel (the simulator names a caller's channel after its trunk) with the caller page's number
    AmiMessage key = events.stream().filter(e -> e.name().equals("DTMFEnd")).findFirst().orElseThrow();
    assertThat(key.get("CallerIDNum")).isEqualTo("13800138000");
    assertThat(key.get("Channel")).startsWith("PJSIP/trunk-");

    // bad input: an unreadable signal, a name with a blank before '=', a number past 16 are 500 and press nothing
    caller.send(info("call-1", 5, "application/dtmf-relay", "Signal=X\r\n"));
    assertThat(caller.nextFinalOrRequest().status).isEqualTo(500);
    caller.send(info("call-1", 6, "application/dtmf-relay", "Signal = 7\r\n"));
    assertThat(caller.nextFinalOrRequest().status).isEqualTo(500);
    caller.send(info("call-1", 7, "application/dtmf", "17"));
    assertThat(caller.nextFinalOrRequest().status).isEqualTo(500);
    // an empty body is 200, an INFO outside any dialog 481
    caller.send(info("call-1", 8, "application/dtmf-relay", ""));
    assertThat(caller.nextFinalOrRequest().status).isEqualTo(200);
    caller.send(info("no-such-call", 1, "application/dtmf-relay", "Signal=1\r\n"));
    assertThat(caller.nextFinalOrRequest().status).isEqualTo(481);
    // the one key after them all arrives, and it is the only one since the first two: nothing else was pressed
    caller.send(info("call-1", 9, "application/dtmf", "#"));
    assertThat(caller.nextFinalOrRequest().status).isEqualTo(200);
    await("the key #", () -> digitsReceived().size() == 3);
    assertThat(digitsReceived()).containsExactly("5", "*", "#");
    assertThat(SipWebSocketServer.dtmfEvent("05")).isEqualTo('0');
    assertThat(SipWebSocketServer.dtmfEvent("12")).isEqualTo('A');
    assertThat(SipWebSocketServer.dtmfEvent("")).isEqualTo('\0');
  }
}
