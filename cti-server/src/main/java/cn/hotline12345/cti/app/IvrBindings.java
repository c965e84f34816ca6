package cn.hotline12345.cti.app;

import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.caller.internal.CallerProfileService;
import cn.hotline12345.cti.ivr.api.HotlineCalendar;
import cn.hotline12345.cti.ivr.api.IvrPorts;
import cn.hotline12345.cti.ivr.api.KnowledgeAnswer;
import cn.hotline12345.cti.knowledge.internal.KnowledgeVoice;
import cn.hotline12345.cti.ivr.api.MatterStatus;
import cn.hotline12345.cti.ivr.api.Rating;
import cn.hotline12345.cti.matter.api.Actor;
import cn.hotline12345.cti.matter.api.CallerStatus;
import cn.hotline12345.cti.matter.MatterModule;
import cn.hotline12345.cti.matter.api.RevisitMethod;
import cn.hotline12345.cti.matter.api.RevisitOutcome;
import cn.hotline12345.cti.matter.api.Satisfaction;
import cn.hotline12345.cti.matter.api.SurveyRecord;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Binds the IVR's ports (what the flows look up and record) to the matter services: status lookup with
 * the confidentiality rule, survey and revisit results, the knowledge base's spoken answers, and the working-day
 * calendar the flows' conditions use ({@link IvrCalendar}, a snapshot: the IVR never waits for the database for it).
 */
final class IvrBindings {

    private static final ZoneId ZONE = HotlineTime.ZONE;

    private IvrBindings() {
    }

    /**
     * @param defaultPbx the PBX of a survey that names none (only outside a FastAGI session: a session always has
     *                   its PBX, see AgiPbxResolver)
     */
    static IvrPorts ports(HotlineCalendar hotlineCalendar, MatterModule matters, CallerProfileService callers,
                          KnowledgeVoice knowledge, String defaultPbx, UnaryOperator<String> normalise, Clock clock) {
        return IvrPorts.nothingKnown()
                .withCalendar(hotlineCalendar)
                // the topic menu (1 社保 .. 5 水电气暖): the spoken answer of the entry with that topic (issue 22 item 3)
                .withKnowledge((topic, caller) -> knowledge == null
                        ? java.util.concurrent.CompletableFuture.completedFuture(KnowledgeAnswer.NOT_FOUND)
                        : knowledge.answer(topic).map(s -> s.map(name -> new KnowledgeAnswer(true, name))
                                .orElse(KnowledgeAnswer.NOT_FOUND)).toCompletionStage())
                .withCallers(number -> callers.profile(number).map(IvrBindings::toIvrProfile).toCompletionStage())
                .withMatters((number, caller) -> matters.matters()
                        .statusForCaller(number == null || number.isBlank() ? null : number, normalise.apply(caller))
                        .map(IvrBindings::toIvrStatus)
                        .toCompletionStage())
                .withSurveys(r -> matters.matters().forCall(callOf(r, defaultPbx))
                        .compose(m -> matters.revisits().recordSurvey(new SurveyRecord(callOf(r, defaultPbx),
                                m.map(x -> x.id()).orElse(null), satisfaction(r.rating()), r.agentInterface(), clock.instant())))
                        .<Void>mapEmpty()
                        .toCompletionStage())
                .withRevisits(r -> matters.matters().byNumber(r.matter())
                        .compose(m -> m.isEmpty() || !r.completed()
                                ? Future.<Void>succeededFuture()
                                : matters.revisits().recordRevisit(new RevisitOutcome(m.get().id(), RevisitMethod.IVR,
                                        r.solved().orElse(null), r.rating().map(IvrBindings::satisfaction).orElse(
                                        r.dissatisfied() ? Satisfaction.DISSATISFIED : null), "revisit call " + r.uniqueid()),
                                Actor.system("ivr-revisit")).<Void>mapEmpty())
                        .toCompletionStage());
    }

    private static CallKey callOf(cn.hotline12345.cti.ivr.api.SurveyResponse r, String defaultPbx) {
        return new CallKey(r.pbxId().isEmpty() ? defaultPbx : r.pbxId(), r.uniqueid());
    }

    /**
     * What the hotline flow needs of the profile: a measure (warning prompt, dedicated queue — never a block,
     * art. 12/34) and the open matter a repeat caller is offered first.
     */
    private static cn.hotline12345.cti.ivr.api.CallerProfile toIvrProfile(cn.hotline12345.cti.caller.api.CallerProfile p) {
        cn.hotline12345.cti.ivr.api.CallerProfile.Measure measure = "q-special".equals(p.ivr().queueOverride())
                ? cn.hotline12345.cti.ivr.api.CallerProfile.Measure.DEDICATED_QUEUE
                : p.ivr().warningPrompt() ? cn.hotline12345.cti.ivr.api.CallerProfile.Measure.WARNING
                : cn.hotline12345.cti.ivr.api.CallerProfile.Measure.NONE;
        String open = p.repeat().aboutMatterNumber() != null ? p.repeat().aboutMatterNumber()
                : p.openMatters().isEmpty() ? "" : p.openMatters().get(0).number();
        return new cn.hotline12345.cti.ivr.api.CallerProfile(measure, open, p.repeat().repeat());
    }

    private static MatterStatus toIvrStatus(CallerStatus s) {
        return switch (s.outcome()) {
            case CONFIDENTIAL_DENIED -> new MatterStatus(MatterStatus.Result.CONFIDENTIAL_DENIED, "", "", null, null);
            case NOT_FOUND -> new MatterStatus(MatterStatus.Result.NOT_FOUND, "", "", null, null);
            case FOUND -> {
                List<CallerStatus.Item> items = s.matters();
                if (items.isEmpty()) {
                    yield new MatterStatus(MatterStatus.Result.NOT_FOUND, "", "", null, null);
                }
                CallerStatus.Item i = items.get(0);
                yield new MatterStatus(MatterStatus.Result.FOUND, i.number(), ivrState(i.status()), null,
                        i.deadlineAt() == null ? null : LocalDate.ofInstant(i.deadlineAt(), ZONE));
            }
        };
    }

    /** The five states the status flow can say. */
    private static String ivrState(cn.hotline12345.cti.matter.api.MatterStatus s) {
        return switch (s) {
            case DRAFT, ACCEPTED, RETURNED, REOPENED -> "accepted";
            case DISPATCHED, SIGNED_FOR -> "dispatched";
            case IN_PROGRESS, ESCALATED, TERMINATION_REQUESTED -> "in_progress";
            case REPLIED, REVISITED -> "replied";
            case CLOSED, ANSWERED_ON_SPOT, NOT_ACCEPTED, TERMINATED -> "closed";
        };
    }

    private static Satisfaction satisfaction(Rating r) {
        return Satisfaction.valueOf(r.name().toUpperCase(Locale.ROOT));
    }
}
