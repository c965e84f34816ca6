package cn.hotline12345.cti.matter.api;

import cn.hotline12345.cti.call.api.CallKey;

import java.time.Instant;

/**
 * A post-call satisfaction rating (art. 14, 15): of the agent who took the call and of its matter.
 *
 * @param callKey  the rated call (one rating per call)
 * @param matterId the matter of the call, if known (else null)
 * @param rating   satisfied / basically satisfied / dissatisfied
 * @param agent    the rated agent, may be null
 */
public record SurveyRecord(CallKey callKey, Long matterId, Satisfaction rating, String agent, Instant at) {
}
