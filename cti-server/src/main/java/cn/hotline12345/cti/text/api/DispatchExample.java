package cn.hotline12345.cti.text.api;

import java.time.Instant;

/**
 * One past dispatch of a matter (热线事项, hotline matter) to a handling unit (承办单位). A matter returned by one unit
 * and completed by another appears twice: once {@link DispatchOutcome#RETURNED} for the first, once
 * {@link DispatchOutcome#COMPLETED} for the second.
 *
 * @param matterId   the matter's id
 * @param createdAt  when the matter was opened (the evaluation splits history by this time)
 * @param text       subject and description
 * @param district   the district (区县) of the matter's location, may be null
 * @param category   the matter's category (咨询, 求助, 建议, 投诉, 举报, ...), may be null
 * @param unit       the handling unit it was dispatched to
 * @param outcome    how that dispatch ended
 */
public record DispatchExample(String matterId, Instant createdAt, String text, String district, String category,
                              String unit, DispatchOutcome outcome) {
}
