package cn.hotline12345.pbxsim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A FastAGI responder like the one the captures were made with: for each connection it reads the
 * environment, sends a fixed command list, one reply per command, stops at a HANGUP line, and
 * logs both directions ("< " from Asterisk, "> " to it).
 */
final class AgiResponder implements AutoCloseable {
  private final ServerSocket server;
  private final List<String> commands;
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final Thread thread;

  private final boolean stopAtHangup;

  AgiResponder(List<String> commands) throws IOException {
    this(commands, true);
  }

  /** With {@code stopAtHangup} false it goes on sending commands after a HANGUP line. */
  AgiResponder(List<String> commands, boolean stopAtHangup) throws IOException {
    this.server = new ServerSocket(0);
    this.commands = commands;
    this.stopAtHangup = stopAtHangup;
    thread = new Thread(this::run, "agi-responder");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void run() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        String line;
        while ((line = in.readLine()) != null) {
          log.add("< " + line);
          if (line.isEmpty()) {
            break;
          }
        }
        for (String cmd : commands) {
          out.write((cmd + "\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
          log.add("> " + cmd);
          String reply = in.readLine();
          if (reply == null) {
            break;
          }
          log.add("< " + reply);
          if (reply.startsWith("520-")) {
            while (reply != null && !reply.startsWith("520 ")) {
              reply = in.readLine();
              log.add("< " + reply);
            }
            if (reply == null) {
              break;
            }
          }
          if (reply.equals("HANGUP")) {
            if (stopAtHangup) {
              break;
            }
            reply = in.readLine();
            if (reply == null) {
              break;
            }
            log.add("< " + reply);
          }
        }
      } catch (IOException e) {
        // closed
      }
    }
  }

  /** Lines of the capture file format, parsed from a fixture. */
  static List<String> commandsOf(String agiFixture) {
    List<String> out = new ArrayList<>();
    for (String l : agiFixture.split("\n")) {
      if (l.startsWith("> ")) {
        out.add(l.substring(2));
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
