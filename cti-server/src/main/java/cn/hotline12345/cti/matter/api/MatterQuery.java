package cn.hotline12345.cti.matter.api;

import java.time.Instant;

/**
 * A matter search; null fields do not filter.
 *
 * @param text                substring of number, subject or content
 * @param limit               at most this many (capped at 500)
 * @param confidentialTakenBy when set, confidential matters appear only if this user took them (an agent's
 *                            search: art. 11, issue 20 item 9); null: no such restriction
 */
public record MatterQuery(MatterStatus status, MatterCategory category, MatterChannel channel, String unitId,
                          String contactNumberNorm, String text, Instant from, Instant to, int limit,
                          String confidentialTakenBy) {

    /** Without the confidentiality restriction. */
    public MatterQuery(MatterStatus status, MatterCategory category, MatterChannel channel, String unitId,
                       String contactNumberNorm, String text, Instant from, Instant to, int limit) {
        this(status, category, channel, unitId, contactNumberNorm, text, from, to, limit, null);
    }
}
