package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.cti.call.api.AgentActions.Refused;
import cn.hotline12345.cti.call.tracking.CallTracker;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the two legs an agent's call control acts on: the agent's own leg and the party on the other side. The legs
 * the link saw created ({@link CallLegs}) come first: they also know calls that are not queue calls (one that came back
 * from a failed transfer, a colleague's transferred call, the agent's own outbound call). After a reconnect only the
 * tracker knows the calls that were already up: its view of the agent's queue call is the fallback. Runs on the link's
 * event loop.
 */
final class AgentLegs {

    private AgentLegs() {
    }

    /**
     * The agent's leg and the other side. {@code caller} is the call's first channel (an inbound caller) or, for the
     * agent's own outbound call, the far end; the uniqueids are null when only the tracker knew the call.
     */
    record Pair(String linkedid, String caller, String callerUid, String agent, String agentUid, List<String> uids) {
    }

    /** The pair, or a {@link Refused} {@code no_call}. */
    static Pair find(CallTracker tracker, CallLegs legs, String extension, String what) {
        Pair p = fromLegs(tracker, legs, extension);
        if (p == null) {
            p = fromTracker(tracker, extension);
        }
        if (p == null) {
            throw new Refused("no_call", "extension " + extension + " has no call to " + what);
        }
        return p;
    }

    private static Pair fromLegs(CallTracker tracker, CallLegs l, String extension) {
        CallLegs.Leg agent = null;
        for (CallLegs.Leg leg : live(tracker, l, l.phoneLegs(extension))) {
            // the newest answered leg, else the newest one (legs come oldest first)
            if (agent == null || leg.up() || !agent.up()) {
                agent = leg;
            }
        }
        if (agent == null) {
            return null;
        }
        List<CallLegs.Leg> call = l.callLegs(agent.linkedid());
        CallLegs.Leg other = null;
        for (CallLegs.Leg leg : call) {
            if (leg.uniqueid().equals(agent.uniqueid())) {
                continue;
            }
            boolean better = agent.first()
                    ? other == null || leg.up() && !other.up()   // own call: the far end, answered if there is one
                    : leg.first();                               // a call to the agent: its first channel, the caller
            if (better) {
                other = leg;
            }
        }
        if (other == null) {
            return null;
        }
        List<String> uids = new ArrayList<>();
        call.forEach(c -> uids.add(c.uniqueid()));
        return new Pair(agent.linkedid(), other.name(), other.uniqueid(), agent.name(), agent.uniqueid(), uids);
    }

    private static Pair fromTracker(CallTracker tracker, String extension) {
        String iface = "PJSIP/" + extension;
        List<String> channels = tracker.channelsOfAgentCall(iface);
        if (channels.size() < 2) {
            return null;
        }
        String linkedid = tracker.activeCalls().stream().filter(v -> iface.equals(v.agent()))
                .map(v -> v.key().linkedid()).findFirst().orElse(null);
        return new Pair(linkedid, channels.get(0), null, channels.get(channels.size() - 1), null, List.of());
    }

    /** Legs whose call the tracker still has; the others are left over from a hangup missed during a reconnect. */
    static List<CallLegs.Leg> live(CallTracker tracker, CallLegs l, List<CallLegs.Leg> candidates) {
        List<CallLegs.Leg> out = new ArrayList<>();
        for (CallLegs.Leg leg : candidates) {
            if (tracker.isActive(leg.linkedid())) {
                out.add(leg);
            } else {
                l.forgetCall(leg.linkedid());
            }
        }
        return out;
    }
}
