package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import cn.hotline12345.cti.matter.internal.CalendarService;
import cn.hotline12345.cti.matter.api.Actor;
import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterBuilder;
import cn.hotline12345.cti.matter.api.MatterAction;

import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.MatterRequest;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.MatterUnit;
import cn.hotline12345.cti.matter.api.Satisfaction;
import cn.hotline12345.cti.matter.api.SupervisionItem;
import cn.hotline12345.cti.matter.api.SupervisionReason;
import cn.hotline12345.cti.matter.api.UnitRole;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The supervisor's side (督办, art. 21, 26): reviewing units' extension and termination requests, and the
 * supervision list computed from the matters (overdue, due soon, returned, reopened, dissatisfied,
 * escalated, waiting for a review).
 */
public final class ReviewService {

    private final MatterRepository repo;
    private final CalendarService calendar;
    private final MatterLifecycle lifecycle;
    private final Clock clock;
    private final int dueSoonWorkingDays;

    /**
     * @param dueSoonWorkingDays a matter is "due soon" when its deadline falls within this many working days
     *                           after today (1: due by the end of the next working day)
     */
    public ReviewService(MatterRepository repo, CalendarService calendar, MatterLifecycle lifecycle, Clock clock,
                         int dueSoonWorkingDays) {
        this.repo = repo;
        this.calendar = calendar;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.dueSoonWorkingDays = dueSoonWorkingDays;
    }

    public Future<List<MatterRequest>> pendingRequests(int limit) {
        return repo.pendingRequests(Math.max(1, Math.min(limit, 500)));
    }

    /**
     * Approves or refuses a pending request. An approved extension moves the deadline to the requested
     * day (or {@code newLastDay} when the supervisor sets another); an approved termination terminates the
     * matter, a refused one puts it back in progress.
     */
    public Future<Matter> decide(long requestId, boolean approve, String note, LocalDate newLastDay, Actor actor) {
        return repo.findRequest(requestId).compose(o -> {
            if (o.isEmpty()) {
                return Future.failedFuture(MatterException.notFound("request " + requestId));
            }
            MatterRequest req = o.get();
            return calendar.snapshot().compose(cal -> repo.mutate(req.matterId(), null, st -> {
                MatterValidator.max("note", note, MatterValidator.MAX_CONTENT);
                MatterRequest pending = st.pendingRequests().stream().filter(r -> r.id() == requestId).findFirst()
                        .orElseThrow(() -> MatterException.conflict("request " + requestId + " is already decided"));
                Matter m = st.matter();
                Instant now = clock.instant();
                MatterChange.Decision d = new MatterChange.Decision(requestId, approve, actor.name(), note);
                String why = (note == null ? "" : ": " + note);
                switch (pending.kind()) {
                    case EXTENSION: {
                        lifecycle.require(m.status(), MatterAction.REVIEW_EXTENSION, actor.kind());
                        MatterBuilder b = m.toBuilder().updatedAt(now);
                        if (approve) {
                            Instant deadline = newLastDay != null ? WorkingDayCalendar.endOfDay(newLastDay)
                                    : pending.requestedDeadline();
                            b.deadlineAt(deadline).deadlineProvisional(cal.calendar().provisional(now, deadline));
                        }
                        return MatterChange.to(b.build()).decide(d).step(m.status(), m.status(), actor,
                                (approve ? "extension approved" : "extension refused") + why);
                    }
                    case TERMINATION: {
                        MatterAction a = approve ? MatterAction.APPROVE_TERMINATION : MatterAction.REFUSE_TERMINATION;
                        MatterStatus to = lifecycle.require(m.status(), a, actor.kind());
                        MatterBuilder b = m.toBuilder().status(to).statusBefore(null).updatedAt(now);
                        if (approve) {
                            b.closedAt(now);
                        }
                        return MatterChange.to(b.build()).decide(d).step(m.status(), to, actor,
                                (approve ? "termination approved" : "termination refused") + why);
                    }
                    default:
                        throw MatterException.conflict("request " + requestId + " needs no decision");
                }
            }));
        });
    }

    /** The supervision list (art. 26), most urgent first. */
    public Future<List<SupervisionItem>> supervisionList(int limit) {
        return calendar.snapshot().compose(cal -> {
            Instant now = clock.instant();
            LocalDate today = now.atZone(WorkingDayCalendar.ZONE).toLocalDate();
            Instant soon = dueSoonWorkingDays <= 0 ? now
                    : WorkingDayCalendar.endOfDay(cal.calendar().addWorkingDays(today, dueSoonWorkingDays));
            return repo.supervisionCandidates(soon, Math.max(1, Math.min(limit, 1000))).compose(ms ->
                    repo.pendingRequests(1000).map(pending -> ms.stream().map(m -> {
                        Set<SupervisionReason> r = EnumSet.noneOf(SupervisionReason.class);
                        boolean owed = m.repliedAt() == null || m.status() == MatterStatus.REOPENED;
                        if (owed && m.deadlineAt() != null && m.status() != MatterStatus.DRAFT
                                && m.status() != MatterStatus.REPLIED && m.status() != MatterStatus.REVISITED) {
                            if (m.deadlineAt().isBefore(now)) {
                                r.add(SupervisionReason.OVERDUE);
                            } else if (!m.deadlineAt().isAfter(soon)) {
                                r.add(SupervisionReason.DUE_SOON);
                            }
                        }
                        if (m.status() == MatterStatus.RETURNED) {
                            r.add(SupervisionReason.RETURNED);
                        }
                        if (m.status() == MatterStatus.REOPENED || m.reopenCount() > 0) {
                            r.add(SupervisionReason.REOPENED);
                        }
                        if (m.satisfaction() == Satisfaction.DISSATISFIED) {
                            r.add(SupervisionReason.DISSATISFIED);
                        }
                        if (m.status() == MatterStatus.ESCALATED) {
                            r.add(SupervisionReason.ESCALATED);
                        }
                        if (m.status() == MatterStatus.TERMINATION_REQUESTED
                                || pending.stream().anyMatch(p -> p.matterId() == m.id())) {
                            r.add(SupervisionReason.PENDING_REVIEW);
                        }
                        String unitName = m.units().stream().filter(u -> u.role() == UnitRole.LEAD)
                                .map(MatterUnit::unitName).findFirst().orElse(null);
                        return new SupervisionItem(m.id(), m.number(), m.status(), m.subject(), m.leadUnitId(),
                                unitName, m.deadlineAt(), r);
                    }).filter(i -> !i.reasons().isEmpty()).toList()));
        });
    }
}
