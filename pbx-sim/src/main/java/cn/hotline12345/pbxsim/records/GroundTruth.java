package cn.hotline12345.pbxsim.records;

import cn.hotline12345.pbxsim.ami.AmiMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What really happened to each call of the simulator, kept by the simulator itself (for tests: the judge of the
 * server's call records). It reads the simulator's own app_queue and channel events, never a database: the queue of
 * the call's first answered connection (or the last queue it waited in), the member interface that answered, the
 * hold and talk times app_queue measured, and whether the call is over.
 */
public final class GroundTruth implements Consumer<AmiMessage> {

  /**
   * One call.
   *
   * @param agent   the member interface of the first AgentConnect ({@code PJSIP/1001}); null when nobody answered
   * @param queue   the queue of that connection, else the last queue joined; null when the call never queued
   * @param holdSec AgentConnect's HoldTime, or QueueCallerAbandon's; null when the call never queued
   * @param talkSec AgentComplete's TalkTime of that connection; null when not answered (or not completed yet)
   * @param ended   every channel of the call has hung up
   */
  public record CallTruth(String linkedid, String callerNumber, String queue, String agent, Long holdSec,
      Long talkSec, boolean ended, long startedMs, long endedMs) {
  }

  private static final class Call {
    final String linkedid;
    final long startedMs;
    String callerNumber = "";
    String queue;
    String agent;
    String agentUid;
    Long holdSec;
    Long talkSec;
    int live;
    boolean ended;
    long endedMs;
    long joinMs;

    Call(String linkedid, long startedMs) {
      this.linkedid = linkedid;
      this.startedMs = startedMs;
    }

    CallTruth truth() {
      return new CallTruth(linkedid, callerNumber, queue, agent, holdSec, talkSec, ended, startedMs, endedMs);
    }
  }

  private final LongSupplier nowMs;
  private final Map<String, Call> calls = new ConcurrentHashMap<>();

  public GroundTruth(LongSupplier nowMs) {
    this.nowMs = nowMs;
  }

  @Override
  public void accept(AmiMessage m) {
    String event = m.get("Event");
    if (event == null) {
      return;
    }
    switch (event) {
      case "Newchannel" -> {
        String linkedid = m.get("Linkedid");
        Call c = calls.computeIfAbsent(linkedid, k -> new Call(k, nowMs.getAsLong()));
        synchronized (c) {
          c.live++;
          if (linkedid.equals(m.get("Uniqueid"))) {
            String num = m.get("CallerIDNum");
            c.callerNumber = num == null || "<unknown>".equals(num) ? "" : num;
          }
        }
      }
      case "QueueCallerJoin" -> with(m.get("Linkedid"), c -> {
        if (c.agent == null) {
          c.queue = m.get("Queue");
          c.joinMs = nowMs.getAsLong();
        }
      });
      case "QueueCallerAbandon" -> with(m.get("Linkedid"), c -> {
        if (c.agent == null) {
          c.holdSec = parse(m.get("HoldTime"));
        }
      });
      case "QueueCallerLeave" -> with(m.get("Linkedid"), c -> {
        if (c.agent == null && c.holdSec == null && c.joinMs > 0) {
          c.holdSec = (nowMs.getAsLong() - c.joinMs) / 1000;
        }
      });
      case "AgentConnect" -> with(m.get("Linkedid"), c -> {
        if (c.agent == null) {
          c.agent = m.get("Interface");
          c.agentUid = m.get("DestUniqueid");
          c.queue = m.get("Queue");
          c.holdSec = parse(m.get("HoldTime"));
        }
      });
      case "AgentComplete" -> with(m.get("DestLinkedid") != null ? m.get("DestLinkedid") : m.get("Linkedid"), c -> {
        if (c.talkSec == null && c.agentUid != null && c.agentUid.equals(m.get("DestUniqueid"))) {
          c.talkSec = parse(m.get("TalkTime"));
        }
      });
      case "Hangup" -> with(m.get("Linkedid"), c -> {
        if (--c.live <= 0) {
          c.ended = true;
          c.endedMs = nowMs.getAsLong();
        }
      });
      default -> {
      }
    }
  }

  private void with(String linkedid, Consumer<Call> f) {
    if (linkedid == null) {
      return;
    }
    Call c = calls.get(linkedid);
    if (c != null) {
      synchronized (c) {
        f.accept(c);
      }
    }
  }

  /** Every call seen so far. */
  public List<CallTruth> calls() {
    List<CallTruth> out = new ArrayList<>();
    for (Call c : calls.values()) {
      synchronized (c) {
        out.add(c.truth());
      }
    }
    return out;
  }

  /** One call, or null. */
  public CallTruth call(String linkedid) {
    Call c = calls.get(linkedid);
    if (c == null) {
      return null;
    }
    synchronized (c) {
      return c.truth();
    }
  }

  private static Long parse(String s) {
    try {
      return s == null ? null : Long.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
