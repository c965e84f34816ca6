package cn.hotline12345.cti.call.tracking;

import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.PbxEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The one dispatch of PBX events for a {@link CallTracker}: a method per type ({@link PbxEvent.Handler}), so that a
 * new event type does not compile until it says what it does to a call, to the queue board, or nothing.
 */
final class EventDispatch implements PbxEvent.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatch.class);

    private final CallTracker tracker;
    private final QueueLegs legs;

    EventDispatch(CallTracker tracker, QueueLegs legs) {
        this.tracker = tracker;
        this.legs = legs;
    }

    @Override
    public void on(PbxEvent.ChannelCreated e) {
        tracker.channelCreated(e);
    }

    @Override
    public void on(PbxEvent.ChannelHungUp e) {
        tracker.hungUp(e);
    }

    @Override
    public void on(PbxEvent.ChannelStateChanged e) {
        CallState call = tracker.calls().get(e.linkedid());
        if (call != null && e.uniqueid().equals(e.linkedid()) && e.state() == 6) {
            call.answeredChannel = true;
        }
    }

    @Override
    public void on(PbxEvent.CallerIdChanged e) {
        CallState call = tracker.calls().get(e.linkedid());
        if (call != null && e.uniqueid().equals(e.linkedid())) {
            call.callerNumber = Values.cap(e.callerNumber());
            call.callerName = Values.cap(e.callerName());
        }
    }

    @Override
    public void on(PbxEvent.VariableSet e) {
        CallState call = tracker.calls().get(e.linkedid());
        if (call != null) {
            tracker.variableSet(call, e);
        }
    }

    @Override
    public void on(PbxEvent.QueueCallerJoined e) {
        CallState call = tracker.calls().get(e.linkedid());
        if (call != null) {
            legs.queueJoined(call, e);
        }
    }

    @Override
    public void on(PbxEvent.QueueCallerLeft e) {
        CallState call = tracker.calls().get(e.linkedid());
        if (call != null) {
            legs.queueLeft(call, e.queue(), e.at());
        }
    }

    @Override
    public void on(PbxEvent.QueueCallerAbandoned e) {
        CallState call = tracker.calls().get(e.linkedid());
        if (call != null) {
            legs.abandoned(call, e);
        }
    }

    @Override
    public void on(PbxEvent.AgentCalled e) {
        CallState call = tracker.calls().get(e.linkedid());
        if (call != null) {
            legs.agentCalled(call, e);
        }
    }

    @Override
    public void on(PbxEvent.AgentRingNoAnswer n) {
        CallState call = tracker.calls().get(n.linkedid());
        if (call != null && call.ringingDest.values().remove(n.member())) {
            tracker.board().agentIdle(n.member(), n.at());
            tracker.event(call, "AgentRingNoAnswer:" + n.uniqueid() + ":" + n.member() + ":" + call.agentsRung.size(),
                    "agent_no_answer", n.at(), Map.of("agent", Values.cap(n.member()), "queue", Values.cap(n.queue())));
            tracker.publish(new CallUpdate.AgentNoAnswer(call.key, n.at(), n.member(), n.queue()));
        }
    }

    @Override
    public void on(PbxEvent.AgentConnected e) {
        CallState call = tracker.calls().get(e.linkedid());
        if (call != null) {
            legs.agentConnected(call, e);
        }
    }

    @Override
    public void on(PbxEvent.AgentCompleted e) {
        legs.agentCompleted(e);
    }

    @Override
    public void on(PbxEvent.Hold h) {
        CallState call = tracker.calls().get(h.linkedid());
        if (call == null) {
            return;
        }
        if (h.on()) {
            call.holds++;
        }
        tracker.event(call, (h.on() ? "Hold:" : "Unhold:") + h.uniqueid() + ":" + h.at().toEpochMilli(),
                h.on() ? "hold" : "unhold", h.at(), Map.of());
    }

    @Override
    public void on(PbxEvent.Transfer t) {
        CallState call = tracker.calls().get(t.linkedid());
        if (call == null) {
            return;
        }
        call.transfers++;
        tracker.event(call, "Transfer:" + t.uniqueid() + ":" + t.at().toEpochMilli(), "transfer", t.at(),
                Map.of("attended", Boolean.toString(t.attended()), "target", Values.cap(t.target())));
        tracker.publish(new CallUpdate.Transferred(call.key, t.at(), call.agent, t.target()));
        tracker.sink().record(call.record(null, null));
    }

    @Override
    public void on(PbxEvent.MemberStatus e) {
        tracker.board().memberStatus(e, tracker.sink());
    }

    @Override
    public void on(PbxEvent.MemberRemoved e) {
        tracker.board().memberRemoved(e, tracker.sink());
    }

    @Override
    public void on(PbxEvent.MemberPaused e) {
        tracker.board().memberPaused(e, tracker.sink());
    }

    @Override
    public void on(PbxEvent.PbxShutdown e) {
        LOG.warn("PBX {} is shutting down (restart={})", tracker.pbxId(), e.restart());
    }
}
