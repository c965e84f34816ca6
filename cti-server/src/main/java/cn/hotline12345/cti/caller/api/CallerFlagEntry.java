package cn.hotline12345.cti.caller.api;

import java.time.Instant;

/**
 * A flag on a caller: an agent's (harassment, insult, threat, with a note) or a signal's.
 *
 * @param flaggedBy a user name, or {@code system:<rule>}
 * @param callId    the call it was raised on, when known
 */
public record CallerFlagEntry(long id, FlagKind kind, String note, String flaggedBy, Instant at, Long callId) {
}
