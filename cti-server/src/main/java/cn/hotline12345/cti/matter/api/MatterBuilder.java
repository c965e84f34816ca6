package cn.hotline12345.cti.matter.api;

import java.time.Instant;
import java.util.List;

/** Builds the next value of a {@link Matter}, one fact at a time (the parts are put together in {@link #build()}). */
public final class MatterBuilder {
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
    private boolean deadlineProvisional;

    MatterBuilder() {
    }

    static MatterBuilder of(Matter m) {
        MatterBuilder b = new MatterBuilder();
        b.id = m.id();
        b.number = m.number();
        b.channel = m.channel();
        b.category = m.category();
        b.subject = m.subject();
        b.content = m.content();
        b.area = m.area();
        b.place = m.place();
        b.address = m.address();
        b.hasPlace = m.hasPlace();
        b.contactName = m.contactName();
        b.contactNumber = m.contactNumber();
        b.contactNumberNorm = m.contactNumberNorm();
        b.confidential = m.confidential();
        b.urgency = m.urgency();
        b.status = m.status();
        b.statusBefore = m.statusBefore();
        b.notAcceptedReason = m.notAcceptedReason();
        b.properChannel = m.properChannel();
        b.answer = m.answer();
        b.reply = m.reply();
        b.deadlineAt = m.deadlineAt();
        b.workingDays = m.workingDays();
        b.leadUnitId = m.leadUnitId();
        b.units = m.units();
        b.noReturn = m.noReturn();
        b.takenBy = m.takenBy();
        b.ivrPath = m.ivrPath();
        b.originPbxId = m.originPbxId();
        b.originLinkedid = m.originLinkedid();
        b.createdAt = m.createdAt();
        b.updatedAt = m.updatedAt();
        b.acceptedAt = m.acceptedAt();
        b.dispatchedAt = m.dispatchedAt();
        b.repliedAt = m.repliedAt();
        b.closedAt = m.closedAt();
        b.satisfaction = m.satisfaction();
        b.reopenCount = m.reopenCount();
        b.returnedCount = m.returnedCount();
        b.escalated = m.escalated();
        b.version = m.version();
        b.deadlineProvisional = m.deadlineProvisional();
        return b;
    }

    public MatterBuilder id(long v) {
        this.id = v;
        return this;
    }

    public MatterBuilder number(String v) {
        this.number = v;
        return this;
    }

    public MatterBuilder channel(MatterChannel v) {
        this.channel = v;
        return this;
    }

    public MatterBuilder category(MatterCategory v) {
        this.category = v;
        return this;
    }

    public MatterBuilder subject(String v) {
        this.subject = v;
        return this;
    }

    public MatterBuilder content(String v) {
        this.content = v;
        return this;
    }

    public MatterBuilder area(String v) {
        this.area = v;
        return this;
    }

    public MatterBuilder place(String v) {
        this.place = v;
        return this;
    }

    public MatterBuilder address(String v) {
        this.address = v;
        return this;
    }

    public MatterBuilder hasPlace(boolean v) {
        this.hasPlace = v;
        return this;
    }

    public MatterBuilder contactName(String v) {
        this.contactName = v;
        return this;
    }

    public MatterBuilder contactNumber(String v) {
        this.contactNumber = v;
        return this;
    }

    public MatterBuilder contactNumberNorm(String v) {
        this.contactNumberNorm = v;
        return this;
    }

    public MatterBuilder confidential(boolean v) {
        this.confidential = v;
        return this;
    }

    public MatterBuilder urgency(Urgency v) {
        this.urgency = v;
        return this;
    }

    public MatterBuilder status(MatterStatus v) {
        this.status = v;
        return this;
    }

    public MatterBuilder statusBefore(MatterStatus v) {
        this.statusBefore = v;
        return this;
    }

    public MatterBuilder notAcceptedReason(NotAcceptedReason v) {
        this.notAcceptedReason = v;
        return this;
    }

    public MatterBuilder properChannel(String v) {
        this.properChannel = v;
        return this;
    }

    public MatterBuilder answer(String v) {
        this.answer = v;
        return this;
    }

    public MatterBuilder reply(String v) {
        this.reply = v;
        return this;
    }

    public MatterBuilder deadlineAt(Instant v) {
        this.deadlineAt = v;
        return this;
    }

    public MatterBuilder workingDays(Integer v) {
        this.workingDays = v;
        return this;
    }

    public MatterBuilder leadUnitId(String v) {
        this.leadUnitId = v;
        return this;
    }

    public MatterBuilder units(List<MatterUnit> v) {
        this.units = v;
        return this;
    }

    public MatterBuilder noReturn(boolean v) {
        this.noReturn = v;
        return this;
    }

    public MatterBuilder takenBy(String v) {
        this.takenBy = v;
        return this;
    }

    public MatterBuilder ivrPath(String v) {
        this.ivrPath = v;
        return this;
    }

    public MatterBuilder originPbxId(String v) {
        this.originPbxId = v;
        return this;
    }

    public MatterBuilder originLinkedid(String v) {
        this.originLinkedid = v;
        return this;
    }

    public MatterBuilder createdAt(Instant v) {
        this.createdAt = v;
        return this;
    }

    public MatterBuilder updatedAt(Instant v) {
        this.updatedAt = v;
        return this;
    }

    public MatterBuilder acceptedAt(Instant v) {
        this.acceptedAt = v;
        return this;
    }

    public MatterBuilder dispatchedAt(Instant v) {
        this.dispatchedAt = v;
        return this;
    }

    public MatterBuilder repliedAt(Instant v) {
        this.repliedAt = v;
        return this;
    }

    public MatterBuilder closedAt(Instant v) {
        this.closedAt = v;
        return this;
    }

    public MatterBuilder satisfaction(Satisfaction v) {
        this.satisfaction = v;
        return this;
    }

    public MatterBuilder reopenCount(int v) {
        this.reopenCount = v;
        return this;
    }

    public MatterBuilder returnedCount(int v) {
        this.returnedCount = v;
        return this;
    }

    public MatterBuilder escalated(boolean v) {
        this.escalated = v;
        return this;
    }

    public MatterBuilder version(int v) {
        this.version = v;
        return this;
    }

    public MatterBuilder deadlineProvisional(boolean v) {
        this.deadlineProvisional = v;
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
        return new Matter(id,
                number,
                channel,
                category,
                subject,
                content,
                new Matter.Reporter(contactName, contactNumber, contactNumberNorm, confidential),
                new Matter.Location(area, place, address, hasPlace),
                urgency,
                status,
                statusBefore,
                notAcceptedReason,
                properChannel,
                answer,
                reply,
                new Matter.Deadline(deadlineAt, workingDays, deadlineProvisional),
                new Matter.Assignment(leadUnitId, units, noReturn),
                new Matter.Origin(takenBy, ivrPath, originPbxId, originLinkedid),
                new Matter.Timeline(createdAt, updatedAt, acceptedAt, dispatchedAt, repliedAt, closedAt),
                new Matter.Outcome(satisfaction, reopenCount, returnedCount, escalated),
                version);
    }
}
