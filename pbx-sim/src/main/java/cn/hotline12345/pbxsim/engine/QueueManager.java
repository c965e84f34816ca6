package cn.hotline12345.pbxsim.engine;

import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.pbxsim.engine.Channel.ChannelView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * app_queue: queues, members, waiting callers, ringing attempts, bridges. Event order follows the
 * captures (join, AgentCalled/DialBegin, answer, MEMBER* variables, QueueCallerLeave,
 * AgentConnect, bridge, AgentComplete, abandon).
 */
public final class QueueManager {
  private final Engine e;
  private final Map<String, SimQueue> queues = new LinkedHashMap<>();
  private final Map<Channel, Bridge> bridges;
  /** The connected call of each app_queue bridge. */
  private final Map<Bridge, Attempt> connected = new HashMap<>();
  private final Set<String> busyIfaces = new HashSet<>();
  /** queues.conf [general] shared_lastcall (app_queue.c default 0). */
  private boolean sharedLastcall;

  static final class SimQueue {
    final String name;
    Strategy strategy;
    int timeoutSec;
    int retrySec;
    int wrapupSec;
    QueueConfig.Options options = QueueConfig.ASTERISK_DEFAULTS;
    final LinkedHashMap<String, Member> members = new LinkedHashMap<>();
    final List<Entry> entries = new ArrayList<>();
    int rrNext;
    int completed;
    int abandoned;
    long holdTotalSec;
    long talkTotalSec;

    SimQueue(String name) {
      this.name = name;
    }
  }

  static final class Member {
    final String iface;
    final String name;
    final String stateInterface;
    final int penalty;
    final boolean dynamic;
    boolean paused;
    String pausedReason = "";
    int callsTaken;
    long lastCall;
    long lastPause;
    final long loginTime;
    boolean inCall;
    int status = 1;
    long wrapupUntil;
    Attempt ringing;

    Member(String iface, String name, String stateInterface, int penalty, boolean dynamic, long loginTime) {
      this.iface = iface;
      this.name = name;
      this.stateInterface = stateInterface;
      this.penalty = penalty;
      this.dynamic = dynamic;
      this.loginTime = loginTime;
    }
  }

  static final class Entry {
    final Channel caller;
    final SimQueue q;
    final int originalPos;
    final long joinMs;
    final int prio;
    final boolean continueAfter;
    final Consumer<Boolean> done;
    final List<Attempt> attempts = new ArrayList<>(2);
    long retryUntil;
    long maxWaitTimer = -1;
    long patienceTimer = -1;
    long keyTimer = -1;
    long firstRingMs;
    boolean finished;

    Entry(Channel caller, SimQueue q, int originalPos, long joinMs, int prio, boolean continueAfter,
        Consumer<Boolean> done) {
      this.caller = caller;
      this.q = q;
      this.originalPos = originalPos;
      this.joinMs = joinMs;
      this.prio = prio;
      this.continueAfter = continueAfter;
      this.done = done;
    }
  }

  static final class Attempt {
    final Entry entry;
    final Member member;
    Channel agent;
    Channel agentTwo;
    final long ringStart;
    long timer = -1;
    boolean over;
    long connectMs;
    Bridge bridge;
    /** AgentComplete's Reason when a transfer ended the call ("transfer"), else null: who hung up. */
    String reasonOverride;
    /** Issue 23: the INVITE to the agent's browser when the extension is registered over WebSocket, else null. */
    SoftPhones.Leg softLeg;

    Attempt(Entry entry, Member member, long ringStart) {
      this.entry = entry;
      this.member = member;
      this.ringStart = ringStart;
    }
  }

  QueueManager(Engine e) {
    this.e = e;
    this.bridges = e.bridgeMap();
  }

  // ---- configuration (AMI QueueAdd/Remove/Pause and the embedding API) ----------------------

  public void define(QueueConfig cfg) {
    SimQueue q = queues.computeIfAbsent(cfg.name(), SimQueue::new);
    q.strategy = cfg.strategy();
    q.timeoutSec = cfg.timeoutSec();
    q.retrySec = cfg.retrySec();
    q.wrapupSec = cfg.wrapupSec();
    if (cfg.options() != null) {
      q.options = cfg.options();
    }
    long now = e.clock().nowSec();
    for (QueueConfig.Member m : cfg.members()) {
      q.members.putIfAbsent(m.iface(), new Member(m.iface(), m.name(), m.stateInterface(), m.penalty(), false, now));
    }
  }

  /** True when some queue has a member of this interface. */
  boolean hasMember(String iface) {
    for (SimQueue q : queues.values()) {
      if (q.members.containsKey(iface)) {
        return true;
      }
    }
    return false;
  }

  public boolean exists(String queue) {
    return queues.containsKey(queue);
  }

  public List<String> names() {
    return new ArrayList<>(queues.keySet());
  }

  /** QueueAdd; returns null on success or Asterisk's error message. */
  public String addMember(String queue, String iface, String name, String stateIface, int penalty,
      boolean paused, String reason) {
    SimQueue q = queues.get(queue);
    if (q == null) {
      return "Unable to add interface to queue: No such queue";
    }
    if (q.members.containsKey(iface)) {
      return "Unable to add interface: Already there";
    }
    Member m = new Member(iface, name == null || name.isEmpty() ? iface : name,
        stateIface == null || stateIface.isEmpty() ? iface : stateIface, penalty, true, e.clock().nowSec());
    m.paused = paused;
    m.pausedReason = paused && reason != null ? reason : "";
    q.members.put(iface, m);
    e.emit(Events.deviceState("Queue:" + q.name + "_pause_" + iface, paused ? "INUSE" : "NOT_INUSE"));
    e.emit(QueueEvents.member("QueueMemberAdded", q.name, m));
    e.defer(() -> dispatch(q));
    return null;
  }

  /** QueueRemove; returns null on success or Asterisk's error message. */
  public String removeMember(String queue, String iface) {
    SimQueue q = queues.get(queue);
    if (q == null) {
      return "Unable to remove interface from queue: No such queue";
    }
    Member m = q.members.get(iface);
    if (m == null) {
      return "Unable to remove interface: Not there";
    }
    if (!m.dynamic) {
      return "Member not dynamic"; // manager_remove_queue_member, RES_NOT_DYNAMIC
    }
    q.members.remove(iface);
    e.emit(QueueEvents.member("QueueMemberRemoved", q.name, m));
    return null;
  }

  /** QueuePause; {@code queue} null = every queue the interface is in. Returns false if not a member. */
  public boolean pause(String queue, String iface, boolean paused, String reason) {
    boolean found = false;
    for (SimQueue q : queues.values()) {
      if (queue != null && !queue.isEmpty() && !q.name.equals(queue)) {
        continue;
      }
      Member m = q.members.get(iface);
      if (m == null) {
        continue;
      }
      found = true;
      boolean availBefore = anyAvailable(q);
      m.paused = paused;
      m.pausedReason = paused && reason != null ? reason : "";
      m.lastPause = paused ? e.clock().nowSec() : m.lastPause;
      e.emit(Events.deviceState("Queue:" + q.name + "_pause_" + iface, paused ? "INUSE" : "NOT_INUSE"));
      boolean availAfter = anyAvailable(q);
      if (availBefore != availAfter) {
        e.emit(Events.deviceState("Queue:" + q.name + "_avail", availAfter ? "NOT_INUSE" : "INUSE"));
      }
      e.emit(QueueEvents.member("QueueMemberPause", q.name, m));
      if (!paused) {
        e.defer(() -> dispatch(q));
      }
    }
    return found;
  }

  private boolean anyAvailable(SimQueue q) {
    for (Member m : q.members.values()) {
      if (!m.paused) {
        return true;
      }
    }
    return false;
  }

  /** QueueStatus list items (QueueParams, QueueMember..., QueueEntry...). */
  public List<AmiMessage> statusEvents(String queue, String member, String actionId) {
    List<AmiMessage> out = new ArrayList<>();
    long now = e.clock().nowMs();
    for (SimQueue q : queues.values()) {
      if (queue != null && !queue.isEmpty() && !q.name.equals(queue)) {
        continue;
      }
      int done = q.completed;
      AmiMessage p = new AmiMessage().add("Event", "QueueParams").add("Queue", q.name)
          .add("Max", Integer.toString(q.options.maxlen()))
          .add("Strategy", q.strategy.confName()).add("Calls", Integer.toString(q.entries.size()))
          .add("Holdtime", Long.toString(done == 0 ? 0 : q.holdTotalSec / done))
          .add("TalkTime", Long.toString(done == 0 ? 0 : q.talkTotalSec / done))
          .add("Completed", Integer.toString(done)).add("Abandoned", Integer.toString(q.abandoned))
          .add("ServiceLevel", Integer.toString(q.options.servicelevel())).add("ServicelevelPerf", done == 0 ? "0.0" : "100.0")
          .add("ServicelevelPerf2", "0.0").add("Weight", "0").addIf(actionId != null, "ActionID", actionId);
      out.add(p);
      for (Member m : q.members.values()) {
        if (member == null || member.isEmpty() || member.equals(m.iface) || member.equals(m.name)) {
          out.add(QueueEvents.statusMember(q.name, m, actionId));
        }
      }
      int pos = 1;
      for (Entry en : q.entries) {
        Channel c = en.caller;
        out.add(new AmiMessage().add("Event", "QueueEntry").add("Queue", q.name)
            .add("Position", Integer.toString(pos++)).add("Channel", c.name).add("Uniqueid", c.uniqueid)
            .add("CallerIDNum", c.cidNum).add("CallerIDName", c.cidName).add("ConnectedLineNum", c.connNum)
            .add("ConnectedLineName", c.connName).add("Wait", Long.toString((now - en.joinMs) / 1000))
            .add("Priority", Integer.toString(en.prio)).addIf(actionId != null, "ActionID", actionId));
      }
    }
    return out;
  }

  /** QueueSummary list items. */
  public List<AmiMessage> summaryEvents(String queue, String actionId) {
    List<AmiMessage> out = new ArrayList<>();
    long now = e.clock().nowMs();
    for (SimQueue q : queues.values()) {
      if (queue != null && !queue.isEmpty() && !q.name.equals(queue)) {
        continue;
      }
      int available = 0;
      for (Member m : q.members.values()) {
        if (!m.paused && m.status == 1) {
          available++;
        }
      }
      long longest = q.entries.isEmpty() ? 0 : (now - q.entries.get(0).joinMs) / 1000;
      for (Entry en : q.entries) {
        longest = Math.max(longest, (now - en.joinMs) / 1000);
      }
      int done = q.completed;
      out.add(new AmiMessage().add("Event", "QueueSummary").add("Queue", q.name)
          .add("LoggedIn", Integer.toString(q.members.size())).add("Available", Integer.toString(available))
          .add("Callers", Integer.toString(q.entries.size()))
          .add("HoldTime", Long.toString(done == 0 ? 0 : q.holdTotalSec / done))
          .add("TalkTime", Long.toString(done == 0 ? 0 : q.talkTotalSec / done))
          .add("LongestHoldTime", Long.toString(longest)).addIf(actionId != null, "ActionID", actionId));
    }
    return out;
  }

  /** queues.conf's {@code shared_lastcall}: a member's last call (and so its wrap-up) counts in all its queues. */
  public void sharedLastcall(boolean on) {
    this.sharedLastcall = on;
  }

  Bridge bridgeOf(Channel c) {
    return bridges.get(c);
  }

  // ---- Queue() --------------------------------------------------------------------------

  /** Queue(name,options,URL,announce,timeout); {@code done} gets whether the dialplan continues. */
  void runQueueApp(Channel c, String data, Consumer<Boolean> done) {
    String[] args = data.split(",", -1);
    SimQueue q = queues.get(args[0]);
    String options = args.length > 1 ? args[1] : "";
    long timeoutSec = 0;
    if (args.length > 4 && !args[4].isBlank()) {
      try {
        timeoutSec = Long.parseLong(args[4].trim());
      } catch (NumberFormatException ex) {
        timeoutSec = 0;
      }
    }
    if (q == null) {
      e.setVar(c, "QUEUESTATUS", "UNKNOWN");
      done.accept(true);
      return;
    }
    for (String v : new String[] {"ANSWEREDTIME", "ANSWEREDTIME_MS", "DIALEDTIME", "DIALEDTIME_MS", "QUEUEWAIT",
        "QUEUEWAIT_MS"}) {
      e.setVar(c, v, "");
    }
    int prio = 0;
    try {
      prio = Integer.parseInt(c.var("QUEUE_PRIO").trim());
    } catch (NumberFormatException ex) {
      prio = 0;
    }
    int idx = q.entries.size();
    for (int i = 0; i < q.entries.size(); i++) {
      if (q.entries.get(i).prio < prio) {
        idx = i;
        break;
      }
    }
    Entry en = new Entry(c, q, idx + 1, e.clock().nowMs(), prio, options.indexOf('c') >= 0, done);
    q.entries.add(idx, en);
    if (q.entries.size() == 1) {
      e.emit(Events.deviceState("Queue:" + q.name, "RINGING"));
    }
    e.emit(QueueEvents.caller("QueueCallerJoin", c, q.name).add("Position", Integer.toString(idx + 1))
        .add("Count", Integer.toString(q.entries.size())));
    c.onHangupRequest = () -> abandon(en);
    if (timeoutSec > 0) {
      en.maxWaitTimer = e.clock().schedule(timeoutSec * 1000, () -> timeout(en));
    }
    CallerScript script = e.callerOf(c);
    if (script != null && script.spec.patience() != null && c.caller != null) {
      en.patienceTimer = e.clock().schedule(script.spec.patience().toMillis(), () -> {
        if (!en.finished) {
          e.requestHangup(c, "16", false);
        }
      });
    }
    // app_queue.c wait_our_turn / wait_for_answer: a digit from the waiting caller goes to valid_exit
    c.dtmfListener = d -> keyPressed(en, d);
    if (script != null && script.spec.queueKey() != null && c.caller != null) {
      char key = script.spec.queueKey().charAt(0);
      en.keyTimer = e.clock().schedule(Math.max(1, script.spec.queueKeyAfter().toMillis()), () -> {
        if (!en.finished && !c.hungUp) {
          e.receiveDtmf(c, key);
        }
      });
    }
    e.defer(() -> dispatch(q));
  }

  private boolean available(Member m, long now) {
    return !m.paused && m.status == 1 && m.ringing == null && !m.inCall && now >= m.wrapupUntil
        && !busyIfaces.contains(m.iface);
  }

  /** ringinuse = no: app_queue skips a member whose device is in use (a call outside this queue too). */
  private boolean ringable(SimQueue q, Member m, long now) {
    return available(m, now) && (q.options.ringinuse() || m.iface.startsWith("Local/") || !e.phoneInUse(m.iface));
  }

  /** Rings free members for waiting callers, in queue order, per the queue's strategy. */
  void dispatch(SimQueue q) {
    long now = e.clock().nowMs();
    for (Entry en : new ArrayList<>(q.entries)) {
      if (en.finished || !en.attempts.isEmpty() || now < en.retryUntil) {
        continue;
      }
      List<Member> free = new ArrayList<>();
      int minPenalty = Integer.MAX_VALUE;
      for (Member m : q.members.values()) {
        if (ringable(q, m, now)) {
          minPenalty = Math.min(minPenalty, m.penalty);
        }
      }
      List<Member> all = new ArrayList<>(q.members.values());
      for (Member m : all) {
        if (ringable(q, m, now) && m.penalty == minPenalty) {
          free.add(m);
        }
      }
      if (free.isEmpty()) {
        return;
      }
      List<Member> chosen = new ArrayList<>();
      switch (q.strategy) {
        case RINGALL -> chosen.addAll(free);
        case LEASTRECENT -> chosen.add(free.stream().min((a, b) -> Long.compare(a.lastCall, b.lastCall)).get());
        case FEWESTCALLS -> chosen.add(free.stream().min((a, b) -> Integer.compare(a.callsTaken, b.callsTaken)).get());
        default -> {
          Member pick = null;
          for (int i = 0; i < all.size() && pick == null; i++) {
            Member m = all.get((q.rrNext + i) % all.size());
            if (free.contains(m)) {
              pick = m;
              q.rrNext = (all.indexOf(m) + 1) % all.size();
            }
          }
          chosen.add(pick);
        }
      }
      if (en.firstRingMs == 0) {
        en.firstRingMs = now;
      }
      for (Member m : chosen) {
        ring(en, m);
      }
    }
  }

  private void ring(Entry en, Member m) {
    Channel caller = en.caller;
    Attempt at = new Attempt(en, m, e.clock().nowMs());
    m.ringing = at;
    busyIfaces.add(m.iface);
    en.attempts.add(at);
    AgentSpec spec = e.agentFor(m.iface);
    ChannelView callerView = caller.view();
    if (m.iface.startsWith("Local/")) {
      String target = m.iface.substring("Local/".length());
      String bare = target.endsWith("/n") ? target.substring(0, target.length() - 2) : target;
      int atSign = bare.indexOf('@');
      String exten = atSign < 0 ? bare : bare.substring(0, atSign);
      String ctx = atSign < 0 ? "default" : bare.substring(atSign + 1);
      Channel[] pair = e.createLocal(exten, ctx, caller.linkedid);
      Channel a1 = pair[0];
      Channel a2 = pair[1];
      at.agent = a1;
      at.agentTwo = a2;
      a1.cidNum = caller.cidNum;
      a1.cidName = caller.cidName;
      a1.app = "AppQueue";
      a1.appData = "(Outgoing Line)";
      e.emit(Events.newexten(a1, "AppQueue", "(Outgoing Line)"));
      e.emit(Events.newCallerid(a1));
      e.setVar(a1, "DIALEDPEERNUMBER", target);
      e.setVar(a2, "DIALEDPEERNUMBER", target);
      a2.cidNum = caller.cidNum;
      a2.cidName = caller.cidName;
      a2.connNum = caller.cidNum;
      a2.connName = caller.cidName;
      e.emit(Events.newCallerid(a2));
      e.emit(Events.newConnectedLine(a2));
      e.emit(Events.localBridge(a1.view(), a2.view(), ctx, exten, false));
      ChannelView dialView = a1.view();
      a1.exten = caller.exten;
      e.emit(QueueEvents.agent("AgentCalled", callerView, a1.view().withConnected(caller.cidNum, caller.cidName),
          en.q.name, m));
      e.emit(Events.dial("DialBegin", callerView, dialView, "DialString", m.iface));
      if (e.agents().containsKey(m.iface)) {
        a2.vars.put("AGENT_TALK", Double.toString(spec.talkFor().toMillis() / 1000.0).replaceAll("\\.0$", ""));
      }
      a1.onHangupRequest = () -> attemptFailed(at, "BUSY");
      e.localAnsweredHook(a2, () -> memberAnswered(at));
      switch (spec.response()) {
        case ANSWER -> a2.pendingTimer = e.clock().schedule(Math.max(1, spec.answerAfter().toMillis()),
            () -> e.runner().start(a2, ctx, exten, 1));
        case REFUSE -> a2.pendingTimer = e.clock().schedule(Math.max(1, spec.answerAfter().toMillis()), () -> {
          a2.hangupCause = "21";
          e.endChannel(a2);
        });
        default -> { }
      }
    } else {
      String ext = spec.extension();
      Channel ch = e.createTech(m.iface.substring(0, m.iface.indexOf('/')), ext, caller.linkedid, 0, "agents", "s",
          null);
      at.agent = ch;
      ch.app = "AppQueue";
      ch.appData = "(Outgoing Line)";
      e.emit(Events.newchannel(ch));
      ch.cidNum = caller.cidNum;
      ch.cidName = caller.cidName;
      e.emit(Events.newCallerid(ch));
      e.setVar(ch, "DIALEDPEERNUMBER", ext);
      ChannelView dialView = ch.view();
      e.emit(QueueEvents.agent("AgentCalled", callerView, dialView.withConnected(caller.cidNum, caller.cidName),
          en.q.name, m));
      e.emit(Events.dial("DialBegin", callerView, dialView, "DialString", ext));
      ch.state = 5;
      e.emit(Events.newstate(ch));
      e.emit(Events.deviceState(m.stateInterface, "RINGING"));
      m.status = 6;
      e.emit(QueueEvents.member("QueueMemberStatus", en.q.name, m));
      ch.onHangupRequest = () -> attemptFailed(at, "BUSY");
      SoftPhones phones = e.softPhones();
      if (phones != null && phones.canRing(ext, caller.linkedid)) {
        // the browser answers (200 OK), refuses, or hangs up; the agent script does not
        at.softLeg = phones.ring(ext, ch, caller.cidNum, caller.cidName, caller.linkedid, new SoftPhones.Events() {
          @Override
          public void answered() {
            memberAnswered(at);
          }

          @Override
          public void refused() {
            attemptFailed(at, "BUSY");
          }

          @Override
          public void hungUp() {
            if (!ch.hungUp) {
              e.requestHangup(ch, "16", false);
            }
          }
        });
        SoftPhones.Leg leg = at.softLeg;
        ch.onDestroy.add(leg::end);
      } else switch (spec.response()) {
        case ANSWER -> ch.pendingTimer = e.clock().schedule(Math.max(1, spec.answerAfter().toMillis()),
            () -> memberAnswered(at));
        case REFUSE -> ch.pendingTimer = e.clock().schedule(Math.max(1, spec.answerAfter().toMillis()),
            () -> attemptFailed(at, "BUSY"));
        default -> { }
      }
    }
    at.timer = e.clock().schedule(en.q.timeoutSec * 1000L, () -> attemptFailed(at, "NOANSWER"));
  }

  /** A ring attempt ends without a connection: ring timeout, refusal or the agent leg hung up. */
  private void attemptFailed(Attempt at, String dialStatus) {
    if (at.over) {
      return;
    }
    at.over = true;
    e.clock().cancel(at.timer);
    Entry en = at.entry;
    Channel caller = en.caller;
    long ringSec = (e.clock().nowMs() - at.ringStart) / 1000;
    if (!at.agent.hungUp) {
      e.emit(QueueEvents.agent("AgentRingNoAnswer", caller.view(), at.agent.view(), en.q.name, at.member)
          .add("RingTime", Long.toString(ringSec)));
      e.emit(Events.dial("DialEnd", caller.view(), at.agent.view(), "DialStatus", dialStatus));
    }
    dropAgentLeg(at, "BUSY".equals(dialStatus) ? "21" : "16");
    releaseMember(at.member, en.q, false);
    en.attempts.remove(at);
    if (en.attempts.isEmpty() && !en.finished) {
      en.retryUntil = e.clock().nowMs() + en.q.retrySec * 1000L;
      e.clock().schedule(en.q.retrySec * 1000L + 1, () -> dispatch(en.q));
    }
  }

  private void dropAgentLeg(Attempt at, String cause) {
    Channel a = at.agent;
    a.onHangupRequest = null;
    e.forgetHooks(at.agentTwo == null ? a : at.agentTwo);
    if (!a.hungUp) {
      a.hangupCause = cause;
      e.endChannel(a);
    }
  }

  private void releaseMember(Member m, SimQueue q, boolean afterCall) {
    m.ringing = null;
    m.inCall = false;
    busyIfaces.remove(m.iface);
    boolean wasNotIdle = m.status != 1;
    m.status = 1;
    if (afterCall) {
      m.callsTaken++;
      m.lastCall = e.clock().nowSec();
      m.wrapupUntil = e.clock().nowMs() + q.wrapupSec * 1000L;
      e.emit(Events.deviceState(m.stateInterface, "NOT_INUSE"));
      e.emit(QueueEvents.member("QueueMemberStatus", q.name, m));
      e.clock().schedule(q.wrapupSec * 1000L + 1, () -> dispatch(q));
      if (sharedLastcall) {
        // app_queue.c update_queue: "if (shared_lastcall) { ... if ((mem = ao2_find(qtmp->members, member, ...)))
        // { time(&mem->lastcall); mem->calls++; ... mem->lastqueue = q;" in every queue; can_ring_entry then
        // waits get_wrapuptime(memberp->lastqueue, memberp): the wrap-up of the queue that gave the call
        for (SimQueue other : queues.values()) {
          Member same = other == q ? null : other.members.get(m.iface);
          if (same != null) {
            same.callsTaken++;
            same.lastCall = m.lastCall;
            same.wrapupUntil = m.wrapupUntil;
            e.clock().schedule(q.wrapupSec * 1000L + 1, () -> dispatch(other));
          }
        }
      }
    } else if (wasNotIdle && !m.iface.startsWith("Local/")) {
      e.emit(Events.deviceState(m.stateInterface, "NOT_INUSE"));
      e.emit(QueueEvents.member("QueueMemberStatus", q.name, m));
    }
    if (!afterCall) {
      e.defer(() -> dispatch(q));
    }
  }

  private void memberAnswered(Attempt at) {
    Entry en = at.entry;
    if (at.over || en.finished) {
      return;
    }
    e.clock().cancel(at.timer);
    Channel caller = en.caller;
    Channel a = at.agent;
    Member m = at.member;
    SimQueue q = en.q;
    boolean local = at.agentTwo != null;
    if (local) {
      e.emit(Events.deviceState(m.stateInterface, "INUSE"));
      m.status = 2;
      e.emit(QueueEvents.member("QueueMemberStatus", q.name, m));
      a.connNum = caller.cidNum;
      a.connName = caller.cidName;
      e.answer(a);
      e.emit(Events.newexten(a, "AppQueue", "(Outgoing Line)"));
      e.emit(Events.newConnectedLine(a));
      e.emit(Events.deviceState(m.stateInterface, "INUSE"));
    } else {
      e.answer(a);
      e.emit(Events.deviceState(m.stateInterface, "INUSE"));
      m.status = 2;
      e.emit(QueueEvents.member("QueueMemberStatus", q.name, m));
      a.connNum = caller.cidNum;
      a.connName = caller.cidName;
      e.emit(Events.newConnectedLine(a));
    }
    e.emit(Events.dial("DialEnd", caller.view(), a.view(), "DialStatus", "ANSWER"));
    for (Attempt other : new ArrayList<>(en.attempts)) {
      if (other != at) {
        other.over = true;
        e.clock().cancel(other.timer);
        e.emit(Events.dial("DialEnd", caller.view(), other.agent.view(), "DialStatus", "CANCEL"));
        dropAgentLeg(other, "26");
        releaseMember(other.member, q, false);
        en.attempts.remove(other);
      }
    }
    at.over = true;
    long now = e.clock().nowMs();
    long holdSec = (now - en.joinMs) / 1000;
    for (Channel c : q.options.setinterfacevar() ? new Channel[] {caller, a} : new Channel[0]) {
      e.setVar(c, "MEMBERINTERFACE", m.iface);
      e.setVar(c, "MEMBERNAME", m.name);
      e.setVar(c, "MEMBERCALLS", Integer.toString(m.callsTaken));
      e.setVar(c, "MEMBERLASTCALL", Long.toString(m.lastCall));
      e.setVar(c, "MEMBERPENALTY", Integer.toString(m.penalty));
      e.setVar(c, "MEMBERDYNAMIC", m.dynamic ? "1" : "0");
      e.setVar(c, "MEMBERREALTIME", "0");
    }
    for (Channel c : q.options.setqueueentryvar() ? new Channel[] {caller, a} : new Channel[0]) {
      e.setVar(c, "QEHOLDTIME", Long.toString(holdSec));
      e.setVar(c, "QEORIGINALPOS", Integer.toString(en.originalPos));
    }
    queueVariables(q, caller);
    queueVariables(q, a);
    leave(en);
    e.setVar(caller, "QUEUEWAIT", Long.toString(holdSec));
    e.setVar(caller, "QUEUEWAIT_MS", Long.toString(now - en.joinMs));
    e.emit(QueueEvents.agent("AgentConnect", caller.view(), a.view(), q.name, m)
        .add("HoldTime", Long.toString(holdSec)).add("RingTime", Long.toString((now - at.ringStart) / 1000)));
    m.inCall = true;
    at.connectMs = now;
    Bridge b = new Bridge(e.nextBridgeId());
    at.bridge = b;
    connected.put(b, at);
    e.emit(Events.bridge("BridgeCreate", b));
    for (Channel c : new Channel[] {a, caller}) {
      b.members.add(c);
      bridges.put(c, b);
      c.bridgeId = b.id;
      e.emit(Events.bridgeMember("BridgeEnter", b, c));
    }
    e.setVar(a, "BRIDGEPEER", caller.name);
    e.setVar(caller, "BRIDGEPEER", a.name);
    e.clock().cancel(en.maxWaitTimer);
    e.clock().cancel(en.patienceTimer);
    a.onHangupRequest = () -> complete(at, "agent");
    caller.onHangupRequest = () -> complete(at, "caller");
    if (!local && at.softLeg == null) {
      AgentSpec spec = e.agentFor(m.iface);
      // a caller may bring their own conversation length (CallerSpec.talk): the agent still ends the call
      CallerScript script = e.callerOf(caller);
      long talkMs = script != null && script.spec.talk() != null ? script.spec.talk().toMillis()
          : spec.talkFor().toMillis();
      a.pendingTimer = e.clock().schedule(Math.max(1, talkMs), () -> e.requestHangup(a, "16", false));
    }
  }

  private void leaveBridge(Attempt at, Channel c) {
    Bridge b = at.bridge;
    if (!b.members.remove(c)) {
      return;
    }
    bridges.remove(c);
    c.bridgeId = "";
    e.emit(Events.bridgeMember("BridgeLeave", b, c));
  }

  /** The bridged call ends; {@code reason} is who hung up ("agent" or "caller"). */
  private void complete(Attempt at, String reason) {
    complete(at, reason, true);
  }

  /**
   * The bridged call ends; {@code reason} is who hung up ("agent" or "caller"). {@code callerInApp} false: the
   * caller was Redirected out of the bridge already and its Queue() no longer decides where it goes.
   */
  private void complete(Attempt at, String reason, boolean callerInApp) {
    Entry en = at.entry;
    Channel caller = en.caller;
    Channel a = at.agent;
    SimQueue q = en.q;
    long now = e.clock().nowMs();
    long talkSec = (now - at.connectMs) / 1000;
    long holdSec = (at.connectMs - en.joinMs) / 1000;
    // app_queue.c handle_hangup: caller_snapshot = ast_channel_snapshot_get_latest(queue_data->caller_uniqueid),
    // run later on a stasis pool thread; the hung-up caller's channel is destroyed meanwhile and its destructor
    // unlinks the snapshot (ast_channel_publish_final_snapshot), so AgentComplete for Reason: caller goes out
    // without the caller's headers (queue_publish_multi_channel_snapshot_blob: "sending incomplete event").
    String why = at.reasonOverride != null ? at.reasonOverride : reason;
    e.emit(QueueEvents.agent("AgentComplete", "caller".equals(why) ? null : caller.view(), a.view(), q.name,
        at.member)
        .add("HoldTime", Long.toString(holdSec)).add("TalkTime", Long.toString(talkSec)).add("Reason", why));
    e.setVar(a, "BRIDGEPEER", "");
    if (callerInApp) {
      e.setVar(caller, "BRIDGEPEER", "");
    }
    q.completed++;
    q.holdTotalSec += holdSec;
    q.talkTotalSec += talkSec;
    if ("agent".equals(reason) && callerInApp) {
      leaveBridge(at, a);
      a.onHangupRequest = null;
      e.destroy(a, a.hangupCause);
      releaseMember(at.member, q, true);
      leaveBridge(at, caller);
    } else {
      if (callerInApp) {
        leaveBridge(at, caller);
      }
      leaveBridge(at, a);
      a.onHangupRequest = null;
      e.endChannel(a);
      releaseMember(at.member, q, true);
    }
    e.emit(Events.bridge("BridgeDestroy", at.bridge));
    connected.remove(at.bridge);
    if (!callerInApp) {
      return;
    }
    caller.onHangupRequest = null;
    queueVariables(q, caller);
    e.setVar(caller, "ANSWEREDTIME", Long.toString(talkSec));
    e.setVar(caller, "ANSWEREDTIME_MS", Long.toString(now - at.connectMs));
    e.setVar(caller, "DIALEDTIME", Long.toString((now - en.firstRingMs) / 1000));
    e.setVar(caller, "DIALEDTIME_MS", Long.toString(now - en.firstRingMs));
    en.done.accept(en.continueAfter && "agent".equals(reason));
  }

  private void cancelAttempts(Entry en) {
    for (Attempt at : new ArrayList<>(en.attempts)) {
      at.over = true;
      e.clock().cancel(at.timer);
      if (!at.agent.hungUp) {
        e.emit(Events.dial("DialEnd", en.caller.view(), at.agent.view(), "DialStatus", "CANCEL"));
      }
      dropAgentLeg(at, "16");
      releaseMember(at.member, en.q, false);
    }
    en.attempts.clear();
  }

  /** The caller hung up while waiting: QueueCallerAbandon. */
  private void abandon(Entry en) {
    if (en.finished) {
      return;
    }
    cancelAttempts(en);
    Channel c = en.caller;
    long now = e.clock().nowMs();
    long wait = now - en.joinMs;
    long dialed = en.firstRingMs == 0 ? wait : now - en.firstRingMs;
    e.setVar(c, "QUEUEWAIT", Long.toString(wait / 1000));
    e.setVar(c, "QUEUEWAIT_MS", Long.toString(wait));
    e.setVar(c, "DIALEDTIME", Long.toString(dialed / 1000));
    e.setVar(c, "DIALEDTIME_MS", Long.toString(dialed));
    e.setVar(c, "ANSWEREDTIME", "0");
    e.setVar(c, "ANSWEREDTIME_MS", "0");
    e.setVar(c, "ABANDONED", "TRUE");
    queueVariables(en.q, c);
    int pos = en.q.entries.indexOf(en) + 1;
    e.emit(QueueEvents.caller("QueueCallerAbandon", c, en.q.name).add("Position", Integer.toString(pos))
        .add("OriginalPosition", Integer.toString(en.originalPos)).add("HoldTime", Long.toString(wait / 1000)));
    en.q.abandoned++;
    leave(en);
    en.done.accept(false);
  }

  private void timeout(Entry en) {
    if (en.finished) {
      return;
    }
    cancelAttempts(en);
    en.caller.onHangupRequest = null;
    e.setVar(en.caller, "QUEUESTATUS", "TIMEOUT");
    queueVariables(en.q, en.caller);
    leave(en);
    en.done.accept(true);
  }

  /**
   * A digit from a waiting caller, as app_queue.c valid_exit judges it: without an exit {@code context} in the
   * queue, or without that digit's extension there, it is ignored ({@code if (ast_strlen_zero(qe->context))
   * return 0;}, {@code if (!ast_canmatch_extension(...)) { qe->digits[0] = '\0'; return 0; }}); otherwise the
   * caller leaves the queue (QueueCallerLeave, no abandon, QUEUESTATUS not set: queue_exec's reason stays
   * QUEUE_UNKNOWN) and continues at {@code context,digit,1} ({@code ast_goto_if_exists(qe->chan, qe->context,
   * qe->digits, 1)}). One-digit exits only: the shipped queues.conf's callback-offer has extension 1.
   */
  private void keyPressed(Entry en, char d) {
    if (en.finished) {
      return;
    }
    String ctx = en.q.options.context();
    String exten = String.valueOf(d);
    if (ctx.isEmpty() || e.dialplan().find(ctx, exten).isEmpty()) {
      return;
    }
    cancelAttempts(en);
    Channel c = en.caller;
    c.onHangupRequest = null;
    queueVariables(en.q, c);
    leave(en);
    e.runner().start(c, ctx, exten, 1);
  }

  /** Removes the caller from the queue: QueueCallerLeave and QUEUEPOSITION. */
  private void leave(Entry en) {
    en.finished = true;
    e.clock().cancel(en.maxWaitTimer);
    e.clock().cancel(en.patienceTimer);
    e.clock().cancel(en.keyTimer);
    en.caller.dtmfListener = null;
    int pos = en.q.entries.indexOf(en) + 1;
    en.q.entries.remove(en);
    if (en.q.entries.isEmpty()) {
      e.emit(Events.deviceState("Queue:" + en.q.name, "NOT_INUSE"));
    }
    e.emit(QueueEvents.caller("QueueCallerLeave", en.caller, en.q.name).add("Position", Integer.toString(pos))
        .add("Count", Integer.toString(en.q.entries.size())));
    e.setVar(en.caller, "QUEUEPOSITION", Integer.toString(pos));
  }

  /** Forgets every waiting caller, ring attempt and bridge (restart fault: calls are dropped). */
  public void dropAllCalls() {
    for (SimQueue q : queues.values()) {
      for (Entry en : q.entries) {
        en.finished = true;
        e.clock().cancel(en.maxWaitTimer);
        e.clock().cancel(en.patienceTimer);
        e.clock().cancel(en.keyTimer);
        for (Attempt at : en.attempts) {
          at.over = true;
          e.clock().cancel(at.timer);
        }
      }
      q.entries.clear();
      for (Member m : q.members.values()) {
        m.ringing = null;
        m.inCall = false;
        m.status = 1;
      }
    }
    bridges.clear();
    connected.clear();
    busyIfaces.clear();
  }

  /** set_queue_variables() (app_queue.c): with setqueuevar, the queue's figures as channel variables. */
  private void queueVariables(SimQueue q, Channel c) {
    if (!q.options.setqueuevar() || c.hungUp) {
      return;
    }
    int done = q.completed;
    e.setVar(c, "QUEUENAME", q.name);
    e.setVar(c, "QUEUEMAX", Integer.toString(q.options.maxlen()));
    e.setVar(c, "QUEUESTRATEGY", q.strategy.confName());
    e.setVar(c, "QUEUECALLS", Integer.toString(q.entries.size()));
    e.setVar(c, "QUEUEHOLDTIME", Long.toString(done == 0 ? 0 : q.holdTotalSec / done));
    e.setVar(c, "QUEUETALKTIME", Long.toString(done == 0 ? 0 : q.talkTotalSec / done));
    e.setVar(c, "QUEUECOMPLETED", Integer.toString(done));
    e.setVar(c, "QUEUEABANDONED", Integer.toString(q.abandoned));
    e.setVar(c, "QUEUESRVLEVEL", Integer.toString(q.options.servicelevel()));
    e.setVar(c, "QUEUESRVLEVELPERF", done == 0 ? "0.0" : "100.0");
  }

  /**
   * Detaches {@code c} from whatever Queue()/bridge holds it: Redirect, or the Bridge action taking it. A waiting
   * caller leaves the queue. A connected call's bridge dissolves (ast_bridge_basic: DISSOLVE_HANGUP): when the
   * other party is being redirected too ({@code ExtraChannel}) or is the caller (whose Queue() returns and whose
   * dialplan goes on), it leaves alive and app_queue's AgentComplete waits for the first of the two to hang up;
   * an agent left alone has no dialplan and is hung up.
   */
  void detach(Channel c) {
    for (SimQueue q : queues.values()) {
      for (Entry en : new ArrayList<>(q.entries)) {
        if (en.caller == c) {
          cancelAttempts(en);
          leave(en);
        }
      }
    }
    Bridge b = bridges.get(c);
    if (b == null) {
      return;
    }
    if (b.generic) {
      e.bridging().steal(b, c);
      return;
    }
    Attempt at = connected.remove(b);
    b.members.remove(c);
    bridges.remove(c);
    c.bridgeId = "";
    c.onHangupRequest = null;
    e.emit(Events.bridgeMember("BridgeLeave", b, c));
    Channel other = b.other(c);
    if (at == null) {
      if (other != null) {
        e.requestHangup(other, "16", false);
      }
      return;
    }
    Channel caller = at.entry.caller;
    Channel agent = at.agent;
    e.clock().cancel(agent.pendingTimer);
    if (other != null && (other.redirecting || other == caller)) {
      b.members.remove(other);
      bridges.remove(other);
      other.bridgeId = "";
      other.onHangupRequest = null;
      e.emit(Events.bridgeMember("BridgeLeave", b, other));
      e.emit(Events.bridge("BridgeDestroy", b));
      completeOnFirstHangup(at);
      if (other == caller && !other.redirecting) {
        at.entry.done.accept(at.entry.continueAfter);
      }
      return;
    }
    // the caller left: the agent, alone in the dissolving bridge and without dialplan, is hung up
    if (other != null) {
      complete(at, "agent", false);
    }
  }

  /** AgentComplete of a call that left Queue()'s bridge alive: sent when its caller or agent hangs up. */
  private void completeOnFirstHangup(Attempt at) {
    boolean[] sent = {false};
    for (Channel ch : new Channel[] {at.entry.caller, at.agent}) {
      String reason = ch == at.agent ? "agent" : "caller";
      ch.onDestroy.add(() -> {
        if (sent[0]) {
          return;
        }
        sent[0] = true;
        SimQueue q = at.entry.q;
        long now = e.clock().nowMs();
        long talkSec = (now - at.connectMs) / 1000;
        long holdSec = (at.connectMs - at.entry.joinMs) / 1000;
        e.emit(QueueEvents.agent("AgentComplete", at.entry.caller.view(), at.agent.view(), q.name, at.member)
            .add("HoldTime", Long.toString(holdSec)).add("TalkTime", Long.toString(talkSec))
            .add("Reason", at.reasonOverride != null ? at.reasonOverride : reason));
        q.completed++;
        q.holdTotalSec += holdSec;
        q.talkTotalSec += talkSec;
        releaseMember(at.member, q, true);
      });
    }
  }

  /** A blind or attended transfer ends the queue call in {@code b}: app_queue reports AgentComplete Reason transfer. */
  void markTransfer(Bridge b) {
    Attempt at = connected.get(b);
    if (at != null) {
      at.reasonOverride = "transfer";
    }
  }

  /**
   * An attended transfer starts from app_queue's bridge {@code b}: the bridge becomes a basic one that keeps the
   * caller (bridge_basic.c gives the transferee's bridge the attended-transfer personality: it does not dissolve when
   * the transferer leaves it). Queue() returns when that bridge ends; AgentComplete follows the first hangup of the
   * caller or the agent (Reason transfer once the transfer completed).
   */
  Attempt adopt(Bridge b) {
    Attempt at = connected.remove(b);
    if (at == null) {
      return null;
    }
    b.generic = true;
    Entry en = at.entry;
    e.clock().cancel(at.agent.pendingTimer);
    for (Channel m : b.members) {
      Bridge bb = b;
      m.onHangupRequest = null;
      e.bridgingOf().attach(bb, m);
    }
    en.caller.onBridgeEnd = () -> en.done.accept(en.continueAfter);
    completeOnFirstHangup(at);
    return at;
  }
}
