package cn.hotline12345.pbxsim.sip;

import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.pbxsim.engine.Channel;
import cn.hotline12345.pbxsim.engine.Engine;
import cn.hotline12345.pbxsim.engine.SoftPhones;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.KeyCertOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

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
 *       res_pjsip_transport_websocket: the contacts on it go, the dialogs on it fail);</li>
 *   <li>REFER in a dialog as res_pjsip_refer.c: 202 and the implicit subscription (NOTIFY {@code Event: refer},
 *       {@code message/sipfrag;version=2.0}); blind to the Refer-To user in the transferer's context (the agents'
 *       endpoints: {@code agents}), the final NOTIFY when the transferee enters a bridge (200) or hangs up first
 *       (503); attended with {@code Replaces} naming another dialog of this server (AttendedTransfer); the
 *       transferer's dialog then waits for the page's BYE (deferred termination, 60 s);</li>
 *   <li>INVITE from an agent's own account (a consultation call): a PJSIP/10xx channel in {@code agents}; its SDP
 *       answer comes from a pluggable {@link #mediaAnswerer media answerer}, 488 without one;</li>
 *   <li>INFO DTMF from the agent's page reaches the agent's channel the queue created;</li>
 *   <li>{@code wss://} when listening with a certificate.</li>
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

  /** The context of the agents' endpoints (docker/asterisk pjsip.conf and the realtime ps_endpoints view). */
  static final String ENDPOINT_CONTEXT = "agents";

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
  /** The transferee's Uniqueid of a blind transfer from a REFER, to its REFER's dialog (the final NOTIFY waits). */
  private final Map<String, Dialog> blindProgress = new HashMap<>();
  /** The channel Uniqueid of an agent's own call (consultation), to its dialog. */
  private final Map<String, Dialog> agentCalls = new HashMap<>();
  private Dialog blindFrom; // the dialog whose REFER is running engine.blindTransfer right now
  private volatile Function<String, String> mediaAnswerer;
  private boolean tls;
  private HttpServer server;
  private volatile boolean simulatedCallerMedia = true;
  private int port;

  /** res_pjsip_refer.c's refer_progress: the implicit subscription a REFER creates (RFC 3515). */
  private static final class Refer {
    boolean sent100;
    boolean done;
  }

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
    Channel channel;          // the caller's channel (caller dialogs), the agent's own call's (consultation dialogs)
    Channel agentChannel;     // the queue's PJSIP/10xx leg (agent dialogs): DTMF and REFER act on it
    boolean fromAgent;        // a call the agent's phone placed (a consultation), not a caller page's
    String answerSdp;         // the media answerer's answer for a consultation call, sent in its 200 OK
    String hangupCause;       // the Cause of its channel's Hangup (consultation dialogs), for the final response
    SoftPhones.Events events; // the queue's listener (agent dialogs)
    cn.hotline12345.pbxsim.media.MediaEnd media; // the simulated caller's voice (agent dialogs without a caller page)
    Refer refer;              // the implicit subscription of a REFER in this dialog, or null
    boolean deferEnd;         // a transfer succeeded from this dialog: wait for the page's BYE before sending one
    long deferTimer = -1;
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

    /** The channel this side of the dialog acts on (REFER, DTMF). */
    Channel own() {
      return agentChannel != null ? agentChannel : channel;
    }

    /** CANCEL while our INVITE rings, BYE once it is up; once. */
    void end() {
      if (ended) {
        return;
      }
      if (deferEnd && confirmed) {
        // res_pjsip_refer.c calls ast_sip_session_defer_termination() before the transfer, so the hang-up of the
        // transferer's channel sends no BYE (res_pjsip_session.c ast_sip_session_terminate: "if
        // (session->defer_terminate) { session->terminate_while_deferred = 1; ... Deferred"); the page is expected to
        // BYE; if it does not, the 60 s timer of ast_sip_session_defer_termination ("pj_time_val delay = { .sec = 60,
        // }") ends it from here (session_termination_task)
        if (deferTimer < 0) {
          deferTimer = engine.clock().schedule(60_000, () -> {
            deferEnd = false;
            end();
          });
        }
        return;
      }
      ended = true;
      if (weAreUac && !confirmed) {
        SipMessage c = SipMessage.request("CANCEL", invite.uri);
        c.add("Via", invite.header("Via")).add("Max-Forwards", "70").add("From", invite.header("From"))
            .add("To", invite.header("To")).add("Call-ID", callId).add("CSeq", invite.cseq() + " CANCEL");
        conn.send(c);
      } else if (!weAreUac && !confirmed && fromAgent) {
        // the agent's own call failed before an answer: chan_pjsip's hangup_cause2sip(cause)
        int code = causeToSip(hangupCause);
        conn.send(withContact(invite.reply(code, reasonOf(code), localTag)));
        forget();
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
      engine.clock().cancel(deferTimer);
      deferTimer = -1;
      dialogs.remove(callId, this);
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

  /**
   * The "media answerer" for calls the agents' pages place themselves (a consultation INVITE to a colleague): offer
   * SDP in, answer SDP out, run on the simulator's context (it must not block). None set (the default), or one
   * answering null, blank or throwing: the simulator's own {@link cn.hotline12345.pbxsim.media.MediaEnd} answers
   * while {@link #simulatedCallerMedia} is on (the default); otherwise, or for an offer the media end cannot use, the
   * INVITE is refused with 488 Not Acceptable Here, as Asterisk refuses an offer it cannot negotiate; the simulator
   * never makes up an SDP of media it does not have.
   */
  public void mediaAnswerer(Function<String, String> answerer) {
    this.mediaAnswerer = answerer;
  }

  /** Listens on {@code bindHost:port} (0: any free port), path {@code /ws}, plain {@code ws://}. */
  public Future<SipWebSocketServer> listen(String bindHost, int port) {
    return listen(bindHost, port, null);
  }

  /**
   * Listens on {@code bindHost:port} (0: any free port), path {@code /ws}; with {@code keyCert} set, over TLS
   * ({@code wss://}, as Asterisk's http.conf {@code tlsenable = yes}).
   */
  public Future<SipWebSocketServer> listen(String bindHost, int port, KeyCertOptions keyCert) {
    HttpServerOptions o = new HttpServerOptions().setHost(bindHost).setPort(port)
        .setWebSocketSubProtocols(List.of("sip")).setMaxWebSocketMessageSize(65536);
    if (keyCert != null) {
      o.setSsl(true).setKeyCertOptions(keyCert);
      tls = true;
    }
    server = vertx.createHttpServer(o);
    server.webSocketHandler(ws -> engine.context().runOnContext(v -> open(ws)));
    server.requestHandler(req -> req.response().setStatusCode(404).end());
    return server.listen().map(s -> {
      this.port = s.actualPort();
      engine.softPhones(this);
      engine.addSink(this::observe);
      return this;
    });
  }

  public int port() {
    return port;
  }

  /** The address the pages connect to. */
  public String url() {
    return (tls ? "wss://" : "ws://") + host + ":" + port + "/ws";
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
      case "REFER" -> refer(conn, m, d);
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
    if (engine.agents().containsKey("PJSIP/" + user)) {
      agentInvite(conn, m, user);
      return;
    }
    conn.send(m.reply(100, "Trying", null));
    Dialog d = uasDialog(conn, m);
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
   * 500)"). A key from the caller page reaches the caller's channel (DTMFBegin/DTMFEnd, the IVR's reads); a key from
   * the agent's page reaches the agent's channel the queue created (and, across the bridge, the caller as Sent). Other
   * INFO bodies are answered 200 without effect.
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
    // the key arrives on this side's channel: the caller's for a caller page, the queue's PJSIP/10xx leg for the
    // agent's page (chan_pjsip queues the DTMF frame on the session's channel: DTMFBegin/DTMFEnd, Direction Received)
    Channel on = d.own();
    if (on != null && !on.isHungUp() && key != '!') {
      engine.receiveDtmf(on, key);
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
  public Leg ring(String extension, Channel agent, String callerNumber, String callerName, String linkedid,
      Events events) {
    Registration reg = registrations.get(extension);
    Dialog caller = callerByLinkedid.get(linkedid);
    Dialog d = new Dialog(reg.conn, HexFormat.of().formatHex(randomBytes(12)) + "@" + host, true);
    d.events = events;
    d.agentChannel = agent;
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
        if (!d.ended && agent != null && !agent.isHungUp()) {
          engine.receiveDtmf(agent, key);
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

  // ---------------------------------------------------------------- calls the agents' pages place

  /** The dialog a page's INVITE opens with us as UAS: tags, URIs, its target and offer; registered by Call-ID. */
  private Dialog uasDialog(Conn conn, SipMessage m) {
    Dialog d = new Dialog(conn, m.header("Call-ID"), false);
    d.invite = m;
    d.localTag = tag();
    d.remoteTag = SipMessage.param(m.header("From"), "tag");
    d.localUri = SipMessage.uriOf(m.header("To"));
    d.remoteUri = SipMessage.uriOf(m.header("From"));
    d.remoteTarget = m.header("Contact") == null ? d.remoteUri : SipMessage.uriOf(m.header("Contact"));
    d.offer = m.body;
    dialogs.put(d.callId, d);
    return d;
  }

  /**
   * An INVITE from an agent's own account (an extension the simulator has a phone for): chan_pjsip makes a
   * {@code PJSIP/<extension>} channel in the endpoint's context ({@code agents}: pjsip.conf and the realtime
   * ps_endpoints say {@code context = agents}) dialling the request URI's user; {@code [agents]}'s
   * {@code Dial(PJSIP/${EXTEN},30)} rings the colleague. The 200 OK, once the channel is answered (app_dial answers it
   * when the colleague does), carries the media answerer's SDP; without one the offer is refused (488).
   */
  private void agentInvite(Conn conn, SipMessage m, String user) {
    Function<String, String> answerer = mediaAnswerer;
    String answer = null;
    if (answerer != null) {
      try {
        answer = answerer.apply(m.body);
      } catch (RuntimeException e) {
        LOG.warn("SIP over WS: the media answerer failed on an offer from {}: {}", user, e.toString());
      }
    }
    cn.hotline12345.pbxsim.media.MediaEnd media = null;
    if (answerer == null && simulatedCallerMedia) {
      // the simulated colleague's own media end answers the page's offer (a recorded voice); an offer it cannot
      // use (no DTLS fingerprint, no PCMU...) is refused below like any other
      try {
        media = cn.hotline12345.pbxsim.media.MediaEnd.accept(host, cn.hotline12345.pbxsim.media.Voice.citizen(
            Math.floorMod(m.header("Call-ID").hashCode(), cn.hotline12345.pbxsim.media.Voice.citizens())), m.body);
        answer = media.answerSdp();
      } catch (java.io.IOException | RuntimeException e) {
        LOG.info("SIP over WS: no media end for the offer from {}: {}", user, e.getMessage());
      }
    }
    if (answer == null || answer.isBlank()) {
      // no media end to answer with: refused as an offer Asterisk cannot negotiate (no SDP is made up)
      conn.send(m.reply(488, "Not Acceptable Here", tag()));
      return;
    }
    conn.send(m.reply(100, "Trying", null));
    Dialog d = uasDialog(conn, m);
    d.fromAgent = true;
    d.answerSdp = answer;
    d.media = media;
    String dialed = SipMessage.userOf(SipMessage.uriOf(m.uri));
    Channel c = engine.placeFromPhone(user, ENDPOINT_CONTEXT, dialed.isEmpty() ? "s" : dialed, user, "");
    d.channel = c;
    agentCalls.put(c.uniqueid(), d);
    c.whenDestroyed(() -> {
      agentCalls.remove(c.uniqueid());
      d.end();
    });
  }

  /** What the engine says about the channels this server's dialogs wait on (runs on the simulator's context). */
  private void observe(AmiMessage ev) {
    switch (ev.name()) {
      case "BlindTransfer" -> {
        // the transferee of the REFER's blind transfer: its progress decides the final NOTIFY
        Dialog d = blindFrom;
        if (d != null && d.refer != null && "Success".equals(ev.get("Result"))
            && d.own().uniqueid().equals(ev.get("TransfererUniqueid")) && ev.get("TransfereeUniqueid") != null) {
          blindProgress.put(ev.get("TransfereeUniqueid"), d);
        }
      }
      case "BridgeEnter" -> {
        // refer_progress_bridge: "OMG the transferee is joining a bridge. His call got answered!" -> 200, terminated
        Dialog d = blindProgress.remove(ev.get("Uniqueid"));
        if (d != null) {
          notifyRefer(d, 200, true);
        }
      }
      case "Hangup" -> {
        // the transferee went before a bridge: refer_progress_framehook_destroy sends 503, terminated
        Dialog d = blindProgress.remove(ev.get("Uniqueid"));
        if (d != null) {
          notifyRefer(d, 503, true);
        }
        Dialog call = agentCalls.get(ev.get("Uniqueid"));
        if (call != null) {
          call.hangupCause = ev.get("Cause");
        }
      }
      case "DialBegin" -> {
        Dialog call = agentCalls.get(ev.get("Uniqueid"));
        if (call != null && !call.confirmed && !call.ended) {
          call.conn.send(withContact(call.invite.reply(180, "Ringing", call.localTag)));
        }
      }
      case "Newstate" -> {
        Dialog call = agentCalls.get(ev.get("Uniqueid"));
        if (call != null && "6".equals(ev.get("ChannelState")) && !call.confirmed && !call.ended) {
          SipMessage ok = withContact(call.invite.reply(200, "OK", call.localTag)).add("Allow", ALLOW)
              .add("Content-Type", "application/sdp");
          ok.body = call.answerSdp;
          call.conn.send(ok);
          call.confirmed = true;
        }
      }
      default -> { }
    }
  }

  // ---------------------------------------------------------------- REFER (res_pjsip_refer.c)

  /**
   * REFER in a dialog, as refer_incoming_refer_request does it: no dialog 481; no channel 404 ("No channel to
   * refer"); no Refer-To 400 ("A Refer-To header is required"), one that is not a sip:/sips: URI 400; then the
   * implicit subscription is accepted with 202 (refer_progress_alloc: "pjsip_xfer_accept((*progress)->sub, rdata,
   * 202, &hdr_list)") before the transfer runs, unless the page sent {@code Refer-Sub: false}, which gets the
   * transfer's code as the REFER's final response instead. A failed transfer is told at once ("else if (response !=
   * 200) { ... refer_progress_notification_alloc(progress, response, PJSIP_EVSUB_STATE_TERMINATED)"), preceded by the
   * deferred 100 ("Send a deferred initial 100 Trying SIP frag NOTIFY if we haven't already").
   */
  private void refer(Conn conn, SipMessage m, Dialog d) {
    if (d == null || d.ended) {
      conn.send(m.reply(481, "Call/Transaction Does Not Exist", null));
      return;
    }
    Channel own = d.own();
    if (own == null || own.isHungUp()) {
      conn.send(m.reply(404, "Not Found", null));
      return;
    }
    String referTo = m.header("Refer-To");
    if (referTo == null) {
      conn.send(m.reply(400, "Bad Request", null));
      return;
    }
    String uri = SipMessage.uriOf(referTo);
    if (!uri.regionMatches(true, 0, "sip:", 0, 4) && !uri.regionMatches(true, 0, "sips:", 0, 5)) {
      conn.send(m.reply(400, "Bad Request", null));
      return;
    }
    String sub = m.header("Refer-Sub");
    // "if ((refer_sub && pj_strnicmp(&refer_sub->hvalue, &str_true, 4))) { no_refer_sub = 1; }"
    boolean noSub = sub != null && !sub.trim().regionMatches(true, 0, "true", 0, 4);
    if (!noSub) {
      d.refer = new Refer();
      conn.send(withContact(m.reply(202, "Accepted", null)));
    }
    String replaces = uriHeader(uri, "Replaces");
    int response = replaces != null ? attendedRefer(d, own, replaces) : blindRefer(d, own, uri);
    if (noSub) {
      conn.send(m.reply(response, reasonOf(response), null).add("Refer-Sub", "false"));
    } else if (response != 200) {
      notifyRefer(d, response, true);
    }
  }

  /** DETERMINE_TRANSFER_CONTEXT: the channel's TRANSFER_CONTEXT, else the endpoint's context. */
  private String transferContext(Dialog d, Channel own) {
    String ctx = own.var("TRANSFER_CONTEXT");
    if (!ctx.isEmpty()) {
      return ctx;
    }
    // an agent's endpoint has context = agents; a caller page stands for a trunk caller (its channel's own context)
    return d.agentChannel != null || d.fromAgent ? ENDPOINT_CONTEXT : own.context();
  }

  /**
   * refer_incoming_blind_request: the Refer-To user in the transfer context ("Uri without exten": s), which must exist
   * ("attempted blind transfer to '%s@%s' but target does not exist" -> 404, before any transfer, so no BlindTransfer
   * event), then ast_bridge_transfer_blind(1, ...) (IsExternal Yes): a transferer outside a two-party bridge (a
   * REFER while the call still rings) is AST_BRIDGE_TRANSFER_INVALID, xfer_response_code2sip 400. On success the final
   * NOTIFY follows the transferee (refer_blind_progress, default yes: a BridgeEnter of it 200, its hang-up first 503).
   */
  private int blindRefer(Dialog d, Channel own, String uri) {
    String ctx = transferContext(d, own);
    String exten = SipMessage.userOf(uri);
    if (exten.isEmpty()) {
      exten = "s";
    }
    if (engine.dialplan().find(ctx, exten).isEmpty()) {
      LOG.info("SIP over WS: {} attempted blind transfer to '{}@{}' but target does not exist", own.name(), exten, ctx);
      return 404;
    }
    blindFrom = d;
    // deferred before the transfer, whose hang-up of the transferer would otherwise BYE the page at once
    d.deferEnd = true;
    String err;
    try {
      err = engine.blindTransfer(own, ctx, exten);
    } finally {
      blindFrom = null;
    }
    if (err != null) {
      d.deferEnd = false; // "if (response != 200) { ast_sip_session_defer_termination_cancel(session); }"
      return 400;
    }
    return 200;
  }

  /**
   * refer_incoming_attended_request: the Replaces names a dialog of this server (pjsip_ua_find_dialog(call_id,
   * to_tag = our tag, from_tag = theirs)); one that is not ours goes to the context's {@code external_replaces}
   * extension, 404 when there is none (the shipped dialplan has none). Then refer_attended_task:
   * ast_bridge_transfer_attended(this dialog's channel, the named dialog's channel); "other channel has gone" 603;
   * the result as a NOTIFY (200 on success), after which the named dialog's channel, hung up, gets its BYE and this
   * dialog waits for the page's.
   */
  private int attendedRefer(Dialog d, Channel own, String replaces) {
    String[] p = replaces.split(";");
    String callId = p[0].trim();
    if (callId.isEmpty()) {
      return 400; // "with invalid Replaces header, rejecting"
    }
    String toTag = null;
    String fromTag = null;
    for (int i = 1; i < p.length; i++) {
      String[] kv = p[i].trim().split("=", 2);
      if (kv.length == 2 && kv[0].equalsIgnoreCase("to-tag")) {
        toTag = kv[1];
      } else if (kv.length == 2 && kv[0].equalsIgnoreCase("from-tag")) {
        fromTag = kv[1];
      }
    }
    Dialog other = dialogs.get(callId);
    if (other == null || other == d || !other.localTag.equals(toTag) || !String.valueOf(other.remoteTag).equals(fromTag)) {
      String ctx = transferContext(d, own);
      if (engine.dialplan().find(ctx, "external_replaces").isEmpty()) {
        return 404;
      }
      blindFrom = d;
      d.deferEnd = true;
      try {
        boolean ok = engine.blindTransfer(own, ctx, "external_replaces") == null;
        d.deferEnd = ok;
        return ok ? 200 : 400;
      } finally {
        blindFrom = null;
      }
    }
    Channel second = other.own();
    if (second == null || second.isHungUp()) {
      return 603;
    }
    d.deferEnd = true;
    if (engine.attendedTransferBridges(own, second) != null) {
      d.deferEnd = false; // refer_attended_task: "task_cb = defer_termination_cancel_task;"
      return 400;
    }
    if (d.refer != null) {
      notifyRefer(d, 200, true);
    }
    return 200;
  }

  /** refer_progress_notify: the deferred 100 first, then this code; nothing once the subscription is terminated. */
  private void notifyRefer(Dialog d, int code, boolean last) {
    Refer r = d.refer;
    if (r == null || r.done) {
      return;
    }
    if (!r.sent100 && code != 100) {
      sendNotify(d, 100, false);
    }
    r.sent100 = true;
    sendNotify(d, code, last);
    r.done = last;
  }

  /**
   * pjsip_xfer_notify: {@code Event: refer}, {@code Subscription-State: active;expires=...} or, last,
   * {@code terminated;reason=noresource} ("the defined termination reason for REFER is \"noresource\""), body
   * {@code message/sipfrag;version=2.0} "SIP/2.0 %u %.*s\r\n". Sent even after the page's BYE: the subscription keeps
   * the dialog (pjsip_dlg_inc_session(..., &refer_progress_module)).
   */
  private void sendNotify(Dialog d, int code, boolean last) {
    SipMessage n = d.request("NOTIFY");
    n.add("Contact", "<sip:asterisk@" + host + ";transport=ws>").add("Event", "refer")
        .add("Subscription-State", last ? "terminated;reason=noresource" : "active;expires=600")
        .add("Content-Type", "message/sipfrag;version=2.0");
    n.body = "SIP/2.0 " + code + " " + reasonOf(code) + "\r\n";
    d.conn.send(n);
  }

  /** A header of a SIP URI's {@code ?name=value&...} part, %-decoded (RFC 3261 19.1.1), or null. */
  static String uriHeader(String uri, String name) {
    int q = uri.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String h : uri.substring(q + 1).split("&")) {
      int eq = h.indexOf('=');
      if (eq > 0 && h.substring(0, eq).equalsIgnoreCase(name)) {
        try {
          return java.net.URLDecoder.decode(h.substring(eq + 1).replace("+", "%2B"),
              java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return "";
        }
      }
    }
    return null;
  }

  /** chan_pjsip.c hangup_cause2sip for the causes the simulator gives; anything else 0, i.e. 603. */
  static int causeToSip(String cause) {
    return switch (cause == null ? "" : cause) {
      case "1", "2", "3" -> 404;
      case "34", "42" -> 503;
      case "18" -> 408;
      case "19", "20", "31" -> 480;
      case "21" -> 403;
      case "17" -> 486;
      default -> 603; // ast_sip_session_terminate: "if (!response) { response = 603; }"
    };
  }

  /** pjsip_get_status_text for the codes this server sends. */
  static String reasonOf(int code) {
    return switch (code) {
      case 100 -> "Trying";
      case 180 -> "Ringing";
      case 200 -> "OK";
      case 202 -> "Accepted";
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 408 -> "Request Timeout";
      case 480 -> "Temporarily Unavailable";
      case 481 -> "Call/Transaction Does Not Exist";
      case 486 -> "Busy Here";
      case 488 -> "Not Acceptable Here";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      case 603 -> "Decline";
      default -> "Unknown";
    };
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
