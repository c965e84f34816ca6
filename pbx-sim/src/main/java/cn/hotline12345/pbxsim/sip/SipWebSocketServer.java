package cn.hotline12345.pbxsim.sip;

import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.engine.Channel;
import cn.hotline12345.pbxsim.engine.Engine;
import cn.hotline12345.pbxsim.engine.SoftPhones;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * pbx-sim's SIP over WebSocket (RFC 7118), what Asterisk's res_pjsip_transport_websocket with http.conf's
 * {@code /ws} gives the console's softphone: subprotocol {@code sip}, one SIP message per WebSocket text message.
 *
 * <ul>
 *   <li>REGISTER with digest auth against each account's HA1 (the {@code md5_cred} of the server's realtime
 *       ps_auths), a wrong password answered with a new 401 challenge, never 200 ({@link SipDigest});</li>
 *   <li>INVITE from a <em>caller page</em> (a registered account standing for the PSTN caller): challenged too, then
 *       a scripted caller is placed into the dialplan ({@link Engine#placeCall}) and its SDP offer is kept;</li>
 *   <li>when a queue rings an agent whose extension is registered here ({@link SoftPhones}), an INVITE with that
 *       offer goes to the agent's browser; its 200 OK answers the queue attempt (AgentConnect then), is ACKed, and
 *       its SDP answer goes to the caller page in the 200 OK of the caller's INVITE: media flows browser to browser;</li>
 *   <li>BYE both ways, CANCEL when the queue stops ringing (and 487 + ACK), re-INVITE (hold: a=sendonly/recvonly)
 *       relayed to the other page and its answer relayed back;</li>
 *   <li>a simulated caller (no caller page) rung to a registered browser gets a voice: a
 *       {@link cn.hotline12345.pbxsim.media.MediaEnd} (ICE-lite, DTLS-SRTP, PCMU) offers in the INVITE, plays one of
 *       the recorded citizens, answers the page's hold/resume re-INVITEs itself and hands the page's RFC 4733 keys
 *       to the agent's channel ({@link #simulatedCallerMedia});</li>
 *   <li>a closed WebSocket ends its registrations and its calls (as a WebSocket transport shutdown does in
 *       res_pjsip_transport_websocket: the contacts on it go, the dialogs on it fail).</li>
 * </ul>
 *
 * <p>One simplification, said plainly: Asterisk answers the caller's channel itself (Answer() in the IVR, with its
 * own SDP) and bridges media; here the caller page gets 180 until the agent answers and then 200 with the agent's
 * SDP, as if {@code direct_media} joined the two. The AMI events are the simulator's usual ones either way.
 *
 * <p>Everything runs on the simulator's context (the engine's single thread).
 */
public final class SipWebSocketServer implements SoftPhones, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SipWebSocketServer.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALLOW = "OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INVITE, ACK, BYE, CANCEL, UPDATE, "
      + "PRACK, MESSAGE, REFER";

  private static final java.util.regex.Pattern DTMF_NUMBER = java.util.regex.Pattern.compile("^(\\d{1,9})");

  private final Vertx vertx;
  private final Engine engine;
  private final String realm;
  private final String host;
  private final SipDigest digest = new SipDigest(32);
  private final Map<String, String> ha1ByUser = new ConcurrentHashMap<>();
  private final Map<String, Registration> registrations = new HashMap<>();
  private final Map<String, Dialog> dialogs = new HashMap<>();
  private final Map<String, Dialog> callerByLinkedid = new HashMap<>();
  private HttpServer server;
  private volatile boolean simulatedCallerMedia = true;
  private int port;

  /** A contact bound to the WebSocket it came over. */
  private record Registration(Conn conn, String contact, long expiresAtMs) {
  }

  private static final class Conn {
    final ServerWebSocket ws;
    final String source;

    Conn(ServerWebSocket ws) {
      this.ws = ws;
      this.source = ws.remoteAddress() == null ? "?" : ws.remoteAddress().host() + ":" + ws.remoteAddress().port();
    }

    void send(SipMessage m) {
      if (!ws.isClosed()) {
        ws.writeTextMessage(m.encode());
      }
    }
  }

  /** One SIP dialog with a page: the caller's (UAS side here) or the agent's (UAC side here). */
  private final class Dialog {
    final Conn conn;
    final String callId;
    final boolean weAreUac;
    String localTag;
    String remoteTag;
    String localUri;
    String remoteUri;
    String remoteTarget;
    String remoteName = "";
    long localCseq = 1;
    String offer = "";
    SipMessage invite;        // the INVITE that opened it (theirs when we are UAS, ours when UAC)
    String inviteBranch;
    boolean confirmed;
    boolean ended;
    Dialog peer;
    Channel channel;          // the caller's channel (caller dialogs)
    SoftPhones.Events events; // the queue's listener (agent dialogs)
    Channel agentLeg;         // the PJSIP/ext leg the queue rang (agent dialogs)
    cn.hotline12345.pbxsim.media.MediaEnd media; // the simulated caller's voice (agent dialogs without a caller page)
    Consumer<SipMessage> pending; // the answer awaited to our in-dialog request (re-INVITE)
    SipMessage relayedReinvite;   // their re-INVITE we relayed to the peer, answered when the peer answers

    Dialog(Conn conn, String callId, boolean weAreUac) {
      this.conn = conn;
      this.callId = callId;
      this.weAreUac = weAreUac;
    }

    SipMessage request(String method) {
      SipMessage m = SipMessage.request(method, remoteTarget);
      m.add("Via", "SIP/2.0/WS " + host + ";branch=" + branch()).add("Max-Forwards", "70")
          .add("From", "<" + localUri + ">;tag=" + localTag)
          .add("To", "<" + remoteUri + ">" + (remoteTag == null ? "" : ";tag=" + remoteTag))
          .add("Call-ID", callId).add("CSeq", (++localCseq) + " " + method);
      return m;
    }

    /** CANCEL while our INVITE rings, BYE once it is up; once. */
    void end() {
      if (ended) {
        return;
      }
      ended = true;
      if (weAreUac && !confirmed) {
        SipMessage c = SipMessage.request("CANCEL", invite.uri);
        c.add("Via", invite.header("Via")).add("Max-Forwards", "70").add("From", invite.header("From"))
            .add("To", invite.header("To")).add("Call-ID", callId).add("CSeq", invite.cseq() + " CANCEL");
        conn.send(c);
      } else if (!weAreUac && !confirmed) {
        // the caller's call ended before an agent answered: the queue gave up (Asterisk: 480 or the cause's code)
        conn.send(withContact(invite.reply(480, "Temporarily Unavailable", localTag)));
        forget();
      } else {
        conn.send(request("BYE"));
        forget();
      }
    }

    void forget() {
      dialogs.remove(callId);
      if (media != null) {
        media.close();
      }
      if (channel != null) {
        callerByLinkedid.remove(channel.linkedid(), this);
      }
    }
  }

  /**
   * @param realm the digest realm (the server's {@code softphone.realm}, the realm its HA1 are made with)
   * @param host  the host this server names in its Via and Contact
   */
  public SipWebSocketServer(Vertx vertx, Engine engine, String realm, String host) {
    this.vertx = vertx;
    this.engine = engine;
    this.realm = realm;
    this.host = host;
  }

  /** Sets or replaces an account: the SIP user (extension) and its HA1 = MD5(user:realm:password). Thread-safe. */
  public void account(String user, String ha1) {
    if (!user.matches("[A-Za-z0-9_.-]{1,40}") || !ha1.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("user: 1 to 40 of A-Z a-z 0-9 _ . -; ha1: 32 lower-case hex digits");
    }
    ha1ByUser.put(user, ha1);
  }

  /** Listens on {@code bindHost:port} (0: any free port), path {@code /ws}. */
  public Future<SipWebSocketServer> listen(String bindHost, int port) {
    server = vertx.createHttpServer(new HttpServerOptions().setHost(bindHost).setPort(port)
        .setWebSocketSubProtocols(List.of("sip")).setMaxWebSocketMessageSize(65536));
    server.webSocketHandler(ws -> engine.context().runOnContext(v -> open(ws)));
    server.requestHandler(req -> req.response().setStatusCode(404).end());
    return server.listen().map(s -> {
      this.port = s.actualPort();
      engine.softPhones(this);
      return this;
    });
  }

  public int port() {
    return port;
  }

  /** The address the pages connect to. */
  public String url() {
    return "ws://" + host + ":" + port + "/ws";
  }

  /** Whether the user has a live registration (for tests and the demo). */
  public Future<Boolean> isRegistered(String user) {
    io.vertx.core.Promise<Boolean> p = io.vertx.core.Promise.promise();
    engine.context().runOnContext(v -> p.complete(registered(user)));
    return p.future();
  }

  /** Closes every WebSocket of a user (a test's "network dropped"); its calls end as the transport went. */
  public void dropConnectionsOf(String user) {
    engine.context().runOnContext(v -> {
      Registration r = registrations.get(user);
      if (r != null) {
        r.conn.ws.close();
      }
    });
  }

  private void open(ServerWebSocket ws) {
    if (!"/ws".equals(ws.path()) || !"sip".equals(ws.subProtocol())) {
      // res_http_websocket: a request for a protocol nobody registered is refused
      ws.close((short) 1002, "subprotocol sip required");
      return;
    }
    Conn conn = new Conn(ws);
    ws.textMessageHandler(text -> engine.context().runOnContext(v -> received(conn, text)));
    ws.closeHandler(v -> engine.context().runOnContext(x -> closed(conn)));
  }

  private void closed(Conn conn) {
    registrations.values().removeIf(r -> r.conn == conn);
    for (Dialog d : List.copyOf(dialogs.values())) {
      if (d.conn == conn && !d.ended) {
        d.ended = true;
        d.forget();
        if (d.events != null) {
          if (d.confirmed) {
            d.events.hungUp();
          } else {
            d.events.refused();
          }
        } else if (d.channel != null && !d.channel.isHungUp()) {
          engine.requestHangup(d.channel, "16", false);
        }
      }
    }
  }

  private void received(Conn conn, String text) {
    if (text.isBlank()) {
      return; // a keep-alive (RFC 5626 CRLF)
    }
    SipMessage m;
    try {
      m = SipMessage.parse(text);
    } catch (IllegalArgumentException e) {
      LOG.debug("SIP over WS from {}: dropped a malformed message: {}", conn.source, e.getMessage());
      return;
    }
    try {
      if (m.isRequest()) {
        request(conn, m);
      } else {
        response(m);
      }
    } catch (RuntimeException e) {
      LOG.warn("SIP over WS from {}: {} failed: {}", conn.source, m.isRequest() ? m.method : m.status, e.toString());
      if (m.isRequest() && !"ACK".equals(m.method)) {
        conn.send(m.reply(500, "Server Internal Error", null));
      }
    }
  }

  // ---------------------------------------------------------------- requests from the pages

  private void request(Conn conn, SipMessage m) {
    String toTag = SipMessage.param(m.header("To"), "tag");
    Dialog d = dialogs.get(m.header("Call-ID"));
    switch (m.method) {
      case "REGISTER" -> register(conn, m);
      case "OPTIONS" -> conn.send(m.reply(200, "OK", tag()).add("Allow", ALLOW).add("Accept", "application/sdp"));
      case "INVITE" -> {
        if (toTag == null) {
          invite(conn, m);
        } else if (d != null && !d.ended) {
          reinvite(d, m);
        } else {
          conn.send(m.reply(481, "Call/Transaction Does Not Exist", null));
        }
      }
      case "ACK" -> {
        if (d != null && !d.weAreUac) {
          d.confirmed = true;
        }
      }
      case "BYE" -> bye(conn, m, d);
      case "CANCEL" -> cancel(conn, m, d);
      case "INFO" -> info(conn, m, d);
      // transfers from the softphone are not modelled here (the console's server-side transfer still works)
      case "REFER" -> conn.send(m.reply(501, "Not Implemented", null));
      default -> conn.send(m.reply(405, "Method Not Allowed", null).add("Allow", ALLOW));
    }
  }

  /** The account of a request's From user, authenticated; false (and a 401 sent) when not. */
  private boolean authenticated(Conn conn, SipMessage m, String user) {
    String ha1 = ha1ByUser.get(user);
    // an unknown user gets a challenge like a known one (Asterisk's artificial endpoint): nothing tells them apart
    SipDigest.Result r = ha1 == null ? (m.header("Authorization") == null ? SipDigest.Result.NONE
        : SipDigest.Result.WRONG)
        : digest.check(m, user, realm, ha1, conn.source, (System.currentTimeMillis() / 1000));
    if (r == SipDigest.Result.OK) {
      return true;
    }
    if (r == SipDigest.Result.WRONG) {
      LOG.info("SIP over WS from {}: Failed to authenticate {} for {}", conn.source, m.method, user);
    }
    conn.send(m.reply(401, "Unauthorized", tag())
        .add("WWW-Authenticate", digest.challenge(conn.source, realm, (System.currentTimeMillis() / 1000),
            r == SipDigest.Result.STALE)));
    return false;
  }

  private void register(Conn conn, SipMessage m) {
    String user = SipMessage.userOf(SipMessage.uriOf(m.header("To")));
    if (!authenticated(conn, m, user)) {
      return;
    }
    String contactHdr = m.header("Contact");
    long expires = 3600;
    String ex = m.header("Expires");
    if (contactHdr != null && SipMessage.param(contactHdr, "expires") != null) {
      ex = SipMessage.param(contactHdr, "expires");
    }
    if (ex != null) {
      try {
        expires = Long.parseLong(ex.trim());
      } catch (NumberFormatException e) {
        conn.send(m.reply(400, "Bad Request", tag()));
        return;
      }
    }
    if (contactHdr == null) {
      Registration r = registrations.get(user);
      SipMessage ok = m.reply(200, "OK", tag());
      if (r != null) {
        ok.add("Contact", "<" + r.contact + ">;expires=" + Math.max(0, (r.expiresAtMs - System.currentTimeMillis()) / 1000));
      }
      conn.send(ok);
      return;
    }
    String contact = SipMessage.uriOf(contactHdr);
    if (expires == 0 || "*".equals(contactHdr.trim())) {
      registrations.remove(user);
      conn.send(m.reply(200, "OK", tag()));
      return;
    }
    // pjsip.conf's aor: minimum_expiration 60, maximum_expiration 7200 (the defaults)
    if (expires < 60) {
      conn.send(m.reply(423, "Interval Too Brief", tag()).add("Min-Expires", "60"));
      return;
    }
    expires = Math.min(expires, 7200);
    // max_contacts = 1 with remove_existing = yes: the newest registration wins (the console's one-tab rule keeps
    // a second tab from getting here)
    registrations.put(user, new Registration(conn, contact, System.currentTimeMillis() + expires * 1000));
    conn.send(m.reply(200, "OK", tag()).add("Contact", "<" + contact + ">;expires=" + expires)
        .add("Expires", Long.toString(expires)));
  }

  private void invite(Conn conn, SipMessage m) {
    String user = SipMessage.userOf(SipMessage.uriOf(m.header("From")));
    if (!authenticated(conn, m, user)) {
      return;
    }
    if (dialogs.containsKey(m.header("Call-ID"))) {
      return; // a retransmission
    }
    if (!"application/sdp".equalsIgnoreCase(String.valueOf(m.header("Content-Type")).trim()) || m.body.isBlank()) {
      conn.send(m.reply(488, "Not Acceptable Here", tag()));
      return;
    }
    conn.send(m.reply(100, "Trying", null));
    Dialog d = new Dialog(conn, m.header("Call-ID"), false);
    d.invite = m;
    d.localTag = tag();
    d.remoteTag = SipMessage.param(m.header("From"), "tag");
    d.localUri = SipMessage.uriOf(m.header("To"));
    d.remoteUri = SipMessage.uriOf(m.header("From"));
    d.remoteTarget = m.header("Contact") == null ? d.remoteUri : SipMessage.uriOf(m.header("Contact"));
    d.offer = m.body;
    dialogs.put(d.callId, d);
    String dialed = SipMessage.userOf(SipMessage.uriOf(m.uri));
    // the caller page stands for a PSTN caller: what they press at the IVR's prompts may come scripted, as a
    // CallerSpec's digits (X-Sim-Digits: 5,1,1), since a page cannot know when a prompt plays; a real Asterisk
    // ignores the header. Keys sent later as SIP INFO (application/dtmf-relay) reach the channel as DTMF too.
    String digits = m.header("X-Sim-Digits");
    CallerSpec spec = CallerSpec.of(user).dialed(dialed.isEmpty() ? "12345" : dialed);
    if (digits != null && digits.matches("[0-9*#,]{1,40}")) {
      spec = spec.digits(digits);
    }
    Channel c = engine.placeCall(spec);
    d.channel = c;
    callerByLinkedid.put(c.linkedid(), d);
    c.whenDestroyed(d::end);
    conn.send(withContact(m.reply(180, "Ringing", d.localTag)));
  }

  private void bye(Conn conn, SipMessage m, Dialog d) {
    if (d == null || d.ended) {
      conn.send(m.reply(481, "Call/Transaction Does Not Exist", null));
      return;
    }
    conn.send(m.reply(200, "OK", null));
    d.ended = true;
    d.forget();
    if (d.events != null) {
      d.events.hungUp();
    } else if (d.channel != null && !d.channel.isHungUp()) {
      engine.requestHangup(d.channel, "16", false);
    }
  }

  private void cancel(Conn conn, SipMessage m, Dialog d) {
    if (d == null || d.weAreUac || d.confirmed || d.ended) {
      conn.send(m.reply(481, "Call/Transaction Does Not Exist", null));
      return;
    }
    conn.send(m.reply(200, "OK", null));
    conn.send(d.invite.reply(487, "Request Terminated", d.localTag));
    d.ended = true;
    d.forget();
    if (d.channel != null && !d.channel.isHungUp()) {
      engine.requestHangup(d.channel, "16", false);
    }
  }

  /** A page's re-INVITE (hold, resume): relayed to the other page, whose answer comes back in our 200 OK. */
  private void reinvite(Dialog d, SipMessage m) {
    if (d.media != null) {
      // the simulated caller's media end answers a hold (a=sendonly: it answers recvonly and stops sending) or a
      // resume itself, as Asterisk's own media does; an offer it cannot take is refused as Asterisk refuses one
      // (488), the call goes on as it was
      String answer;
      try {
        answer = d.media.reoffer(m.body);
      } catch (RuntimeException e) {
        LOG.info("SIP: re-INVITE on {} refused: {}", d.callId, e.getMessage());
        conn(d).send(m.reply(488, "Not Acceptable Here", null));
        return;
      }
      if (m.header("Contact") != null) {
        d.remoteTarget = SipMessage.uriOf(m.header("Contact"));
      }
      SipMessage ok = withContact(m.reply(200, "OK", null)).add("Allow", ALLOW).add("Content-Type", "application/sdp");
      ok.body = answer;
      conn(d).send(ok);
      return;
    }
    Dialog other = d.peer;
    if (other == null || other.ended || !other.confirmed || other.pending != null) {
      conn(d).send(m.reply(488, "Not Acceptable Here", null));
      return;
    }
    conn(d).send(m.reply(100, "Trying", null));
    if (m.header("Contact") != null) {
      d.remoteTarget = SipMessage.uriOf(m.header("Contact"));
    }
    SipMessage out = other.request("INVITE");
    out.add("Contact", "<sip:asterisk@" + host + ";transport=ws>").add("Allow", ALLOW);
    if (!m.body.isBlank()) {
      out.add("Content-Type", "application/sdp");
      out.body = m.body;
    }
    other.relayedReinvite = m;
    other.pending = resp -> {
      if (resp.status < 200) {
        return;
      }
      other.pending = null;
      if (resp.status < 300) {
        SipMessage ack = other.request("ACK");
        ack.set("CSeq", resp.cseq() + " ACK");
        other.conn.send(ack);
      }
      SipMessage back = withContact(m.reply(resp.status, resp.reason, null));
      if (resp.status < 300 && !resp.body.isBlank()) {
        back.add("Content-Type", "application/sdp");
        back.body = resp.body;
      }
      conn(d).send(back);
    };
    other.conn.send(out);
  }

  private static Conn conn(Dialog d) {
    return d.conn;
  }

  // ---------------------------------------------------------------- responses from the pages

  private void response(SipMessage r) {
    Dialog d = dialogs.get(r.header("Call-ID"));
    if (d == null) {
      return;
    }
    if ("INVITE".equals(r.cseqMethod()) && d.weAreUac && r.cseq() == d.invite.cseq()) {
      inviteResponse(d, r);
    } else if ("INVITE".equals(r.cseqMethod()) && d.pending != null) {
      d.pending.accept(r);
    }
    // responses to BYE, CANCEL and ACK-less requests need nothing more here
  }

  /** The agent's answer to our INVITE. */
  private void inviteResponse(Dialog d, SipMessage r) {
    if (r.status < 200) {
      return;
    }
    if (r.status >= 300) {
      // ACK to a non-2xx final response: same branch as the INVITE, the To of the response (RFC 3261 17.1.1.3)
      SipMessage ack = SipMessage.request("ACK", d.invite.uri);
      ack.add("Via", d.invite.header("Via")).add("Max-Forwards", "70").add("From", d.invite.header("From"))
          .add("To", r.header("To")).add("Call-ID", d.callId).add("CSeq", d.invite.cseq() + " ACK");
      d.conn.send(ack);
      boolean wasEnded = d.ended;
      d.ended = true;
      d.forget();
      if (!wasEnded) {
        d.events.refused();
      }
      return;
    }
    d.remoteTag = SipMessage.param(r.header("To"), "tag");
    if (r.header("Contact") != null) {
      d.remoteTarget = SipMessage.uriOf(r.header("Contact"));
    }
    SipMessage ack = d.request("ACK");
    ack.set("CSeq", d.invite.cseq() + " ACK");
    d.localCseq--;
    d.conn.send(ack);
    if (d.ended) {
      // answered while we were cancelling (the 200 crossed our CANCEL): end it with BYE (RFC 3261 9.1)
      d.conn.send(d.request("BYE"));
      d.forget();
      return;
    }
    d.confirmed = true;
    if (d.media != null) {
      try {
        d.media.answer(r.body);
      } catch (RuntimeException e) {
        // an answer our media end cannot use: the call would be silent; end it (Asterisk: BYE after the ACK when
        // the negotiation failed) and let the queue try again
        LOG.info("SIP: the phone's answer on {} is unusable ({}): BYE", d.callId, e.getMessage());
        d.conn.send(d.request("BYE"));
        d.ended = true;
        d.forget();
        d.events.refused();
        return;
      }
    }
    Dialog caller = d.peer;
    if (caller != null && !caller.ended) {
      SipMessage ok = withContact(caller.invite.reply(200, "OK", caller.localTag)).add("Allow", ALLOW)
          .add("Content-Type", "application/sdp");
      ok.body = r.body;
      caller.conn.send(ok);
      caller.confirmed = true; // answered: its end is a BYE now
      caller.peer = d;
    }
    d.events.answered();
  }

  // ---------------------------------------------------------------- the queue's side (SoftPhones)

  private boolean registered(String user) {
    Registration r = registrations.get(user);
    if (r != null && r.expiresAtMs < System.currentTimeMillis()) {
      registrations.remove(user);
      return false;
    }
    return r != null && !r.conn.ws.isClosed();
  }

  /**
   * INFO in a dialog: DTMF as res_pjsip_dtmf_info.c takes it. {@code application/dtmf-relay}: the line
   * {@code Signal=} names the key; {@code application/dtmf}: the body is the key; an empty body is answered 200 ("need
   * to return 200 OK on empty body"), a signal it cannot read 500 ("send_response(session, rdata, event ? 200 :
   * 500)"). A key from the caller page reaches the caller's channel (DTMFBegin/DTMFEnd, the IVR's reads), a key from
   * the agent page the agent's channel; other INFO bodies are answered 200 without effect.
   */
  private void info(Conn conn, SipMessage m, Dialog d) {
    if (d == null || d.ended) {
      conn.send(m.reply(481, "Call/Transaction Does Not Exist", null));
      return;
    }
    String type = m.header("Content-Type");
    type = type == null ? "" : type.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
    boolean relay = type.equals("application/dtmf-relay");
    if ((!relay && !type.equals("application/dtmf")) || m.body.isEmpty()) {
      conn.send(m.reply(200, "OK", null));
      return;
    }
    char key = '\0';
    if (relay) {
      // as its strsep loop: lines split at CR or LF, the name compared as it is ("Signal =" is not "Signal"), blanks
      // skipped before the value, a later Signal line wins, an unreadable one stops the loop
      for (String line : m.body.split("[\r\n]")) {
        int eq = line.indexOf('=');
        if (eq >= 0 && line.substring(0, eq).equalsIgnoreCase("signal")) {
          key = dtmfEvent(line.substring(eq + 1).stripLeading());
          if (key == '\0') {
            break;
          }
        }
      }
    } else {
      key = dtmfEvent(m.body.trim());
    }
    if (key == '\0') {
      conn.send(m.reply(500, "Internal Server Error", null));
      return;
    }
    conn.send(m.reply(200, "OK", null));
    if (d.channel != null && !d.channel.isHungUp() && key != '!') {
      engine.receiveDtmf(d.channel, key);
    } else if (d.agentLeg != null && !d.agentLeg.isHungUp() && key != '!') {
      // a key from the agent's page reaches the agent's channel (DTMFBegin/End Received on PJSIP/ext, Sent on the
      // caller's), as res_pjsip_dtmf_info.c queues the frame on the session's channel
      engine.receiveDtmf(d.agentLeg, key);
    }
  }

  /** res_pjsip_dtmf_info.c get_event(): 0-9, *, #, A-D (either case), ! (flash), or the numbers 10..16; else none. */
  static char dtmfEvent(String v) {
    if (v.isEmpty()) {
      return '\0';
    }
    char c = v.charAt(0);
    if (c == '!' || c == '*' || c == '#' || (c >= 'A' && c <= 'D') || (c >= 'a' && c <= 'd')) {
      return c;
    }
    java.util.regex.Matcher n = DTMF_NUMBER.matcher(v);
    if (!n.find()) {
      return '\0';
    }
    int e = Integer.parseInt(n.group(1));
    if (e < 10) {
      return c; // "if (event < 10) return *c;": "05" is the key 0, as Asterisk reads it
    }
    return switch (e) {
      case 10 -> '*';
      case 11 -> '#';
      case 12, 13, 14, 15 -> (char) ('A' + e - 12);
      case 16 -> '!';
      default -> '\0';
    };
  }

  /**
   * Whether a queue call of a simulated caller (no caller page) rings a registered browser too, its voice played by a
   * {@link cn.hotline12345.pbxsim.media.MediaEnd} (on by default: the demo's keyboard agent). Off: only calls from a
   * caller page ring browsers, the agent's script answers the others.
   */
  public void simulatedCallerMedia(boolean on) {
    this.simulatedCallerMedia = on;
  }

  @Override
  public boolean canRing(String extension, String linkedid) {
    Dialog caller = callerByLinkedid.get(linkedid);
    return registered(extension) && (caller != null && !caller.ended || caller == null && simulatedCallerMedia);
  }

  @Override
  public Leg ring(Channel agentLeg, String extension, String callerNumber, String callerName, String linkedid,
                  Events events) {
    Registration reg = registrations.get(extension);
    Dialog caller = callerByLinkedid.get(linkedid);
    Dialog d = new Dialog(reg.conn, HexFormat.of().formatHex(randomBytes(12)) + "@" + host, true);
    d.events = events;
    d.agentLeg = agentLeg;
    if (caller == null) {
      // a simulated caller: its voice comes from a media end of ours (one of the recorded citizens)
      try {
        d.media = cn.hotline12345.pbxsim.media.MediaEnd.open(host, cn.hotline12345.pbxsim.media.Voice.citizen(
            Math.floorMod(linkedid.hashCode(), cn.hotline12345.pbxsim.media.Voice.citizens())));
      } catch (java.io.IOException | RuntimeException e) {
        LOG.warn("SIP: no media end for {} ({}): the phone is not rung", linkedid, e.toString());
        engine.context().runOnContext(v -> events.refused());
        return () -> { };
      }
      cn.hotline12345.pbxsim.media.MediaEnd media = d.media;
      // a key on the agent page's keypad (RFC 4733 in RTP) reaches the agent's channel, as on Asterisk
      media.onDtmf(key -> engine.context().runOnContext(v -> {
        if (!d.ended && agentLeg != null && !agentLeg.isHungUp()) {
          engine.receiveDtmf(agentLeg, key);
        }
      }));
    }
    d.localTag = tag();
    d.localUri = "sip:" + (callerNumber == null || callerNumber.isBlank() ? "anonymous" : callerNumber) + "@" + host;
    d.remoteUri = "sip:" + extension + "@" + host;
    d.remoteTarget = reg.contact;
    d.localCseq = 0;
    d.peer = caller;
    if (caller != null) {
      caller.peer = d;
    }
    SipMessage inv = d.request("INVITE");
    String name = callerName == null ? "" : callerName.replace("\"", "");
    inv.set("From", (name.isEmpty() ? "" : "\"" + name + "\" ") + "<" + d.localUri + ">;tag=" + d.localTag);
    inv.add("Contact", "<sip:asterisk@" + host + ";transport=ws>").add("Allow", ALLOW)
        .add("Content-Type", "application/sdp");
    inv.body = caller != null ? caller.offer : d.media.offer();
    d.invite = inv;
    d.inviteBranch = SipMessage.param(inv.header("Via"), "branch");
    dialogs.put(d.callId, d);
    reg.conn.send(inv);
    return d::end;
  }

  // ---------------------------------------------------------------- bits

  private SipMessage withContact(SipMessage m) {
    return m.add("Contact", "<sip:asterisk@" + host + ";transport=ws>");
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static String tag() {
    return HexFormat.of().formatHex(randomBytes(6));
  }

  private static String branch() {
    return "z9hG4bK" + HexFormat.of().formatHex(randomBytes(8));
  }

  @Override
  public void close() {
    engine.softPhones(null);
    if (server != null) {
      server.close();
    }
  }
}
