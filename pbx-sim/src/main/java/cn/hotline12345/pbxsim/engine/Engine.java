package cn.hotline12345.pbxsim.engine;

import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.pbxsim.dialplan.Dialplan;
import cn.hotline12345.pbxsim.dialplan.Vars;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The simulated PBX core: channels, their ids and the events they produce. Internal API of the
 * simulator: every method must be called on the simulator's own context ({@link #context()}),
 * which makes the whole model single-threaded. Per-call state is removed when a call's last
 * channel hangs up, so the engine can run for hours at a constant footprint.
 */
public final class Engine {
  private final Vertx vertx;
  private final Context context;
  private final SimClock clock;
  private final Random random;
  private Dialplan dialplan;
  private final Map<String, Channel> channels = new LinkedHashMap<>();
  private final Map<String, CallTrack> calls = new HashMap<>();
  private final Map<String, AgentSpec> agents = new ConcurrentHashMap<>();
  /** Issue 23: agents' phones registered over SIP WebSocket (sip.SipWebSocketServer), or null. */
  private volatile SoftPhones softPhones;
  private final List<Consumer<AmiMessage>> sinks = new ArrayList<>();
  private final DialplanRunner runner;
  private final QueueManager queues;
  private final Map<Channel, Bridge> bridgeMap = new HashMap<>();
  private final Bridging bridging;
  private final Dialer dialer;
  private final Transfers transfers;
  private final ChanSpyApp chanSpy;
  private cn.hotline12345.pbxsim.conf.FeaturesConf features = cn.hotline12345.pbxsim.conf.FeaturesConf.DEFAULTS;
  private final Map<String, cn.hotline12345.pbxsim.FarEndSpec> farEnds = new ConcurrentHashMap<>();
  private AgiLauncher agiLauncher = (ch, url, done) -> done.accept("FAILURE");
  private int chanSeq;
  private long idSeq;
  private long bootMs;
  private long callsStarted;
  private long callsEnded;
  /** Prompt length of STREAM FILE / GET DATA, in samples at 8 kHz (Asterisk's beep is 3520). */
  private long promptSamples = 3520;

  /** Hands a channel to a FastAGI session; {@code done} receives AGISTATUS. */
  @FunctionalInterface
  public interface AgiLauncher {
    void launch(Channel ch, String url, Consumer<String> done);
  }

  private static final class CallTrack {
    int live;
    final Promise<Void> ended = Promise.promise();
    CallerScript caller;
  }

  public Engine(Vertx vertx, Context context, SimClock clock, long seed, Dialplan dialplan) {
    this.vertx = vertx;
    this.context = context;
    this.clock = clock;
    this.random = new Random(seed);
    this.dialplan = dialplan;
    this.runner = new DialplanRunner(this);
    this.queues = new QueueManager(this);
    this.bridging = new Bridging(this);
    this.dialer = new Dialer(this);
    this.transfers = new Transfers(this);
    this.chanSpy = new ChanSpyApp(this);
    this.bootMs = clock.nowMs();
  }

  // ---- plumbing --------------------------------------------------------------------------

  public Vertx vertx() {
    return vertx;
  }

  public Context context() {
    return context;
  }

  public SimClock clock() {
    return clock;
  }

  public Random random() {
    return random;
  }

  public Dialplan dialplan() {
    return dialplan;
  }

  public void dialplan(Dialplan d) {
    this.dialplan = d;
  }

  public QueueManager queues() {
    return queues;
  }

  DialplanRunner runner() {
    return runner;
  }

  /** Every channel in a bridge, app_queue's or a basic one, and its bridge. */
  Map<Channel, Bridge> bridgeMap() {
    return bridgeMap;
  }

  Bridging bridging() {
    return bridging;
  }

  public void features(cn.hotline12345.pbxsim.conf.FeaturesConf f) {
    this.features = f;
  }

  cn.hotline12345.pbxsim.conf.FeaturesConf features() {
    return features;
  }

  Bridging bridgingOf() {
    return bridging;
  }

  Dialer dialer() {
    return dialer;
  }

  /** Far ends of the trunk, by number ({@code "*"}: every other number). */
  public Map<String, cn.hotline12345.pbxsim.FarEndSpec> farEnds() {
    return farEnds;
  }

  cn.hotline12345.pbxsim.FarEndSpec farEndFor(String number) {
    cn.hotline12345.pbxsim.FarEndSpec s = farEnds.get(number);
    if (s == null) {
      s = farEnds.get("*");
    }
    return s == null ? cn.hotline12345.pbxsim.FarEndSpec.of(number) : s;
  }

  /** True when the simulator has a phone for {@code iface}: an agent spec, or a queue member of that interface. */
  boolean knowsPhone(String iface) {
    return agents.containsKey(iface) || queues.hasMember(iface);
  }

  /** True while a channel of the phone {@code PJSIP/1001} is up or ringing (its device is in use). */
  public boolean phoneInUse(String iface) {
    String prefix = iface + "-";
    for (Channel c : channels.values()) {
      if (!c.hungUp && c.name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  public void agiLauncher(AgiLauncher l) {
    this.agiLauncher = l;
  }

  AgiLauncher agiLauncher() {
    return agiLauncher;
  }

  public void addSink(Consumer<AmiMessage> sink) {
    sinks.add(sink);
  }

  public void emit(AmiMessage m) {
    for (int i = 0; i < sinks.size(); i++) {
      sinks.get(i).accept(m);
    }
  }

  /** Runs {@code r} after the current event's work, as Asterisk's other threads would. */
  public void defer(Runnable r) {
    context.runOnContext(v -> r.run());
  }

  public long uptimeSec() {
    return Math.max(0, (clock.nowMs() - bootMs) / 1000);
  }

  /** Restart: Uptime starts again from zero. */
  public void rebooted() {
    bootMs = clock.nowMs();
  }

  public void promptSamples(long samples) {
    this.promptSamples = samples;
  }

  long promptMs() {
    return promptSamples / 8;
  }

  long promptSamples() {
    return promptSamples;
  }

  /** Issue 23: the SIP WebSocket side; a queue rings a registered extension's browser instead of its script. */
  public void softPhones(SoftPhones p) {
    this.softPhones = p;
  }

  SoftPhones softPhones() {
    return softPhones;
  }

  public Map<String, AgentSpec> agents() {
    return agents;
  }

  AgentSpec agentFor(String iface) {
    AgentSpec spec = agents.get(iface);
    if (spec == null) {
      spec = iface.startsWith("Local/") ? new AgentSpec(iface, null, null, null)
          : new AgentSpec(iface, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30), null);
    }
    return spec;
  }

  public long callsStarted() {
    return callsStarted;
  }

  public long callsEnded() {
    return callsEnded;
  }

  public int liveCalls() {
    return calls.size();
  }

  public Collection<Channel> channels() {
    return channels.values();
  }

  public Channel channel(String name) {
    return channels.get(name);
  }

  /** The oldest live channel whose name starts with {@code prefix} (ast_channel_get_by_name_prefix). */
  public Channel channelByPrefix(String prefix) {
    Channel exact = channels.get(prefix);
    if (exact != null) {
      return exact;
    }
    for (Channel c : channels.values()) {
      if (c.name.regionMatches(true, 0, prefix, 0, prefix.length())) {
        return c;
      }
    }
    return null;
  }

  String nextBridgeId() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  String nextCommandId() {
    return Integer.toString(random.nextInt(Integer.MAX_VALUE));
  }

  // ---- channels --------------------------------------------------------------------------

  private String nextUniqueid() {
    return clock.nowSec() + "." + (idSeq++);
  }

  private String nextSuffix() {
    return String.format("%08x", chanSeq++);
  }

  private Channel create(String name, String tech, String linkedid, String device, int state, String ctx,
      String exten) {
    String uid = nextUniqueid();
    Channel c = new Channel(name, tech, uid, linkedid == null ? uid : linkedid, device, clock.nowMs());
    c.state = state;
    c.context = ctx;
    c.exten = exten;
    channels.put(name, c);
    CallTrack t = calls.get(c.linkedid);
    if (t == null) {
      t = new CallTrack();
      calls.put(c.linkedid, t);
      callsStarted++;
    }
    t.live++;
    return c;
  }

  /** Creates a Local channel pair {@code Local/exten@ctx-0000000N;1/;2} and emits both Newchannel events. */
  Channel[] createLocal(String exten, String ctx, String linkedid) {
    String base = "Local/" + exten + "@" + ctx + "-" + nextSuffix();
    String device = "Local/" + exten + "@" + ctx;
    Channel one = create(base + ";1", "Local", linkedid, device, 0, ctx, exten);
    Channel two = create(base + ";2", "Local", one.linkedid, device, 4, ctx, exten);
    one.peer = two;
    two.peer = one;
    emit(Events.newchannel(one));
    emit(Events.newchannel(two));
    return new Channel[] {one, two};
  }

  /** Creates a single technology channel such as {@code PJSIP/1001-00000007}. */
  Channel createTech(String tech, String resource, String linkedid, int state, String ctx, String exten,
      String device) {
    Channel c = create(tech + "/" + resource + "-" + nextSuffix(), tech, linkedid, device, state, ctx, exten);
    return c;
  }

  void setVar(Channel c, String name, String value) {
    c.vars.put(name, value);
    emit(Events.varSet(c, name, value));
  }

  /** Set(CALLERID(num)=...) / Set(CALLERID(name)=...): NewCallerid, no VarSet. */
  void setCallerId(Channel c, String num, String name) {
    if (num != null) {
      c.cidNum = num;
    }
    if (name != null) {
      c.cidName = name;
    }
    emit(Events.newCallerid(c));
  }

  void answer(Channel c) {
    if (c.state != 6 && !c.hungUp) {
      c.state = 6;
      emit(Events.newstate(c));
    }
  }

  /** Variables as the dialplan sees them on {@code c}: channel variables, builtins, globals. */
  public Vars vars(Channel c) {
    return name -> {
      String v = c.vars.get(name);
      if (v != null) {
        return v;
      }
      switch (name) {
        case "EXTEN": return c.exten;
        case "CONTEXT": return c.context;
        case "UNIQUEID": return c.uniqueid;
        case "CHANNEL": return c.name;
        case "PRIORITY": return Integer.toString(c.priority);
        case "CALLERID(num)": return Channel.UNKNOWN.equals(c.cidNum) ? "" : c.cidNum;
        case "CALLERID(name)": return Channel.UNKNOWN.equals(c.cidName) ? "" : c.cidName;
        case "CHANNEL(state)": return Channel.stateDesc(c.state);
        case "EPOCH": return Long.toString(clock.nowSec());
        default: return dialplan.globals().getOrDefault(name, "");
      }
    };
  }

  // ---- hangup ----------------------------------------------------------------------------

  /**
   * Someone asks {@code c} to hang up (the other half of a Local pair, the far end, an AMI Hangup).
   * Emits (Soft)HangupRequest; the running application reacts later through its handler.
   */
  public void requestHangup(Channel c, String cause, boolean soft) {
    if (c.hungUp || c.hangupRequested) {
      return;
    }
    c.hangupRequested = true;
    c.hangupCause = cause;
    emit(Events.hangupRequest(c, cause, soft));
    Runnable handler = c.onHangupRequest;
    c.onHangupRequest = null;
    if (c.dtmfListener != null) {
      c.dtmfListener = null;
    }
    defer(handler != null ? handler : () -> endChannel(c));
  }

  /** The channel's own dialplan hangs it up (Hangup(), fall-through, Queue without 'c'). */
  public void endChannel(Channel c) {
    if (c.hungUp) {
      return;
    }
    emit(Events.hangupRequest(c, c.hangupCause, true));
    Channel peer = c.peer;
    if (peer != null && !peer.hungUp && !peer.hangupRequested) {
      requestHangup(peer, c.hangupCause, false);
    }
    destroy(c, c.hangupCause);
  }

  /** Final Hangup event and removal of all state of the channel. */
  public void destroy(Channel c, String cause) {
    if (c.hungUp) {
      return;
    }
    stopMoh(c);
    c.hungUp = true;
    clock.cancel(c.pendingTimer);
    c.onHangupRequest = null;
    c.dtmfListener = null;
    Bridge inBridge = bridgeMap.get(c);
    if (inBridge != null && inBridge.generic) {
      bridging.leave(inBridge, c);
      bridging.dissolve(inBridge);
    }
    emit(Events.hangup(c, cause));
    if (c.device != null && !"INVALID".equals(cause)) {
      emit(Events.deviceState(c.device, "0".equals(cause) ? "INVALID" : "NOT_INUSE"));
    }
    channels.remove(c.name);
    answerHooks.remove(c);
    c.vars.clear();
    c.dtmfBuffer.clear();
    List<Runnable> hooks = new ArrayList<>(c.onDestroy);
    c.onDestroy.clear();
    hooks.forEach(Runnable::run);
    CallTrack t = calls.get(c.linkedid);
    if (t != null && --t.live <= 0) {
      calls.remove(c.linkedid);
      callsEnded++;
      if (t.caller != null) {
        clock.cancel(t.caller.patienceTimer);
      }
      t.ended.tryComplete();
    }
  }

  /** Completes when every channel of the call with this Linkedid has hung up. */
  public io.vertx.core.Future<Void> callEnded(String linkedid) {
    CallTrack t = calls.get(linkedid);
    return t == null ? io.vertx.core.Future.succeededFuture() : t.ended.future();
  }

  // ---- DTMF ------------------------------------------------------------------------------

  /** {@code from} (e.g. the ;2 half running SendDTMF) sends a digit towards its peer. */
  void sendDtmfFrom(Channel from, char d) {
    Channel target = from.peer != null ? from.peer : from;
    receiveDtmf(target, d);
  }

  /** A digit arrives on {@code c}: DTMF events (also across its bridge), then delivery. */
  public void receiveDtmf(Channel c, char d) {
    if (c.hungUp) {
      return;
    }
    List<Channel[]> legs = new ArrayList<>(3);
    legs.add(new Channel[] {c});
    Bridge b = bridgeMap.get(c);
    Channel other = b == null ? null : b.other(c);
    for (int phase = 0; phase < 2; phase++) {
      boolean end = phase == 1;
      emit(Events.dtmf(c, d, end, "Received"));
      if (other != null && !other.hungUp) {
        emit(Events.dtmf(other, d, end, "Sent"));
        if (other.peer != null && !other.peer.hungUp) {
          emit(Events.dtmf(other.peer, d, end, "Received"));
        }
      }
    }
    if (c.dtmfListener != null) {
      c.dtmfListener.accept(d);
    } else if (c.dtmfBuffer.size() < Channel.MAX_BUFFERED_DTMF) {
      c.dtmfBuffer.add(d);
    }
  }

  /** Result of collecting DTMF during/after a prompt. */
  public record Collected(String digits, boolean timedOut, boolean hungUp, long endpos) {
  }

  /**
   * Plays a prompt of {@code promptMs} and/or collects digits, as STREAM FILE, GET DATA and
   * WAIT FOR DIGIT do. {@code escape} lists digits that stop the prompt (null = none);
   * {@code maxDigits} &gt; 0 collects up to that many digits with {@code timeoutMs} between them.
   * Returns an abort action to call when the channel hangs up.
   */
  public Runnable collect(Channel c, long promptMs, String escape, int maxDigits, long timeoutMs,
      Consumer<Collected> done) {
    final class State {
      final StringBuilder digits = new StringBuilder();
      boolean prompting = promptMs > 0;
      long timer = -1;
      boolean finished;
      long promptStart = clock.nowMs();
    }
    State s = new State();
    Runnable[] finish = new Runnable[1];
    Consumer<Collected> complete = r -> {
      if (s.finished) {
        return;
      }
      s.finished = true;
      clock.cancel(s.timer);
      c.dtmfListener = null;
      done.accept(r);
    };
    java.util.function.LongSupplier endpos = () -> s.prompting
        ? Math.min(promptSamples, (clock.nowMs() - s.promptStart) * 8) : promptSamples;
    Runnable startWaiting = () -> {
      s.prompting = false;
      clock.cancel(s.timer);
      if (maxDigits <= 0 && timeoutMs <= 0) {
        complete.accept(new Collected("", false, false, promptSamples));
        return;
      }
      s.timer = clock.schedule(Math.max(1, timeoutMs), () -> complete.accept(
          new Collected(s.digits.toString(), true, false, promptSamples)));
    };
    Consumer<Character> onDigit = d -> {
      if (s.finished) {
        return;
      }
      if (maxDigits <= 0) {
        boolean escapes = escape != null && escape.indexOf(d) >= 0;
        if (escapes || (!s.prompting && escape == null)) {
          complete.accept(new Collected(String.valueOf(d), false, false, endpos.getAsLong()));
        }
        return;
      }
      if (d == '#') {
        complete.accept(new Collected(s.digits.toString(), false, false, endpos.getAsLong()));
        return;
      }
      s.digits.append(d);
      if (s.digits.length() >= maxDigits) {
        complete.accept(new Collected(s.digits.toString(), false, false, endpos.getAsLong()));
      } else {
        startWaiting.run();
      }
    };
    c.dtmfListener = onDigit;
    if (s.prompting) {
      s.timer = clock.schedule(promptMs, startWaiting);
    } else {
      startWaiting.run();
    }
    while (!s.finished && !c.dtmfBuffer.isEmpty()) {
      onDigit.accept(c.dtmfBuffer.poll());
    }
    boolean acceptsDigits = maxDigits > 0 || (escape != null && !escape.isEmpty());
    CallTrack t = calls.get(c.linkedid);
    if (!s.finished && acceptsDigits && t != null && t.caller != null && !t.caller.digitGroups.isEmpty()
        && c.caller != null) {
      String group = t.caller.digitGroups.poll();
      pressDigits(c, group, t.caller.spec.think().toMillis());
    }
    finish[0] = () -> complete.accept(new Collected(s.digits.toString(), false, true, endpos.getAsLong()));
    return finish[0];
  }

  private void pressDigits(Channel c, String group, long delayMs) {
    if (group.isEmpty()) {
      return;
    }
    c.pendingTimer = clock.schedule(delayMs, () -> {
      if (c.hungUp) {
        return;
      }
      receiveDtmf(c, group.charAt(0));
      pressDigits(c, group.substring(1), 150);
    });
  }

  // ---- calls -----------------------------------------------------------------------------

  /** An inbound call from the PSTN: a PJSIP trunk channel running the dialplan at from-pstn. */
  public Channel placeCall(CallerSpec spec) {
    Channel c = createTech("PJSIP", "trunk", null, 4, "from-pstn", spec.dialed(), null);
    c.cidNum = spec.number();
    c.cidName = spec.name();
    CallerScript script = new CallerScript(spec);
    c.caller = script;
    calls.get(c.linkedid).caller = script;
    emit(Events.newchannel(c));
    if (spec.hangupAfter() != null) {
      clock.schedule(spec.hangupAfter().toMillis(), () -> {
        if (!c.hungUp) {
          requestHangup(c, "16", false);
        }
      });
    }
    defer(() -> runner.start(c, "from-pstn", spec.dialed(), 1));
    return c;
  }

  /**
   * Issue 23: a call an agent's own phone places (a consultation call from the softphone): a {@code PJSIP/<endpoint>}
   * channel entering the dialplan at {@code ctx,exten,1}, as chan_pjsip does for an INVITE from that endpoint (its
   * {@code context}). No device is given to it: the simulator's device states are those of the queue's calls, and a
   * second channel of the same phone must not report the device idle when it ends.
   */
  public Channel placeFromPhone(String endpoint, String ctx, String exten, String cidNum, String cidName) {
    Channel c = createTech("PJSIP", endpoint, null, 4, ctx, exten, null);
    c.cidNum = cidNum;
    c.cidName = cidName;
    emit(Events.newchannel(c));
    defer(() -> runner.start(c, ctx, exten, 1));
    return c;
  }

  /** Patience of the caller on {@code c}, if it is a scripted caller. */
  CallerScript callerOf(Channel c) {
    CallTrack t = calls.get(c.linkedid);
    return t == null ? null : t.caller;
  }

  /** Outcome of an Originate, reported as the OriginateResponse event and the sync response. */
  public record OriginateResult(boolean success, String channel, String uniqueid, String reason) {
  }

  /**
   * Originate as Asterisk's manager action does. Local/x@ctx: the ;2 half runs ctx,x and the
   * ;1 half, once answered, runs {@code ctx/exten/priority}. PJSIP/number[@trunk]: an outbound
   * call answered by the far end after a second.
   */
  public void originate(String channelSpec, String ctx, String exten, int priority, String cidNum,
      String cidName, Map<String, String> variables, Consumer<OriginateResult> result) {
    if (channelSpec.startsWith("Local/")) {
      originateLocal(channelSpec, ctx, exten, priority, cidNum, cidName, variables, result);
    } else if (channelSpec.startsWith("PJSIP/")) {
      originateTrunk(channelSpec, ctx, exten, cidNum, cidName, variables, result,
          c -> runner.start(c, ctx, exten, priority));
    } else {
      result.accept(new OriginateResult(false, channelSpec, "<null>", "0"));
    }
  }

  private void originateLocal(String spec, String ctx, String exten, int priority, String cidNum,
      String cidName, Map<String, String> variables, Consumer<OriginateResult> result) {
    String target = spec.substring("Local/".length());
    boolean noOpt = target.endsWith("/n");
    if (noOpt) {
      target = target.substring(0, target.length() - 2);
    }
    int at = target.indexOf('@');
    String lexten = at < 0 ? target : target.substring(0, at);
    String lctx = at < 0 ? "default" : target.substring(at + 1);
    Channel[] pair = createLocal(lexten, lctx, null);
    Channel one = pair[0];
    Channel two = pair[1];
    emit(Events.newexten(one, "AppDial2", "(Outgoing Line)"));
    if (dialplan.find(lctx, lexten).isEmpty()) {
      destroy(two, "0");
      destroy(one, "0");
      result.accept(new OriginateResult(false, one.name, one.uniqueid, "0"));
      return;
    }
    variables.forEach((k, v) -> setVar(one, k, v));
    if (cidNum != null) {
      one.cidNum = cidNum;
      one.cidName = cidName == null ? "" : cidName;
      emit(Events.newCallerid(one));
      one.connNum = one.cidNum;
      one.connName = one.cidName;
      emit(Events.newConnectedLine(one));
    }
    variables.forEach((k, v) -> setVar(two, k, v));
    if (cidNum != null) {
      two.cidNum = one.cidNum;
      two.cidName = one.cidName;
      two.connNum = one.cidNum;
      two.connName = one.cidName;
      emit(Events.newCallerid(two));
      emit(Events.newConnectedLine(two));
    }
    emit(Events.localBridge(one.view(), two.view(), lctx, lexten, !noOpt));
    emit(Events.dial("DialBegin", null, one.view(), "DialString", lexten + "@" + lctx));
    long timeout = clock.schedule(30_000, () -> {
      if (!one.hungUp && one.state != 6) {
        emit(Events.dial("DialEnd", null, one.view(), "DialStatus", "NOANSWER"));
        result.accept(new OriginateResult(false, one.name, one.uniqueid, "3"));
        requestHangup(two, "16", true);
        destroy(one, "16");
      }
    });
    // when the ;2 half answers, the ;1 half is up and runs the originate's target
    one.onHangupRequest = () -> {
      clock.cancel(timeout);
      if (one.state != 6) {
        emit(Events.dial("DialEnd", null, one.view(), "DialStatus", "CANCEL"));
        result.accept(new OriginateResult(false, one.name, one.uniqueid, "1"));
      }
      endChannel(one);
    };
    two.position = null;
    localAnsweredHook(two, () -> {
      clock.cancel(timeout);
      emit(Events.deviceState(two.device, "INUSE"));
      answer(one);
      emit(Events.dial("DialEnd", null, one.view(), "DialStatus", "ANSWER"));
      one.onHangupRequest = null;
      result.accept(new OriginateResult(true, one.name, one.uniqueid, "4"));
      emit(Events.deviceState(one.device, "INUSE"));
      runner.start(one, ctx, exten, priority);
    });
    defer(() -> runner.start(two, lctx, lexten, 1));
  }

  private final Map<Channel, Runnable> answerHooks = new HashMap<>();

  /** Runs {@code hook} when the ;2 half {@code two} answers (its Answer() application). */
  void localAnsweredHook(Channel two, Runnable hook) {
    answerHooks.put(two, hook);
  }

  /** Called by the Answer application. */
  void answered(Channel c) {
    answer(c);
    Runnable hook = answerHooks.remove(c);
    if (hook != null) {
      hook.run();
    }
  }

  void forgetHooks(Channel c) {
    answerHooks.remove(c);
  }

  /**
   * PJSIP/number@trunk: the far end rings and answers per its {@link cn.hotline12345.pbxsim.FarEndSpec};
   * PJSIP/extension: the agent's phone rings per its {@link AgentSpec} (busy when it already has a call). Answered,
   * the channel runs ctx/exten/priority. OriginateResponse reasons as Asterisk's (AST_CONTROL_*): 4 answered,
   * 5 busy, 8 congestion, 3 no answer within 30 s, 1 hung up, 0 no such phone.
   */
  /**
   * Originate with an Application (manager.c: ast_pbx_outgoing_app): the phone rings as for an extension and, once
   * answered, runs the application instead of the dialplan. Only ChanSpy is modelled; any other application fails as
   * an unknown one would (the channel is hung up, Reason 0). A phone the simulator does not know is Asterisk's
   * failed request: Reason 0 (pbx.c pbx_dial_reason: "Call Failure (not BUSY, and not NO_ANSWER ...)").
   */
  public void originateApp(String channelSpec, String app, String data, String cidNum, String cidName,
      Map<String, String> variables, Consumer<OriginateResult> result) {
    if (!channelSpec.startsWith("PJSIP/")) {
      result.accept(new OriginateResult(false, channelSpec, Channel.UNKNOWN, "0"));
      return;
    }
    originateTrunk(channelSpec, "", "", cidNum, cidName, variables, r -> result.accept(
        r.success() || !"<null>".equals(r.uniqueid()) ? r : new OriginateResult(false, r.channel(), Channel.UNKNOWN,
            r.reason())), c -> {
              if ("chanspy".equalsIgnoreCase(app)) {
                chanSpy.run(c, data);
              } else {
                endChannel(c);
              }
            });
  }

  private void originateTrunk(String spec, String ctx, String exten, String cidNum,
      String cidName, Map<String, String> variables, Consumer<OriginateResult> result, Consumer<Channel> answered) {
    String resource = spec.substring("PJSIP/".length());
    int at = resource.indexOf('@');
    boolean trunk = at >= 0;
    String number = trunk ? resource.substring(0, at) : resource;
    String response;
    long answerAfter;
    String device = null;
    if (trunk) {
      cn.hotline12345.pbxsim.FarEndSpec far = farEndFor(number);
      response = far.response().name();
      answerAfter = far.answerAfter().toMillis();
    } else {
      String iface = "PJSIP/" + resource;
      if (!knowsPhone(iface)) {
        result.accept(new OriginateResult(false, spec, "<null>", "0"));
        return;
      }
      AgentSpec a = agentFor(iface);
      device = iface;
      response = phoneInUse(iface) ? "BUSY" : switch (a.response()) {
        case ANSWER -> "ANSWER";
        case REFUSE -> "BUSY";
        case NO_ANSWER -> "NO_ANSWER";
      };
      answerAfter = a.answerAfter().toMillis();
    }
    Channel c = createTech("PJSIP", trunk ? "trunk" : resource, null, 0, ctx, exten, device);
    emit(Events.newchannel(c));
    variables.forEach((k, v) -> setVar(c, k, v));
    c.connNum = number;
    c.connName = "";
    emit(Events.newConnectedLine(c));
    if (cidNum != null) {
      c.cidNum = cidNum;
      c.cidName = cidName == null ? "" : cidName;
      emit(Events.newCallerid(c));
    }
    c.state = 5;
    emit(Events.newstate(c));
    if (device != null) {
      emit(Events.deviceState(device, "RINGING"));
    }
    if (trunk) {
      CallerSpec callee = CallerSpec.of(number);
      c.caller = new CallerScript(callee);
      calls.get(c.linkedid).caller = c.caller;
    }
    long noAnswer = clock.schedule(30_000, () -> {
      if (!c.hungUp && c.state != 6) {
        c.onHangupRequest = null;
        result.accept(new OriginateResult(false, c.name, c.uniqueid, "3"));
        endChannel(c);
      }
    });
    Runnable refuse = () -> {
      clock.cancel(noAnswer);
      c.onHangupRequest = null;
      boolean busy = "BUSY".equals(response);
      c.hangupCause = busy ? "17" : "34";
      result.accept(new OriginateResult(false, c.name, c.uniqueid, busy ? "5" : "8"));
      endChannel(c);
    };
    switch (response) {
      case "ANSWER" -> c.pendingTimer = clock.schedule(Math.max(1, answerAfter), () -> {
        clock.cancel(noAnswer);
        answer(c);
        if (c.device != null) {
          emit(Events.deviceState(c.device, "INUSE"));
        }
        c.onHangupRequest = null;
        result.accept(new OriginateResult(true, c.name, c.uniqueid, "4"));
        answered.accept(c);
      });
      case "BUSY", "CONGESTION" -> c.pendingTimer = clock.schedule(Math.max(1, answerAfter), refuse);
      default -> { }
    }
    c.onHangupRequest = () -> {
      clock.cancel(noAnswer);
      result.accept(new OriginateResult(false, c.name, c.uniqueid, "1"));
      endChannel(c);
    };
  }

  /** Caller scripts attached to an outbound callee, keyed by number (for revisit tests). */
  public void calleeScript(Channel c, CallerSpec spec) {
    c.caller = new CallerScript(spec);
    CallTrack t = calls.get(c.linkedid);
    if (t != null) {
      t.caller = c.caller;
    }
  }

  // ---- accessors and actions used by the AMI layer -----------------------------------------

  public String appOf(Channel c) {
    return c.app;
  }

  public String appDataOf(Channel c) {
    return c.appData;
  }

  public long createdMs(Channel c) {
    return c.createdMs;
  }

  public String bridgeIdOf(Channel c) {
    return c.bridgeId;
  }

  public String techOf(Channel c) {
    return c.tech;
  }

  public void setVariable(Channel c, String name, String value) {
    setVar(c, name, value);
  }

  public void setGlobal(String name, String value) {
    dialplan = dialplan.withGlobal(name, value);
  }

  /**
   * Takes {@code c} away from what it is doing so that it can continue elsewhere: it leaves its queue or bridge,
   * its timers stop, music on hold stops (Redirect, the Bridge action).
   */
  private void release(Channel c) {
    Runnable app = c.onRelease;
    c.onRelease = null;
    if (app != null) {
      app.run();
    }
    queues.detach(c);
    clock.cancel(c.pendingTimer);
    c.pendingTimer = -1;
    c.onHangupRequest = null;
    c.onBridgeEnd = null;
    c.afterGoto = null;
    c.dtmfListener = null;
    forgetHooks(c);
    stopMoh(c);
  }

  /** AMI Redirect of one channel: a bridge it was in dissolves (the other party is kicked out). */
  public void redirect(Channel c, String ctx, String exten, int priority) {
    if (c.hungUp) {
      return;
    }
    release(c);
    defer(() -> runner.start(c, ctx, exten, priority));
  }

  /**
   * AMI Redirect with ExtraChannel (main/manager.c action_redirect): both channels are flagged
   * AST_FLAG_BRIDGE_DUAL_REDIRECT_WAIT while both async gotos are set up, so that the bridge they share dissolving
   * does not hang the second one up; each continues at its own target.
   */
  public void redirectBoth(Channel c1, String ctx1, String exten1, int pri1, Channel c2, String ctx2, String exten2,
      int pri2) {
    c1.redirecting = true;
    c2.redirecting = true;
    release(c1);
    release(c2);
    c1.redirecting = false;
    c2.redirecting = false;
    defer(() -> runner.start(c1, ctx1, exten1, pri1));
    defer(() -> runner.start(c2, ctx2, exten2, pri2));
  }

  /**
   * The AMI Bridge action (main/features.c action_bridge, branch 22): each channel's after-bridge goto is set to
   * where it is now (priority + 1 when it is running dialplan, AST_FLAG_IN_AUTOLOOP), music on hold stops
   * ({@code ast_bridge_add_channel}: {@code ast_moh_stop}), a channel in a bridge is moved out of it, one running
   * dialplan is yanked out of its application; an unanswered channel is answered; both enter a new basic bridge.
   * When one of them hangs up, the other continues at its after-bridge goto.
   */
  public void bridgeChannels(Channel c1, Channel c2) {
    DialplanRunner.Position p1 = afterBridge(c1);
    DialplanRunner.Position p2 = afterBridge(c2);
    c1.redirecting = true;
    c2.redirecting = true;
    release(c1);
    release(c2);
    c1.redirecting = false;
    c2.redirecting = false;
    defer(() -> {
      if (c1.hungUp || c2.hungUp) {
        return;
      }
      Bridge b = bridging.create();
      for (Channel c : new Channel[] {c1, c2}) {
        answer(c);
        bridging.enter(b, c);
      }
      c1.afterGoto = p1;
      c2.afterGoto = p2;
    });
  }

  private DialplanRunner.Position afterBridge(Channel c) {
    DialplanRunner.Position p = c.position;
    if (p == null) {
      return null;
    }
    // a channel inside a bridge runs no dialplan: its position is where it will continue, as it is
    boolean inAutoloop = !bridgeMap.containsKey(c);
    return new DialplanRunner.Position(p.ext(), p.priority() + (inAutoloop ? 1 : 0));
  }

  /**
   * MusicOnHold(class,duration) (res_musiconhold.c play_moh_exec): MusicOnHoldStart with the class (the
   * channel's default class when none is given), then music until {@code duration} seconds or for ever; a hangup
   * or the Bridge action stops it (MusicOnHoldStop).
   */
  void musicOnHold(Channel c, String data, Runnable then) {
    String[] a = data.split(",", -1);
    String cls = a[0].isBlank() ? "default" : a[0].strip();
    long ms = a.length > 1 && !a[1].isBlank() ? DialplanRunner.parseSeconds(a[1]) : -1;
    c.mohClass = cls;
    emit(Events.chanEvent("MusicOnHoldStart", Events.CALL, c).add("Class", cls));
    if (ms >= 0) {
      runner.waitThen(c, ms, () -> {
        stopMoh(c);
        then.run();
      });
    } else {
      c.onHangupRequest = () -> endChannel(c);
    }
  }

  void stopMoh(Channel c) {
    if (c.mohClass != null) {
      c.mohClass = null;
      emit(Events.chanEvent("MusicOnHoldStop", Events.CALL, c));
    }
  }

  /** A bridge's hold indication on a channel (chan_pjsip starts music on hold): MusicOnHoldStart. */
  void musicOnHoldIndication(Channel c) {
    if (c.mohClass == null && !c.hungUp) {
      c.mohClass = "default";
      emit(Events.chanEvent("MusicOnHoldStart", Events.CALL, c).add("Class", "default"));
    }
  }

  /** AMI BlindTransfer; null or the error message. */
  public String blindTransfer(Channel c, String ctx, String exten) {
    return transfers.blind(c, ctx == null || ctx.isEmpty() ? c.context : ctx, exten);
  }

  /**
   * Issue 23: the attended transfer a SIP REFER with Replaces asks for (main/bridge.c ast_bridge_transfer_attended):
   * {@code transferer}'s peer and {@code second}'s peer end up in one bridge, both transferers are hung up. Null or
   * the error ("Transfer invalid").
   */
  public String attendedTransferBridges(Channel transferer, Channel second) {
    return transfers.bridges(transferer, second);
  }

  /** AMI Atxfer; null or the error message. */
  public String attendedTransfer(Channel c, String ctx, String exten) {
    return transfers.attended(c, ctx, exten);
  }
}
