package cn.hotline12345.pbxsim.engine;

import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.FarEndSpec;

import java.util.function.Consumer;

/**
 * app_dial for the two kinds of target the hotline dials: {@code PJSIP/<number>@trunk} (the carrier; the far end
 * behaves per {@link FarEndSpec}) and {@code PJSIP/<extension>} (an agent's phone; per {@link AgentSpec}). Sets
 * {@code DIALSTATUS} (ANSWER, BUSY, NOANSWER, CONGESTION, CHANUNAVAIL, CANCEL) as app_dial does. An answered call is
 * bridged; when the called party hangs up, the caller's dialplan goes on only with option {@code g}, otherwise
 * Dial returns -1 and the caller is hung up.
 *
 * <p>An agent's phone already in a call answers a new call busy (a softphone without call waiting; pjsip.conf's
 * {@code device_state_busy_at = 1} makes its device state BUSY too); an extension the simulator has no phone for
 * is CHANUNAVAIL, as when the endpoint has no registered contact ("Unable to create channel of type 'PJSIP'").
 */
final class Dialer {
  private final Engine e;

  Dialer(Engine e) {
    this.e = e;
  }

  /** Dial(target,timeout,options); {@code done} gets whether the dialplan continues. */
  void dial(Channel c, String data, Consumer<Boolean> done) {
    String[] args = data.split(",", -1);
    String target = args[0].strip();
    long timeoutMs = -1;
    if (args.length > 1 && !args[1].isBlank()) {
      timeoutMs = DialplanRunner.parseSeconds(args[1]);
    }
    boolean goOn = args.length > 2 && args[2].indexOf('g') >= 0;
    if (!target.startsWith("PJSIP/") || target.length() <= "PJSIP/".length()) {
      // app_dial.c: "Dial argument takes format (technology/resource)"; other technologies are not simulated
      status(c, "CHANUNAVAIL", done);
      return;
    }
    String resource = target.substring("PJSIP/".length());
    int at = resource.indexOf('@');
    if (at >= 0) {
      String number = resource.substring(0, at);
      String endpoint = resource.substring(at + 1);
      if (!"trunk".equals(endpoint) || number.isEmpty()) {
        status(c, "CHANUNAVAIL", done);
        return;
      }
      FarEndSpec spec = e.farEndFor(number);
      Channel out = e.createTech("PJSIP", "trunk", c.linkedid, 0, "from-pstn", "s", null);
      ring(c, out, resource, timeoutMs, goOn, spec.response().name(), spec.answerAfter().toMillis(),
          spec.talkFor().toMillis(), done);
      return;
    }
    String iface = "PJSIP/" + resource;
    if (!e.knowsPhone(iface)) {
      status(c, "CHANUNAVAIL", done);
      return;
    }
    AgentSpec spec = e.agentFor(iface);
    boolean inUse = e.phoneInUse(iface);
    Channel out = e.createTech("PJSIP", resource, c.linkedid, 0, "agents", "s", iface);
    String response = inUse ? "BUSY" : switch (spec.response()) {
      case ANSWER -> "ANSWER";
      case REFUSE -> "BUSY";
      case NO_ANSWER -> "NO_ANSWER";
    };
    ring(c, out, resource, timeoutMs, goOn, response, inUse ? 0 : spec.answerAfter().toMillis(),
        spec.talkFor().toMillis(), done);
  }

  private void status(Channel c, String status, Consumer<Boolean> done) {
    e.setVar(c, "DIALSTATUS", status);
    done.accept(true);
  }

  private void ring(Channel c, Channel out, String dialString, long timeoutMs, boolean goOn, String response,
      long answerAfterMs, long talkMs, Consumer<Boolean> done) {
    e.emit(Events.newchannel(out));
    out.cidNum = c.cidNum;
    out.cidName = c.cidName;
    e.emit(Events.newCallerid(out));
    e.setVar(out, "DIALEDPEERNUMBER", dialString);
    e.emit(Events.dial("DialBegin", c.view(), out.view(), "DialString", dialString));
    out.state = 5;
    e.emit(Events.newstate(out));
    if (out.device != null) {
      e.emit(Events.deviceState(out.device, "RINGING"));
    }
    final long[] timers = {-1, -1};
    Consumer<String> fail = st -> {
      c.onRelease = null;
      e.clock().cancel(timers[0]);
      e.clock().cancel(timers[1]);
      c.onHangupRequest = null;
      out.onHangupRequest = null;
      if (!out.hungUp) {
        e.emit(Events.dial("DialEnd", c.view(), out.view(), "DialStatus", st));
        out.hangupCause = switch (st) {
          case "BUSY" -> "17";
          case "CONGESTION" -> "34";
          default -> "16";
        };
        e.endChannel(out);
      }
      e.setVar(c, "DIALSTATUS", st);
      done.accept(true);
    };
    if (timeoutMs > 0) {
      timers[0] = e.clock().schedule(timeoutMs, () -> fail.accept("NOANSWER"));
    }
    c.onHangupRequest = () -> {
      c.onRelease = null;
      e.clock().cancel(timers[0]);
      e.clock().cancel(timers[1]);
      out.onHangupRequest = null;
      if (!out.hungUp) {
        e.emit(Events.dial("DialEnd", c.view(), out.view(), "DialStatus", "CANCEL"));
        e.endChannel(out);
      }
      e.setVar(c, "DIALSTATUS", "CANCEL");
      e.endChannel(c);
    };
    // Redirect or the Bridge action takes the caller away while it rings: app_dial cancels the call
    c.onRelease = () -> {
      e.clock().cancel(timers[0]);
      e.clock().cancel(timers[1]);
      out.onHangupRequest = null;
      if (!out.hungUp) {
        e.emit(Events.dial("DialEnd", c.view(), out.view(), "DialStatus", "CANCEL"));
        e.endChannel(out);
      }
    };
    // the far end hangs up while ringing: app_dial counts it as busy when cause 17, else as no answer
    out.onHangupRequest = () -> fail.accept("17".equals(out.hangupCause) ? "BUSY" : "NOANSWER");
    switch (response) {
      case "ANSWER" -> timers[1] = e.clock().schedule(Math.max(1, answerAfterMs), () -> answered(c, out, talkMs,
          goOn, timers, done));
      case "BUSY" -> timers[1] = e.clock().schedule(Math.max(1, answerAfterMs), () -> fail.accept("BUSY"));
      case "CONGESTION" -> timers[1] = e.clock().schedule(Math.max(1, answerAfterMs), () -> fail.accept("CONGESTION"));
      default -> { }
    }
  }

  private void answered(Channel c, Channel out, long talkMs, boolean goOn, long[] timers, Consumer<Boolean> done) {
    if (c.hungUp || out.hungUp) {
      return;
    }
    e.clock().cancel(timers[0]);
    c.onRelease = null;
    e.answer(out);
    if (out.device != null) {
      e.emit(Events.deviceState(out.device, "INUSE"));
    }
    out.connNum = c.cidNum;
    out.connName = c.cidName;
    e.emit(Events.newConnectedLine(out));
    e.emit(Events.dial("DialEnd", c.view(), out.view(), "DialStatus", "ANSWER"));
    if (c.state != 6) {
      // app_dial answers the calling channel when the called one answers (the ;2 half of a transfer's Local)
      e.answered(c);
    }
    e.setVar(c, "DIALSTATUS", "ANSWER");
    Bridging br = e.bridging();
    Bridge b = br.create();
    br.enter(b, out);
    br.enter(b, c);
    e.setVar(out, "BRIDGEPEER", c.name);
    e.setVar(c, "BRIDGEPEER", out.name);
    c.onBridgeEnd = () -> done.accept(goOn);
    out.pendingTimer = e.clock().schedule(Math.max(1, talkMs), () -> e.requestHangup(out, "16", false));
  }
}
