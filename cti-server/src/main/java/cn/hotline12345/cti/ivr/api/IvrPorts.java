package cn.hotline12345.cti.ivr.api;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The services the IVR calls, bound by the server: caller profiles, matters, the knowledge base, the two
 * recorders and the calendar. {@link #nothingKnown()} is the default until the real services are bound.
 */
public record IvrPorts(CallerLookup callers, MatterLookup matters, KnowledgeLookup knowledge,
                       SurveyRecorder surveys, RevisitRecorder revisits, HotlineCalendar calendar) {

    public IvrPorts {
        Objects.requireNonNull(callers, "callers");
        Objects.requireNonNull(matters, "matters");
        Objects.requireNonNull(knowledge, "knowledge");
        Objects.requireNonNull(surveys, "surveys");
        Objects.requireNonNull(revisits, "revisits");
        Objects.requireNonNull(calendar, "calendar");
    }

    /**
     * Ports that know nothing and store nothing: every caller is ordinary (measure none), every matter is
     * not found, no knowledge answer exists, ratings are accepted and dropped; Monday to Friday are working days.
     * Callers still reach a person through every flow.
     */
    public static IvrPorts nothingKnown() {
        return new IvrPorts(
                caller -> CompletableFuture.completedFuture(CallerProfile.NOTHING_KNOWN),
                (matter, caller) -> CompletableFuture.completedFuture(MatterStatus.NOT_FOUND),
                (topic, caller) -> CompletableFuture.completedFuture(KnowledgeAnswer.NOT_FOUND),
                r -> CompletableFuture.completedFuture(null),
                r -> CompletableFuture.completedFuture(null),
                HotlineCalendar.mondayToFriday());
    }

    public IvrPorts withCallers(CallerLookup c) {
        return new IvrPorts(c, matters, knowledge, surveys, revisits, calendar);
    }

    public IvrPorts withMatters(MatterLookup m) {
        return new IvrPorts(callers, m, knowledge, surveys, revisits, calendar);
    }

    public IvrPorts withKnowledge(KnowledgeLookup k) {
        return new IvrPorts(callers, matters, k, surveys, revisits, calendar);
    }

    public IvrPorts withSurveys(SurveyRecorder s) {
        return new IvrPorts(callers, matters, knowledge, s, revisits, calendar);
    }

    public IvrPorts withRevisits(RevisitRecorder r) {
        return new IvrPorts(callers, matters, knowledge, surveys, r, calendar);
    }

    public IvrPorts withCalendar(HotlineCalendar c) {
        return new IvrPorts(callers, matters, knowledge, surveys, revisits, c);
    }
}
