package cn.hotline12345.cti.caller.web;

import cn.hotline12345.cti.caller.api.CallSummary;
import cn.hotline12345.cti.caller.api.CallerFlagEntry;
import cn.hotline12345.cti.caller.api.CallerProfile;
import cn.hotline12345.cti.caller.api.MatterMerge;
import cn.hotline12345.cti.caller.api.MatterSummary;
import cn.hotline12345.cti.caller.api.Measure;
import cn.hotline12345.cti.privacy.api.AuditEntry;
import cn.hotline12345.cti.privacy.api.PhoneMasking;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * Caller-profile records as JSON. Numbers are masked unless the caller of {@link #profile} passes the full
 * number it obtained through the audited unmasker; free text typed by staff is masked too.
 */
final class CallerJson {

    private CallerJson() {
    }

    static String ts(Instant i) {
        return i == null ? null : i.toString();
    }

    /**
     * @param shownNumber the number to show: the masked one, or the full one after an audited unmask
     * @param viewer      who asks: another agent's confidential matter is left out (art. 11: that this number
     *                    reported something in confidence is itself what must stay confidential; issue 20 item 9)
     */
    static JsonObject profile(CallerProfile p, String shownNumber, boolean unmasked, cn.hotline12345.cti.privacy.api.Staff viewer) {
        JsonArray calls = new JsonArray();
        p.recentCalls().forEach(c -> calls.add(call(c)));
        JsonArray matters = new JsonArray();
        p.openMatters().stream().filter(m -> !m.confidential() || viewer.isSupervisor()
                || viewer.username().equals(m.takenBy())).forEach(m -> matters.add(matter(m)));
        JsonArray flags = new JsonArray();
        p.recentFlags().forEach(f -> flags.add(flag(f)));
        JsonArray measures = new JsonArray();
        p.activeMeasures().forEach(m -> measures.add(measure(m)));
        return new JsonObject()
                .put("number", shownNumber)
                .put("unmasked", unmasked)
                .put("kind", p.number().kind().name().toLowerCase(java.util.Locale.ROOT))
                .put("known", p.known())
                .put("firstSeenAt", ts(p.firstSeenAt()))
                .put("lastContactAt", ts(p.lastContactAt()))
                .put("totalCalls", p.totalCalls())
                .put("callsLast24h", p.callsLast24h())
                .put("callsLast7d", p.callsLast7d())
                .put("callsLast30d", p.callsLast30d())
                .put("recentCalls", calls)
                .put("openMatters", matters)
                .put("flags", flags)
                .put("activeMeasures", measures)
                .put("repeat", new JsonObject().put("repeat", p.repeat().repeat())
                        .put("reasons", new JsonArray(p.repeat().reasons()))
                        .put("aboutMatterId", p.repeat().aboutMatterId())
                        .put("aboutMatterNumber", p.repeat().aboutMatterNumber()))
                .put("ivr", new JsonObject().put("warningPrompt", p.ivr().warningPrompt())
                        .put("queueOverride", p.ivr().queueOverride())
                        .put("priorityDelta", p.ivr().priorityDelta())
                        .put("emergencyNotice", p.ivr().emergencyNotice())
                        .put("reachAgent", p.ivr().reachAgent())
                        .put("callerFlags", new JsonArray(p.ivr().callerFlags())))
                .put("computedAt", ts(p.computedAt()));
    }

    static JsonObject call(CallSummary c) {
        return new JsonObject().put("callId", c.callId()).put("startedAt", ts(c.startedAt()))
                .put("answeredAt", ts(c.answeredAt())).put("endedAt", ts(c.endedAt()))
                .put("disposition", c.disposition()).put("agent", c.agent()).put("matterId", c.matterId());
    }

    static JsonObject matter(MatterSummary m) {
        return new JsonObject().put("matterId", m.matterId()).put("number", m.number()).put("category", m.category())
                .put("status", m.status()).put("createdAt", ts(m.createdAt())).put("deadlineAt", ts(m.deadlineAt()))
                .put("confidential", m.confidential());
    }

    static JsonObject flag(CallerFlagEntry f) {
        return new JsonObject().put("id", f.id()).put("kind", f.kind() == null ? null : f.kind().dbName())
                .put("note", PhoneMasking.maskInText(f.note())).put("flaggedBy", f.flaggedBy()).put("at", ts(f.at()))
                .put("callId", f.callId());
    }

    static JsonObject measure(Measure m) {
        return new JsonObject().put("id", m.id()).put("number", PhoneMasking.mask(m.numberNorm()))
                .put("level", m.level().dbName()).put("reason", PhoneMasking.maskInText(m.reason()))
                .put("evidence", new JsonArray(m.evidence())).put("decidedBy", m.decidedBy())
                .put("startedAt", ts(m.startedAt())).put("expiresAt", ts(m.expiresAt()))
                .put("confirmedBy", m.confirmedBy()).put("confirmedAt", ts(m.confirmedAt()))
                .put("liftedAt", ts(m.liftedAt())).put("liftedBy", m.liftedBy())
                .put("liftReason", PhoneMasking.maskInText(m.liftReason()))
                .put("appealStatus", m.appealStatus() == null ? null : m.appealStatus().dbName())
                .put("appealNote", PhoneMasking.maskInText(m.appealNote()))
                .put("appealFiledAt", ts(m.appealFiledAt())).put("appealDecidedBy", m.appealDecidedBy())
                .put("appealDecidedAt", ts(m.appealDecidedAt()));
    }

    static JsonObject merge(MatterMerge m) {
        return new JsonObject().put("id", m.id()).put("primaryMatterId", m.primaryMatterId())
                .put("mergedMatterId", m.mergedMatterId()).put("reason", m.reason()).put("mergedBy", m.mergedBy())
                .put("mergedAt", ts(m.mergedAt())).put("splitBy", m.splitBy()).put("splitAt", ts(m.splitAt()));
    }

    /** The entry must be masked already ({@link AuditEntry#masked()}). */
    static JsonObject audit(AuditEntry e) {
        JsonObject detail = new JsonObject();
        e.detail().forEach(detail::put);
        return new JsonObject().put("id", e.id()).put("at", ts(e.at())).put("actor", e.actor()).put("action", e.action())
                .put("subject", e.subject()).put("reason", e.reason()).put("detail", detail);
    }
}
