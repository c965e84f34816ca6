package cn.hotline12345.cti.caller.api;

import cn.hotline12345.cti.call.api.CallKey;

import java.time.Duration;
import java.time.Instant;

/**
 * What the call tracker tells the profile when a call ends.
 *
 * @param callId     the call row's id when it is written already, else null
 * @param answeredAt null if no agent answered
 * @param matterId   the matter the call produced or was linked to, null if none
 * @param silent     the caller said nothing (the IVR or the agent detected a silent call)
 */
public record CallEnd(CallKey key, String rawNumber, Long callId, Instant startedAt, Instant answeredAt,
                      Instant endedAt, Long matterId, boolean silent) {

    /** Time on the line with an agent; zero when unanswered. */
    public Duration talkTime() {
        return answeredAt == null || endedAt == null || endedAt.isBefore(answeredAt)
                ? Duration.ZERO : Duration.between(answeredAt, endedAt);
    }

    @Override
    public String toString() {
        return "CallEnd[" + key + ", " + PhoneNumbers.normalise(rawNumber).masked() + "]";
    }
}
