package cn.hotline12345.cti.privacy.api;

import java.time.Instant;
import java.util.Map;

/**
 * One line of the audit log: who saw or changed personal data, when, why (art. 7, 13).
 *
 * @param id      the row id (0 before it is written)
 * @param subject what it is about, e.g. {@code caller:13800138000}, {@code measure:12}; full numbers are kept
 *                here (the audit log is itself protected) and masked whenever an entry is shown or exported
 * @param detail  small key/value facts (stored as JSON)
 */
public record AuditEntry(long id, Instant at, String actor, String action, String subject, String reason,
                         Map<String, String> detail) {

    public AuditEntry {
        detail = Map.copyOf(detail);
    }

    public static AuditEntry of(Instant at, String actor, String action, String subject, String reason,
                                Map<String, String> detail) {
        return new AuditEntry(0, at, actor, action, subject, reason, detail);
    }

    /** The entry as it may be shown or exported: numbers in subject, reason and detail masked. */
    public AuditEntry masked() {
        java.util.Map<String, String> d = new java.util.TreeMap<>();
        detail.forEach((k, v) -> d.put(k, PhoneMasking.maskInText(v)));
        return new AuditEntry(id, at, actor, action, PhoneMasking.maskInText(subject), PhoneMasking.maskInText(reason), d);
    }

    @Override
    public String toString() {
        AuditEntry m = masked();
        return "AuditEntry[" + m.id + " " + m.at + " " + m.actor + " " + m.action + " " + m.subject + "]";
    }
}
