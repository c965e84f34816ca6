package cn.hotline12345.pbxsim.engine;

import cn.hotline12345.pbxsim.dialplan.Dialplan;
import cn.hotline12345.pbxsim.dialplan.Step;

import java.util.Optional;

/**
 * Runs a channel through its dialplan, priority by priority, emitting Newexten for each and executing the
 * application. Synchronous applications run in a loop; asynchronous ones (Wait, AGI, Queue, Dial, ...) call
 * {@link #next} when done. As pbx.c's autoloop: the next priority is the current one plus one, and a channel that
 * runs off the end of its extension, or is sent to an extension that does not exist, is hung up
 * ({@code autofallthrough=yes}, Asterisk's default).
 */
final class DialplanRunner {
  private final Engine engine;

  record Position(Dialplan.Extension ext, int priority) {
  }

  DialplanRunner(Engine engine) {
    this.engine = engine;
  }

  void start(Channel c, String context, String exten, int priority) {
    if (c.hungUp) {
      return;
    }
    c.context = context;
    c.exten = exten;
    Optional<Dialplan.Extension> ext = engine.dialplan().find(context, exten);
    if (ext.isEmpty()) {
      // pbx.c: "Channel '%s' sent to invalid extension but no invalid handler: context,exten,priority"
      engine.endChannel(c);
      return;
    }
    c.position = new Position(ext.get(), priority);
    run(c);
  }

  void next(Channel c) {
    if (c.hungUp || c.position == null) {
      return;
    }
    c.position = new Position(c.position.ext(), c.position.priority() + 1);
    run(c);
  }

  /** Continues where a channel leaving a bridge goes: its after-bridge goto, as the Bridge action sets it. */
  void resume(Channel c, Position p) {
    if (c.hungUp) {
      return;
    }
    c.context = p.ext().context();
    c.position = p;
    run(c);
  }

  /**
   * Goto/GotoIf target {@code [[context,]exten,]priority} where priority is a number or a label of the target
   * extension (pbx.c {@code ast_parseable_goto}). False when it cannot be resolved: Asterisk then logs
   * "Priority '%s' must be a number > 0, or valid label" and the application fails, hanging the channel up.
   */
  boolean jump(Channel c, String target) {
    String[] p = target.split(",", -1);
    String ctx = c.context;
    String exten = c.exten;
    String pri;
    if (p.length == 1) {
      pri = p[0];
    } else if (p.length == 2) {
      exten = p[0].strip();
      pri = p[1];
    } else {
      ctx = p[0].strip();
      exten = p[1].strip();
      pri = p[2];
    }
    pri = pri.strip();
    Optional<Dialplan.Extension> ext = engine.dialplan().find(ctx, exten);
    if (ext.isEmpty()) {
      return false;
    }
    int n;
    if (pri.matches("\\d+")) {
      n = Integer.parseInt(pri);
    } else {
      n = ext.get().priorityOf(pri);
      if (n < 0) {
        return false;
      }
    }
    c.context = ctx;
    c.exten = exten;
    c.position = new Position(ext.get(), n);
    return true;
  }

  /** Executes steps until one of them goes asynchronous. */
  private void run(Channel c) {
    while (true) {
      if (c.hungUp) {
        return;
      }
      if (c.hangupRequested) {
        engine.endChannel(c);
        return;
      }
      Position p = c.position;
      Optional<Step> step = p.ext().step(p.priority());
      if (step.isEmpty()) {
        engine.endChannel(c); // auto-fallthrough
        return;
      }
      Step s = step.get();
      c.priority = p.priority();
      String data = s.expand(engine.vars(c));
      c.app = s.app();
      c.appData = data;
      engine.emit(Events.newexten(c, s.app(), data));
      if (!execute(c, s.app(), data)) {
        return;
      }
      if (c.position == p) {
        c.position = new Position(p.ext(), p.priority() + 1);
      }
    }
  }

  /** Runs one application; true when it finished synchronously and the next step follows. */
  private boolean execute(Channel c, String app, String data) {
    switch (app) {
      case "Answer":
        engine.answered(c);
        return true;
      case "Set": {
        int eq = data.indexOf('=');
        if (eq > 0) {
          String name = data.substring(0, eq).strip();
          String value = data.substring(eq + 1);
          if (name.equals("CALLERID(num)") || name.equals("CALLERID(name)")) {
            // func_callerid.c callerid_write: the channel's caller id changes, announced as NewCallerid
            engine.setCallerId(c, name.equals("CALLERID(num)") ? value : null,
                name.equals("CALLERID(name)") ? value : null);
          } else {
            engine.setVar(c, name, value);
          }
        }
        return true;
      }
      case "GotoIf": {
        // pbx_builtin.c pbx_builtin_gotoif: condition?label1:label2, pbx_checkcondition() on the condition
        int q = data.indexOf('?');
        String cond = q < 0 ? data : data.substring(0, q);
        String labels = q < 0 ? "" : data.substring(q + 1);
        int colon = labels.indexOf(':');
        String ifTrue = colon < 0 ? labels : labels.substring(0, colon);
        String ifFalse = colon < 0 ? "" : labels.substring(colon + 1);
        String label = Conditions.check(cond.strip()) ? ifTrue : ifFalse;
        if (label.isBlank()) {
          return true;
        }
        if (!jump(c, label)) {
          engine.endChannel(c);
          return false;
        }
        run(c);
        return false;
      }
      case "Goto":
        if (!jump(c, data)) {
          engine.endChannel(c);
          return false;
        }
        run(c);
        return false;
      case "Wait":
        waitThen(c, parseSeconds(data), () -> next(c));
        return false;
      case "Playback":
        waitThen(c, engine.promptMs(), () -> next(c));
        return false;
      case "MusicOnHold":
        engine.musicOnHold(c, data, () -> next(c));
        return false;
      case "SendDTMF":
        sendDigits(c, data, 0);
        return false;
      case "Hangup":
        if (!data.isBlank()) {
          c.hangupCause = data.trim();
        }
        engine.endChannel(c);
        return false;
      case "Busy":
      case "Congestion":
        c.hangupCause = "Busy".equals(app) ? "17" : "34";
        waitThen(c, data.isBlank() ? 0 : parseSeconds(data), () -> engine.endChannel(c));
        return false;
      case "MixMonitor": {
        // app_mixmonitor.c: a relative file name goes into the monitor directory; MIXMONITOR_FILENAME is set
        String file = data.split(",", -1)[0];
        engine.setVar(c, "MIXMONITOR_FILENAME", file.startsWith("/") ? file : "/var/spool/asterisk/monitor/" + file);
        return true;
      }
      case "AGI":
        c.onHangupRequest = null;
        engine.agiLauncher().launch(c, data, status -> {
          if (c.hungUp) {
            return;
          }
          engine.setVar(c, "AGISTATUS", status);
          if (c.hangupRequested) {
            engine.endChannel(c);
          } else {
            next(c);
          }
        });
        return false;
      case "Queue":
        engine.queues().runQueueApp(c, data, continueDialplan -> {
          if (c.hungUp) {
            return;
          }
          if (continueDialplan && !c.hangupRequested) {
            next(c);
          } else {
            engine.endChannel(c);
          }
        });
        return false;
      case "Dial":
        engine.dialer().dial(c, data, goOn -> {
          if (c.hungUp) {
            return;
          }
          if (goOn && !c.hangupRequested) {
            next(c);
          } else {
            engine.endChannel(c);
          }
        });
        return false;
      default:
        // NoOp, Verbose, Ringing, Progress: nothing observable on AMI beyond the Newexten
        return true;
    }
  }

  private void sendDigits(Channel c, String digits, int i) {
    if (c.hungUp) {
      return;
    }
    if (i >= digits.length()) {
      waitThen(c, 100, () -> next(c));
      return;
    }
    engine.sendDtmfFrom(c, digits.charAt(i));
    waitThen(c, 250, () -> sendDigits(c, digits, i + 1));
  }

  /** A timed pause that a hangup request interrupts. */
  void waitThen(Channel c, long ms, Runnable then) {
    c.onHangupRequest = () -> engine.endChannel(c);
    c.pendingTimer = engine.clock().schedule(ms, () -> {
      c.pendingTimer = -1;
      if (c.hungUp || c.hangupRequested) {
        return;
      }
      c.onHangupRequest = null;
      then.run();
    });
  }

  static long parseSeconds(String s) {
    try {
      return (long) (Double.parseDouble(s.trim()) * 1000);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** pbx_checkcondition() (main/pbx.c). */
  static final class Conditions {
    private Conditions() {
    }

    static boolean check(String s) {
      if (s == null || s.isEmpty()) {
        return false;
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([+-]?\\d+)").matcher(s);
      if (m.find()) {
        return !m.group(1).replaceFirst("^[+-]", "").matches("0+");
      }
      return true;
    }
  }
}
