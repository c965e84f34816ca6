package cn.hotline12345.cti.matter.api;

import java.time.Instant;

/**
 * A file a handling unit attached to its handling of a matter (a scanned reply letter, a photo), without its bytes.
 *
 * @param mediaType what the server found the file to be by its first bytes (never what the uploader claimed)
 * @param sha256    hex digest of the content, to tell copies apart
 */
public record Attachment(long id, long matterId, String unitId, String unitName, String fileName, String mediaType,
                         int sizeBytes, String sha256, String uploadedBy, Instant createdAt) {
}
