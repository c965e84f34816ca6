package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.platform.web.Body;
import cn.hotline12345.cti.matter.api.CallerStatus;
import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterChannel;
import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.matter.api.MatterInput;
import cn.hotline12345.cti.matter.api.MatterRequest;
import cn.hotline12345.cti.matter.api.MatterSummary;
import cn.hotline12345.cti.matter.internal.MatterValidator;
import cn.hotline12345.cti.matter.api.SupervisionItem;
import cn.hotline12345.cti.matter.api.Transition;
import cn.hotline12345.cti.matter.api.Urgency;
import cn.hotline12345.cti.privacy.api.PhoneMasking;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/** Matters and friends to and from JSON. */
final class MatterJson {

    private MatterJson() {
    }

    /** The matter input fields of a body; every field optional here, types and lengths checked. */
    static MatterInput input(Body b) {
        String channel = b.str("channel", 20);
        String category = b.str("category", 20);
        String urgency = b.str("urgency", 20);
        return new MatterInput(channel == null ? null : MatterChannel.parse(channel, "channel"),
                category == null ? null : MatterCategory.parse(category, "category"),
                b.str("subject", MatterValidator.MAX_SUBJECT), b.str("content", MatterValidator.MAX_CONTENT),
                b.str("area", MatterValidator.MAX_SHORT), b.str("place", MatterValidator.MAX_ADDRESS),
                b.str("address", MatterValidator.MAX_ADDRESS), b.bool("hasPlace"),
                b.str("contactName", MatterValidator.MAX_SHORT), b.str("contactNumber", 32), b.bool("confidential"),
                urgency == null ? null : Urgency.parse(urgency, "urgency"));
    }

    /**
     * A matter for staff; {@code unmask} false shows the contact number masked. A unit's view is built
     * from {@link Matter#forUnit()} (identity already removed for confidential matters).
     */
    static JsonObject matter(Matter m, boolean unmask) {
        JsonArray units = new JsonArray();
        m.units().forEach(u -> units.add(new JsonObject().put("unitId", u.unitId()).put("name", u.unitName())
                .put("role", u.role().code()).put("signedAt", ts(u.signedAt()))));
        return new JsonObject().put("id", m.id()).put("number", m.number()).put("channel", m.channel().code())
                .put("category", m.category().code()).put("subject", m.subject()).put("content", m.content())
                .put("area", m.area()).put("place", m.place()).put("address", m.address()).put("hasPlace", m.hasPlace())
                .put("contactName", m.contactName())
                .put("contactNumber", unmask ? m.contactNumber() : PhoneMasking.mask(m.contactNumber()))
                .put("confidential", m.confidential()).put("urgency", m.urgency().code())
                .put("status", m.status().dbName())
                .put("notAcceptedReason", m.notAcceptedReason() == null ? null : m.notAcceptedReason().code())
                .put("properChannel", m.properChannel()).put("answer", m.answer()).put("reply", m.reply())
                .put("deadlineAt", ts(m.deadlineAt())).put("workingDays", m.workingDays())
                .put("deadlineProvisional", m.deadlineProvisional())
                .put("leadUnitId", m.leadUnitId()).put("units", units).put("noReturn", m.noReturn())
                .put("ivrPath", m.ivrPath()).put("createdAt", ts(m.createdAt())).put("acceptedAt", ts(m.acceptedAt()))
                .put("dispatchedAt", ts(m.dispatchedAt())).put("repliedAt", ts(m.repliedAt()))
                .put("closedAt", ts(m.closedAt()))
                .put("satisfaction", m.satisfaction() == null ? null : m.satisfaction().code())
                .put("reopenCount", m.reopenCount()).put("escalated", m.escalated()).put("version", m.version());
    }

    /** A unit's view: the contact is shown only when not confidential (then it is null already). */
    static JsonObject forUnit(Matter unitView) {
        JsonObject o = matter(unitView, true);
        o.remove("ivrPath");
        o.remove("takenBy");
        return o;
    }

    static JsonObject summary(MatterSummary s) {
        return new JsonObject().put("id", s.id()).put("number", s.number()).put("category", s.category().code())
                .put("status", s.status().dbName()).put("subject", s.subject()).put("area", s.area())
                .put("leadUnitId", s.leadUnitId()).put("leadUnitName", s.leadUnitName())
                .put("deadlineAt", ts(s.deadlineAt())).put("createdAt", ts(s.createdAt()))
                .put("confidential", s.confidential());
    }

    static JsonArray summaries(List<MatterSummary> l) {
        JsonArray a = new JsonArray();
        l.forEach(s -> a.add(summary(s)));
        return a;
    }

    static JsonArray transitions(List<Transition> l) {
        JsonArray a = new JsonArray();
        l.forEach(t -> a.add(new JsonObject().put("from", t.from() == null ? null : t.from().dbName())
                .put("to", t.to().dbName()).put("actor", t.actor()).put("reason", t.reason()).put("at", ts(t.at()))));
        return a;
    }

    static JsonObject request(MatterRequest r) {
        return new JsonObject().put("id", r.id()).put("matterId", r.matterId()).put("kind", r.kind().code())
                .put("unitId", r.unitId()).put("reason", r.reason()).put("requestedDeadline", ts(r.requestedDeadline()))
                .put("status", r.status().code()).put("decidedBy", r.decidedBy()).put("decidedAt", ts(r.decidedAt()))
                .put("decisionNote", r.decisionNote()).put("createdAt", ts(r.createdAt()));
    }

    static JsonArray requests(List<MatterRequest> l) {
        JsonArray a = new JsonArray();
        l.forEach(r -> a.add(request(r)));
        return a;
    }

    static JsonArray supervision(List<SupervisionItem> l) {
        JsonArray a = new JsonArray();
        l.forEach(i -> a.add(new JsonObject().put("matterId", i.matterId()).put("number", i.number())
                .put("status", i.status().dbName()).put("subject", i.subject()).put("leadUnitId", i.leadUnitId())
                .put("leadUnitName", i.leadUnitName()).put("deadlineAt", ts(i.deadlineAt()))
                .put("reasons", new JsonArray(i.reasons().stream().map(r -> r.code()).sorted().toList()))));
        return a;
    }

    static JsonObject callerStatus(CallerStatus s) {
        JsonArray a = new JsonArray();
        s.matters().forEach(i -> a.add(new JsonObject().put("number", i.number()).put("category", i.category().code())
                .put("status", i.status().dbName()).put("unitName", i.unitName()).put("deadlineAt", ts(i.deadlineAt()))));
        return new JsonObject().put("outcome", s.outcome().name().toLowerCase(java.util.Locale.ROOT)).put("matters", a);
    }

    static String ts(Instant i) {
        return i == null ? null : i.toString();
    }
}
