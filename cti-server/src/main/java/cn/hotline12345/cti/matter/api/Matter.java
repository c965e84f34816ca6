package cn.hotline12345.cti.matter.api;


import cn.hotline12345.cti.matter.internal.MatterService;
import java.time.Instant;
import java.util.List;

/**
 * 热线事项 = hotline matter: what a citizen, company or organisation asks of the hotline (art. 2, 10),
 * from intake to closing. Immutable; changes go through {@link MatterService} and friends, which build
 * the next value with {@link #toBuilder()}.
 *
 * @param id database id
 * @param number human-readable number, e.g. WF2026112700001
 * @param area county/district name
 * @param place where it happens (事发地), null when there is none
 * @param address the concrete address (required where there is a place, art. 11)
 * @param hasPlace whether the matter concerns a place
 * @param contactNumber as given
 * @param contactNumberNorm normalised for lookups
 * @param confidential the reporter asked for confidentiality (art. 11)
 * @param statusBefore the state before the last pending review (termination)
 * @param properChannel the channel told to the caller (art. 19)
 * @param answer the answer given on the spot
 * @param reply the unit's reply
 * @param deadlineAt end of the last working day allowed
 * @param workingDays the working days the deadline was computed with
 * @param units lead and co-handling units
 * @param noReturn assigned by the hotline: the unit may not return it (art. 22)
 * @param takenBy the agent who took it
 * @param satisfaction the last revisit's rating
 * @param version optimistic lock
 * @param deadlineProvisional the deadline counts days of a year whose holiday arrangement was not confirmed when it
 *                            was computed (V92): it may be wrong by the make-up days still to be published
 */
public record Matter(long id,
                     String number,
                     MatterChannel channel,
                     MatterCategory category,
                     String subject,
                     String content,
                     String area,
                     String place,
                     String address,
                     boolean hasPlace,
                     String contactName,
                     String contactNumber,
                     String contactNumberNorm,
                     boolean confidential,
                     Urgency urgency,
                     MatterStatus status,
                     MatterStatus statusBefore,
                     NotAcceptedReason notAcceptedReason,
                     String properChannel,
                     String answer,
                     String reply,
                     Instant deadlineAt,
                     Integer workingDays,
                     String leadUnitId,
                     List<MatterUnit> units,
                     boolean noReturn,
                     String takenBy,
                     String ivrPath,
                     String originPbxId,
                     String originLinkedid,
                     Instant createdAt,
                     Instant updatedAt,
                     Instant acceptedAt,
                     Instant dispatchedAt,
                     Instant repliedAt,
                     Instant closedAt,
                     Satisfaction satisfaction,
                     int reopenCount,
                     int returnedCount,
                     boolean escalated,
                     int version,
                     boolean deadlineProvisional) {

    public Matter {
        units = units == null ? List.of() : List.copyOf(units);
    }

    /** The lead unit and the co-handling units. */
    public boolean involvesUnit(String unitId) {
        return units.stream().anyMatch(u -> u.unitId().equals(unitId));
    }

    /**
     * What a handling unit may see: for a confidential matter the reporter's name and number are
     * removed (not masked) and numbers in the free text are masked (art. 11).
     */
    public Matter forUnit() {
        if (!confidential) {
            return this;
        }
        Builder b = toBuilder().contactName(null).contactNumber(null).contactNumberNorm(null);
        b.subject(Redaction.redact(subject, contactName, contactNumber));
        b.content(Redaction.redact(content, contactName, contactNumber));
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        Matter m = this;
            b.id = m.id;
            b.number = m.number;
            b.channel = m.channel;
            b.category = m.category;
            b.subject = m.subject;
            b.content = m.content;
            b.area = m.area;
            b.place = m.place;
            b.address = m.address;
            b.hasPlace = m.hasPlace;
            b.contactName = m.contactName;
            b.contactNumber = m.contactNumber;
            b.contactNumberNorm = m.contactNumberNorm;
            b.confidential = m.confidential;
            b.urgency = m.urgency;
            b.status = m.status;
            b.statusBefore = m.statusBefore;
            b.notAcceptedReason = m.notAcceptedReason;
            b.properChannel = m.properChannel;
            b.answer = m.answer;
            b.reply = m.reply;
            b.deadlineAt = m.deadlineAt;
            b.workingDays = m.workingDays;
            b.leadUnitId = m.leadUnitId;
            b.units = m.units;
            b.noReturn = m.noReturn;
            b.takenBy = m.takenBy;
            b.ivrPath = m.ivrPath;
            b.originPbxId = m.originPbxId;
            b.originLinkedid = m.originLinkedid;
            b.createdAt = m.createdAt;
            b.updatedAt = m.updatedAt;
            b.acceptedAt = m.acceptedAt;
            b.dispatchedAt = m.dispatchedAt;
            b.repliedAt = m.repliedAt;
            b.closedAt = m.closedAt;
            b.satisfaction = m.satisfaction;
            b.reopenCount = m.reopenCount;
            b.returnedCount = m.returnedCount;
            b.escalated = m.escalated;
            b.version = m.version;
            b.deadlineProvisional = m.deadlineProvisional;
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds the next value of a matter. */
    public static final class Builder {
        private long id;
        private String number;
        private MatterChannel channel;
        private MatterCategory category;
        private String subject;
        private String content;
        private String area;
        private String place;
        private String address;
        private boolean hasPlace;
        private String contactName;
        private String contactNumber;
        private String contactNumberNorm;
        private boolean confidential;
        private Urgency urgency;
        private MatterStatus status;
        private MatterStatus statusBefore;
        private NotAcceptedReason notAcceptedReason;
        private String properChannel;
        private String answer;
        private String reply;
        private Instant deadlineAt;
        private boolean deadlineProvisional;
        private Integer workingDays;
        private String leadUnitId;
        private List<MatterUnit> units;
        private boolean noReturn;
        private String takenBy;
        private String ivrPath;
        private String originPbxId;
        private String originLinkedid;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant acceptedAt;
        private Instant dispatchedAt;
        private Instant repliedAt;
        private Instant closedAt;
        private Satisfaction satisfaction;
        private int reopenCount;
        private int returnedCount;
        private boolean escalated;
        private int version;

        public Builder id(long v) {
            this.id = v;
            return this;
        }

        public Builder number(String v) {
            this.number = v;
            return this;
        }

        public Builder channel(MatterChannel v) {
            this.channel = v;
            return this;
        }

        public Builder category(MatterCategory v) {
            this.category = v;
            return this;
        }

        public Builder subject(String v) {
            this.subject = v;
            return this;
        }

        public Builder content(String v) {
            this.content = v;
            return this;
        }

        public Builder area(String v) {
            this.area = v;
            return this;
        }

        public Builder place(String v) {
            this.place = v;
            return this;
        }

        public Builder address(String v) {
            this.address = v;
            return this;
        }

        public Builder hasPlace(boolean v) {
            this.hasPlace = v;
            return this;
        }

        public Builder contactName(String v) {
            this.contactName = v;
            return this;
        }

        public Builder contactNumber(String v) {
            this.contactNumber = v;
            return this;
        }

        public Builder contactNumberNorm(String v) {
            this.contactNumberNorm = v;
            return this;
        }

        public Builder confidential(boolean v) {
            this.confidential = v;
            return this;
        }

        public Builder urgency(Urgency v) {
            this.urgency = v;
            return this;
        }

        public Builder status(MatterStatus v) {
            this.status = v;
            return this;
        }

        public Builder statusBefore(MatterStatus v) {
            this.statusBefore = v;
            return this;
        }

        public Builder notAcceptedReason(NotAcceptedReason v) {
            this.notAcceptedReason = v;
            return this;
        }

        public Builder properChannel(String v) {
            this.properChannel = v;
            return this;
        }

        public Builder answer(String v) {
            this.answer = v;
            return this;
        }

        public Builder reply(String v) {
            this.reply = v;
            return this;
        }

        public Builder deadlineProvisional(boolean v) {
            this.deadlineProvisional = v;
            return this;
        }

        public Builder deadlineAt(Instant v) {
            this.deadlineAt = v;
            return this;
        }

        public Builder workingDays(Integer v) {
            this.workingDays = v;
            return this;
        }

        public Builder leadUnitId(String v) {
            this.leadUnitId = v;
            return this;
        }

        public Builder units(List<MatterUnit> v) {
            this.units = v;
            return this;
        }

        public Builder noReturn(boolean v) {
            this.noReturn = v;
            return this;
        }

        public Builder takenBy(String v) {
            this.takenBy = v;
            return this;
        }

        public Builder ivrPath(String v) {
            this.ivrPath = v;
            return this;
        }

        public Builder originPbxId(String v) {
            this.originPbxId = v;
            return this;
        }

        public Builder originLinkedid(String v) {
            this.originLinkedid = v;
            return this;
        }

        public Builder createdAt(Instant v) {
            this.createdAt = v;
            return this;
        }

        public Builder updatedAt(Instant v) {
            this.updatedAt = v;
            return this;
        }

        public Builder acceptedAt(Instant v) {
            this.acceptedAt = v;
            return this;
        }

        public Builder dispatchedAt(Instant v) {
            this.dispatchedAt = v;
            return this;
        }

        public Builder repliedAt(Instant v) {
            this.repliedAt = v;
            return this;
        }

        public Builder closedAt(Instant v) {
            this.closedAt = v;
            return this;
        }

        public Builder satisfaction(Satisfaction v) {
            this.satisfaction = v;
            return this;
        }

        public Builder reopenCount(int v) {
            this.reopenCount = v;
            return this;
        }

        public Builder returnedCount(int v) {
            this.returnedCount = v;
            return this;
        }

        public Builder escalated(boolean v) {
            this.escalated = v;
            return this;
        }

        public Builder version(int v) {
            this.version = v;
            return this;
        }

        public long id() {
            return id;
        }

        public String contactName() {
            return contactName;
        }

        public String contactNumber() {
            return contactNumber;
        }

        public boolean confidential() {
            return confidential;
        }

        public MatterStatus status() {
            return status;
        }

        public Instant deadlineAt() {
            return deadlineAt;
        }

        public Matter build() {
            return new Matter(id, number, channel, category, subject, content, area, place, address, hasPlace, contactName, contactNumber, contactNumberNorm, confidential, urgency, status, statusBefore, notAcceptedReason, properChannel, answer, reply, deadlineAt, workingDays, leadUnitId, units, noReturn, takenBy, ivrPath, originPbxId, originLinkedid, createdAt, updatedAt, acceptedAt, dispatchedAt, repliedAt, closedAt, satisfaction, reopenCount, returnedCount, escalated, version, deadlineProvisional);
        }
    }
}
