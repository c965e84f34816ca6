package cn.hotline12345.cti.matter.api;

import java.time.Instant;

/**
 * One unit's share of a matter (art. 22): the lead unit's (主办) or a co-handling unit's (协办), with when it signed
 * for it and, for a co-handling unit, its own reply to the lead (the lead's reply is the matter's).
 */
public record UnitShare(String unitId, String unitName, UnitRole role, Instant signedAt, String reply,
                        Instant repliedAt) {
}
