package cn.hotline12345.cti.telephony.routing;

import java.time.Instant;

/** A promise to call a caller back (table {@code callback_request}). */
public record CallbackRequest(long id, String pbxId, String linkedid, String number, String queue, int priority,
                              Instant requestedAt, String status, int attempts) {
}
