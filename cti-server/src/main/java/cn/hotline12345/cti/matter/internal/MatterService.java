package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.internal.CalendarService;
import cn.hotline12345.cti.matter.api.Actor;
import cn.hotline12345.cti.matter.api.CallerStatus;
import cn.hotline12345.cti.matter.api.DispatchOrder;
import cn.hotline12345.cti.matter.api.DraftFromCall;
import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterBuilder;
import cn.hotline12345.cti.matter.api.MatterAction;
import cn.hotline12345.cti.matter.api.MatterCategory;

import cn.hotline12345.cti.matter.api.MatterChannel;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.MatterInput;
import cn.hotline12345.cti.matter.api.MatterQuery;
import cn.hotline12345.cti.matter.api.MatterRequest;
import cn.hotline12345.cti.matter.api.MatterState;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.MatterSummary;
import cn.hotline12345.cti.matter.api.MatterUnit;
import cn.hotline12345.cti.matter.api.NotAcceptedReason;
import cn.hotline12345.cti.matter.api.Transition;
import cn.hotline12345.cti.matter.api.UnitRole;
import cn.hotline12345.cti.matter.api.Urgency;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hotline side of a matter's life (art. 16-24): drafts from calls, intake from other channels, edits,
 * acceptance or refusal, on-the-spot answers, dispatch, escalation, closing, and the caller's own status
 * lookup. Every change runs through {@link MatterLifecycle} and {@link MatterRepository#mutate}; every
 * method returns a {@link Future} that fails with a {@link MatterException}.
 */
public final class MatterService {

    private final MatterRepository repo;
    private final CalendarService calendar;
    private final MatterLifecycle lifecycle;
    private final Clock clock;

    public MatterService(MatterRepository repo, CalendarService calendar, MatterLifecycle lifecycle, Clock clock) {
        this.repo = repo;
        this.calendar = calendar;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ creation

    /**
     * Opens the draft the screen pop carries when a call reaches an agent, pre-filled from the caller and
     * the IVR path. Idempotent per call: a second AgentRinging for the same call returns the same draft. A
     * dropped call keeps its draft (nothing here deletes it).
     */
    public Future<Matter> openDraftFromCall(DraftFromCall d) {
        if (d == null || d.callKey() == null) {
            return Future.failedFuture(MatterException.invalid("callKey", "required"));
        }
        Instant now = d.at() == null ? clock.instant() : d.at();
        MatterCategory category = MatterCategory.fromIvrChoice(d.ivrCategory());
        Matter draft = Matter.builder().channel(MatterChannel.PHONE)
                .category(category == null ? MatterCategory.CONSULTATION : category)
                .subject("").content("")
                .contactName(MatterInputs.trim(d.callerName(), MatterValidator.MAX_SHORT))
                .contactNumber(MatterInputs.trim(d.callerNumber(), 32))
                .contactNumberNorm(d.callerNumberNorm() != null ? d.callerNumberNorm()
                        : MatterValidator.normaliseNumber(d.callerNumber()))
                .urgency(Urgency.NORMAL).status(MatterStatus.DRAFT).takenBy(MatterInputs.trim(d.agent(), MatterValidator.MAX_SHORT))
                .ivrPath(MatterInputs.trim(d.ivrPath(), 200)).originPbxId(d.callKey().pbxId()).originLinkedid(d.callKey().linkedid())
                .createdAt(now).updatedAt(now).build();
        return repo.insert(draft, new MatterChange.Step(null, MatterStatus.DRAFT,
                "agent:" + (d.agent() == null ? "unknown" : d.agent()), "call reached an agent"), d.callId());
    }

    /** A draft typed in by an agent (no call). */
    public Future<Matter> createDraft(MatterInput in, Actor actor) {
        try {
            MatterValidator.checkFormat(in);
            Matter m = MatterInputs.fill(newMatter(in.channel() == null ? MatterChannel.PHONE : in.channel(), actor), in).build();
            return repo.insert(m, new MatterChange.Step(null, MatterStatus.DRAFT, actor.name(), "created"), null);
        } catch (MatterException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * A matter from another channel's system (art. 2): validated completely and accepted at once, with
     * its deadline running.
     */
    public Future<Matter> intake(MatterInput in, MatterChannel channel, String clientId) {
        try {
            MatterValidator.checkFormat(in);
            if (in.category() == null) {
                throw MatterException.invalid("category", "required");
            }
            Actor actor = Actor.system("intake:" + clientId);
            Matter draft = MatterInputs.fill(newMatter(channel, actor), in).build();
            MatterValidator.checkComplete(draft);
            return calendar.snapshot().compose(cal -> repo.insert(draft,
                            new MatterChange.Step(null, MatterStatus.DRAFT, actor.name(), "intake via " + channel.code()), null)
                    .compose(created -> repo.mutate(created.id(), created.version(), st ->
                            acceptChange(st.matter(), actor, "intake via " + channel.code(), cal))));
        } catch (MatterException e) {
            return Future.failedFuture(e);
        }
    }

    private MatterBuilder newMatter(MatterChannel channel, Actor actor) {
        Instant now = clock.instant();
        return Matter.builder().channel(channel).category(MatterCategory.CONSULTATION).subject("").content("")
                .urgency(Urgency.NORMAL).status(MatterStatus.DRAFT).takenBy(actor.name()).createdAt(now).updatedAt(now);
    }

    // ------------------------------------------------------------------ the hotline's moves

    /** Edits fields of an open matter; {@code version} is required (optimistic lock: 409 when stale). */
    public Future<Matter> update(long id, int version, MatterInput in, Actor actor) {
        return calendar.snapshot().compose(cal -> change(id, version, st -> {
            MatterValidator.checkFormat(in);
            Matter m = st.matter();
            lifecycle.require(m.status(), MatterAction.EDIT, actor.kind());
            if (m.confidential() && Boolean.FALSE.equals(in.confidential())) {
                // art. 11: the reporter asked for it; only a supervisor may lift it, with a reason, audited
                throw new MatterException(cn.hotline12345.cti.platform.error.Refusal.Kind.FORBIDDEN, "confidential",
                        "lifting confidentiality is a supervisor's decision with a reason (POST /api/matters/{id}/confidentiality)")
                        .tell("matter.confidential_lift_supervisor");
            }
            Matter next = MatterInputs.fill(m.toBuilder(), in).updatedAt(clock.instant()).build();
            if (m.status() != MatterStatus.DRAFT) {
                MatterValidator.checkComplete(next);
            }
            String why = "edited";
            if (m.status() == MatterStatus.ACCEPTED && next.urgency() != m.urgency() && m.acceptedAt() != null) {
                // the urgency decides the time limit while the hotline still holds the matter (before dispatch)
                int days = cal.days(next.category(), next.urgency());
                Instant deadline = cal.calendar().deadline(m.acceptedAt(), days);
                next = next.toBuilder().workingDays(days).deadlineAt(deadline)
                        .deadlineProvisional(cal.calendar().provisional(m.acceptedAt(), deadline)).build();
                why = "edited; urgency " + m.urgency().code() + " -> " + next.urgency().code() + ", " + days
                        + " working days";
            }
            return MatterChange.to(next).step(m.status(), m.status(), actor, why);
        }));
    }

    /**
     * Lifts a reporter's confidentiality (art. 11): a supervisor's decision with a reason, recorded as a transition
     * and written to the audit log in the same transaction (issue 20 item 9).
     */
    public Future<Matter> liftConfidentiality(long id, Integer version, String reason, Actor actor) {
        if (actor.kind() != cn.hotline12345.cti.matter.api.ActorKind.SUPERVISOR) {
            return Future.failedFuture(new MatterException(cn.hotline12345.cti.platform.error.Refusal.Kind.FORBIDDEN,
                    null, "only a supervisor may lift confidentiality").tell("matter.confidential_lift_supervisor"));
        }
        return change(id, version, st -> {
            MatterValidator.required("reason", reason, MatterValidator.MAX_CONTENT);
            if (reason.strip().length() < 4) {
                throw MatterException.invalid("reason", "give a reason of at least 4 characters");
            }
            Matter m = st.matter();
            if (!m.confidential()) {
                throw MatterException.conflict("matter " + m.number() + " is not confidential");
            }
            Instant now = clock.instant();
            return MatterChange.to(m.toBuilder().confidential(false).updatedAt(now).build())
                    .step(m.status(), m.status(), actor, "confidentiality lifted: " + reason.strip())
                    .audit(cn.hotline12345.cti.privacy.api.AuditEntry.of(now, actor.name(), "lift_confidentiality",
                            "matter:" + m.number(), reason.strip(), java.util.Map.of("takenBy",
                                    m.takenBy() == null ? "" : m.takenBy())));
        });
    }

    /** Audits that a confidential matter's reporter was shown to someone other than the agent who took it. */
    public Future<Long> auditReporterShown(Matter m, String viewer, String role) {
        return repo.audit(cn.hotline12345.cti.privacy.api.AuditEntry.of(clock.instant(), viewer, "view_confidential",
                "matter:" + m.number(), "matter opened", java.util.Map.of("role", role, "takenBy",
                        m.takenBy() == null ? "" : m.takenBy())));
    }

    /** Accepts a draft (受理): checks completeness (art. 11) and starts the deadline (art. 20). */
    public Future<Matter> accept(long id, Integer version, String note, Actor actor) {
        return calendar.snapshot().compose(cal -> change(id, version, st -> acceptChange(st.matter(), actor,
                note == null ? "accepted" : note, cal)));
    }

    private MatterChange acceptChange(Matter m, Actor actor, String reason, CalendarService.Snapshot cal) {
        MatterStatus to = lifecycle.require(m.status(), MatterAction.ACCEPT, actor.kind());
        MatterValidator.checkComplete(m);
        Instant now = clock.instant();
        int days = cal.days(m.category(), m.urgency());
        Instant deadline = cal.calendar().deadline(now, days);
        Matter next = m.toBuilder().status(to).acceptedAt(now).updatedAt(now).workingDays(days)
                .deadlineAt(deadline).deadlineProvisional(cal.calendar().provisional(now, deadline)).build();
        return MatterChange.to(next).step(m.status(), to, actor, reason);
    }

    /** Refuses a draft (不予受理, art. 19) with the reason and, for the first kinds, the proper channel. */
    public Future<Matter> notAccept(long id, Integer version, NotAcceptedReason reason, String properChannel,
                                    String note, Actor actor) {
        return change(id, version, st -> {
            if (reason == null) {
                throw MatterException.invalid("reason", "required (art. 19)");
            }
            MatterValidator.max("properChannel", properChannel, MatterValidator.MAX_ADDRESS);
            MatterValidator.max("note", note, MatterValidator.MAX_CONTENT);
            Matter m = st.matter();
            MatterStatus to = lifecycle.require(m.status(), MatterAction.NOT_ACCEPT, actor.kind());
            String channel = reason.needsProperChannel()
                    ? (MatterValidator.blank(properChannel) ? reason.properChannel() : properChannel.trim()) : null;
            if (reason == NotAcceptedReason.OTHER && MatterValidator.blank(note)) {
                throw MatterException.invalid("note", "required for reason 'other'");
            }
            Instant now = clock.instant();
            Matter next = m.toBuilder().status(to).notAcceptedReason(reason).properChannel(channel).closedAt(now)
                    .updatedAt(now).build();
            return MatterChange.to(next).step(m.status(), to, actor,
                    "not accepted: " + reason.code() + (note == null ? "" : " - " + note));
        }).compose(m -> m.originLinkedid() == null ? Future.succeededFuture(m)
                : repo.markCallNotAccepted(m.originPbxId(), m.originLinkedid()).map(x -> m));
    }

    /** Answers on the spot (即时答复, art. 18): the matter closes at intake. */
    public Future<Matter> answerOnSpot(long id, Integer version, String answer, Actor actor) {
        return change(id, version, st -> {
            MatterValidator.required("answer", answer, MatterValidator.MAX_CONTENT);
            Matter m = st.matter();
            MatterStatus to = lifecycle.require(m.status(), MatterAction.ANSWER_ON_SPOT, actor.kind());
            MatterValidator.checkComplete(m);
            Instant now = clock.instant();
            Matter next = m.toBuilder().status(to).answer(answer.trim()).acceptedAt(m.acceptedAt() == null ? now
                    : m.acceptedAt()).closedAt(now).updatedAt(now).build();
            return MatterChange.to(next).step(m.status(), to, actor, "answered on the spot");
        });
    }

    /**
     * Dispatches to a lead unit and co-handling units (art. 22; art. 24 decides the lead). A statutory
     * limit longer than the default recomputes the deadline from acceptance.
     */
    public Future<Matter> dispatch(long id, Integer version, DispatchOrder order, Actor actor) {
        if (order == null) {
            return Future.failedFuture(MatterException.invalid("leadUnitId", "required"));
        }
        if (order.workingDays() != null && (order.workingDays() < 1 || order.workingDays() > 120)) {
            return Future.failedFuture(MatterException.invalid("workingDays", "between 1 and 120"));
        }
        List<String> ids = new ArrayList<>(order.coUnitIds());
        if (order.leadUnitId() != null) {
            ids.add(order.leadUnitId());
        }
        return calendar.snapshot().compose(cal -> repo.units(ids).compose(units -> change(id, version, st -> {
            Matter m = st.matter();
            MatterStatus to = lifecycle.require(m.status(), MatterAction.DISPATCH, actor.kind());
            List<MatterChange.Assignment> assignment = DispatchRules.assign(order, units);
            String lead = assignment.get(0).unitId();
            Instant now = clock.instant();
            MatterBuilder b = m.toBuilder().status(to).leadUnitId(lead).noReturn(order.noReturn())
                    .dispatchedAt(now).updatedAt(now);
            if (order.workingDays() != null) {
                // a reopened matter starts again: its time counts from the re-dispatch, not from the first intake
                Instant base = m.acceptedAt() == null || m.status() == MatterStatus.REOPENED ? now : m.acceptedAt();
                Instant deadline = cal.calendar().deadline(base, order.workingDays());
                b.workingDays(order.workingDays()).deadlineAt(deadline)
                        .deadlineProvisional(cal.calendar().provisional(base, deadline));
            }
            String reason = "dispatched to " + lead + (lead.equals(order.leadUnitId()) ? ""
                    : " (city department leads over county government " + order.leadUnitId() + ", art. 24)")
                    + (order.noReturn() ? ", assigned: no return" : "");
            return MatterChange.to(b.build()).assign(assignment).step(m.status(), to, actor, reason);
        })));
    }

    /** Escalates to the city government's office (art. 23). */
    public Future<Matter> escalate(long id, Integer version, String reason, Actor actor) {
        return change(id, version, st -> {
            MatterValidator.required("reason", reason, MatterValidator.MAX_CONTENT);
            Matter m = st.matter();
            MatterStatus to = lifecycle.require(m.status(), MatterAction.ESCALATE, actor.kind());
            Matter next = m.toBuilder().status(to).escalated(true).updatedAt(clock.instant()).build();
            return MatterChange.to(next).step(m.status(), to, actor, reason.trim());
        });
    }

    /** Closes a revisited matter. */
    public Future<Matter> close(long id, Integer version, String reason, Actor actor) {
        return change(id, version, st -> {
            Matter m = st.matter();
            MatterStatus to = lifecycle.require(m.status(), MatterAction.CLOSE, actor.kind());
            Instant now = clock.instant();
            return MatterChange.to(m.toBuilder().status(to).closedAt(now).updatedAt(now).build())
                    .step(m.status(), to, actor, reason == null ? "closed" : reason);
        });
    }

    private Future<Matter> change(long id, Integer version, java.util.function.Function<MatterState, MatterChange> f) {
        return repo.mutate(id, version, f);
    }

    // ------------------------------------------------------------------ reads

    public Future<Matter> get(long id) {
        return repo.find(id).compose(o -> o.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(MatterException.notFound("matter " + id))));
    }

    public Future<List<MatterSummary>> search(MatterQuery q) {
        return repo.search(q);
    }

    public Future<List<Transition>> history(long id) {
        return get(id).compose(m -> repo.transitions(id));
    }

    public Future<List<MatterRequest>> requests(long id) {
        return get(id).compose(m -> repo.requests(id));
    }

    /** The draft or matter a call opened, if any (for the screen pop after a reconnect). */
    public Future<Optional<Matter>> forCall(cn.hotline12345.cti.call.api.CallKey key) {
        return repo.findByCall(key.pbxId(), key.linkedid());
    }

    /** Links a call to a matter (a repeat call about the same matter), when the call row exists. */
    public Future<Void> linkCall(long matterId, long callId) {
        return repo.linkCall(matterId, callId);
    }

    /**
     * The caller's own status lookup for the IVR {@code status} flow (art. 13, 14): with a matter number,
     * that matter (a confidential one only to the number that reported it); without, the caller's latest
     * matters (at most 3).
     */
    public Future<CallerStatus> statusForCaller(String matterNumberOrNull, String callerNumberNorm) {
        if (matterNumberOrNull == null || matterNumberOrNull.isBlank()) {
            if (callerNumberNorm == null || callerNumberNorm.isBlank()) {
                return Future.succeededFuture(new CallerStatus(CallerStatus.Outcome.NOT_FOUND, List.of()));
            }
            return repo.byContact(callerNumberNorm, false, 3).map(list -> list.isEmpty()
                    ? new CallerStatus(CallerStatus.Outcome.NOT_FOUND, List.of())
                    : new CallerStatus(CallerStatus.Outcome.FOUND, list.stream().map(MatterService::item).toList()));
        }
        String number = matterNumberOrNull.trim().toUpperCase(java.util.Locale.ROOT);
        if (number.length() > 40) {
            return Future.succeededFuture(new CallerStatus(CallerStatus.Outcome.NOT_FOUND, List.of()));
        }
        return repo.findByNumber(number).map(o -> {
            if (o.isEmpty()) {
                return new CallerStatus(CallerStatus.Outcome.NOT_FOUND, List.of());
            }
            Matter m = o.get();
            if (m.confidential() && (callerNumberNorm == null || !callerNumberNorm.equals(m.contactNumberNorm()))) {
                return new CallerStatus(CallerStatus.Outcome.CONFIDENTIAL_DENIED, List.of());
            }
            String unit = m.units().stream().filter(u -> u.role() == UnitRole.LEAD).map(MatterUnit::unitName)
                    .findFirst().orElse(null);
            return new CallerStatus(CallerStatus.Outcome.FOUND, List.of(new CallerStatus.Item(m.number(),
                    m.category(), m.status(), unit, m.deadlineAt(), m.createdAt())));
        });
    }

    private static CallerStatus.Item item(MatterSummary s) {
        return new CallerStatus.Item(s.number(), s.category(), s.status(), s.leadUnitName(), s.deadlineAt(),
                s.createdAt());
    }

    /** The caller's matters that are not finished (newest first, at most 10): repeat-caller recognition. */
    /** A matter by its human-readable number (the revisit call carries it). */
    public Future<Optional<Matter>> byNumber(String number) {
        return repo.findByNumber(number);
    }

    public Future<List<MatterSummary>> openMattersFor(String callerNumberNorm) {
        if (callerNumberNorm == null || callerNumberNorm.isBlank()) {
            return Future.succeededFuture(List.of());
        }
        return repo.byContact(callerNumberNorm, true, 10);
    }
}
