package cn.hotline12345.cti.call.api;

import java.time.Instant;

/**
 * The filters of the call log (GET /api/calls, /api/calls/export.csv), already checked. Null means "any".
 *
 * @param from         calls that started at or after this instant
 * @param to           ... and before this one
 * @param callerNorm   the caller profile's key of the number asked for (exact match on call.caller_number_norm)
 * @param agentExt     an agent's extension: the calls one of their phones (PJSIP/SIP/Local) took
 * @param agentIface   a member interface, exactly
 * @param pbxId        one PBX; with {@code agentExt} for an agent's own calls
 * @param matterNumber the calls linked to this matter (热线事项 number)
 * @param afterStarted cursor: calls strictly older than (afterStarted, afterId)
 */
public record CallLogQuery(Instant from, Instant to, String callerNorm, String agentExt, String agentIface,
                           String queue, String disposition, String pbxId, String matterNumber, Instant afterStarted,
                           long afterId, int limit) {
}
