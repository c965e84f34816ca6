package cn.hotline12345.cti.matter.api;

import java.time.Instant;

/** One line of a matter list (search results, screen pop, repeat-caller recognition). */
public record MatterSummary(long id, String number, MatterCategory category, MatterStatus status, String subject,
                            String area, String leadUnitId, String leadUnitName, Instant deadlineAt,
                            Instant createdAt, boolean confidential, String contactNumberNorm) {
}
