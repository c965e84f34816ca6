package cn.hotline12345.pbxsim.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One simulated Asterisk channel. Mutable, but only ever touched on the simulator's own Vert.x
 * context, so it needs no locking. It is dropped from every map when it hangs up.
 */
public final class Channel {
  public static final String UNKNOWN = "<unknown>";
  static final int MAX_BUFFERED_DTMF = 32;

  final String name;
  final String tech;
  final String uniqueid;
  final String linkedid;
  final String device;
  final long createdMs;
  int state;
  String cidNum = UNKNOWN;
  String cidName = UNKNOWN;
  String connNum = UNKNOWN;
  String connName = UNKNOWN;
  String context;
  String exten;
  int priority = 1;
  String app = "";
  String appData = "";
  String bridgeId = "";
  final Map<String, String> vars = new HashMap<>();
  /** The other half of a Local channel pair, or null. */
  Channel peer;
  boolean hungUp;
  boolean hangupRequested;
  /** What the running application does when this channel is asked to hang up. */
  Runnable onHangupRequest;
  /** Receives DTMF while an application collects digits; null = buffer them. */
  java.util.function.Consumer<Character> dtmfListener;
  final ArrayDeque<Character> dtmfBuffer = new ArrayDeque<>();
  /** Behaviour of the person on this channel (caller side), or null. */
  CallerScript caller;
  /** Queue member answering on this channel, or null. */
  QueueManager.Attempt attempt;
  /** Running dialplan state. */
  DialplanRunner.Position position;
  long pendingTimer = -1;
  String hangupCause = "16";
  /** The music-on-hold class playing on this channel, or null (MusicOnHoldStart/Stop). */
  String mohClass;
  /** Where the channel continues when its bridge ends (the Bridge action's after-bridge goto), or null. */
  DialplanRunner.Position afterGoto;
  /** What the application that put this channel in a bridge does when the bridge ends without it hanging up. */
  Runnable onBridgeEnd;
  /** Stops the running application when the channel is taken elsewhere (Dial ringing: cancel its call). */
  Runnable onRelease;
  /** Set while an AMI Redirect with ExtraChannel moves this channel (AST_FLAG_BRIDGE_DUAL_REDIRECT_WAIT). */
  boolean redirecting;
  /** Run once when the channel is destroyed (app_queue's AgentComplete of a call that left Queue()). */
  final java.util.List<Runnable> onDestroy = new java.util.ArrayList<>(1);

  Channel(String name, String tech, String uniqueid, String linkedid, String device, long createdMs) {
    this.name = name;
    this.tech = tech;
    this.uniqueid = uniqueid;
    this.linkedid = linkedid;
    this.device = device;
    this.createdMs = createdMs;
  }

  public String name() {
    return name;
  }

  public String uniqueid() {
    return uniqueid;
  }

  public String linkedid() {
    return linkedid;
  }

  public String context() {
    return context;
  }

  public String exten() {
    return exten;
  }

  public String callerIdNum() {
    return cidNum;
  }

  public boolean isHungUp() {
    return hungUp;
  }

  /** Issue 23: runs {@code r} once when the channel is destroyed (the SIP WebSocket side ends its dialog then). */
  public void whenDestroyed(Runnable r) {
    onDestroy.add(r);
  }

  /** The device ({@code PJSIP/1001}) this channel belongs to, or null. */
  public String device() {
    return device;
  }

  public int state() {
    return state;
  }

  public String var(String n) {
    return vars.getOrDefault(n, "");
  }

  static String stateDesc(int state) {
    switch (state) {
      case 0: return "Down";
      case 1: return "Rsrvd";
      case 2: return "OffHook";
      case 3: return "Dialing";
      case 4: return "Ring";
      case 5: return "Ringing";
      case 6: return "Up";
      case 7: return "Busy";
      default: return "Unknown";
    }
  }

  /** An immutable copy of the fields every channel-bearing event carries. */
  public ChannelView view() {
    return new ChannelView(name, state, cidNum, cidName, connNum, connName, context, exten, priority,
        uniqueid, linkedid);
  }

  /** The channel fields of an event, frozen at the moment the event is built. */
  public record ChannelView(String name, int state, String cidNum, String cidName, String connNum,
      String connName, String context, String exten, int priority, String uniqueid, String linkedid) {
    public ChannelView withExten(String newExten) {
      return new ChannelView(name, state, cidNum, cidName, connNum, connName, context, newExten, priority,
          uniqueid, linkedid);
    }

    public ChannelView withConnected(String num, String nm) {
      return new ChannelView(name, state, cidNum, cidName, num, nm, context, exten, priority, uniqueid,
          linkedid);
    }
  }
}
