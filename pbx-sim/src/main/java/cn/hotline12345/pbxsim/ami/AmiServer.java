package cn.hotline12345.pbxsim.ami;

import cn.hotline12345.pbxsim.engine.Engine;
import cn.hotline12345.pbxsim.engine.Events;
import cn.hotline12345.pbxsim.fault.FaultState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The AMI TCP server under the rules of a {@link ManagerConf}: banner, sessions, and the delivery of every event to
 * the sessions that Asterisk would deliver it to (formatted once per event).
 *
 * <p>Delivery follows {@code __manager_event_sessions_va} and {@code process_events} of main/manager.c (branch 22):
 * an event named in {@code disabledevents} goes nowhere; the event text is {@code Event:}, {@code Privilege:}, then
 * {@code Timestamp: sec.usec} when {@code timestampevents = yes}, then the fields; it is queued only for sessions
 * with {@code (session->send_events & category) == category} and sent only if {@code should_send_event} passes it
 * through the session's filters. Responses and the items of list actions are not events: Asterisk writes them with
 * {@code astman_append} straight to the asking session, past read rights and filters alike.
 */
public final class AmiServer {
  private static final Logger LOG = LoggerFactory.getLogger(AmiServer.class);
  public static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
  private final Vertx vertx;
  private final Engine engine;
  private final AmiOptions options;
  private final ManagerConf conf;
  private final FaultState faults;
  private final AmiActions actions;
  private final List<AmiSession> sessions = new ArrayList<>();
  private NetServer server;
  private int boundPort;
  private long sessionSeq = 0x7f6550003e00L;
  private long droppedClients;

  public AmiServer(Vertx vertx, Engine engine, AmiOptions options, ManagerConf conf, FaultState faults) {
    this.vertx = vertx;
    this.engine = engine;
    this.options = options;
    this.conf = conf;
    this.faults = faults;
    this.actions = new AmiActions(engine, this);
    engine.addSink(this::broadcast);
  }

  /**
   * Listens on {@code port} (0 = ephemeral, negative = manager.conf's {@code port}). Fails when manager.conf does
   * not say {@code enabled = yes}: Asterisk opens no manager port then ({@code manager_enabled} defaults to 0).
   */
  public Future<Integer> listen(int port) {
    if (!conf.general().enabled()) {
      return Future.failedFuture(new IllegalStateException(conf.source() + ": [general] enabled is not yes, so"
          + " Asterisk would open no manager port"));
    }
    int p = port < 0 ? conf.general().port() : port;
    server = vertx.createNetServer(new NetServerOptions().setPort(p).setHost(options.host()).setTcpNoDelay(true));
    server.connectHandler(this::accept);
    return server.listen().map(s -> {
      boundPort = s.actualPort();
      return boundPort;
    });
  }

  private int unauthenticated() {
    int n = 0;
    for (AmiSession s : sessions) {
      if (!s.loggedIn) {
        n++;
      }
    }
    return n;
  }

  private void accept(NetSocket so) {
    // session_do: "If this session would exceed the auth limit, reject it immediately" (no banner)
    if (unauthenticated() >= conf.general().authLimit()) {
      so.close();
      return;
    }
    AmiSession s = new AmiSession(so, this, "0x" + Long.toHexString(sessionSeq += 0x20));
    sessions.add(s);
    so.handler(s::onData);
    so.closeHandler(v -> {
      s.markClosed();
      sessions.remove(s);
    });
    so.exceptionHandler(ex -> s.close());
    so.write(BANNER);
    // authtimeout (default 30 s): a client that has not logged in by then is dropped
    s.authTimer = vertx.setTimer(conf.general().authTimeoutSec() * 1000L, t -> {
      if (!s.loggedIn) {
        if (conf.general().displayconnects()) {
          LOG.info("Client from {}, failed to authenticate in {} seconds", so.remoteAddress().host(),
              conf.general().authTimeoutSec());
        }
        s.close();
      }
    });
  }

  public Future<Void> stopListening() {
    NetServer s = server;
    server = null;
    return s == null ? Future.succeededFuture() : s.close();
  }

  public int port() {
    return boundPort;
  }

  Vertx vertx() {
    return vertx;
  }

  AmiOptions options() {
    return options;
  }

  public ManagerConf conf() {
    return conf;
  }

  FaultState faults() {
    return faults;
  }

  AmiActions actions() {
    return actions;
  }

  Engine engine() {
    return engine;
  }

  List<AmiSession> sessions() {
    return sessions;
  }

  void dropped() {
    droppedClients++;
  }

  public long droppedClients() {
    return droppedClients;
  }

  public int sessionCount() {
    return sessions.size();
  }

  /** The event as sent: with {@code Timestamp:} after {@code Privilege:} when {@code timestampevents = yes}. */
  private AmiMessage stamped(AmiMessage m) {
    if (!conf.general().timestampevents() || m.category() == 0) {
      return m;
    }
    AmiMessage out = AmiMessage.event(m.name(), m.get("Privilege"));
    long us = engine.clock().nowMs() * 1000L;
    out.add("Timestamp", String.format(Locale.ROOT, "%d.%06d", us / 1_000_000, us % 1_000_000));
    for (int i = 2; i < m.size(); i++) {
      out.add(m.nameAt(i), m.valueAt(i));
    }
    return out;
  }

  /** Sends an event to every session that may receive it (twice with the duplicate-events fault). */
  public void broadcast(AmiMessage m) {
    if (sessions.isEmpty() || conf.general().disabledEvents().contains(m.name())) {
      return;
    }
    int category = m.category();
    AmiMessage sent = null;
    Buffer b = null;
    String text = null;
    for (int i = 0; i < sessions.size(); i++) {
      AmiSession s = sessions.get(i);
      if (!s.loggedIn || (s.sendEvents & category) != category) {
        continue;
      }
      if (sent == null) {
        sent = stamped(m);
      }
      if (text == null && s.filters.needsText()) {
        b = sent.toBuffer();
        text = b.toString(StandardCharsets.UTF_8);
      }
      if (!s.wants(sent, category, text)) {
        continue;
      }
      if (b == null) {
        b = sent.toBuffer();
      }
      s.send(b);
      if (faults.duplicateEvents()) {
        s.send(b);
      }
    }
  }

  /** Closes every client connection (fault: connection reset). */
  public void resetAll() {
    for (AmiSession s : new ArrayList<>(sessions)) {
      s.close();
    }
  }

  /** Sends raw bytes to every logged-in session (malformed-output faults). */
  public void broadcastRaw(Buffer b) {
    for (AmiSession s : new ArrayList<>(sessions)) {
      if (s.loggedIn) {
        s.sendRaw(b);
      }
    }
  }

  /** Shutdown event to everyone who may receive it, then close all connections and stop listening. */
  public Future<Void> shutdown() {
    broadcast(Events.shutdown(true));
    for (AmiSession s : new ArrayList<>(sessions)) {
      s.socket().end().onComplete(ar -> s.close());
    }
    return stopListening();
  }
}
