package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.cti.call.api.AgentActions.Progress.Kind;
import cn.hotline12345.cti.telephony.ami.CallLegs.Leg;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agents' own outbound calls, as {@link CallLegs} sees their legs: the agent asked for a call, the Originate was
 * queued, the phone's next new leg is that call; then the trunk leg rings, answers or fails, and the call ends with the
 * agent's leg. A failed Async Originate (the phone busy) is told from its {@code OriginateResponse}. Confined to the
 * link's event loop, like the legs.
 */
final class OutboundDials {

    /** How long a requested call waits for its first leg before it is forgotten. */
    private static final Duration DIAL_LIFE = Duration.ofSeconds(45);

    /** Says one step of an agent's call (CallLegs turns it into a {@code Progress}). */
    @FunctionalInterface
    interface Teller {
        void tell(String extension, String linkedid, Kind kind, String target, String detail);
    }

    private record PendingDial(String extension, String number, String actionId, Instant at) {
    }

    private final Clock clock;
    private final Teller out;
    /** extension → the call it asked for, until its first leg appears. */
    private final Map<String, PendingDial> dials = new HashMap<>();
    /** linkedid of an agent's own outbound call → (extension, number). */
    private final Map<String, PendingDial> outbound = new HashMap<>();

    OutboundDials(Clock clock, Teller out) {
        this.clock = clock;
        this.out = out;
    }

    /** The agent asked for an outbound call: its phone's next new leg is that call. */
    void dialling(String extension, String number) {
        dials.put(extension, new PendingDial(extension, number, null, clock.instant()));
    }

    /** The Originate of that call was queued under this ActionID (its OriginateResponse tells a failure). */
    void dialQueued(String extension, String actionId) {
        PendingDial d = dials.get(extension);
        if (d != null) {
            dials.put(extension, new PendingDial(extension, d.number(), actionId, d.at()));
        }
    }

    /**
     * A new leg. Returns the number the agent dialled when this leg belongs to their own outbound call (what the
     * phone's ringing shows), else null.
     */
    String created(Leg leg) {
        String lid = leg.linkedid();
        String ext = leg.phone();
        if (ext != null) {
            PendingDial d = dials.get(ext);
            if (d != null && leg.first() && !clock.instant().isAfter(d.at().plus(DIAL_LIFE))) {
                dials.remove(ext);
                outbound.put(lid, d);
            }
        }
        PendingDial own = outbound.get(lid);
        if (own != null && leg.trunk()) {
            out.tell(own.extension(), lid, Kind.OUTBOUND_RINGING, own.number(), null);
        }
        return ext != null && own != null ? own.number() : null;
    }

    /** A leg answered. */
    void up(Leg leg) {
        PendingDial own = outbound.get(leg.linkedid());
        if (own != null && leg.trunk()) {
            out.tell(own.extension(), leg.linkedid(), Kind.OUTBOUND_ANSWERED, own.number(), null);
        }
    }

    /** A leg hung up with this Q.850 cause. */
    void hungUp(Leg leg, String cause) {
        String lid = leg.linkedid();
        PendingDial own = outbound.get(lid);
        if (own == null) {
            return;
        }
        if (leg.trunk() && !leg.up()) {
            out.tell(own.extension(), lid, Kind.OUTBOUND_FAILED, own.number(), CallLegs.reasonOf(cause));
        }
        String ext = leg.phone();
        if (ext != null && ext.equals(own.extension())) {
            out.tell(own.extension(), lid, Kind.OUTBOUND_ENDED, own.number(), cause);
            outbound.remove(lid);
        }
    }

    /** An Async Originate of an agent's call that failed before any leg answered (reason 5: the phone is busy). */
    void originated(AmiMessage m) {
        String id = m.actionId();
        if (id == null || "Success".equalsIgnoreCase(m.get("Response"))) {
            return;
        }
        for (PendingDial d : List.copyOf(dials.values())) {
            if (id.equals(d.actionId())) {
                dials.remove(d.extension());
                out.tell(d.extension(), m.get("Uniqueid", ""), Kind.OUTBOUND_FAILED, d.number(),
                        "5".equals(m.get("Reason")) ? "busy" : "no_answer");
            }
        }
    }

    /** Forgets requested calls whose first leg never came. */
    void sweep() {
        Instant cut = clock.instant().minus(DIAL_LIFE);
        dials.values().removeIf(d -> d.at().isBefore(cut));
    }

    /** Keeps only the outbound calls that still have a leg (after legs were swept). */
    void retain(Set<String> liveLinkedids) {
        outbound.keySet().removeIf(lid -> !liveLinkedids.contains(lid));
    }
}
