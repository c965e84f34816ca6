package cn.hotline12345.pbxsim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/** A raw TCP manager client for tests: records every byte the server sends. */
final class AmiTestClient implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final Thread reader;
  private volatile boolean eof;

  AmiTestClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    reader = new Thread(() -> {
      byte[] buf = new byte[65536];
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          synchronized (received) {
            received.write(buf, 0, n);
          }
        }
      } catch (IOException e) {
        // closed
      }
      eof = true;
    }, "ami-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Sends an action written with \n line ends, converting to CRLF and adding the blank line. */
  void send(String block) throws IOException {
    sendRaw((String.join("\r\n", block.strip().split("\n")) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
  }

  void login(String user, String secret) throws IOException {
    send("Action: Login\nUsername: " + user + "\nSecret: " + secret + "\nActionID: login-1");
  }

  byte[] bytes() {
    synchronized (received) {
      return received.toByteArray();
    }
  }

  String text() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  boolean closedByServer() {
    return eof;
  }

  /** Polls until the received text satisfies {@code p}; fails the test on timeout. */
  String await(Predicate<String> p, Duration timeout, String what) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      String t = text();
      if (p.test(t)) {
        return t;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("timed out waiting for " + what + "; got:\n" + text());
  }

  String awaitContains(String s, Duration timeout) {
    return await(t -> t.contains(s), timeout, "'" + s + "'");
  }

  /** Waits until nothing new arrived for {@code quietMs}. */
  void awaitQuiet(long quietMs, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    int last = -1;
    long since = System.nanoTime();
    while (System.nanoTime() < end) {
      int n = bytes().length;
      if (n != last) {
        last = n;
        since = System.nanoTime();
      } else if ((System.nanoTime() - since) / 1_000_000 >= quietMs) {
        return;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
