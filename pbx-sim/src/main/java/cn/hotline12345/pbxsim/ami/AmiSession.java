package cn.hotline12345.pbxsim.ami;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * One manager connection and what {@code authenticate()} (main/manager.c) copies into it at login: the user's
 * read and write rights, its event filters, its {@code writetimeout}, and {@code send_events} (the read classes the
 * client asked for with {@code Events:}, never more than {@code read=}).
 *
 * <p>Writes never block: Vert.x queues them, and like Asterisk's {@code writetimeout} a client whose socket stays
 * unwritable for that long is dropped, which bounds what a stalled client can make the simulator hold.
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
  /** {@code readperm}, {@code writeperm}, {@code send_events} of the session (0 until authenticated). */
  int readPerm;
  int writePerm;
  int sendEvents;
  EventFilters filters = new EventFilters();
  long writeTimeoutMs;
  /** Set while a refused login waits its second (Asterisk's {@code sleep(1)}): no more input is read. */
  boolean closing;
  long authTimer = -1;
  private long fullSince = -1;
  private long fullTimer = -1;
  private boolean closed;

  AmiSession(NetSocket socket, AmiServer server, String sessionId) {
    this.socket = socket;
    this.server = server;
    this.sessionId = sessionId;
    this.framer = new AmiFramer(m -> {
      if (!closing && !closed) {
        server.actions().handle(this, m);
      }
    });
    this.writeTimeoutMs = server.options().writeTimeoutMs() > 0 ? server.options().writeTimeoutMs() : 100;
    socket.setWriteQueueMaxSize(server.options().writeQueueBytes());
  }

  void onData(Buffer b) {
    if (server.faults().ignoreInput() || server.faults().silent() || closing) {
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

  /**
   * Whether a {@code manager_event} of this category and content reaches this session: authenticated, its
   * {@code send_events} hold every bit of the category ({@code (session->send_events & category) == category}),
   * and its filters pass it ({@code should_send_event}).
   */
  boolean wants(AmiMessage m, int category, String text) {
    return loggedIn && (sendEvents & category) == category && filters.shouldSend(m, text);
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
        fullTimer = server.vertx().setTimer(writeTimeoutMs, id -> {
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

  /** Sends the last message and closes once it is written (a refused login, Logoff). */
  void sendAndClose(AmiMessage m) {
    if (closed) {
      return;
    }
    closing = true;
    socket.write(m.toBuffer()).onComplete(ar -> close());
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
    server.vertx().cancelTimer(authTimer);
  }
}
