package cn.hotline12345.pbxsim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The trivial peers of a stability run: a FastAGI responder (ANSWER, GET DATA, SET VARIABLE
 * HOTLINE_QUEUE, then it ends the script) and an AMI consumer that logs in and counts bytes.
 */
final class StabilityHarness {
  final AtomicLong agiSessions = new AtomicLong();
  final AtomicLong amiBytes = new AtomicLong();
  private final Vertx vertx;
  private NetServer agi;

  StabilityHarness(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Integer> startAgi() {
    agi = vertx.createNetServer();
    agi.connectHandler(this::agiSession);
    return agi.listen(0, "127.0.0.1").map(NetServer::actualPort);
  }

  private void agiSession(NetSocket so) {
    agiSessions.incrementAndGet();
    String[] script = {"ANSWER", "GET DATA welcome 3000 1", "SET VARIABLE HOTLINE_QUEUE q-general"};
    int[] step = {-1};
    boolean[] survey = {false};
    RecordParser p = RecordParser.newDelimited("\n", line -> {
      String l = line.toString();
      if (step[0] < 0) {
        if (l.startsWith("agi_network_script: survey")) {
          survey[0] = true;
        }
        if (!l.isEmpty()) {
          return;
        }
      }
      if (survey[0] || l.equals("HANGUP")) {
        so.close();
        return;
      }
      step[0]++;
      if (step[0] < script.length) {
        so.write(script[step[0]] + "\n");
      } else {
        so.close();
      }
    });
    p.maxRecordSize(8192);
    so.handler(p);
    so.exceptionHandler(e -> so.close());
  }

  final AtomicLong amiReconnects = new AtomicLong();
  private volatile boolean stopping;

  /** Logs in and counts bytes; reconnects (counted) if the simulator drops it, as a CTI server would. */
  Future<Void> startAmiConsumer(int port, String user, String secret) {
    return vertx.createNetClient().connect(port, "127.0.0.1").map(so -> {
      so.handler(b -> amiBytes.addAndGet(b.length()));
      so.closeHandler(v -> {
        if (!stopping) {
          amiReconnects.incrementAndGet();
          vertx.setTimer(100, t -> startAmiConsumer(port, user, secret));
        }
      });
      so.write(Buffer.buffer("Action: Login\r\nUsername: " + user + "\r\nSecret: " + secret + "\r\n\r\n"));
      return null;
    });
  }

  void stop() {
    stopping = true;
  }
}
