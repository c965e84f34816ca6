package cn.hotline12345.pbxsim.engine;

import cn.hotline12345.pbxsim.agi.AgiArgs;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * One AGI(agi://host:port/script) execution: connects to the FastAGI server as Asterisk does,
 * sends the agi_* environment (keys and order of res_agi) and a blank line, then answers one
 * command per line. After the caller hangs up: the command in progress gets {@code 200 result=-1},
 * then a bare {@code HANGUP} line is sent once, and commands that need a live channel get 511.
 *
 * <p>Sounds: given the set of sound files the simulated Asterisk has ({@code PbxSim.Builder#sounds}), a file that
 * is not there is answered as res/res_agi.c and apps/app_playback.c of Asterisk 22 answer it, at once and without
 * playing: STREAM FILE {@code 200 result=-1 endpos=<sample offset>} (handle_streamfile: {@code if (!(fs =
 * ast_openstream(...))) { ast_agi_send(agi->fd, chan, "200 result=-1 endpos=%ld\n", sample_offset); return
 * RESULT_FAILURE; }}, which ends no session: run_agi only remembers AGISTATUS=FAILURE); GET DATA
 * {@code 200 result=-1} (ast_app_getdata_full returns ast_streamfile's -1, handle_getdata sends
 * {@code "200 result=-1\n"} — the same reply as a hang-up, but the channel lives on and no HANGUP line
 * follows); EXEC Playback plays the files that exist, sets PLAYBACKSTATUS=FAILED if any is missing and answers
 * {@code 200 result=0} (playback_exec: {@code res = 0; mres = 1;}). Without that set every file exists.
 */
final class FastAgiSession {
  static final String R511 = "511 Command Not Permitted on a dead channel or intercept routine";
  private static final int MAX_LINE = 8192;
  private static final int MAX_PENDING = 16;
  private static final long DEAD_IDLE_MS = 10_000;

  private final Engine e;
  private final Channel ch;
  private final Consumer<String> done;
  private final LongSupplier replyDelayMs;
  private final Predicate<String> soundExists;
  private NetSocket socket;
  private boolean busy;
  private boolean dead;
  private boolean hangupSent;
  private boolean finished;
  private Runnable abortCurrent;
  private long idleTimer = -1;
  private final ArrayDeque<String> pending = new ArrayDeque<>();
  private final Runnable hangupHandler = this::onHangup;

  private FastAgiSession(Engine e, Channel ch, Consumer<String> done, LongSupplier replyDelayMs,
      Predicate<String> soundExists) {
    this.e = e;
    this.ch = ch;
    this.done = done;
    this.replyDelayMs = replyDelayMs;
    this.soundExists = soundExists == null ? name -> true : soundExists;
  }

  /**
   * Starts the session; {@code done} receives AGISTATUS (SUCCESS, FAILURE or HANGUP). {@code soundExists} tells
   * whether a sound file (as STREAM FILE names it) exists; null means every one does.
   */
  static void launch(Engine e, NetClient client, Channel ch, String url, Consumer<String> done,
      LongSupplier replyDelayMs, Predicate<String> soundExists) {
    FastAgiSession s = new FastAgiSession(e, ch, done, replyDelayMs, soundExists);
    String rest = url.startsWith("agi://") ? url.substring(6) : url;
    int slash = rest.indexOf('/');
    String hostPort = slash < 0 ? rest : rest.substring(0, slash);
    String script = slash < 0 ? "" : rest.substring(slash + 1);
    int colon = hostPort.lastIndexOf(':');
    String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
    int port;
    try {
      port = colon < 0 ? 4573 : Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException ex) {
      done.accept("FAILURE");
      return;
    }
    ch.onHangupRequest = s.hangupHandler;
    client.connect(port, host).onComplete(ar -> {
      if (ar.failed()) {
        s.finish("FAILURE");
        return;
      }
      if (ch.hungUp) {
        ar.result().close();
        return;
      }
      s.start(ar.result(), url, script);
    });
  }

  private void start(NetSocket so, String url, String script) {
    this.socket = so;
    StringBuilder env = new StringBuilder(600);
    String[][] kv = {
        {"network", "yes"}, {"network_script", script}, {"request", url}, {"channel", ch.name},
        {"language", "en"}, {"type", ch.tech}, {"uniqueid", ch.uniqueid}, {"version", "22.0.0-pbxsim"},
        {"callerid", Channel.UNKNOWN.equals(ch.cidNum) ? "unknown" : ch.cidNum},
        {"calleridname", Channel.UNKNOWN.equals(ch.cidName) ? "unknown" : ch.cidName},
        {"callingpres", "0"}, {"callingani2", "0"}, {"callington", "0"}, {"callingtns", "0"},
        {"dnid", "unknown"}, {"rdnis", "unknown"}, {"context", ch.context}, {"extension", ch.exten},
        {"priority", Integer.toString(ch.priority)}, {"enhanced", "0.0"}, {"accountcode", ""},
        {"threadid", Long.toString(140000000000000L + (ch.uniqueid.hashCode() & 0xffffffL))}};
    for (String[] p : kv) {
      env.append("agi_").append(p[0]).append(": ").append(p[1]).append('\n');
    }
    env.append('\n');
    so.write(env.toString());
    RecordParser parser = RecordParser.newDelimited("\n", this::onLine);
    parser.maxRecordSize(MAX_LINE);
    parser.exceptionHandler(ex -> so.close());
    so.handler(parser);
    so.closeHandler(v -> finish(dead ? "HANGUP" : "SUCCESS"));
    so.exceptionHandler(ex -> so.close());
  }

  private void finish(String status) {
    if (finished) {
      return;
    }
    finished = true;
    e.clock().cancel(idleTimer);
    if (abortCurrent != null) {
      abortCurrent.run();
    }
    pending.clear();
    if (ch.onHangupRequest == hangupHandler) {
      ch.onHangupRequest = null;
    }
    done.accept(status);
  }

  private void onHangup() {
    dead = true;
    if (abortCurrent != null) {
      abortCurrent.run(); // the command in progress answers -1, then HANGUP follows
    } else if (!busy) {
      sendHangupOnce();
    }
    armDeadIdle();
  }

  private void armDeadIdle() {
    e.clock().cancel(idleTimer);
    idleTimer = e.clock().schedule(DEAD_IDLE_MS, () -> {
      if (!finished && socket != null) {
        socket.close();
      }
    });
  }

  private void sendHangupOnce() {
    if (!hangupSent && socket != null && !finished) {
      hangupSent = true;
      socket.write("HANGUP\n");
    }
  }

  private void onLine(io.vertx.core.buffer.Buffer buf) {
    if (finished) {
      return;
    }
    String line = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isBlank()) {
      return;
    }
    if (busy) {
      if (pending.size() < MAX_PENDING) {
        pending.add(line);
      }
      return;
    }
    execute(line);
  }

  private void reply(String commandId, String command, int code, String text, String resultWord) {
    e.emit(Events.agiExec(ch, true, commandId, command, code, resultWord));
    Runnable write = () -> {
      if (finished || socket == null) {
        return;
      }
      socket.write(text + "\n");
      if (dead) {
        sendHangupOnce();
        armDeadIdle();
      }
      busy = false;
      abortCurrent = null;
      String next = pending.poll();
      if (next != null) {
        execute(next);
      }
    };
    long delay = replyDelayMs.getAsLong();
    if (delay > 0) {
      e.vertx().setTimer(delay, id -> write.run());
    } else {
      write.run();
    }
  }

  private void ok(String id, String cmd, String text) {
    reply(id, cmd, 200, text, "Success");
  }

  private void execute(String line) {
    busy = true;
    String id = e.nextCommandId();
    e.emit(Events.agiExec(ch, false, id, line, 0, null));
    List<String> w = AgiArgs.split(line);
    String c0 = w.isEmpty() ? "" : w.get(0).toUpperCase(Locale.ROOT);
    String c1 = w.size() > 1 ? w.get(1).toUpperCase(Locale.ROOT) : "";
    String c2 = w.size() > 2 ? w.get(2).toUpperCase(Locale.ROOT) : "";
    String cmd;
    int argStart;
    if (c0.equals("ANSWER") || c0.equals("HANGUP") || c0.equals("EXEC") || c0.equals("VERBOSE") || c0.equals("NOOP")) {
      cmd = c0;
      argStart = 1;
    } else if (c0.equals("GET") && c1.equals("FULL") && c2.equals("VARIABLE")) {
      cmd = "GET FULL VARIABLE";
      argStart = 3;
    } else if (c0.equals("WAIT") && c1.equals("FOR") && c2.equals("DIGIT")) {
      cmd = "WAIT FOR DIGIT";
      argStart = 3;
    } else {
      cmd = c0 + " " + c1;
      argStart = 2;
    }
    List<String> a = w.subList(Math.min(argStart, w.size()), w.size());
    boolean deadSafe = switch (cmd) {
      case "HANGUP", "EXEC", "VERBOSE", "NOOP", "SET VARIABLE", "GET VARIABLE", "GET FULL VARIABLE",
          "CHANNEL STATUS" -> true;
      default -> false;
    };
    boolean known = deadSafe || switch (cmd) {
      case "ANSWER", "STREAM FILE", "GET DATA", "WAIT FOR DIGIT", "SAY DIGITS", "SAY NUMBER", "RECORD FILE" -> true;
      default -> false;
    };
    if (!known) {
      reply(id, line, 510, "510 Invalid or unknown command", "Invalid or unknown command");
      return;
    }
    if ((dead || ch.hungUp) && !deadSafe) {
      reply(id, line, 511, R511, "Command Not Permitted on a dead channel or intercept routine");
      return;
    }
    String usage = usage(cmd, a);
    if (usage != null) {
      reply(id, line, 520, "520-Invalid command syntax.  Proper usage follows:\n" + usage
          + "\n520 End of proper usage.", "Usage");
      return;
    }
    run(id, line, cmd, a);
  }

  private static String usage(String cmd, List<String> a) {
    int need = switch (cmd) {
      case "STREAM FILE", "SAY DIGITS", "SAY NUMBER", "SET VARIABLE" -> 2;
      case "GET DATA", "WAIT FOR DIGIT", "GET VARIABLE", "GET FULL VARIABLE", "EXEC", "VERBOSE" -> 1;
      case "RECORD FILE" -> 4;
      default -> 0;
    };
    if (a.size() >= need) {
      if (cmd.equals("SAY NUMBER") || cmd.equals("SAY DIGITS")) {
        if (!a.get(0).matches("-?[0-9]+")) {
          return " Usage: " + cmd + " <number> <escape digits>";
        }
      }
      if (cmd.equals("WAIT FOR DIGIT") && !a.get(0).matches("-?[0-9]+")) {
        return " Usage: WAIT FOR DIGIT <timeout>";
      }
      return null;
    }
    return " Usage: " + cmd + " <arguments>";
  }

  /** Extensions of the audio formats Asterisk 22 registers ({@code .exts} in formats/*.c; video left out). */
  private static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "WAV", "wav49", "wav16", "gsm", "ulaw", "ul", "mu",
      "ulw", "pcm", "alaw", "al", "alw", "sln", "slin", "raw", "sln12", "sln16", "sln24", "sln32", "sln44", "sln48",
      "sln96", "sln192", "g722", "g719", "g723", "g723sf", "g726-40", "g726-32", "g726-24", "g726-16", "g729", "ilbc",
      "vox", "siren7", "siren14", "ogg", "spx", "spx16", "spx32", "au");

  /**
   * The sound names in {@code dir}, a folder laid out like Asterisk's {@code sounds/<language>}: each audio file's
   * path relative to it without the extension ({@code hotline/welcome-24h.wav -> hotline/welcome-24h}).
   */
  static Set<String> soundsIn(Path dir) throws IOException {
    Set<String> out = new HashSet<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        int dot = rel.lastIndexOf('.');
        if (dot > 0 && rel.indexOf('/', dot) < 0 && AUDIO_EXTENSIONS.contains(rel.substring(dot + 1))) {
          out.add(rel.substring(0, dot));
        }
      }
    }
    return out;
  }

  private static long num(List<String> a, int i, long dflt) {
    if (a.size() <= i) {
      return dflt;
    }
    try {
      return Long.parseLong(a.get(i).trim());
    } catch (NumberFormatException ex) {
      return dflt;
    }
  }

  private void run(String id, String line, String cmd, List<String> a) {
    switch (cmd) {
      case "ANSWER" -> {
        e.answer(ch);
        ok(id, line, "200 result=0");
      }
      case "HANGUP" -> {
        ok(id, line, "200 result=1");
        if (!ch.hungUp && !dead) {
          e.requestHangup(ch, "16", true);
        }
      }
      case "NOOP" -> ok(id, line, "200 result=0");
      case "VERBOSE" -> ok(id, line, "200 result=1");
      case "EXEC" -> {
        String app = a.get(0);
        if (app.equalsIgnoreCase("Set") && a.size() > 1 && a.get(1).indexOf('=') > 0) {
          String kv = a.get(1);
          e.setVar(ch, kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
          ok(id, line, "200 result=0");
        } else if (app.equalsIgnoreCase("Playback")) {
          String files = a.size() > 1 ? a.get(1) : "";
          int comma = files.indexOf(',');
          int found = 0;
          boolean missing = false;
          for (String f : (comma < 0 ? files : files.substring(0, comma)).split("&")) {
            if (!f.isBlank() && soundExists.test(f.strip())) {
              found++;
            } else if (!f.isBlank()) {
              missing = true;
            }
          }
          String status = missing ? "FAILED" : "SUCCESS";
          if (found == 0) {
            e.setVar(ch, "PLAYBACKSTATUS", status);
            ok(id, line, "200 result=0");
          } else {
            abortCurrent = e.collect(ch, e.promptMs() * found, null, 0, 0, r -> {
              if (!r.hungUp()) {
                e.setVar(ch, "PLAYBACKSTATUS", status);
              }
              ok(id, line, r.hungUp() ? "200 result=-1" : "200 result=0");
            });
          }
        } else if (app.equalsIgnoreCase("Wait")) {
          long ms = num(a, 1, 1) * 1000;
          abortCurrent = e.collect(ch, ms, null, 0, 0, r -> ok(id, line, r.hungUp() ? "200 result=-1" : "200 result=0"));
        } else if (app.equalsIgnoreCase("NoOp") || app.equalsIgnoreCase("Verbose") || app.equalsIgnoreCase("Log")) {
          ok(id, line, "200 result=0");
        } else {
          ok(id, line, "200 result=-2");
        }
      }
      case "SET VARIABLE" -> {
        e.setVar(ch, a.get(0), a.get(1));
        ok(id, line, "200 result=1");
      }
      case "GET VARIABLE" -> {
        String v = e.vars(ch).get(a.get(0));
        boolean set = !v.isEmpty() || ch.vars.containsKey(a.get(0));
        ok(id, line, set ? "200 result=1 (" + v + ")" : "200 result=0");
      }
      case "GET FULL VARIABLE" -> ok(id, line, "200 result=1 (" + e.vars(ch).expand(a.get(0)) + ")");
      case "CHANNEL STATUS" -> ok(id, line, "200 result=" + (ch.hungUp || dead ? 0 : ch.state));
      case "STREAM FILE" -> {
        String escape = a.get(1);
        if (!soundExists.test(a.get(0))) {
          ok(id, line, "200 result=-1 endpos=" + num(a, 2, 0));
          return;
        }
        abortCurrent = e.collect(ch, e.promptMs(), escape, 0, 0, r -> {
          if (r.hungUp()) {
            ok(id, line, "200 result=-1 endpos=" + r.endpos());
            return;
          }
          e.setVar(ch, "PLAYBACKSTATUS", "SUCCESS");
          int ascii = r.digits().isEmpty() ? 0 : r.digits().charAt(0);
          ok(id, line, "200 result=" + ascii + " endpos=" + r.endpos());
        });
      }
      case "GET DATA" -> {
        long timeout = num(a, 1, 5000);
        int max = (int) num(a, 2, 1024);
        if (!a.get(0).isEmpty() && !soundExists.test(a.get(0))) {
          ok(id, line, "200 result=-1");
          return;
        }
        abortCurrent = e.collect(ch, e.promptMs(), "", max <= 0 ? 1024 : max, timeout <= 0 ? 5000 : timeout, r -> {
          if (r.hungUp()) {
            ok(id, line, "200 result=-1");
          } else if (r.timedOut()) {
            ok(id, line, "200 result=" + r.digits() + " (timeout)");
          } else {
            ok(id, line, "200 result=" + r.digits());
          }
        });
      }
      case "WAIT FOR DIGIT" -> {
        long timeout = num(a, 0, -1);
        abortCurrent = e.collect(ch, 0, null, 0, timeout < 0 ? 3_600_000 : Math.max(1, timeout), r -> {
          if (r.hungUp()) {
            ok(id, line, "200 result=-1");
          } else {
            ok(id, line, "200 result=" + (r.digits().isEmpty() ? 0 : (int) r.digits().charAt(0)));
          }
        });
      }
      case "SAY DIGITS", "SAY NUMBER" -> {
        long ms = 500L * Math.max(1, a.get(0).length());
        abortCurrent = e.collect(ch, ms, a.get(1), 0, 0, r -> ok(id, line, r.hungUp() ? "200 result=-1"
            : "200 result=" + (r.digits().isEmpty() ? 0 : (int) r.digits().charAt(0))));
      }
      case "RECORD FILE" -> {
        long timeout = num(a, 3, 5000);
        long ms = timeout < 0 ? 3000 : Math.min(timeout, 3000);
        abortCurrent = e.collect(ch, ms, a.get(2), 0, 0, r -> {
          if (r.hungUp()) {
            ok(id, line, "200 result=-1 (hangup) endpos=" + r.endpos());
          } else if (!r.digits().isEmpty()) {
            ok(id, line, "200 result=" + (int) r.digits().charAt(0) + " (dtmf) endpos=" + r.endpos());
          } else {
            ok(id, line, "200 result=0 (timeout) endpos=" + ms * 8);
          }
        });
      }
      default -> reply(id, line, 510, "510 Invalid or unknown command", "Invalid or unknown command");
    }
  }
}
