package cn.hotline12345.cti.matter.api;

import java.time.Instant;

/**
 * A matter search; null fields do not filter.
 *
 * @param text   substring of number, subject or content
 * @param limit  at most this many (capped at 500)
 */
public record MatterQuery(MatterStatus status, MatterCategory category, MatterChannel channel, String unitId,
                          String contactNumberNorm, String text, Instant from, Instant to, int limit) {
}
