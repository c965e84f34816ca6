package cn.hotline12345.cti.desk.internal;

import cn.hotline12345.cti.call.api.AgentState;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.softphone.ws.AgentStateChanged;

import java.time.Instant;
import java.util.List;

/**
 * The agent's state as their console shows it (issue 19 item 5): the queue view's state of the phone, corrected by what
 * the desk knows better. The queue view only sees queue events: a call transferred to the agent or coming back to them
 * is a direct call it does not see, wrap-up is the desk's own pause, and a pause during its wrap-up window loses its
 * reason there ({@code reason:null}). The desk's word wins for what it did; the queue view's for the rest.
 */
final class AgentStateView {

    private AgentStateView() {
    }

    /** What the desk knows of the agent's phone now. */
    /**
     * @param legsUp how many legs of the phone are up as the PBX told the desk; null when the desk has not seen the
     *               phone's legs (after a restart): then the queue view's word stands
     */
    record Desk(ScreenPopDispatcher.Phase phase, Instant phaseSince, boolean wrapUp, Instant wrapUpSince,
                String thenPaused, String knownPause, Integer legsUp) {
        static final Desk NOTHING = new Desk(null, null, false, null, null, null, null);
    }

    static AgentStateChanged of(String agent, LiveQueues.AgentSnapshot s, Desk d) {
        AgentState state = s == null ? AgentState.LOGGED_OUT : s.state();
        String reason = s == null ? null : s.reason();
        Instant since = s == null ? null : s.since();
        List<String> queues = s == null ? List.of() : s.queues();
        boolean busy = state == AgentState.ON_CALL || state == AgentState.RINGING;
        // the desk's wrap-up: the agent's legs are down whatever the queue view still says
        if (d.phase() == ScreenPopDispatcher.Phase.ACTIVE && state != AgentState.ON_CALL) {
            state = AgentState.ON_CALL;
            reason = null;
            since = d.phaseSince();
        } else if (d.phase() == ScreenPopDispatcher.Phase.RINGING && !busy) {
            state = AgentState.RINGING;
            reason = null;
            since = d.phaseSince();
        } else if (d.wrapUp() && (!busy || d.phase() == ScreenPopDispatcher.Phase.WRAP_UP)) {
            // wrap-up holds the phone; the reason is the pause the agent chose to keep afterwards, if any
            state = AgentState.WRAP_UP;
            reason = d.thenPaused();
            since = d.wrapUpSince();
        } else if (state == AgentState.WRAP_UP || busy && d.phase() == null && d.legsUp() != null && d.legsUp() == 0) {
            // the queue view's own wrap-up window after AgentComplete, though the desk's wrap-up is over; or a call
            // the queue view still counts although every leg of the phone is down (an AgentComplete it could not read)
            // the queue view's own wrap-up window after AgentComplete, though the desk's wrap-up is over
            state = d.knownPause() != null ? AgentState.PAUSED : AgentState.AVAILABLE;
            reason = d.knownPause();
        } else if (state == AgentState.PAUSED && reason == null) {
            reason = d.knownPause();
        }
        return new AgentStateChanged(agent, state.name(), reason, since, queues);
    }
}
