package cn.hotline12345.cti.ivr.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ports for tests: answers from maps the test fills, records every request, and can leave a lookup unanswered
 * (to exercise the timeout).
 */
public final class RecordingPorts {

    public final Map<String, CallerProfile> profiles = new ConcurrentHashMap<>();
    /** key: matter number ("" = the caller's latest) + "|" + caller */
    public final Map<String, MatterStatus> matters = new ConcurrentHashMap<>();
    public final Map<Integer, KnowledgeAnswer> knowledge = new ConcurrentHashMap<>();
    public final List<String> profileRequests = new CopyOnWriteArrayList<>();
    public final List<String> matterRequests = new CopyOnWriteArrayList<>();
    public final List<SurveyResponse> surveys = new CopyOnWriteArrayList<>();
    public final List<RevisitResponse> revisits = new CopyOnWriteArrayList<>();
    /** callers whose profile lookup never answers */
    public final List<String> hangingProfiles = new CopyOnWriteArrayList<>();

    public IvrPorts ports() {
        return new IvrPorts(
                caller -> {
                    profileRequests.add(caller);
                    if (hangingProfiles.contains(caller)) {
                        return new CompletableFuture<>();
                    }
                    return CompletableFuture.completedFuture(profiles.getOrDefault(caller, CallerProfile.NOTHING_KNOWN));
                },
                (matter, caller) -> {
                    matterRequests.add(matter + "|" + caller);
                    return CompletableFuture.completedFuture(matters.getOrDefault(matter + "|" + caller, MatterStatus.NOT_FOUND));
                },
                (topic, caller) -> CompletableFuture.completedFuture(knowledge.getOrDefault(topic, KnowledgeAnswer.NOT_FOUND)),
                r -> {
                    surveys.add(r);
                    return CompletableFuture.completedFuture(null);
                },
                r -> {
                    revisits.add(r);
                    return CompletableFuture.completedFuture(null);
                },
                HotlineCalendar.mondayToFriday());
    }
}
