package cn.hotline12345.cti.matter.api;

import java.time.Instant;

/** A handling unit's part in one matter: lead or co-handling (art. 22), and when it signed for it. */
public record MatterUnit(String unitId, String unitName, UnitRole role, Instant signedAt) {
}
