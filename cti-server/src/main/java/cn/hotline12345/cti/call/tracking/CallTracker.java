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
    private final QueueLegs legs = new QueueLegs(this);
    private final EventDispatch dispatch = new EventDispatch(this, legs);
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
        e.dispatch(dispatch);
    }

    void channelCreated(PbxEvent.ChannelCreated c) {
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
        call.channelNames.put(c.uniqueid(), Values.cap(c.channel()));
        channelToCall.put(c.uniqueid(), c.linkedid());
        if (resyncHangups != null) {
            resyncHangups.remove(c.uniqueid());
        }
        if (c.uniqueid().equals(c.linkedid())) {
            call.firstChannel = c.uniqueid();
            call.callerNumber = Values.cap(c.callerNumber());
            call.callerName = Values.cap(c.callerName());
            call.dialled = Values.cap(c.exten());
            if (c.state() == 6) {
                call.answeredChannel = true;
            }
        }
        if (isNew) {
            event(call, "Start:" + c.linkedid(), "call_started", c.at(), Map.of("channel", Values.cap(c.channel())));
            hub.publish(new CallUpdate.CallStarted(call.key, c.at(), call.view()));
            sink.record(call.record(null, null));
        }
    }

    void variableSet(CallState call, PbxEvent.VariableSet v) {
        String value = Values.cap(v.value());
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
            case ChannelVariable.PRIORITY, ChannelVariable.QUEUE_PRIO -> call.priority = Values.parseIntOrNull(value);
            case ChannelVariable.MIXMONITOR_FILENAME -> call.recordingFile = Values.recordingName(value);
            case ChannelVariable.IVR_PATH -> event(call, "IvrPath:" + v.uniqueid() + ":" + value.hashCode(), "ivr_path",
                    v.at(), Map.of("path", value));
            default -> {
            }
        }
    }

    void hungUp(PbxEvent.ChannelHungUp h) {
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
            call.hangupCauseText = Values.cap(h.causeText());
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
            legs.queueLeft(call, call.queue, at);
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

    CallUpdateHub hub() {
        return hub;
    }

    CallRecordSink sink() {
        return sink;
    }

    void agentConnected(CallState call, PbxEvent.AgentConnected a) {
        legs.agentConnected(call, a);
    }

    void publish(CallUpdate u) {
        hub.publish(u);
    }

    void record(CallState call) {
        sink.record(call.record(null, null));
    }

    static String capped(String s) {
        return Values.cap(s);
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

    /**
     * Whether the call still has a live channel named {@code prefix...} (issue 23: the agent's {@code PJSIP/1001-}; an
     * agent who hung up leaves the call live while the caller answers the survey).
     */
    public boolean hasLiveChannel(String linkedid, String prefix) {
        CallState c = calls.get(linkedid);
        return c != null && c.channelNames.values().stream().anyMatch(n -> n.startsWith(prefix));
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

    void event(CallState call, String eventKey, String kind, Instant at, Map<String, String> data) {
        sink.event(new CallEventRecord(call.key, eventKey, kind, at, data));
    }

    Clock clock() {
        return clock;
    }
}
