package cn.hotline12345.cti.text.api;

import java.time.Instant;

/**
 * An open matter in the {@link SimilarMatters} index, or a new one asked about.
 *
 * @param id           the matter's id
 * @param createdAt    when opened, may be null
 * @param text         subject and description
 * @param district     district (区县) of its location, may be null
 * @param address      the location as recorded (事发地址: estate, road, crossing, company), may be null; its places
 *                     count like places named in the text
 * @param callerNumber the caller's number, may be null (compared only for equality, never returned)
 * @param reporterName the reporter's name as given, may be null (compared only for equality, never returned)
 */
public record OpenMatter(String id, Instant createdAt, String text, String district, String address, String callerNumber,
                         String reporterName) {
}
