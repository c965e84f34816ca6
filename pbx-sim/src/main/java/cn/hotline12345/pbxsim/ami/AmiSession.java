package cn.hotline12345.pbxsim.ami;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * One manager connection. Writes never block: Vert.x queues them, and like Asterisk's
 * {@code writetimeout} a client whose socket stays unwritable for {@code writeTimeoutMs} is dropped,
 * which bounds what a stalled client can make the simulator hold.
 */
public final class AmiSession {
  private final NetSocket socket;
  private final AmiServer server;
  private final AmiFramer framer;
  private final long connectedAt = System.currentTimeMillis();
  final String sessionId;
  boolean loggedIn;
  String username;
  String challenge;
  private long fullSince = -1;
  private long fullTimer = -1;
  private boolean closed;

  AmiSession(NetSocket socket, AmiServer server, String sessionId) {
    this.socket = socket;
    this.server = server;
    this.sessionId = sessionId;
    this.framer = new AmiFramer(m -> server.actions().handle(this, m));
    socket.setWriteQueueMaxSize(server.options().writeQueueBytes());
  }

  void onData(Buffer b) {
    if (server.faults().ignoreInput() || server.faults().silent()) {
      return;
    }
    framer.feed(b);
  }

  public long droppedLines() {
    return framer.droppedLines();
  }

  public boolean loggedIn() {
    return loggedIn;
  }

  NetSocket socket() {
    return socket;
  }

  long connectedAt() {
    return connectedAt;
  }

  /** Writes unless the session is silenced; drops the client if its queue stays full. */
  public void send(Buffer b) {
    if (closed || server.faults().silent()) {
      return;
    }
    socket.write(b);
    if (socket.writeQueueFull()) {
      if (fullSince < 0) {
        fullSince = System.nanoTime();
        socket.drainHandler(v -> {
          fullSince = -1;
          server.vertx().cancelTimer(fullTimer);
        });
        fullTimer = server.vertx().setTimer(server.options().writeTimeoutMs(), id -> {
          if (fullSince >= 0 && socket.writeQueueFull()) {
            server.dropped();
            close();
          }
        });
      }
    }
  }

  public void send(AmiMessage m) {
    send(m.toBuffer());
  }

  /** Sends raw bytes, bypassing the framing (malformed-output faults). */
  void sendRaw(Buffer b) {
    if (!closed) {
      socket.write(b);
    }
  }

  public void close() {
    if (!closed) {
      closed = true;
      socket.close();
    }
  }

  boolean closed() {
    return closed;
  }

  void markClosed() {
    closed = true;
    server.vertx().cancelTimer(fullTimer);
  }
}
