package cn.hotline12345.cti.privacy.api;

import java.time.Instant;

/**
 * A search of the audit log; null fields do not filter.
 *
 * @param subject exact subject (e.g. {@code caller:13800138000})
 * @param limit   1..1000
 */
public record AuditQuery(String subject, String actor, String action, Instant from, Instant to, int limit) {

    public AuditQuery {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000, got " + limit);
        }
    }
}
