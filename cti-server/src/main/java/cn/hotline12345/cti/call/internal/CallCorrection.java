package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.Disposition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the reconciler changes on a stored call row so that it says what Asterisk's records say ({@link
 * CallRebuilder.Rebuilt}). Pure. The rules:
 * <ul>
 *   <li>A disposition decided by people (not accepted under art. 19, a nuisance call) is never changed.</li>
 *   <li>An IVR-level outcome (the call never queued) is taken only when the stored row cannot know better: the row
 *   says the call queued or was answered, or its AMI history had a gap (end reason {@code pbx_link_lost} or
 *   {@code pbx_restart}, or never ended). Otherwise the IVR's own decision, seen on AMI, stands.</li>
 *   <li>answered and transferred_out are both "an agent answered": a row saying either stays when CEL says
 *   answered.</li>
 *   <li>Times differ only by more than {@link #TIME_TOLERANCE} (the AMI path stamps events when they arrive, Asterisk
 *   when they happen); waits and talk times are whole seconds in queue_log, so differences under a second are the
 *   same value.</li>
 *   <li>A talk time where the row had none is filled in without counting as a correction: the AMI writer never
 *   keeps it.</li>
 * </ul>
 */
public final class CallCorrection {

    static final Duration TIME_TOLERANCE = Duration.ofSeconds(2);
    private static final Set<String> PEOPLES = Set.of("not_accepted", "nuisance");
    private static final Set<String> ANSWERED_CLASS = Set.of("answered", "transferred_out");
    private static final Set<String> IVR_CLASS = Set.of("abandoned_in_ivr", "self_served", "failed", "transferred_out");
    private static final Set<String> GAP_REASONS = Set.of("pbx_link_lost", "pbx_restart");

    private CallCorrection() {
    }

    /** The call row as stored, the fields the reconciler compares. */
    public record Stored(long id, String linkedid, String disposition, String agent, String queue, Long queueWaitMs,
                         Long talkMs, String endReason, Instant answeredAt, Instant endedAt, Integer hangupCause,
                         Instant queueJoinedAt, java.time.OffsetDateTime updatedAt, String source) {
    }

    /** One field changed: from the stored value to Asterisk's, and which of Asterisk's records says so. */
    public record Change(String field, String from, String to, String source) {
    }

    /**
     * The changes for one call.
     *
     * @param changes every field to write
     * @param counts  whether this is a correction (false when only a missing talk time is filled in)
     */
    public record Result(List<Change> changes, boolean counts) {
        public Result {
            changes = List.copyOf(changes);
        }

        public boolean isEmpty() {
            return changes.isEmpty();
        }
    }

    public static Result diff(Stored s, CallRebuilder.Rebuilt r) {
        List<Change> out = new ArrayList<>();
        boolean gap = s.endedAt() == null || (s.endReason() != null && GAP_REASONS.contains(s.endReason()));
        String truth = r.disposition().dbName();
        String stored = s.disposition();
        boolean keepDisposition = stored != null && (PEOPLES.contains(stored)
                || stored.equals(truth)
                || (r.disposition() == Disposition.ANSWERED && ANSWERED_CLASS.contains(stored))
                || (r.ivrLevel() && IVR_CLASS.contains(stored) && !gap));
        if (!keepDisposition) {
            out.add(new Change("disposition", stored, truth, r.ivrLevel() ? "cel" : "queue_log"));
        }
        if (r.agent() != null && !r.agent().isEmpty() && !sameAgent(s.agent(), r.agent())) {
            out.add(new Change("agent", s.agent(), r.agent(), "queue_log"));
        }
        if (r.queue() != null && !r.queue().equals(s.queue())) {
            out.add(new Change("queue", s.queue(), r.queue(), "queue_log"));
        }
        if (r.queueWaitMs() != null && (s.queueWaitMs() == null || Math.abs(s.queueWaitMs() - r.queueWaitMs()) >= 1000)) {
            out.add(new Change("queue_wait_ms", str(s.queueWaitMs()), str(r.queueWaitMs()), "queue_log"));
        }
        if (r.queueJoinedAt() != null && differs(s.queueJoinedAt(), r.queueJoinedAt())) {
            out.add(new Change("queue_joined_at", str(s.queueJoinedAt()), str(r.queueJoinedAt()), "queue_log"));
        }
        if (r.answeredAt() != null && differs(s.answeredAt(), r.answeredAt())) {
            out.add(new Change("answered_at", str(s.answeredAt()), str(r.answeredAt()), "queue_log"));
        }
        if (r.endedAt() != null && differs(s.endedAt(), r.endedAt())) {
            out.add(new Change("ended_at", str(s.endedAt()), str(r.endedAt()), "cel"));
        }
        if (r.ended() && !"normal".equals(s.endReason())) {
            out.add(new Change("end_reason", s.endReason(), "normal", "cel"));
        }
        if (r.hangupCause() != null && !Objects.equals(s.hangupCause(), r.hangupCause())) {
            out.add(new Change("hangup_cause", str(s.hangupCause()), str(r.hangupCause()), "cel"));
        }
        boolean counts = !out.isEmpty();
        if (r.talkMs() != null && (s.talkMs() == null || Math.abs(s.talkMs() - r.talkMs()) >= 1000)) {
            out.add(new Change("talk_ms", str(s.talkMs()), str(r.talkMs()), "queue_log"));
            counts = counts || s.talkMs() != null;
        }
        return new Result(out, counts);
    }

    /** Same member: PJSIP/1001 = PJSIP/1001; a Local member with or without its /n. */
    static boolean sameAgent(String stored, String truth) {
        if (stored == null) {
            return false;
        }
        return strip(stored).equals(strip(truth));
    }

    private static String strip(String a) {
        return a.endsWith("/n") ? a.substring(0, a.length() - 2) : a;
    }

    private static boolean differs(Instant stored, Instant truth) {
        return stored == null || Duration.between(stored, truth).abs().compareTo(TIME_TOLERANCE) > 0;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
