package cn.hotline12345.cti.matter.api;

import java.time.Instant;

/**
 * A revisit (回访) to make: the number to call belongs to the hotline's own outbound call and is raw here;
 * whoever shows it masks it.
 */
public record RevisitTask(long id, long matterId, String matterNumber, String contactNumber, String status,
                          Instant dueAt, int attempts) {
}
