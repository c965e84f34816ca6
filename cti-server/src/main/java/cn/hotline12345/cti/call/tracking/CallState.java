package cn.hotline12345.cti.call.tracking;


import cn.hotline12345.contract.ChannelVariable;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallRecord;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.call.api.Disposition;
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
 * The mutable state of one live call, confined to the tracker's event loop. Snapshots leave as
 * {@link CallView} and {@link CallRecord}.
 */
final class CallState {

    final CallKey key;
    final Instant startedAt;
    String direction = "inbound";
    String callerNumber = "";
    String callerName = "";
    String dialled = "";
    final Set<String> channels = new HashSet<>();
    /** uniqueid → channel name, for actions that address a channel (Redirect, Hangup). */
    final Map<String, String> channelNames = new HashMap<>();
    final Set<String> hungUp = new HashSet<>();
    final Map<String, String> vars = new LinkedHashMap<>();
    String queue;
    Integer priority;
    Instant queueJoinedAt;
    Instant queueLeftAt;
    Integer queuePosition;
    Long queueWaitMs;
    boolean abandoned;
    /** Its end happened while the link was down (closed at a resync, not by a Hangup the tracker saw). */
    boolean endUnseen;
    /**
     * A resync found it past the point where an agent may have answered it (out of the queue, neither bridged nor
     * in the IVR) with no agent known: answered or not is unknown until an event says (AgentComplete names the agent).
     */
    boolean answerUnknown;
    final List<String> agentsRung = new ArrayList<>();
    final Map<String, String> ringingDest = new HashMap<>();
    String agent;
    Instant answeredAt;
    int transfers;
    int holds;
    Integer hangupCause;
    String hangupCauseText;
    boolean answeredChannel;
    String recordingFile;
    /** Only the caller's first channel carries the caller's identity. */
    String firstChannel;

    CallState(CallKey key, Instant startedAt) {
        this.key = key;
        this.startedAt = startedAt;
    }

    String ivrPath() {
        return vars.get(ChannelVariable.IVR_PATH);
    }

    CallView view() {
        return new CallView(key, callerNumber, callerName, dialled, startedAt, ivrPath(), vars, queue, priority,
                queueJoinedAt, agent, answeredAt);
    }

    Disposition disposition() {
        if (agent != null && answeredAt != null) {
            return "transfer".equals(vars.get(ChannelVariable.NEXT)) ? Disposition.TRANSFERRED_OUT : Disposition.ANSWERED;
        }
        if (endUnseen || answerUnknown) {
            return Disposition.UNKNOWN;
        }
        if (queueJoinedAt != null) {
            return Disposition.ABANDONED_IN_QUEUE;
        }
        String next = vars.get(ChannelVariable.NEXT);
        if ("transfer".equals(next)) {
            return Disposition.TRANSFERRED_OUT;
        }
        if ("hangup".equals(next)) {
            return Disposition.SELF_SERVED;
        }
        if (!answeredChannel) {
            return Disposition.FAILED;
        }
        return Disposition.ABANDONED_IN_IVR;
    }

    CallRecord record(Instant endedAt, String endReason) {
        Long wait = queueWaitMs;
        if (wait == null && queueJoinedAt != null && queueLeftAt != null) {
            wait = Duration.between(queueJoinedAt, queueLeftAt).toMillis();
        }
        return new CallRecord(key, direction, callerNumber, callerName, dialled, startedAt, answeredAt, endedAt,
                ivrPath(), vars, queue, priority, queueJoinedAt, queueLeftAt, queuePosition, wait, agent, agentsRung,
                transfers, holds, hangupCause, hangupCauseText, endedAt == null ? null : disposition(), endReason,
                recordingFile);
    }
}
