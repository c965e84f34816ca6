package cn.hotline12345.cti.privacy.api;

import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.platform.db.Db;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.Map;

/**
 * The only way to a caller's full number for a person: it needs the unmask right and a stated reason, and
 * writes an audit entry (who, when, why, which number) before the number is handed out (art. 7, 13).
 */
public final class Unmasker {

    /** Reasons shorter than this are not reasons ("x", "ok"). */
    public static final int MIN_REASON = 4;
    public static final int MAX_REASON = 500;

    private final Db db;
    private final AuditRepository audit;
    private final Clock clock;

    public Unmasker(Db db, AuditRepository audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Audits and returns the full number.
     *
     * @param normalisedNumber the number to reveal (already normalised: it is also the audit subject)
     * @param purpose          where it is shown, e.g. {@code caller-profile}, {@code matter:12}
     * @return the number, once the audit entry is committed; fails with {@link PrivacyException} when the
     *         viewer may not unmask or gave no reason
     */
    public Future<String> unmask(Staff viewer, String normalisedNumber, String reason, String purpose) {
        try {
            check(viewer, normalisedNumber, reason);
        } catch (PrivacyException e) {
            return Future.failedFuture(e);
        }
        AuditEntry entry = AuditEntry.of(clock.instant(), viewer.username(), "unmask", "caller:" + normalisedNumber,
                reason.strip(), Map.of("purpose", purpose == null ? "" : purpose, "role", viewer.role().name()));
        return db.query(dsl -> audit.append(dsl, entry)).map(id -> normalisedNumber);
    }

    private static void check(Staff viewer, String number, String reason) {
        if (viewer == null || !viewer.canUnmask() || viewer.role() == StaffRole.SYSTEM) {
            throw new PrivacyException(Refusal.Kind.FORBIDDEN, "this user has no right to see full numbers");
        }
        if (number == null || number.isBlank()) {
            throw new PrivacyException(Refusal.Kind.INVALID, "no number to unmask");
        }
        if (reason == null || reason.strip().length() < MIN_REASON) {
            throw new PrivacyException(Refusal.Kind.INVALID,
                    "a reason of at least " + MIN_REASON + " characters is required to see a full number");
        }
        if (reason.length() > MAX_REASON) {
            throw new PrivacyException(Refusal.Kind.INVALID,
                    "the reason is longer than " + MAX_REASON + " characters");
        }
    }
}
