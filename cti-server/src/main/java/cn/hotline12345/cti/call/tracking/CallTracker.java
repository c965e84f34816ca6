package cn.hotline12345.cti.call.tracking;


import cn.hotline12345.cti.call.api.CallEventRecord;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallRecord;
import cn.hotline12345.cti.call.api.CallRecordSink;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.call.api.LiveChannel;
import cn.hotline12345.cti.call.api.PbxEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.hotline12345.contract.ChannelVariable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Knows every live call of one PBX, keyed by Linkedid, and applies {@link PbxEvent}s to them.
 *
 * <p>Runs on the PBX link's event loop only (no locks): it updates memory, publishes {@link CallUpdate}s
 * and hands records to the {@link CallRecordSink}, never doing I/O itself. Every rule is idempotent: a
 * duplicated or replayed event finds its effect already there and changes nothing, so a reconnect's
 * resync and an AMI replay never count anything twice.
 */
public final class CallTracker {

    private static final Logger LOG = LoggerFactory.getLogger(CallTracker.class);
    /** Caps on what one call may accumulate from untrusted input. */
    static final int MAX_VARS = 64;
    static final int MAX_VALUE = 1024;
    static final int MAX_CHANNELS = 64;

    private final String pbxId;
    private final CallUpdateHub hub;
    private final CallRecordSink sink;
    private final QueueBoard board;
    private final Clock clock;
    private final Map<String, CallState> calls = new HashMap<>();
    private final Map<String, String> channelToCall = new HashMap<>();
    private long ended;
    private Set<String> resyncHangups;

    public CallTracker(String pbxId, CallUpdateHub hub, CallRecordSink sink, QueueBoard board, Clock clock) {
        this.pbxId = pbxId;
        this.hub = hub;
        this.sink = sink;
        this.board = board;
        this.clock = clock;
    }

    public String pbxId() {
        return pbxId;
    }

    public QueueBoard board() {
        return board;
    }

    /** Live calls now (a copy). */
    public List<CallView> activeCalls() {
        List<CallView> out = new ArrayList<>(calls.size());
        for (CallState c : calls.values()) {
            out.add(c.view());
        }
        return out;
    }

    public int activeCallCount() {
        return calls.size();
    }

    /** Calls that ended since the tracker started. */
    public long endedCallCount() {
        return ended;
    }

    /** Applies one event. */
    public void apply(PbxEvent e) {
        if (e instanceof PbxEvent.AgentCompleted a) {
            agentCompleted(a);
            return;
        }
        if (e instanceof PbxEvent.ChannelEvent ce) {
            if (ce instanceof PbxEvent.ChannelCreated c) {
                channelCreated(c);
                return;
            }
            if (ce instanceof PbxEvent.ChannelHungUp h) {
                hungUp(h);
                return;
            }
            CallState call = calls.get(ce.linkedid());
            if (call != null) {
                applyToCall(call, ce);
            }
        } else if (e instanceof PbxEvent.MemberStatus m) {
            board.memberStatus(m, sink);
        } else if (e instanceof PbxEvent.MemberRemoved r) {
            board.memberRemoved(r, sink);
        } else if (e instanceof PbxEvent.MemberPaused p) {
            board.memberPaused(p, sink);
        } else if (e instanceof PbxEvent.PbxShutdown s) {
            LOG.warn("PBX {} is shutting down (restart={})", pbxId, s.restart());
        }
    }

    private void applyToCall(CallState call, PbxEvent.ChannelEvent e) {
        if (e instanceof PbxEvent.ChannelStateChanged s) {
            if (s.uniqueid().equals(s.linkedid()) && s.state() == 6) {
                call.answeredChannel = true;
            }
        } else if (e instanceof PbxEvent.CallerIdChanged c) {
            if (c.uniqueid().equals(c.linkedid())) {
                call.callerNumber = cap(c.callerNumber());
                call.callerName = cap(c.callerName());
            }
        } else if (e instanceof PbxEvent.VariableSet v) {
            variableSet(call, v);
        } else if (e instanceof PbxEvent.QueueCallerJoined j) {
            queueJoined(call, j);
        } else if (e instanceof PbxEvent.QueueCallerLeft l) {
            queueLeft(call, l.queue(), l.at());
        } else if (e instanceof PbxEvent.QueueCallerAbandoned a) {
            abandoned(call, a);
        } else if (e instanceof PbxEvent.AgentCalled a) {
            agentCalled(call, a);
        } else if (e instanceof PbxEvent.AgentRingNoAnswer n) {
            if (call.ringingDest.values().remove(n.member())) {
                board.agentIdle(n.member(), n.at());
                event(call, "AgentRingNoAnswer:" + n.uniqueid() + ":" + n.member() + ":" + call.agentsRung.size(),
                        "agent_no_answer", n.at(), Map.of("agent", cap(n.member()), "queue", cap(n.queue())));
                hub.publish(new CallUpdate.AgentNoAnswer(call.key, n.at(), n.member(), n.queue()));
            }
        } else if (e instanceof PbxEvent.AgentConnected a) {
            agentConnected(call, a);
        } else if (e instanceof PbxEvent.Hold h) {
            if (h.on()) {
                call.holds++;
            }
            event(call, (h.on() ? "Hold:" : "Unhold:") + h.uniqueid() + ":" + h.at().toEpochMilli(),
                    h.on() ? "hold" : "unhold", h.at(), Map.of());
        } else if (e instanceof PbxEvent.Transfer t) {
            call.transfers++;
            event(call, "Transfer:" + t.uniqueid() + ":" + t.at().toEpochMilli(), "transfer", t.at(),
                    Map.of("attended", Boolean.toString(t.attended()), "target", cap(t.target())));
            hub.publish(new CallUpdate.Transferred(call.key, t.at(), call.agent, t.target()));
            sink.record(call.record(null, null));
        }
    }

    private void channelCreated(PbxEvent.ChannelCreated c) {
        if (channelToCall.containsKey(c.uniqueid())) {
            return;
        }
        CallState call = calls.get(c.linkedid());
        boolean isNew = call == null;
        if (isNew) {
            call = new CallState(new CallKey(pbxId, c.linkedid()), c.at());
            calls.put(c.linkedid(), call);
        } else if (call.hungUp.contains(c.uniqueid()) || call.channels.size() >= MAX_CHANNELS) {
            return;
        }
        call.channels.add(c.uniqueid());
        call.channelNames.put(c.uniqueid(), cap(c.channel()));
        channelToCall.put(c.uniqueid(), c.linkedid());
        if (resyncHangups != null) {
            resyncHangups.remove(c.uniqueid());
        }
        if (c.uniqueid().equals(c.linkedid())) {
            call.firstChannel = c.uniqueid();
            call.callerNumber = cap(c.callerNumber());
            call.callerName = cap(c.callerName());
            call.dialled = cap(c.exten());
            if (c.state() == 6) {
                call.answeredChannel = true;
            }
        }
        if (isNew) {
            event(call, "Start:" + c.linkedid(), "call_started", c.at(), Map.of("channel", cap(c.channel())));
            hub.publish(new CallUpdate.CallStarted(call.key, c.at(), call.view()));
            sink.record(call.record(null, null));
        }
    }

    private void variableSet(CallState call, PbxEvent.VariableSet v) {
        String value = cap(v.value());
        if (ChannelVariable.IVR_PATH.equals(v.variable()) && call.answeredAt != null) {
            // After the agent, the survey flow reports its own path: keep the caller's IVR path as it was.
            v = new PbxEvent.VariableSet(v.pbxId(), v.at(), v.uniqueid(), v.linkedid(), ChannelVariable.POSTCALL_PATH, value);
        }
        if (value.equals(call.vars.get(v.variable()))) {
            return;
        }
        if (!call.vars.containsKey(v.variable()) && call.vars.size() >= MAX_VARS) {
            return;
        }
        call.vars.put(v.variable(), value);
        switch (v.variable()) {
            case ChannelVariable.PRIORITY, ChannelVariable.QUEUE_PRIO -> call.priority = parseIntOrNull(value);
            case ChannelVariable.MIXMONITOR_FILENAME -> call.recordingFile = recordingName(value);
            case ChannelVariable.IVR_PATH -> event(call, "IvrPath:" + v.uniqueid() + ":" + value.hashCode(), "ivr_path",
                    v.at(), Map.of("path", value));
            default -> {
            }
        }
    }

    private void queueJoined(CallState call, PbxEvent.QueueCallerJoined j) {
        call.answerUnknown = false; // a resync found it in Queue() before its join was announced: it waits
        if (j.queue().equals(call.queue) && call.queueJoinedAt != null && call.queueLeftAt == null) {
            return;
        }
        call.queue = cap(j.queue());
        call.queueJoinedAt = j.at();
        call.queueLeftAt = null;
        call.queuePosition = j.position();
        board.callerJoined(j.queue(), call.key, j.at());
        event(call, "QueueJoin:" + j.uniqueid() + ":" + j.queue(), "queue_join", j.at(),
                Map.of("queue", call.queue, "position", Integer.toString(j.position())));
        hub.publish(new CallUpdate.QueueJoined(call.key, j.at(), call.view(), call.queue, j.position()));
        sink.record(call.record(null, null));
    }

    private void queueLeft(CallState call, String queue, Instant at) {
        if (call.queueJoinedAt == null || call.queueLeftAt != null) {
            return;
        }
        call.queueLeftAt = at;
        if (call.queueWaitMs == null) {
            call.queueWaitMs = Duration.between(call.queueJoinedAt, at).toMillis();
        }
        board.callerLeft(queue, call.key);
        event(call, "QueueLeave:" + call.key.linkedid() + ":" + queue, "queue_leave", at, Map.of("queue", queue));
    }

    private void abandoned(CallState call, PbxEvent.QueueCallerAbandoned a) {
        if (call.abandoned) {
            return;
        }
        call.abandoned = true;
        call.queueWaitMs = a.holdTimeSeconds() * 1000;
        board.abandoned(a.queue(), call.key, a.at());
        event(call, "QueueAbandon:" + a.uniqueid() + ":" + a.queue(), "queue_abandon", a.at(),
                Map.of("queue", a.queue(), "hold_s", Long.toString(a.holdTimeSeconds())));
    }

    private void agentCalled(CallState call, PbxEvent.AgentCalled a) {
        String dest = a.destUniqueid().isEmpty() ? a.member() + "#" + call.agentsRung.size() : a.destUniqueid();
        if (call.ringingDest.containsKey(dest) || call.agent != null && call.agent.equals(a.member())) {
            return;
        }
        call.ringingDest.put(dest, a.member());
        if (call.agentsRung.size() < MAX_CHANNELS) {
            call.agentsRung.add(cap(a.member()));
        }
        board.agentRinging(a.member(), a.at());
        event(call, "AgentCalled:" + a.uniqueid() + ":" + dest, "agent_called", a.at(),
                Map.of("agent", cap(a.member()), "queue", cap(a.queue())));
        hub.publish(new CallUpdate.AgentRinging(call.key, a.at(), call.view(), a.member(), a.queue()));
    }

    /**
     * The agent's queue call is over: the board starts the agent's wrap-up whether or not the call is still live
     * (Asterisk sends AgentComplete from a stasis thread, often after the caller's Hangup; without the caller's
     * channel headers when its snapshot is gone — the translator then keys it by the agent leg's ids).
     */
    private void agentCompleted(PbxEvent.AgentCompleted a) {
        CallState call = a.linkedid() == null ? null : calls.get(a.linkedid());
        if (call != null && call.agent == null) {
            // the answer fell into a gap of the link: AgentComplete names the agent who had the call
            call.agent = cap(a.member());
            call.answeredAt = a.at().minusSeconds(Math.max(0, a.talkTimeSeconds()));
            call.answerUnknown = false;
            if (call.queueJoinedAt != null && call.queueLeftAt == null) {
                call.queueLeftAt = call.answeredAt;
                board.callerLeft(call.queue, call.key);
            }
            sink.record(call.record(null, null));
        }
        if (!board.agentCompleted(a.member(), a.queue(), a.at(), a.talkTimeSeconds())) {
            return;
        }
        CallKey key = call != null ? call.key : a.linkedid() == null || a.linkedid().isEmpty() ? null
                : new CallKey(pbxId, a.linkedid());
        if (key != null) {
            sink.event(new CallEventRecord(key, "AgentComplete:" + a.uniqueid() + ":" + a.member(), "agent_complete",
                    a.at(), Map.of("agent", cap(a.member()), "talk_s", Long.toString(a.talkTimeSeconds()),
                            "reason", cap(a.reason()))));
        }
    }

    void agentConnected(CallState call, PbxEvent.AgentConnected a) {
        if (call.agent != null) {
            return;
        }
        call.agent = cap(a.member());
        call.answeredAt = a.at();
        if (call.recordingFile == null && "inbound".equals(call.direction)) {
            // The dialplan starts MixMonitor(${UNIQUEID}.wav,b) on the caller's channel before Queue(); when
            // its MIXMONITOR_FILENAME VarSet was filtered or not seen (reconnect), the name is still known.
            call.recordingFile = call.key.linkedid() + ".wav";
        }
        call.queueWaitMs = a.holdTimeSeconds() * 1000;
        board.agentConnected(a.member(), a.queue(), a.at(), a.holdTimeSeconds());
        event(call, "AgentConnect:" + a.uniqueid() + ":" + a.member(), "agent_connect", a.at(),
                Map.of("agent", call.agent, "queue", cap(a.queue()), "hold_s", Long.toString(a.holdTimeSeconds())));
        hub.publish(new CallUpdate.AgentConnected(call.key, a.at(), call.view(), a.member(), a.queue(),
                a.holdTimeSeconds() * 1000));
        sink.record(call.record(null, null));
    }

    private void hungUp(PbxEvent.ChannelHungUp h) {
        if (resyncHangups != null && resyncHangups.size() < 100_000) {
            resyncHangups.add(h.uniqueid());
        }
        String linkedid = channelToCall.remove(h.uniqueid());
        if (linkedid == null) {
            return;
        }
        CallState call = calls.get(linkedid);
        if (call == null) {
            return;
        }
        call.channels.remove(h.uniqueid());
        call.channelNames.remove(h.uniqueid());
        call.hungUp.add(h.uniqueid());
        if (h.uniqueid().equals(h.linkedid())) {
            call.hangupCause = h.cause();
            call.hangupCauseText = cap(h.causeText());
        }
        if (call.channels.isEmpty()) {
            end(call, h.at(), "normal");
        }
    }

    private void end(CallState call, Instant at, String reason) {
        calls.remove(call.key.linkedid());
        for (String ch : call.channels) {
            channelToCall.remove(ch);
        }
        if (call.queueJoinedAt != null && call.queueLeftAt == null) {
            queueLeft(call, call.queue, at);
        }
        for (String member : call.ringingDest.values()) {
            if (!member.equals(call.agent)) {
                board.agentIdle(member, at);
            }
        }
        if (call.agent != null && !"normal".equals(reason)) {
            board.agentIdle(call.agent, at);
        }
        ended++;
        CallRecord record = call.record(at, reason);
        event(call, "End:" + call.key.linkedid(), "call_ended", at,
                Map.of("disposition", record.disposition().dbName(), "reason", reason));
        sink.record(record);
        hub.publish(new CallUpdate.CallEnded(call.key, at, call.view(), record.disposition(), reason, call.agent));
    }

    /**
     * Reconciles with what the PBX says is live after a (re)connect ({@link CallResync}): calls that ended while we
     * were not listening are closed ({@code pbx_restart}, or {@code pbx_link_lost} with an unknown disposition unless
     * an agent had answered); calls answered meanwhile get their agent; calls we did not know are adopted; channels
     * that vanished are dropped.
     */
    public void resync(List<LiveChannel> live, boolean restarted, Instant at) {
        resync(live, null, restarted, at);
    }

    /**
     * @param queueEntries the Uniqueids of the callers {@code QueueStatus} lists as waiting ({@code QueueEntry}); null
     *                     when not asked (a caller in {@code Queue()} then counts as waiting)
     */
    public void resync(List<LiveChannel> live, Set<String> queueEntries, boolean restarted, Instant at) {
        Set<String> goneMeanwhile = resyncHangups == null ? Set.of() : resyncHangups;
        resyncHangups = null;
        new CallResync(this, goneMeanwhile, queueEntries).run(live, restarted, at);
    }

    // ---- what CallResync needs of the tracker's state (same thread, same package) ----------------------------------

    Map<String, CallState> calls() {
        return calls;
    }

    Map<String, String> channelToCall() {
        return channelToCall;
    }

    void endCall(CallState call, Instant at, String reason) {
        end(call, at, reason);
    }

    void recordEvent(CallState call, String eventKey, String kind, Instant at, Map<String, String> data) {
        event(call, eventKey, kind, at, data);
    }

    void publish(CallUpdate u) {
        hub.publish(u);
    }

    void record(CallState call) {
        sink.record(call.record(null, null));
    }

    static String capped(String s) {
        return cap(s);
    }

    /**
     * Drops every call and the board's live state without publishing or recording anything: this node no
     * longer owns the PBX's link (another node of the cluster does and keeps the records), so what it knew
     * is stale and must neither be closed in the database nor acted on.
     */
    public void forgetAll() {
        calls.clear();
        channelToCall.clear();
        resyncHangups = null;
        board.clearLiveStateForRestart();
    }

    /**
     * Marks the start of a resync: hang-ups from now until {@link #resync} are remembered, so a channel the
     * PBX listed but hung up before the list was complete is not adopted as a ghost call.
     */
    public void beginResync() {
        resyncHangups = new HashSet<>();
    }

    /** The name of a live call's first (caller's) channel, or null when the call or the channel is gone. */
    public String callerChannel(String linkedid) {
        CallState c = calls.get(linkedid);
        return c == null ? null : c.channelNames.get(linkedid);
    }

    /** Whether the call is live. */
    public boolean isActive(String linkedid) {
        return calls.containsKey(linkedid);
    }

    /**
     * The channels of the call an agent is on (connected or ringing): the caller's channel first, then the
     * agent's. Empty when the agent has no call.
     */
    public List<String> channelsOfAgentCall(String member) {
        for (CallState c : calls.values()) {
            if (member.equals(c.agent) || c.ringingDest.containsValue(member)) {
                List<String> out = new ArrayList<>();
                String first = c.channelNames.get(c.key.linkedid());
                if (first != null) {
                    out.add(first);
                }
                String prefix = member.endsWith("/n") ? member.substring(0, member.length() - 2) : member;
                c.channelNames.values().stream().filter(n -> n.startsWith(prefix + "-") || n.startsWith(prefix + ";"))
                        .forEach(out::add);
                return out;
            }
        }
        return List.of();
    }

    /**
     * The recording's file name relative to the recordings directory: Asterisk announces the absolute path in
     * its monitor directory ({@code /var/spool/asterisk/monitor/<uniqueid>.wav}); the dialplan always writes at
     * the top of that directory, which the server mounts as {@code recordings.dir}, so the last element is kept.
     */
    static String recordingName(String announced) {
        int slash = Math.max(announced.lastIndexOf('/'), announced.lastIndexOf('\\'));
        return slash >= 0 ? announced.substring(slash + 1) : announced;
    }

    /** The queue member interface behind a channel name: PJSIP/1001-0000002a → PJSIP/1001. */
    static String memberOf(String channel) {
        if (channel.startsWith("Local/")) {
            int dash = channel.lastIndexOf('-');
            return (dash > 0 ? channel.substring(0, dash) : channel) + "/n";
        }
        int dash = channel.lastIndexOf('-');
        return dash > 0 ? channel.substring(0, dash) : channel;
    }

    private void event(CallState call, String eventKey, String kind, Instant at, Map<String, String> data) {
        sink.event(new CallEventRecord(call.key, eventKey, kind, at, data));
    }

    private static String cap(String s) {
        if (s == null) {
            return "";
        }
        String capped = s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) : s;
        // PostgreSQL text cannot hold NUL; Asterisk values are untrusted.
        return capped.indexOf('\0') >= 0 ? capped.replace('\0', '\uFFFD') : capped;
    }

    private static Integer parseIntOrNull(String s) {
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    Clock clock() {
        return clock;
    }
}
