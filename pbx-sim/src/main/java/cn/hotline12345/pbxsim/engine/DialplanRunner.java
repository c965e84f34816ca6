package cn.hotline12345.pbxsim.engine;

import cn.hotline12345.pbxsim.dialplan.Dialplan;
import cn.hotline12345.pbxsim.dialplan.Step;

import java.util.Optional;

/**
 * Runs a channel through its dialplan, priority by priority, emitting Newexten for each and
 * executing the application. Synchronous applications run in a loop; asynchronous ones
 * (Wait, AGI, Queue, ...) call {@link #next} when done.
 */
final class DialplanRunner {
  private final Engine engine;

  record Position(Dialplan.Extension ext, int index) {
  }

  DialplanRunner(Engine engine) {
    this.engine = engine;
  }

  void start(Channel c, String context, String exten, int priority) {
    if (c.hungUp) {
      return;
    }
    Optional<Dialplan.Extension> ext = engine.dialplan().find(context, exten);
    if (ext.isEmpty()) {
      engine.endChannel(c);
      return;
    }
    c.context = context;
    c.exten = exten;
    c.position = new Position(ext.get(), priority - 1);
    run(c);
  }

  void next(Channel c) {
    if (c.hungUp || c.position == null) {
      return;
    }
    c.position = new Position(c.position.ext(), c.position.index() + 1);
    run(c);
  }

  boolean gotoLabel(Channel c, String label) {
    int idx = c.position.ext().indexOf(label);
    if (idx < 0) {
      return false;
    }
    c.position = new Position(c.position.ext(), idx);
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
      if (p.index() >= p.ext().steps().size() || p.index() < 0) {
        engine.endChannel(c); // auto-fallthrough
        return;
      }
      Step step = p.ext().steps().get(p.index());
      c.priority = p.index() + 1;
      String data = step.data().apply(engine.vars(c));
      c.app = step.app();
      c.appData = data;
      engine.emit(Events.newexten(c, step.app(), data));
      if (!execute(c, step.app(), data)) {
        return;
      }
      c.position = new Position(p.ext(), p.index() + 1);
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
          engine.setVar(c, data.substring(0, eq), data.substring(eq + 1));
        }
        return true;
      }
      case "GotoIf": {
        int q = data.indexOf('?');
        String cond = q < 0 ? data : data.substring(0, q);
        String labels = q < 0 ? "" : data.substring(q + 1);
        int colon = labels.indexOf(':');
        String ifTrue = colon < 0 ? labels : labels.substring(0, colon);
        String ifFalse = colon < 0 ? "" : labels.substring(colon + 1);
        boolean truth = !cond.isBlank() && !"0".equals(cond.trim());
        String label = truth ? ifTrue : ifFalse;
        if (!label.isEmpty() && gotoLabel(c, label)) {
          run(c);
          return false;
        }
        return true;
      }
      case "Goto":
        if (gotoLabel(c, data)) {
          run(c);
          return false;
        }
        return true;
      case "Wait":
      case "Playback": {
        long ms = "Wait".equals(app) ? parseSeconds(data) : engine.promptMs();
        waitThen(c, ms, () -> next(c));
        return false;
      }
      case "SendDTMF":
        sendDigits(c, data, 0);
        return false;
      case "Hangup":
        if (!data.isBlank()) {
          c.hangupCause = data.trim();
        }
        engine.endChannel(c);
        return false;
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
        engine.queues().dialOut(c, data, () -> next(c));
        return false;
      default:
        // NoOp, MixMonitor, Verbose, ...: nothing observable on the wire here
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
  private void waitThen(Channel c, long ms, Runnable then) {
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

  private static long parseSeconds(String s) {
    try {
      return (long) (Double.parseDouble(s.trim()) * 1000);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
