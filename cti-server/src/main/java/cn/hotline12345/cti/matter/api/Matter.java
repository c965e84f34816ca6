package cn.hotline12345.cti.matter.api;

import java.time.Instant;
import java.util.List;

/**
 * 热线事项 = hotline matter: what a citizen, company or organisation asks of the hotline (art. 2, 10),
 * from intake to closing. Immutable; the matter slice's services build the next value with {@link #toBuilder()}.
 * Its facts come in value parts ({@link Reporter}, {@link Location}, {@link Deadline}, {@link Assignment},
 * {@link Origin}, {@link Timeline}, {@link Outcome}); the flat accessors ({@code contactName()}, {@code deadlineAt()},
 * ...) read through them, so a caller that needs one fact need not know the part.
 *
 * @param id database id
 * @param number human-readable number, e.g. WF2026112700001
 * @param statusBefore the state before the last pending review (termination)
 * @param properChannel the channel told to the caller (art. 19)
 * @param answer the answer given on the spot
 * @param reply the unit's reply
 * @param version optimistic lock
 */
public record Matter(long id,
                     String number,
                     MatterChannel channel,
                     MatterCategory category,
                     String subject,
                     String content,
                     Reporter reporter,
                     Location location,
                     Urgency urgency,
                     MatterStatus status,
                     MatterStatus statusBefore,
                     NotAcceptedReason notAcceptedReason,
                     String properChannel,
                     String answer,
                     String reply,
                     Deadline deadline,
                     Assignment assignment,
                     Origin origin,
                     Timeline timeline,
                     Outcome outcome,
                     int version) {

    public Matter {
        reporter = reporter == null ? Reporter.NONE : reporter;
        location = location == null ? Location.NONE : location;
        deadline = deadline == null ? Deadline.NONE : deadline;
        assignment = assignment == null ? Assignment.NONE : assignment;
        origin = origin == null ? Origin.NONE : origin;
        timeline = timeline == null ? Timeline.NONE : timeline;
        outcome = outcome == null ? Outcome.NONE : outcome;
    }

    /** Who asked (art. 11: a confidential reporter's name and number never reach a unit). */
    public record Reporter(String name, String number, String numberNorm, boolean confidential) {
        public static final Reporter NONE = new Reporter(null, null, null, false);
    }

    /** Where it happens: county/district, the place (事发地), the concrete address (art. 11). */
    public record Location(String area, String place, String address, boolean hasPlace) {
        public static final Location NONE = new Location(null, null, null, false);
    }

    /** The handling deadline: end of the last working day allowed, the working days it was computed with, and whether it counts days of a year whose holiday arrangement was unconfirmed (V92). */
    public record Deadline(Instant at, Integer workingDays, boolean provisional) {
        public static final Deadline NONE = new Deadline(null, null, false);
    }

    /** Who handles it: the lead unit, lead and co-handling units, and whether the unit may return it (art. 22). */
    public record Assignment(String leadUnitId, List<MatterUnit> units, boolean noReturn) {
        public static final Assignment NONE = new Assignment(null, null, false);

        public Assignment {
            units = units == null ? List.of() : List.copyOf(units);
        }
    }

    /** Where it came from: the agent who took it, the caller's IVR path, the call (PBX and linkedid). */
    public record Origin(String takenBy, String ivrPath, String pbxId, String linkedid) {
        public static final Origin NONE = new Origin(null, null, null, null);
    }

    /** When it moved: created, last updated, accepted, dispatched, replied, closed. */
    public record Timeline(Instant createdAt, Instant updatedAt, Instant acceptedAt, Instant dispatchedAt, Instant repliedAt, Instant closedAt) {
        public static final Timeline NONE = new Timeline(null, null, null, null, null, null);
    }

    /** How it went: the last revisit's rating, reopened and returned counts, escalated. */
    public record Outcome(Satisfaction satisfaction, int reopenCount, int returnedCount, boolean escalated) {
        public static final Outcome NONE = new Outcome(null, 0, 0, false);
    }

    /** The lead unit and the co-handling units. */
    public boolean involvesUnit(String unitId) {
        return units().stream().anyMatch(u -> u.unitId().equals(unitId));
    }

    /**
     * What a handling unit may see: for a confidential matter the reporter's name and number are
     * removed (not masked) and numbers in the free text are masked (art. 11).
     */
    public Matter forUnit() {
        if (!confidential()) {
            return this;
        }
        MatterBuilder b = toBuilder().contactName(null).contactNumber(null).contactNumberNorm(null);
        b.subject(Redaction.redact(subject, reporter.name(), reporter.number()));
        b.content(Redaction.redact(content, reporter.name(), reporter.number()));
        return b.build();
    }

    public MatterBuilder toBuilder() {
        return MatterBuilder.of(this);
    }

    public static MatterBuilder builder() {
        return new MatterBuilder();
    }

    // ------------------------------------------------------------------ one fact at a time, through its part

    public String contactName() {
        return reporter.name();
    }

    public String contactNumber() {
        return reporter.number();
    }

    public String contactNumberNorm() {
        return reporter.numberNorm();
    }

    public boolean confidential() {
        return reporter.confidential();
    }

    public String area() {
        return location.area();
    }

    public String place() {
        return location.place();
    }

    public String address() {
        return location.address();
    }

    public boolean hasPlace() {
        return location.hasPlace();
    }

    public Instant deadlineAt() {
        return deadline.at();
    }

    public Integer workingDays() {
        return deadline.workingDays();
    }

    public boolean deadlineProvisional() {
        return deadline.provisional();
    }

    public String leadUnitId() {
        return assignment.leadUnitId();
    }

    public List<MatterUnit> units() {
        return assignment.units();
    }

    public boolean noReturn() {
        return assignment.noReturn();
    }

    public String takenBy() {
        return origin.takenBy();
    }

    public String ivrPath() {
        return origin.ivrPath();
    }

    public String originPbxId() {
        return origin.pbxId();
    }

    public String originLinkedid() {
        return origin.linkedid();
    }

    public Instant createdAt() {
        return timeline.createdAt();
    }

    public Instant updatedAt() {
        return timeline.updatedAt();
    }

    public Instant acceptedAt() {
        return timeline.acceptedAt();
    }

    public Instant dispatchedAt() {
        return timeline.dispatchedAt();
    }

    public Instant repliedAt() {
        return timeline.repliedAt();
    }

    public Instant closedAt() {
        return timeline.closedAt();
    }

    public Satisfaction satisfaction() {
        return outcome.satisfaction();
    }

    public int reopenCount() {
        return outcome.reopenCount();
    }

    public int returnedCount() {
        return outcome.returnedCount();
    }

    public boolean escalated() {
        return outcome.escalated();
    }
}
