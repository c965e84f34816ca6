package cn.hotline12345.pbxsim.engine;

import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.pbxsim.engine.Channel.ChannelView;

/** app_queue's events, header names and order as in the Asterisk 22 captures. */
final class QueueEvents {
  private QueueEvents() {
  }

  static AmiMessage caller(String event, Channel c, String queue) {
    return Events.chanEvent(event, Events.AGENT, c).add("Queue", queue);
  }

  /**
   * AgentCalled/AgentConnect/AgentRingNoAnswer/AgentComplete ({@code queue_multi_channel_to_ami}): the caller's
   * snapshot headers, the agent's with prefix Dest, then the fields. A null {@code caller} or {@code dest} leaves
   * its headers out, as Asterisk does when the snapshot is gone ("Empty caller_snapshot; sending incomplete event").
   */
  static AmiMessage agent(String event, ChannelView caller, ChannelView dest, String queue,
      QueueManager.Member m) {
    AmiMessage e = AmiMessage.event(event, Events.AGENT);
    if (caller != null) {
      Events.channel(e, "", caller);
    }
    if (dest != null) {
      Events.channel(e, "Dest", dest);
    }
    return e.add("Queue", queue).add("Interface", m.iface).add("MemberName", m.name);
  }

  static AmiMessage member(String event, String queue, QueueManager.Member m) {
    return AmiMessage.event(event, Events.AGENT).add("Queue", queue).add("MemberName", m.name)
        .add("Interface", m.iface).add("StateInterface", m.stateInterface)
        .add("Membership", m.dynamic ? "dynamic" : "static").add("Penalty", Integer.toString(m.penalty))
        .add("CallsTaken", Integer.toString(m.callsTaken)).add("LastCall", Long.toString(m.lastCall))
        .add("LastPause", Long.toString(m.lastPause)).add("LoginTime", Long.toString(m.loginTime))
        .add("InCall", m.inCall ? "1" : "0").add("Status", Integer.toString(m.status))
        .add("Paused", m.paused ? "1" : "0").add("PausedReason", m.pausedReason)
        .add("Ringinuse", "0").add("Wrapuptime", "0");
  }

  static AmiMessage statusMember(String queue, QueueManager.Member m, String actionId) {
    return new AmiMessage().add("Event", "QueueMember").add("Queue", queue).add("Name", m.name)
        .add("Location", m.iface).add("StateInterface", m.stateInterface)
        .add("Membership", m.dynamic ? "dynamic" : "static").add("Penalty", Integer.toString(m.penalty))
        .add("CallsTaken", Integer.toString(m.callsTaken)).add("LastCall", Long.toString(m.lastCall))
        .add("LastPause", Long.toString(m.lastPause)).add("LoginTime", Long.toString(m.loginTime))
        .add("InCall", m.inCall ? "1" : "0").add("Status", Integer.toString(m.status))
        .add("Paused", m.paused ? "1" : "0").add("PausedReason", m.pausedReason)
        .add("Wrapuptime", "0").addIf(actionId != null, "ActionID", actionId);
  }
}
