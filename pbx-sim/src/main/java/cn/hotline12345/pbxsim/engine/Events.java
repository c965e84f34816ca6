package cn.hotline12345.pbxsim.engine;

import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.pbxsim.engine.Channel.ChannelView;

/**
 * Builds AMI events with the header names and order of Asterisk 22 as recorded in the captures
 * (see src/test/resources/asterisk-22). One method per event shape.
 */
public final class Events {
  public static final String CALL = "call,all";
  public static final String DIALPLAN = "dialplan,all";
  public static final String AGENT = "agent,all";
  public static final String AGI = "agi,all";
  public static final String DTMF = "dtmf,all";
  public static final String SYSTEM = "system,all";
  public static final String SECURITY = "security,all";

  private Events() {
  }

  /** The fourteen channel snapshot headers, each name prefixed (e.g. "Dest", "LocalOne"). */
  public static AmiMessage channel(AmiMessage m, String prefix, ChannelView c) {
    return m.add(prefix + "Channel", c.name())
        .add(prefix + "ChannelState", Integer.toString(c.state()))
        .add(prefix + "ChannelStateDesc", Channel.stateDesc(c.state()))
        .add(prefix + "CallerIDNum", c.cidNum())
        .add(prefix + "CallerIDName", c.cidName())
        .add(prefix + "ConnectedLineNum", c.connNum())
        .add(prefix + "ConnectedLineName", c.connName())
        .add(prefix + "Language", "en")
        .add(prefix + "AccountCode", "")
        .add(prefix + "Context", c.context())
        .add(prefix + "Exten", c.exten())
        .add(prefix + "Priority", Integer.toString(c.priority()))
        .add(prefix + "Uniqueid", c.uniqueid())
        .add(prefix + "Linkedid", c.linkedid());
  }

  public static AmiMessage chanEvent(String event, String priv, Channel c) {
    return channel(AmiMessage.event(event, priv), "", c.view());
  }

  public static AmiMessage newchannel(Channel c) {
    return chanEvent("Newchannel", CALL, c);
  }

  public static AmiMessage newstate(Channel c) {
    return chanEvent("Newstate", CALL, c);
  }

  public static AmiMessage newexten(Channel c, String app, String data) {
    return chanEvent("Newexten", DIALPLAN, c).add("Extension", c.exten).add("Application", app)
        .add("AppData", data);
  }

  public static AmiMessage varSet(Channel c, String var, String value) {
    return chanEvent("VarSet", DIALPLAN, c).add("Variable", var).add("Value", value);
  }

  public static AmiMessage newCallerid(Channel c) {
    return chanEvent("NewCallerid", CALL, c).add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)");
  }

  public static AmiMessage newConnectedLine(Channel c) {
    return chanEvent("NewConnectedLine", CALL, c);
  }

  public static AmiMessage hangupRequest(Channel c, String cause, boolean soft) {
    return chanEvent(soft ? "SoftHangupRequest" : "HangupRequest", CALL, c).add("Cause", cause);
  }

  public static AmiMessage hangup(Channel c, String cause) {
    return chanEvent("Hangup", CALL, c).add("Cause", cause).add("Cause-txt", causeText(cause));
  }

  static String causeText(String cause) {
    switch (cause) {
      case "16": return "Normal Clearing";
      case "17": return "User busy";
      case "19": return "No user responding";
      case "21": return "Call Rejected";
      case "26": return "Answered elsewhere";
      case "34": return "Circuit/channel congestion";
      case "1": return "Unallocated (unassigned) number";
      default: return "Unknown";
    }
  }

  public static AmiMessage localBridge(ChannelView one, ChannelView two, String context, String exten,
      boolean optimize) {
    AmiMessage m = AmiMessage.event("LocalBridge", CALL);
    channel(m, "LocalOne", one);
    channel(m, "LocalTwo", two);
    return m.add("Context", context).add("Exten", exten).add("LocalOptimization", optimize ? "Yes" : "No");
  }

  /** DialBegin/DialEnd; {@code caller} is null for an originated call (no calling channel). */
  public static AmiMessage dial(String event, ChannelView caller, ChannelView dest, String key, String value) {
    AmiMessage m = AmiMessage.event(event, CALL);
    if (caller != null) {
      channel(m, "", caller);
    }
    channel(m, "Dest", dest);
    return m.add(key, value);
  }

  public static AmiMessage deviceState(String device, String state) {
    return AmiMessage.event("DeviceStateChange", CALL).add("Device", device).add("State", state);
  }

  public static AmiMessage dtmf(Channel c, char digit, boolean end, String direction) {
    AmiMessage m = chanEvent(end ? "DTMFEnd" : "DTMFBegin", DTMF, c).add("Digit", String.valueOf(digit));
    if (end) {
      m.add("DurationMs", "100");
    }
    return m.add("Direction", direction);
  }

  public static AmiMessage bridge(String event, Bridge b) {
    return AmiMessage.event(event, CALL).add("BridgeUniqueid", b.id).add("BridgeType", "basic")
        .add("BridgeTechnology", "simple_bridge").add("BridgeCreator", Channel.UNKNOWN)
        .add("BridgeName", Channel.UNKNOWN).add("BridgeNumChannels", Integer.toString(b.members.size()))
        .add("BridgeVideoSourceMode", "none");
  }

  /** ast_manager_build_bridge_state_string_prefix (main/manager_bridges.c). */
  static AmiMessage bridgeState(AmiMessage m, String prefix, Bridge b) {
    return m.add(prefix + "BridgeUniqueid", b.id).add(prefix + "BridgeType", "basic")
        .add(prefix + "BridgeTechnology", "simple_bridge").add(prefix + "BridgeCreator", Channel.UNKNOWN)
        .add(prefix + "BridgeName", Channel.UNKNOWN).add(prefix + "BridgeNumChannels", Integer.toString(b.members.size()))
        .add(prefix + "BridgeVideoSourceMode", "none");
  }

  public static AmiMessage bridgeMember(String event, Bridge b, Channel c) {
    return channel(bridge(event, b), "", c.view());
  }

  public static AmiMessage agiExec(Channel c, boolean end, String commandId, String command, int code,
      String result) {
    AmiMessage m = chanEvent(end ? "AGIExecEnd" : "AGIExecStart", AGI, c).add("CommandId", commandId)
        .add("Command", command);
    if (end) {
      m.add("ResultCode", Integer.toString(code)).add("Result", result);
    }
    return m;
  }

  public static AmiMessage originateResponse(String actionId, boolean success, String channel, String context,
      String exten, String reason, String uniqueid, String cidNum, String cidName) {
    AmiMessage m = AmiMessage.event("OriginateResponse", CALL);
    if (actionId != null) {
      m.add("ActionID", actionId);
    }
    return m.add("Response", success ? "Success" : "Failure").add("Channel", channel).add("Context", context)
        .add("Exten", exten).add("Reason", reason).add("Uniqueid", uniqueid).add("CallerIDNum", cidNum)
        .add("CallerIDName", cidName);
  }

  /**
   * OriginateResponse of an Originate with an Application (manager.c fast_originate): Application and Data instead of
   * Context and Exten; {@code Uniqueid: <unknown>} when no channel was made.
   */
  public static AmiMessage originateAppResponse(String actionId, boolean success, String channel, String app,
      String data, String reason, String uniqueid, String cidNum, String cidName) {
    AmiMessage m = AmiMessage.event("OriginateResponse", CALL);
    if (actionId != null) {
      m.add("ActionID", actionId);
    }
    return m.add("Response", success ? "Success" : "Failure").add("Channel", channel).add("Application", app)
        .add("Data", data).add("Reason", reason).add("Uniqueid", uniqueid).add("CallerIDNum", cidNum)
        .add("CallerIDName", cidName);
  }

  /**
   * ChanSpyStart / ChanSpyStop (main/manager_channels.c channel_chanspy_start_cb / _stop_cb: manager_event(
   * EVENT_FLAG_CALL, ...) with the "Spyer" and "Spyee" channel snapshots; a stop may lack the spyee).
   */
  public static AmiMessage chanSpy(boolean start, ChannelView spyer, ChannelView spyee) {
    AmiMessage m = channel(AmiMessage.event(start ? "ChanSpyStart" : "ChanSpyStop", CALL), "Spyer", spyer);
    return spyee == null ? m : channel(m, "Spyee", spyee);
  }

  public static AmiMessage fullyBooted(long uptime, long lastReload) {
    return AmiMessage.event("FullyBooted", SYSTEM).add("Uptime", Long.toString(uptime))
        .add("LastReload", Long.toString(lastReload)).add("Status", "Fully Booted");
  }

  public static AmiMessage shutdown(boolean restart) {
    return AmiMessage.event("Shutdown", SYSTEM).add("Shutdown", "Uncleanly")
        .add("Restart", restart ? "True" : "False");
  }
}
