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

import java.util.ArrayList;
import java.util.List;

/**
 * The AMI TCP server: banner, sessions, and the broadcast of every event to logged-in sessions
 * (formatted once per event). Runs on the simulator's context.
 */
public final class AmiServer {
  public static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
  private final Vertx vertx;
  private final Engine engine;
  private final AmiOptions options;
  private final FaultState faults;
  private final AmiActions actions;
  private final List<AmiSession> sessions = new ArrayList<>();
  private NetServer server;
  private int boundPort;
  private long sessionSeq = 0x7f6550003e00L;
  private long droppedClients;

  public AmiServer(Vertx vertx, Engine engine, AmiOptions options, FaultState faults) {
    this.vertx = vertx;
    this.engine = engine;
    this.options = options;
    this.faults = faults;
    this.actions = new AmiActions(engine, this);
    engine.addSink(this::broadcast);
  }

  public Future<Integer> listen(int port) {
    server = vertx.createNetServer(new NetServerOptions().setPort(port).setHost("127.0.0.1").setTcpNoDelay(true));
    server.connectHandler(this::accept);
    return server.listen().map(s -> {
      boundPort = s.actualPort();
      return boundPort;
    });
  }

  private void accept(NetSocket so) {
    AmiSession s = new AmiSession(so, this, "0x" + Long.toHexString(sessionSeq += 0x20));
    sessions.add(s);
    so.handler(s::onData);
    so.closeHandler(v -> {
      s.markClosed();
      sessions.remove(s);
    });
    so.exceptionHandler(ex -> s.close());
    so.write(BANNER);
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

  FaultState faults() {
    return faults;
  }

  AmiActions actions() {
    return actions;
  }

  Engine engine() {
    return engine;
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

  /** Sends an event to every logged-in session (twice with the duplicate-events fault). */
  public void broadcast(AmiMessage m) {
    if (sessions.isEmpty()) {
      return;
    }
    Buffer b = null;
    for (int i = 0; i < sessions.size(); i++) {
      AmiSession s = sessions.get(i);
      if (s.loggedIn) {
        if (b == null) {
          b = m.toBuffer();
        }
        s.send(b);
        if (faults.duplicateEvents()) {
          s.send(b);
        }
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

  /** Shutdown event to everyone, then close all connections and stop listening. */
  public Future<Void> shutdown() {
    broadcast(Events.shutdown(true));
    for (AmiSession s : new ArrayList<>(sessions)) {
      s.socket().end().onComplete(ar -> s.close());
    }
    return stopListening();
  }
}
