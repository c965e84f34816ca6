package cn.hotline12345.cti.matter.api;

import cn.hotline12345.cti.call.api.CallKey;

import java.time.Instant;

/**
 * What is known when a call reaches an agent, to open the draft matter the screen pop carries.
 *
 * @param callKey          the call (idempotence key: one draft per call)
 * @param callId           the call table's id when the call row already exists, else null
 * @param callerNumber     as presented
 * @param callerNumberNorm normalised (the caller profile's key)
 * @param callerName       from the caller profile, may be null
 * @param ivrPath          the IVR path (e.g. {@code menu>4}), may be null
 * @param ivrCategory      the category chosen in the IVR (see {@link MatterCategory#fromIvrChoice}), may be null
 * @param agent            the agent (queue member interface or user name) the call reaches
 * @param at               when the call reached the agent
 */
public record DraftFromCall(CallKey callKey, Long callId, String callerNumber, String callerNumberNorm,
                            String callerName, String ivrPath, String ivrCategory, String agent, Instant at) {
}
