package cn.hotline12345.cti.call.tracking;

import cn.hotline12345.cti.call.api.CallEventRecord;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.PbxEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The queue side of a call, for its {@link CallTracker}: the caller joins, leaves or abandons a queue; agents are
 * rung, answer (or not) and complete. Each rule is idempotent on Asterisk's ids like the tracker's. Same thread as
 * the tracker.
 */
final class QueueLegs {

    private final CallTracker tracker;

    QueueLegs(CallTracker tracker) {
        this.tracker = tracker;
    }

    void queueJoined(CallState call, PbxEvent.QueueCallerJoined j) {
        call.answerUnknown = false; // a resync found it in Queue() before its join was announced: it waits
        if (j.queue().equals(call.queue) && call.queueJoinedAt != null && call.queueLeftAt == null) {
            return;
        }
        call.queue = Values.cap(j.queue());
        call.queueJoinedAt = j.at();
        call.queueLeftAt = null;
        call.queuePosition = j.position();
        tracker.board().callerJoined(j.queue(), call.key, j.at());
        tracker.event(call, "QueueJoin:" + j.uniqueid() + ":" + j.queue(), "queue_join", j.at(),
                Map.of("queue", call.queue, "position", Integer.toString(j.position())));
        tracker.publish(new CallUpdate.QueueJoined(call.key, j.at(), call.view(), call.queue, j.position()));
        tracker.sink().record(call.record(null, null));
    }

    void queueLeft(CallState call, String queue, Instant at) {
        if (call.queueJoinedAt == null || call.queueLeftAt != null) {
            return;
        }
        call.queueLeftAt = at;
        if (call.queueWaitMs == null) {
            call.queueWaitMs = Duration.between(call.queueJoinedAt, at).toMillis();
        }
        tracker.board().callerLeft(queue, call.key);
        tracker.event(call, "QueueLeave:" + call.key.linkedid() + ":" + queue, "queue_leave", at, Map.of("queue", queue));
    }

    void abandoned(CallState call, PbxEvent.QueueCallerAbandoned a) {
        if (call.abandoned) {
            return;
        }
        call.abandoned = true;
        call.queueWaitMs = a.holdTimeSeconds() * 1000;
        tracker.board().abandoned(a.queue(), call.key, a.at());
        tracker.event(call, "QueueAbandon:" + a.uniqueid() + ":" + a.queue(), "queue_abandon", a.at(),
                Map.of("queue", a.queue(), "hold_s", Long.toString(a.holdTimeSeconds())));
    }

    void agentCalled(CallState call, PbxEvent.AgentCalled a) {
        String dest = a.destUniqueid().isEmpty() ? a.member() + "#" + call.agentsRung.size() : a.destUniqueid();
        if (call.ringingDest.containsKey(dest) || call.agent != null && call.agent.equals(a.member())) {
            return;
        }
        call.ringingDest.put(dest, a.member());
        if (call.agentsRung.size() < CallTracker.MAX_CHANNELS) {
            call.agentsRung.add(Values.cap(a.member()));
        }
        tracker.board().agentRinging(a.member(), a.at());
        tracker.event(call, "AgentCalled:" + a.uniqueid() + ":" + dest, "agent_called", a.at(),
                Map.of("agent", Values.cap(a.member()), "queue", Values.cap(a.queue())));
        tracker.publish(new CallUpdate.AgentRinging(call.key, a.at(), call.view(), a.member(), a.queue()));
    }

    /**
     * The agent's queue call is over: the board starts the agent's wrap-up whether or not the call is still live
     * (Asterisk sends AgentComplete from a stasis thread, often after the caller's Hangup; without the caller's
     * channel headers when its snapshot is gone — the translator then keys it by the agent leg's ids).
     */
    void agentCompleted(PbxEvent.AgentCompleted a) {
        CallState call = a.linkedid() == null ? null : tracker.calls().get(a.linkedid());
        if (call != null && call.agent == null) {
            // the answer fell into a gap of the link: AgentComplete names the agent who had the call
            call.agent = Values.cap(a.member());
            call.answeredAt = a.at().minusSeconds(Math.max(0, a.talkTimeSeconds()));
            call.answerUnknown = false;
            if (call.queueJoinedAt != null && call.queueLeftAt == null) {
                call.queueLeftAt = call.answeredAt;
                tracker.board().callerLeft(call.queue, call.key);
            }
            tracker.sink().record(call.record(null, null));
        }
        if (!tracker.board().agentCompleted(a.member(), a.queue(), a.at(), a.talkTimeSeconds())) {
            return;
        }
        CallKey key = call != null ? call.key : a.linkedid() == null || a.linkedid().isEmpty() ? null
                : new CallKey(tracker.pbxId(), a.linkedid());
        if (key != null) {
            tracker.sink().event(new CallEventRecord(key, "AgentComplete:" + a.uniqueid() + ":" + a.member(), "agent_complete",
                    a.at(), Map.of("agent", Values.cap(a.member()), "talk_s", Long.toString(a.talkTimeSeconds()),
                            "reason", Values.cap(a.reason()))));
        }
    }

    void agentConnected(CallState call, PbxEvent.AgentConnected a) {
        if (call.agent != null) {
            return;
        }
        call.agent = Values.cap(a.member());
        call.answeredAt = a.at();
        if (call.recordingFile == null && "inbound".equals(call.direction)) {
            // The dialplan starts MixMonitor(${UNIQUEID}.wav,b) on the caller's channel before Queue(); when
            // its MIXMONITOR_FILENAME VarSet was filtered or not seen (reconnect), the name is still known.
            call.recordingFile = call.key.linkedid() + ".wav";
        }
        call.queueWaitMs = a.holdTimeSeconds() * 1000;
        tracker.board().agentConnected(a.member(), a.queue(), a.at(), a.holdTimeSeconds());
        tracker.event(call, "AgentConnect:" + a.uniqueid() + ":" + a.member(), "agent_connect", a.at(),
                Map.of("agent", call.agent, "queue", Values.cap(a.queue()), "hold_s", Long.toString(a.holdTimeSeconds())));
        tracker.publish(new CallUpdate.AgentConnected(call.key, a.at(), call.view(), a.member(), a.queue(),
                a.holdTimeSeconds() * 1000));
        tracker.sink().record(call.record(null, null));
    }
}
