package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterCategory;

import cn.hotline12345.cti.matter.api.MatterChannel;
import cn.hotline12345.cti.matter.api.MatterRequest;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.MatterSummary;
import cn.hotline12345.cti.matter.api.MatterUnit;
import cn.hotline12345.cti.matter.api.NotAcceptedReason;
import cn.hotline12345.cti.matter.api.RequestKind;
import cn.hotline12345.cti.matter.api.RequestStatus;
import cn.hotline12345.cti.matter.api.Satisfaction;
import cn.hotline12345.cti.matter.api.UnitRole;
import cn.hotline12345.cti.matter.api.Urgency;
import cn.hotline12345.schema.jooq.tables.records.MatterRecord;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static cn.hotline12345.schema.jooq.Tables.HANDLING_UNIT;
import static cn.hotline12345.schema.jooq.Tables.MATTER;
import static cn.hotline12345.schema.jooq.Tables.MATTER_UNIT;

/**
 * The matter's rows and records, both ways: a {@code matter} row (with its units) to {@link Matter} and back, list
 * rows to {@link MatterSummary}, request rows to {@link MatterRequest}; and the instant/offset conversions and LIKE
 * escaping the matter slice's repositories share. No query of its own but {@link #load}.
 */
final class MatterRowRepository {

    private MatterRowRepository() {
    }

    static Optional<Matter> load(DSLContext dsl, long id, boolean lock) {
        var select = dsl.selectFrom(MATTER).where(MATTER.ID.eq(id));
        MatterRecord r = lock ? select.forUpdate().fetchOne() : select.fetchOne();
        if (r == null) {
            return Optional.empty();
        }
        List<MatterUnit> units = dsl.select(MATTER_UNIT.UNIT_ID, HANDLING_UNIT.NAME, MATTER_UNIT.ROLE, MATTER_UNIT.SIGNED_AT)
                .from(MATTER_UNIT).join(HANDLING_UNIT).on(HANDLING_UNIT.ID.eq(MATTER_UNIT.UNIT_ID))
                .where(MATTER_UNIT.MATTER_ID.eq(id)).orderBy(MATTER_UNIT.ROLE.desc(), MATTER_UNIT.UNIT_ID)
                .fetch(u -> new MatterUnit(u.value1(), u.value2(), UnitRole.parse(u.value3(), "role"), instant(u.value4())));
        return Optional.of(matter(r, units));
    }

    static Matter matter(MatterRecord r, List<MatterUnit> units) {
        return Matter.builder().id(r.getId()).number(r.getNumber())
                .channel(MatterChannel.parse(r.getChannel(), "channel"))
                .category(MatterCategory.parse(r.getCategory(), "category"))
                .subject(r.getSubject()).content(r.getContent()).area(r.getArea()).place(r.getPlace())
                .address(r.getAddress()).hasPlace(r.getHasPlace()).contactName(r.getContactName())
                .contactNumber(r.getContactNumber()).contactNumberNorm(r.getContactNumberNorm())
                .confidential(r.getConfidential()).urgency(Urgency.parse(r.getUrgency(), "urgency"))
                .status(MatterStatus.fromDb(r.getStatus()))
                .statusBefore(r.getStatusBefore() == null ? null : MatterStatus.fromDb(r.getStatusBefore()))
                .notAcceptedReason(NotAcceptedReason.parse(r.getNotAcceptedReason(), "not_accepted_reason"))
                .properChannel(r.getProperChannel()).answer(r.getAnswer()).reply(r.getReply())
                .deadlineAt(instant(r.getDeadlineAt())).workingDays(r.getWorkingDays()).leadUnitId(r.getLeadUnitId())
                .units(units).noReturn(r.getNoReturn()).takenBy(r.getTakenBy()).ivrPath(r.getIvrPath())
                .originPbxId(r.getOriginPbxId()).originLinkedid(r.getOriginLinkedid())
                .createdAt(instant(r.getCreatedAt())).updatedAt(instant(r.getUpdatedAt()))
                .acceptedAt(instant(r.getAcceptedAt())).dispatchedAt(instant(r.getDispatchedAt()))
                .repliedAt(instant(r.getRepliedAt())).closedAt(instant(r.getClosedAt()))
                .satisfaction(Satisfaction.parse(r.getSatisfaction(), "satisfaction"))
                .reopenCount(r.getReopenCount()).returnedCount(r.getReturnedCount()).escalated(r.getEscalated())
                .version(r.getVersion()).deadlineProvisional(r.getDeadlineProvisional()).build();
    }

    static void write(MatterRecord r, Matter m) {
        r.setChannel(m.channel().code());
        r.setCategory(m.category().code());
        r.setSubject(m.subject() == null ? "" : m.subject());
        r.setContent(m.content() == null ? "" : m.content());
        r.setArea(m.area());
        r.setPlace(m.place());
        r.setAddress(m.address());
        r.setHasPlace(m.hasPlace());
        r.setContactName(m.contactName());
        r.setContactNumber(m.contactNumber());
        r.setContactNumberNorm(m.contactNumberNorm());
        r.setConfidential(m.confidential());
        r.setUrgency(m.urgency().code());
        r.setStatus(m.status().dbName());
        r.setStatusBefore(m.statusBefore() == null ? null : m.statusBefore().dbName());
        r.setNotAcceptedReason(m.notAcceptedReason() == null ? null : m.notAcceptedReason().code());
        r.setProperChannel(m.properChannel());
        r.setAnswer(m.answer());
        r.setReply(m.reply());
        r.setDeadlineAt(odt(m.deadlineAt()));
        r.setDeadlineProvisional(m.deadlineProvisional());
        r.setWorkingDays(m.workingDays());
        r.setLeadUnitId(m.leadUnitId());
        r.setNoReturn(m.noReturn());
        r.setTakenBy(m.takenBy());
        r.setIvrPath(m.ivrPath());
        r.setOriginPbxId(m.originPbxId());
        r.setOriginLinkedid(m.originLinkedid());
        r.setUpdatedAt(odt(m.updatedAt()));
        r.setAcceptedAt(odt(m.acceptedAt()));
        r.setDispatchedAt(odt(m.dispatchedAt()));
        r.setRepliedAt(odt(m.repliedAt()));
        r.setClosedAt(odt(m.closedAt()));
        r.setSatisfaction(m.satisfaction() == null ? null : m.satisfaction().code());
        r.setReopenCount(m.reopenCount());
        r.setReturnedCount(m.returnedCount());
        r.setEscalated(m.escalated());
    }

    static MatterSummary summary(Record r) {
        return new MatterSummary(r.get(MATTER.ID), r.get(MATTER.NUMBER),
                MatterCategory.parse(r.get(MATTER.CATEGORY), "category"), MatterStatus.fromDb(r.get(MATTER.STATUS)),
                r.get(MATTER.SUBJECT), r.get(MATTER.AREA), r.get(MATTER.LEAD_UNIT_ID), r.get(HANDLING_UNIT.NAME),
                instant(r.get(MATTER.DEADLINE_AT)), instant(r.get(MATTER.CREATED_AT)), r.get(MATTER.CONFIDENTIAL),
                r.get(MATTER.CONTACT_NUMBER_NORM));
    }

    static MatterRequest request(cn.hotline12345.schema.jooq.tables.records.MatterRequestRecord r) {
        return new MatterRequest(r.getId(), r.getMatterId(), RequestKind.parse(r.getKind(), "kind"), r.getUnitId(),
                r.getReason(), instant(r.getRequestedDeadline()), RequestStatus.parse(r.getStatus(), "status"),
                r.getDecidedBy(), instant(r.getDecidedAt()), r.getDecisionNote(), instant(r.getCreatedAt()));
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime o) {
        return o == null ? null : o.toInstant();
    }
}
