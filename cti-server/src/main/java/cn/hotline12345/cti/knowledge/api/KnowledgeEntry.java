package cn.hotline12345.cti.knowledge.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * 知识库条目 = knowledge-base entry (art. 31, 38): laws, policies, cases and public information for answering
 * consultations, kept current by the units. Valid from {@code validFrom} to {@code validTo} inclusive
 * (null: open-ended).
 */
public record KnowledgeEntry(long id, String title, String body, List<String> tags, String sourceUnit,
                             LocalDate validFrom, LocalDate validTo, Instant createdAt, Instant updatedAt) {

    public KnowledgeEntry {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public boolean validOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
    }
}
