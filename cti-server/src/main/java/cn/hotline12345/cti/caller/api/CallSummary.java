package cn.hotline12345.cti.caller.api;

import java.time.Instant;

/**
 * One earlier call of a caller, as the profile shows it.
 *
 * @param disposition the call's outcome in the database spelling (answered, abandoned_in_queue, ...), null
 *                    while the call is running
 * @param matterId    the matter the call was about, when known
 */
public record CallSummary(long callId, String pbxId, String linkedid, Instant startedAt, Instant answeredAt,
                          Instant endedAt, String disposition, String agent, Long matterId) {
}
