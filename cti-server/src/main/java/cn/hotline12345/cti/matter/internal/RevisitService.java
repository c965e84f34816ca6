package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.internal.CalendarService;
import cn.hotline12345.cti.matter.api.Actor;
import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterAction;

import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.RevisitOutcome;
import cn.hotline12345.cti.matter.api.RevisitTask;
import cn.hotline12345.cti.matter.api.Satisfaction;
import cn.hotline12345.cti.matter.api.SurveyRecord;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Revisits (回访, art. 25) and post-call surveys (art. 14, 15). Every replied matter has a revisit task;
 * the lead's outbound dialler takes {@link #dueRevisits}, calls into the {@code revisit} IVR flow, whose
 * {@code record_revisit} action ends in {@link #recordRevisit}. Dissatisfied (or "not solved") reopens the
 * matter with a fresh deadline; otherwise it is revisited and closed.
 */
public final class RevisitService {

    private final MatterRepository matters;
    private final RevisitRepository revisits;
    private final CalendarService calendar;
    private final MatterLifecycle lifecycle;
    private final Clock clock;

    public RevisitService(MatterRepository matters, RevisitRepository revisits, CalendarService calendar,
                          MatterLifecycle lifecycle, Clock clock) {
        this.matters = matters;
        this.revisits = revisits;
        this.calendar = calendar;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** Records a revisit's result and moves the matter: revisited then closed, or reopened. */
    public Future<Matter> recordRevisit(RevisitOutcome o, Actor actor) {
        if (o == null || o.satisfaction() == null) {
            return Future.failedFuture(MatterException.invalid("satisfaction", "required"));
        }
        if (o.method() == null) {
            return Future.failedFuture(MatterException.invalid("method", "required"));
        }
        return calendar.snapshot().compose(cal -> matters.mutate(o.matterId(), null, st -> {
            MatterValidator.max("note", o.note(), MatterValidator.MAX_CONTENT);
            Matter m = st.matter();
            Instant now = clock.instant();
            MatterChange.RevisitDone done = new MatterChange.RevisitDone(o.method(), o.solved(), o.satisfaction(),
                    o.note());
            // the note is the caller's own words about the result: it belongs in the matter's history (issue 19)
            String how = "revisit by " + o.method().code() + ": " + o.satisfaction().code()
                    + (o.solved() == null ? "" : o.solved() ? ", solved" : ", not solved")
                    + (o.note() == null || o.note().isBlank() ? "" : "; note: " + o.note().strip());
            boolean unhappy = o.satisfaction() == Satisfaction.DISSATISFIED || Boolean.FALSE.equals(o.solved());
            if (unhappy) {
                MatterStatus to = lifecycle.require(m.status(), MatterAction.REOPEN, actor.kind());
                int days = m.workingDays() == null ? cal.days(m.category(), m.urgency()) : m.workingDays();
                Matter next = m.toBuilder().status(to).satisfaction(o.satisfaction()).reopenCount(m.reopenCount() + 1)
                        .closedAt(null).repliedAt(null).deadlineAt(cal.calendar().deadline(now, days))
                        .deadlineProvisional(cal.calendar().provisional(now, cal.calendar().deadline(now, days)))
                        .updatedAt(now)
                        .build();
                return MatterChange.to(next).revisitDone(done).step(m.status(), to, actor, how + "; reopened");
            }
            MatterStatus revisited = lifecycle.require(m.status(), MatterAction.REVISIT_SATISFIED, actor.kind());
            MatterStatus closed = lifecycle.require(revisited, MatterAction.CLOSE, actor.kind());
            Matter next = m.toBuilder().status(closed).satisfaction(o.satisfaction()).closedAt(now).updatedAt(now).build();
            return MatterChange.to(next).revisitDone(done).step(m.status(), revisited, actor, how)
                    .step(revisited, closed, actor, "closed after revisit");
        }));
    }

    /** Revisit tasks due now, oldest first, for the outbound dialler. */
    public Future<List<RevisitTask>> dueRevisits(int limit) {
        return revisits.due(clock.instant(), Math.max(1, Math.min(limit, 500)));
    }

    /** The dialler took the task (status calling, one more attempt). False when it is not pending. */
    public Future<Boolean> revisitCallStarted(long taskId) {
        return revisits.attempted(taskId, "calling", null);
    }

    /**
     * The call did not reach the caller: the task goes back to pending after {@code retryAfter}, or fails
     * for good when {@code giveUp}.
     */
    public Future<Boolean> revisitCallFailed(long taskId, boolean giveUp, Duration retryAfter) {
        return revisits.attempted(taskId, giveUp ? "failed" : "pending",
                giveUp ? null : clock.instant().plus(retryAfter));
    }

    /**
     * Stores the post-call survey rating (art. 14, 15), once per call; false for a repeated answer for
     * the same call (a replayed IVR action).
     */
    public Future<Boolean> recordSurvey(SurveyRecord s) {
        if (s == null || s.callKey() == null) {
            return Future.failedFuture(MatterException.invalid("callKey", "required"));
        }
        if (s.rating() == null) {
            return Future.failedFuture(MatterException.invalid("rating", "required"));
        }
        SurveyRecord r = s.at() == null ? new SurveyRecord(s.callKey(), s.matterId(), s.rating(), s.agent(),
                clock.instant()) : s;
        if (r.matterId() == null) {
            return revisits.insertSurvey(r);
        }
        return revisits.matterExists(r.matterId()).compose(exists -> revisits.insertSurvey(exists ? r
                : new SurveyRecord(r.callKey(), null, r.rating(), r.agent(), r.at())));
    }
}
