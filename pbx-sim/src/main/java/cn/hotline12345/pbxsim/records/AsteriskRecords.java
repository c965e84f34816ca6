package cn.hotline12345.pbxsim.records;

import cn.hotline12345.pbxsim.ami.AmiMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The call records a real Asterisk 22 writes by itself, derived from the simulator's own event stream: CEL rows as
 * cel_pgsql inserts them and queue_log rows as app_queue stores them through realtime. It listens where every
 * simulated event passes ({@code Engine.emit}, the same place the AMI server is fed) and sees everything whether
 * or not any AMI client is connected, as Asterisk's CEL and queue log do.
 *
 * <p>CEL (main/cel.c, branch 22): CHAN_START when a channel appears; APP_START/APP_END when the application of a
 * channel's snapshot changes and cel.conf tracks it ({@code cel_channel_app_change}); ANSWER when the state becomes Up;
 * HANGUP with {@code extra = {"hangupcause":N,"hangupsource":"...","dialstatus":"..."}}, then CHAN_END, then
 * LINKEDID_END when the last channel of the Linkedid goes ({@code check_retire_linkedid}); BRIDGE_ENTER/BRIDGE_EXIT
 * with {@code {"bridge_id","bridge_technology"}} and {@code peer} = the other channels of the bridge;
 * BLINDTRANSFER and ATTENDEDTRANSFER with the extras of {@code cel_blind_transfer_cb}/{@code cel_attended_transfer_cb}.
 * JSON is compact in insertion order ({@code ast_json_dump_string}). An unknown caller id is empty (AMI shows
 * {@code <unknown>} for it). Not modelled: hangupsource (left empty: the simulator does not track who hung up),
 * amaflags other than DOCUMENTATION (3, the default), accountcode, userfield, cid_ani/cid_rdnis.
 *
 * <p>queue_log (apps/app_queue.c, branch 22; callid = the caller's Uniqueid, agent = the member name, "NONE" for
 * caller events): ENTERQUEUE {@code url|callerid|position}; RINGNOANSWER {@code ring ms}; CONNECT
 * {@code holdtime|peer uniqueid|ringtime}; COMPLETECALLER/COMPLETEAGENT {@code holdtime|talktime|original position};
 * BLINDTRANSFER {@code exten|context|holdtime|talktime|original position}; ATTENDEDTRANSFER
 * {@code BRIDGE|bridge id|holdtime|talktime|original position}; ABANDON {@code position|original position|waittime}
 * (also for a caller taken out of Queue() by a Redirect: queue_exec's {@code res < 0 && !qe.handled}); EXITWITHTIMEOUT
 * {@code position|original position|waittime}; EXITWITHKEY {@code key|position|original position|waittime};
 * ADDMEMBER/REMOVEMEMBER (callid MANAGER), PAUSE/UNPAUSE (callid NONE, data1 the reason); QUEUESTART at start.
 *
 * <p>Runs on the simulator's context like every sink; hands finished rows to {@code out} and never blocks.
 */
public final class AsteriskRecords implements Consumer<AmiMessage> {

  /** One row of either table. */
  public sealed interface Row permits CelRow, QueueLogRow {
  }

  /** One asterisk.cel row; the column names of cel_pgsql.c. */
  public record CelRow(String eventtype, Instant eventtime, String userdeftype, String cidName, String cidNum,
      String cidAni, String cidRdnis, String cidDnid, String exten, String context, String channame, String appname,
      String appdata, int amaflags, String accountcode, String peeraccount, String uniqueid, String linkedid,
      String userfield, String peer, String extra) implements Row {
  }

  /** One asterisk.queue_log row; the realtime columns of main/logger.c ast_queue_log. */
  public record QueueLogRow(Instant time, String callid, String queuename, String agent, String event, String data1,
      String data2, String data3, String data4, String data5) implements Row {
  }

  /** AST_AMA_DOCUMENTATION: the amaflags of a channel nobody set them on. */
  static final int AMA_DOCUMENTATION = 3;

  private static final class Chan {
    String name;
    String uniqueid;
    String linkedid;
    String cidNum = "";
    String cidName = "";
    String dnid = "";
    String context = "";
    String exten = "";
    String app = "";
    String appData = "";
    String dialStatus = "";
    int state;
  }

  private static final class Entry {
    final String queue;
    final int originalPos;
    final long joinMs;
    boolean handled;
    boolean timedOut;

    Entry(String queue, int originalPos, long joinMs) {
      this.queue = queue;
      this.originalPos = originalPos;
      this.joinMs = joinMs;
    }
  }

  /** A caller who left Queue() without an outcome yet: a key (EXITWITHKEY) or a Redirect / hangup (ABANDON). */
  private record Pending(String queue, int pos, int originalPos, long waitSec) {
  }

  private final CelConf cel;
  private final LongSupplier nowMs;
  private final Consumer<Row> out;
  private final Map<String, Chan> byUid = new HashMap<>();
  private final Map<String, Integer> linkedRefs = new HashMap<>();
  private final Map<String, Set<String>> bridges = new HashMap<>();
  private final Map<String, Entry> entries = new HashMap<>();
  private final Map<String, Integer> originalPos = new HashMap<>();
  private final Map<String, Pending> pending = new HashMap<>();
  private final Map<String, String> agentToCaller = new HashMap<>();
  private final Map<String, String[]> transferOf = new HashMap<>();
  private final Set<String> queueContexts;

  /**
   * @param queueContexts the {@code context} options of the queues (queues.conf), where a caller's key press leaves
   *                      Queue() (EXITWITHKEY)
   */
  public AsteriskRecords(CelConf cel, Set<String> queueContexts, LongSupplier nowMs, Consumer<Row> out) {
    this.cel = cel;
    this.queueContexts = Set.copyOf(queueContexts);
    this.nowMs = nowMs;
    this.out = out;
    queueLog("NONE", "NONE", "NONE", "QUEUESTART", "");
  }

  @Override
  public void accept(AmiMessage m) {
    String name = m.get("Event");
    if (name == null) {
      return;
    }
    switch (name) {
      case "Newchannel" -> newChannel(m);
      case "NewCallerid" -> withChan(m, c -> {
        c.cidNum = cid(m.get("CallerIDNum"));
        c.cidName = cid(m.get("CallerIDName"));
      });
      case "Newexten" -> withChan(m, c -> newExten(c, m));
      case "Newstate" -> withChan(m, c -> {
        int state = parseInt(m.get("ChannelState"), c.state);
        if (state == 6 && c.state != 6) {
          c.state = state;
          celEvent("ANSWER", c, "", "");
        }
        c.state = state;
      });
      case "VarSet" -> withChan(m, c -> varSet(c, m.get("Variable"), m.get("Value")));
      case "BridgeEnter" -> withChan(m, c -> bridge(c, m, true));
      case "BridgeLeave" -> withChan(m, c -> bridge(c, m, false));
      case "BlindTransfer" -> blindTransfer(m);
      case "AttendedTransfer" -> attendedTransfer(m);
      case "Hangup" -> withChan(m, c -> hangup(c, m));
      case "QueueCallerJoin" -> callerJoin(m);
      case "QueueCallerAbandon" -> callerAbandon(m);
      case "QueueCallerLeave" -> callerLeave(m);
      case "AgentRingNoAnswer" -> queueLog(m.get("Queue"), callerUid(m), m.get("MemberName"), "RINGNOANSWER",
          Long.toString(parseLong(m.get("RingTime")) * 1000));
      case "AgentConnect" -> agentConnect(m);
      case "AgentComplete" -> agentComplete(m);
      case "QueueMemberAdded" -> queueLog(m.get("Queue"), "MANAGER", m.get("MemberName"), "ADDMEMBER",
          "1".equals(m.get("Paused")) ? "PAUSED" : "");
      case "QueueMemberRemoved" -> queueLog(m.get("Queue"), "MANAGER", m.get("MemberName"), "REMOVEMEMBER", "");
      case "QueueMemberPause" -> queueLog(m.get("Queue"), "NONE", m.get("MemberName"),
          "1".equals(m.get("Paused")) ? "PAUSE" : "UNPAUSE", nz(m.get("PausedReason")));
      default -> {
      }
    }
  }

  // ---- CEL ---------------------------------------------------------------------------------------

  private void newChannel(AmiMessage m) {
    String uid = m.get("Uniqueid");
    if (uid == null || byUid.containsKey(uid)) {
      return;
    }
    Chan c = new Chan();
    c.name = nz(m.get("Channel"));
    c.uniqueid = uid;
    c.linkedid = m.get("Linkedid") == null ? uid : m.get("Linkedid");
    c.cidNum = cid(m.get("CallerIDNum"));
    c.cidName = cid(m.get("CallerIDName"));
    c.context = nz(m.get("Context"));
    c.exten = nz(m.get("Exten"));
    c.state = parseInt(m.get("ChannelState"), 0);
    // the called number of a call coming in (chan_pjsip sets the DNID from the request URI)
    c.dnid = uid.equals(c.linkedid) ? c.exten : "";
    byUid.put(uid, c);
    linkedRefs.merge(c.linkedid, 1, Integer::sum);
    celEvent("CHAN_START", c, "", "");
  }

  private void newExten(Chan c, AmiMessage m) {
    String app = nz(m.get("Application"));
    String data = nz(m.get("AppData"));
    Pending p = pending.remove(c.uniqueid);
    if (p != null) {
      String ctx = nz(m.get("Context"));
      if (queueContexts.contains(ctx)) {
        queueLog(p.queue(), c.uniqueid, "NONE", "EXITWITHKEY", nz(m.get("Exten")), Integer.toString(p.pos()),
            Integer.toString(p.originalPos()), Long.toString(p.waitSec()));
      } else {
        abandon(c.uniqueid, p);
      }
    }
    boolean changed = !app.equals(c.app);
    if (changed && cel.tracksApp(c.app)) {
      celEvent("APP_END", c, "", "");
    }
    c.context = nz(m.get("Context"));
    c.exten = m.get("Extension") != null ? m.get("Extension") : nz(m.get("Exten"));
    c.app = app;
    c.appData = data;
    if (changed && cel.tracksApp(app)) {
      celEvent("APP_START", c, "", "");
    }
  }

  private void varSet(Chan c, String var, String value) {
    if ("DIALSTATUS".equals(var)) {
      c.dialStatus = nz(value);
    } else if ("QUEUESTATUS".equals(var) && "TIMEOUT".equals(value)) {
      Entry e = entries.get(c.uniqueid);
      if (e != null) {
        e.timedOut = true;
      }
    }
  }

  private void bridge(Chan c, AmiMessage m, boolean enter) {
    String id = nz(m.get("BridgeUniqueid"));
    Set<String> members = bridges.computeIfAbsent(id, k -> new LinkedHashSet<>());
    if (enter) {
      members.add(c.name);
    } else {
      members.remove(c.name);
    }
    List<String> others = new ArrayList<>(members);
    others.remove(c.name);
    String extra = json("bridge_id", id, "bridge_technology", nz(m.get("BridgeTechnology")));
    celEvent(enter ? "BRIDGE_ENTER" : "BRIDGE_EXIT", c, extra, String.join(",", others));
    if (members.isEmpty()) {
      bridges.remove(id);
    }
  }

  private void blindTransfer(AmiMessage m) {
    if (!"Success".equals(m.get("Result"))) {
      return; // cel_blind_transfer_cb: only a successful transfer
    }
    Chan t = byUid.get(m.get("TransfererUniqueid"));
    String transferee = m.get("TransfereeUniqueid");
    if (transferee != null) {
      transferOf.put(transferee, new String[] {nz(m.get("Extension")), nz(m.get("Context"))});
    }
    if (t != null) {
      celEvent("BLINDTRANSFER", t, json("extension", nz(m.get("Extension")), "context", nz(m.get("Context")),
          "bridge_id", nz(m.get("BridgeUniqueid")), "transferee_channel_name", or(m.get("TransfereeChannel"), "N/A"),
          "transferee_channel_uniqueid", or(transferee, "N/A")), "");
    }
  }

  private void attendedTransfer(AmiMessage m) {
    if (!"Success".equals(m.get("Result"))) {
      return;
    }
    Chan one = byUid.get(m.get("OrigTransfererUniqueid"));
    String transferee = m.get("TransfereeUniqueid");
    String bridge1 = nz(m.get("OrigBridgeUniqueid"));
    if (transferee != null) {
      transferOf.put(transferee, new String[] {"BRIDGE", bridge1});
    }
    if (one != null) {
      celEvent("ATTENDEDTRANSFER", one, json("bridge1_id", bridge1,
          "channel2_name", nz(m.get("SecondTransfererChannel")),
          "channel2_uniqueid", nz(m.get("SecondTransfererUniqueid")),
          "bridge2_id", nz(m.get("SecondBridgeUniqueid")),
          "transferee_channel_name", or(m.get("TransfereeChannel"), "N/A"),
          "transferee_channel_uniqueid", or(transferee, "N/A"),
          "transfer_target_channel_name", or(m.get("TransferTargetChannel"), "N/A"),
          "transfer_target_channel_uniqueid", or(m.get("TransferTargetUniqueid"), "N/A")), "");
    }
  }

  private void hangup(Chan c, AmiMessage m) {
    Pending p = pending.remove(c.uniqueid);
    if (p != null) {
      abandon(c.uniqueid, p);
    }
    int cause = parseInt(m.get("Cause"), 0);
    celEvent("HANGUP", c, "{\"hangupcause\":" + cause + ",\"hangupsource\":\"\",\"dialstatus\":"
        + quote(c.dialStatus) + "}", "");
    celEvent("CHAN_END", c, "", "");
    byUid.remove(c.uniqueid);
    entries.remove(c.uniqueid);
    originalPos.remove(c.uniqueid);
    transferOf.remove(c.uniqueid);
    agentToCaller.remove(c.uniqueid);
    int left = linkedRefs.merge(c.linkedid, -1, Integer::sum);
    if (left <= 0) {
      linkedRefs.remove(c.linkedid);
      celEvent("LINKEDID_END", c, "", "");
    }
  }

  private void celEvent(String type, Chan c, String extra, String peer) {
    if (!cel.tracks(type)) {
      return;
    }
    out.accept(new CelRow(type, Instant.ofEpochMilli(nowMs.getAsLong()), "", c.cidName, c.cidNum, "", "", c.dnid,
        c.exten, c.context, c.name, c.app, c.appData, AMA_DOCUMENTATION, "", "", c.uniqueid, c.linkedid, "", peer,
        extra));
  }

  // ---- queue_log ---------------------------------------------------------------------------------

  private void callerJoin(AmiMessage m) {
    String uid = m.get("Uniqueid");
    if (uid == null) {
      return;
    }
    int pos = parseInt(m.get("Position"), 0);
    entries.put(uid, new Entry(nz(m.get("Queue")), pos, nowMs.getAsLong()));
    originalPos.put(uid, pos);
    queueLog(m.get("Queue"), uid, "NONE", "ENTERQUEUE", "", cid(m.get("CallerIDNum")), Integer.toString(pos));
  }

  private void callerAbandon(AmiMessage m) {
    Entry e = entries.get(m.get("Uniqueid"));
    if (e == null || e.handled) {
      return;
    }
    e.handled = true;
    queueLog(e.queue, m.get("Uniqueid"), "NONE", "ABANDON", nz(m.get("Position")), nz(m.get("OriginalPosition")),
        nz(m.get("HoldTime")));
  }

  private void callerLeave(AmiMessage m) {
    String uid = m.get("Uniqueid");
    Entry e = entries.remove(uid);
    if (e == null || e.handled) {
      return;
    }
    int pos = parseInt(m.get("Position"), 0);
    long waitSec = (nowMs.getAsLong() - e.joinMs) / 1000;
    if (e.timedOut) {
      queueLog(e.queue, uid, "NONE", "EXITWITHTIMEOUT", Integer.toString(pos), Integer.toString(e.originalPos),
          Long.toString(waitSec));
    } else {
      // what the caller does next decides: a key of the queue's context, or ABANDON (Redirect, hangup)
      pending.put(uid, new Pending(e.queue, pos, e.originalPos, waitSec));
    }
  }

  private void abandon(String uid, Pending p) {
    queueLog(p.queue(), uid, "NONE", "ABANDON", Integer.toString(p.pos()), Integer.toString(p.originalPos()),
        Long.toString(p.waitSec()));
  }

  private void agentConnect(AmiMessage m) {
    String uid = m.get("Uniqueid");
    Entry e = uid == null ? null : entries.get(uid);
    if (e != null) {
      e.handled = true;
    }
    if (uid != null) {
      // app_queue answers before it leaves: the sim's QueueCallerLeave comes first, and this is its outcome
      pending.remove(uid);
    }
    String dest = nz(m.get("DestUniqueid"));
    if (uid != null && !dest.isEmpty()) {
      agentToCaller.put(dest, uid);
    }
    queueLog(m.get("Queue"), uid, m.get("MemberName"), "CONNECT", nz(m.get("HoldTime")), dest,
        nz(m.get("RingTime")));
  }

  private void agentComplete(AmiMessage m) {
    // AgentComplete of a caller who hung up has no caller headers (see QueueManager.complete): the agent's
    // channel names the call, as app_queue's queue_data->caller_uniqueid does
    String uid = m.get("Uniqueid") != null ? m.get("Uniqueid") : agentToCaller.get(m.get("DestUniqueid"));
    if (uid == null) {
      return;
    }
    String opos = Integer.toString(originalPos.getOrDefault(uid, 0));
    String hold = nz(m.get("HoldTime"));
    String talk = nz(m.get("TalkTime"));
    String reason = nz(m.get("Reason"));
    if ("transfer".equals(reason)) {
      String[] t = transferOf.remove(uid);
      if (t != null && "BRIDGE".equals(t[0])) {
        queueLog(m.get("Queue"), uid, m.get("MemberName"), "ATTENDEDTRANSFER", "BRIDGE", t[1], hold, talk, opos);
      } else {
        queueLog(m.get("Queue"), uid, m.get("MemberName"), "BLINDTRANSFER", t == null ? "" : t[0],
            t == null ? "" : t[1], hold, talk, opos);
      }
      return;
    }
    queueLog(m.get("Queue"), uid, m.get("MemberName"), "agent".equals(reason) ? "COMPLETEAGENT" : "COMPLETECALLER",
        hold, talk, opos);
  }

  private String callerUid(AmiMessage m) {
    return m.get("Uniqueid") != null ? m.get("Uniqueid") : agentToCaller.get(m.get("DestUniqueid"));
  }

  private void queueLog(String queue, String callid, String agent, String event, String... data) {
    String[] d = new String[5];
    for (int i = 0; i < 5; i++) {
      d[i] = i < data.length && data[i] != null ? data[i] : "";
    }
    out.accept(new QueueLogRow(Instant.ofEpochMilli(nowMs.getAsLong()), nz(callid), nz(queue), or(agent, "NONE"),
        event, d[0], d[1], d[2], d[3], d[4]));
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private void withChan(AmiMessage m, Consumer<Chan> action) {
    Chan c = byUid.get(m.get("Uniqueid"));
    if (c != null) {
      action.accept(c);
    }
  }

  /** Compact JSON of string pairs, in order, as {@code ast_json_dump_string} writes an {@code ast_json_pack}. */
  static String json(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    StringBuilder sb = new StringBuilder("{");
    m.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(quote(k)).append(':').append(quote(v)));
    return sb.append('}').toString();
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char ch : nz(s).toCharArray()) {
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static String cid(String v) {
    return v == null || "<unknown>".equals(v) ? "" : v;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String or(String s, String dflt) {
    return s == null || s.isEmpty() ? dflt : s;
  }

  private static int parseInt(String s, int dflt) {
    try {
      return s == null ? dflt : Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  private static long parseLong(String s) {
    try {
      return s == null ? 0 : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
