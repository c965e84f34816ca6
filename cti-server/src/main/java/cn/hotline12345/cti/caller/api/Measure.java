package cn.hotline12345.cti.caller.api;

import cn.hotline12345.cti.privacy.api.PhoneMasking;

import java.time.Instant;
import java.util.List;

/**
 * A measure against a nuisance caller with its evidence and its review and appeal trail (art. 12, 34).
 *
 * @param numberNorm  the caller's normalised number (mask it before showing it)
 * @param evidence    the call ids the measure rests on
 * @param decidedBy   a user name, or {@code system:<rule>} for a rule's proposal
 * @param expiresAt   when it stops applying by itself; null only for measures that never expire
 * @param confirmedBy the supervisor who confirmed a proposal, null while it waits on the review list
 */
public record Measure(long id, String numberNorm, MeasureLevel level, String reason, List<Long> evidence,
                      String decidedBy, Instant startedAt, Instant expiresAt, Instant liftedAt, String liftedBy,
                      String liftReason, String confirmedBy, Instant confirmedAt, AppealStatus appealStatus,
                      String appealNote, Instant appealFiledAt, String appealDecidedBy, Instant appealDecidedAt) {

    public Measure {
        evidence = List.copyOf(evidence);
    }

    /** In force at that instant: not lifted, not expired. */
    public boolean activeAt(Instant now) {
        return liftedAt == null && (expiresAt == null || expiresAt.isAfter(now)) && !startedAt.isAfter(now);
    }

    /** Decided by a rule rather than a person. */
    public boolean proposedBySystem() {
        return decidedBy.startsWith("system:");
    }

    /** On the supervisor review list: in force and either unconfirmed or under a pending appeal. */
    public boolean awaitingSupervisor(Instant now) {
        return activeAt(now) && (confirmedAt == null || appealStatus == AppealStatus.PENDING);
    }

    @Override
    public String toString() {
        return "Measure[id=" + id + ", number=" + PhoneMasking.mask(numberNorm) + ", level=" + level
                + ", decidedBy=" + decidedBy + ", startedAt=" + startedAt + ", expiresAt=" + expiresAt
                + ", liftedAt=" + liftedAt + ", appeal=" + appealStatus + "]";
    }
}
