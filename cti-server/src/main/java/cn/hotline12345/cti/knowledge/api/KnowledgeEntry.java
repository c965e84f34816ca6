package cn.hotline12345.cti.knowledge.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * 知识库条目 = knowledge-base entry (art. 31, 38): laws, policies, cases and public information for answering
 * consultations, kept current by the units. Valid from {@code validFrom} to {@code validTo} inclusive
 * (null: open-ended).
 *
 * @param ivrTopic the IVR topic menu's key whose answer this entry is (1 社会保险与医疗保险, 2 住房公积金,
 *                 3 户籍与证件办理, 4 教育入学, 5 水电气暖: hotline.yaml's knowledge-topics); null for agents only
 */
public record KnowledgeEntry(long id, String title, String body, List<String> tags, String sourceUnit,
                             LocalDate validFrom, LocalDate validTo, Instant createdAt, Instant updatedAt,
                             Integer ivrTopic) {

    /** The IVR topics the hotline flow's menu offers. */
    public static final int MAX_IVR_TOPIC = 5;

    public KnowledgeEntry {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** An entry for agents only (no IVR topic). */
    public KnowledgeEntry(long id, String title, String body, List<String> tags, String sourceUnit,
                          LocalDate validFrom, LocalDate validTo, Instant createdAt, Instant updatedAt) {
        this(id, title, body, tags, sourceUnit, validFrom, validTo, createdAt, updatedAt, null);
    }

    public boolean validOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
    }
}
