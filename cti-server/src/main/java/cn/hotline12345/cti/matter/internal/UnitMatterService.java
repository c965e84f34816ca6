package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import cn.hotline12345.cti.matter.internal.CalendarService;
import cn.hotline12345.cti.matter.api.Actor;
import cn.hotline12345.cti.matter.api.ActorKind;
import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterAction;

import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.MatterQuery;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.MatterSummary;
import cn.hotline12345.cti.matter.api.RequestKind;
import cn.hotline12345.cti.matter.api.RequestStatus;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What a handling unit (承办单位) does with its matters (art. 20-22, 30): list and read them (only its own,
 * lead or co, and never a confidential reporter's identity), sign for, start, reply, return, ask for an
 * extension or a termination. A matter the unit is not part of is reported as not found, so a unit cannot
 * probe which matters exist. State changes are for the lead unit only.
 */
public final class UnitMatterService {

    private final MatterRepository repo;
    private final CalendarService calendar;
    private final MatterLifecycle lifecycle;
    private final Clock clock;

    public UnitMatterService(MatterRepository repo, CalendarService calendar, MatterLifecycle lifecycle, Clock clock) {
        this.repo = repo;
        this.calendar = calendar;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** The unit's matters, newest first. */
    public Future<List<MatterSummary>> list(String unitId, MatterStatus status, int limit) {
        return repo.search(new MatterQuery(status, null, null, unitId, null, null, null, null, limit))
                .map(l -> l.stream().map(s -> s.confidential() ? new MatterSummary(s.id(), s.number(), s.category(),
                        s.status(), s.subject(), s.area(), s.leadUnitId(), s.leadUnitName(), s.deadlineAt(),
                        s.createdAt(), true, null) : s).toList());
    }

    /** One of the unit's matters, as a unit may see it. */
    public Future<Matter> get(String unitId, long id) {
        return repo.find(id).compose(o -> {
            if (o.isEmpty() || !o.get().involvesUnit(unitId)) {
                return Future.failedFuture(MatterException.notFound("matter " + id));
            }
            return Future.succeededFuture(o.get().forUnit());
        });
    }

    public Future<Matter> signFor(String unitId, long id) {
        return leadMove(unitId, id, MatterAction.SIGN_FOR, (m, now) ->
                MatterChange.to(m.toBuilder().status(MatterStatus.SIGNED_FOR).updatedAt(now).build())
                        .signedBy(unitId).step(m.status(), MatterStatus.SIGNED_FOR, Actor.unit(unitId), "signed for"));
    }

    public Future<Matter> start(String unitId, long id) {
        return leadMove(unitId, id, MatterAction.START, (m, now) ->
                MatterChange.to(m.toBuilder().status(MatterStatus.IN_PROGRESS).updatedAt(now).build())
                        .step(m.status(), MatterStatus.IN_PROGRESS, Actor.unit(unitId), "handling started"));
    }

    /** The unit's reply (art. 20); a revisit task is opened (art. 25). */
    public Future<Matter> reply(String unitId, long id, String reply) {
        return leadMove(unitId, id, MatterAction.REPLY, (m, now) -> {
            MatterValidator.required("reply", reply, MatterValidator.MAX_CONTENT);
            return MatterChange.to(m.toBuilder().status(MatterStatus.REPLIED).reply(reply.trim()).repliedAt(now)
                            .updatedAt(now).build())
                    .openRevisit(now).step(m.status(), MatterStatus.REPLIED, Actor.unit(unitId), "replied");
        });
    }

    /** Returns a matter outside the unit's duty (art. 22); refused once the hotline assigned it. */
    public Future<Matter> returnMatter(String unitId, long id, String reason) {
        return leadMove(unitId, id, MatterAction.RETURN, (m, now) -> {
            MatterValidator.required("reason", reason, MatterValidator.MAX_CONTENT);
            if (m.noReturn()) {
                throw new MatterException(Refusal.Kind.ILLEGAL_TRANSITION, null, "cannot return matter "
                        + m.number() + " (from " + m.status().dbName() + " to returned): the hotline assigned it to this"
                        + " unit after a duty dispute, so it can no longer be returned (art. 22)");
            }
            return MatterChange.to(m.toBuilder().status(MatterStatus.RETURNED).returnedCount(m.returnedCount() + 1)
                            .updatedAt(now).build())
                    .request(new MatterChange.NewRequest(RequestKind.RETURN, unitId, reason.trim(), null,
                            RequestStatus.APPROVED, "system:rules"))
                    .step(m.status(), MatterStatus.RETURNED, Actor.unit(unitId), "returned: " + reason.trim());
        });
    }

    /**
     * Asks for more time (art. 20 item 3) with an explanation: either a number of extra working days after
     * the current deadline or an explicit new last day. A supervisor decides.
     */
    public Future<Matter> requestExtension(String unitId, long id, String explanation, Integer extraWorkingDays,
                                           LocalDate newLastDay) {
        return calendar.snapshot().compose(cal -> leadMove(unitId, id, MatterAction.REQUEST_EXTENSION, (m, now) -> {
            MatterValidator.required("explanation", explanation, MatterValidator.MAX_CONTENT);
            Instant requested;
            if (newLastDay != null) {
                requested = WorkingDayCalendar.endOfDay(newLastDay);
            } else if (extraWorkingDays != null && extraWorkingDays >= 1 && extraWorkingDays <= 60) {
                LocalDate base = (m.deadlineAt() == null ? now : m.deadlineAt()).atZone(WorkingDayCalendar.ZONE)
                        .toLocalDate();
                requested = WorkingDayCalendar.endOfDay(cal.calendar().addWorkingDays(base, extraWorkingDays));
            } else {
                throw MatterException.invalid("extraWorkingDays", "give 1..60 extra working days or a newLastDay");
            }
            if (m.deadlineAt() != null && !requested.isAfter(m.deadlineAt())) {
                throw MatterException.invalid("newLastDay", "must be after the current deadline");
            }
            return MatterChange.to(m.toBuilder().updatedAt(now).build())
                    .request(new MatterChange.NewRequest(RequestKind.EXTENSION, unitId, explanation.trim(), requested,
                            RequestStatus.PENDING, null))
                    .step(m.status(), m.status(), Actor.unit(unitId), "extension requested: " + explanation.trim());
        }));
    }

    /** Asks the hotline to terminate the handling (art. 21); a supervisor reviews. */
    public Future<Matter> requestTermination(String unitId, long id, String reason) {
        return leadMove(unitId, id, MatterAction.REQUEST_TERMINATION, (m, now) -> {
            MatterValidator.required("reason", reason, MatterValidator.MAX_CONTENT);
            return MatterChange.to(m.toBuilder().status(MatterStatus.TERMINATION_REQUESTED).statusBefore(m.status())
                            .updatedAt(now).build())
                    .request(new MatterChange.NewRequest(RequestKind.TERMINATION, unitId, reason.trim(), null,
                            RequestStatus.PENDING, null))
                    .step(m.status(), MatterStatus.TERMINATION_REQUESTED, Actor.unit(unitId),
                            "termination requested: " + reason.trim());
        });
    }

    private Future<Matter> leadMove(String unitId, long id, MatterAction action,
                                    BiFunction<Matter, Instant, MatterChange> f) {
        return repo.mutate(id, null, st -> {
            Matter m = st.matter();
            if (!m.involvesUnit(unitId)) {
                throw MatterException.notFound("matter " + id);
            }
            if (!unitId.equals(m.leadUnitId())) {
                throw new MatterException(Refusal.Kind.FORBIDDEN, null,
                        "only the lead unit may " + action.code() + " matter " + m.number());
            }
            lifecycle.require(m.status(), action, ActorKind.UNIT);
            if (action == MatterAction.REQUEST_EXTENSION && st.pendingRequests().stream()
                    .anyMatch(r -> r.kind() == RequestKind.EXTENSION)) {
                throw MatterException.conflict("matter " + m.number() + " already has a pending extension request");
            }
            return f.apply(m, clock.instant());
        }).map(Matter::forUnit);
    }
}
