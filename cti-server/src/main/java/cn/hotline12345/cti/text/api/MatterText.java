package cn.hotline12345.cti.text.api;

import java.time.Instant;

/**
 * A matter as hot-topic clustering sees it.
 *
 * @param id        the matter's id
 * @param createdAt when it was opened (decides the window it belongs to)
 * @param text      subject and description
 * @param district  the district (区县) of its location, may be null
 * @param unit      the handling unit it went to, may be null
 */
public record MatterText(String id, Instant createdAt, String text, String district, String unit) {
}
