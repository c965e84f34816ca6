package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.matter.api.ActorKind;
import cn.hotline12345.cti.matter.api.Codes;
import cn.hotline12345.cti.matter.api.MatterAction;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.MatterStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static cn.hotline12345.cti.matter.api.ActorKind.AGENT;
import static cn.hotline12345.cti.matter.api.ActorKind.SUPERVISOR;
import static cn.hotline12345.cti.matter.api.ActorKind.SYSTEM;
import static cn.hotline12345.cti.matter.api.ActorKind.UNIT;
import static cn.hotline12345.cti.matter.api.MatterStatus.*;

/**
 * The matter's state machine as one table: for each {@link MatterAction}, the states it may start from,
 * the state it leads to, and the kinds of actor allowed to take it. Pure: no I/O, no clock; the services
 * ask it before they write, and the tests walk the whole table.
 *
 * <p>Rules that need the matter's data (a unit acting only as the lead, no return after an assignment by
 * the hotline, a pending request to review) are checked by the services on top of this table.
 */
public final class MatterLifecycle {

    /**
     * One row of the table.
     *
     * @param to   the resulting state; equal to the start state for actions that change no state
     *             (edit, extension request and review)
     */
    public record Rule(MatterAction action, Set<MatterStatus> from, MatterStatus to, Set<ActorKind> actors) {
        /** Where {@code to} is null the state stays as it is. */
        public MatterStatus target(MatterStatus current) {
            return to == null ? current : to;
        }
    }

    /** The answer for one request: allowed (with the resulting state) or refused with the reason. */
    public record Verdict(boolean allowed, MatterStatus from, MatterStatus to, String reason) {
    }

    private static final Set<ActorKind> HOTLINE = EnumSet.of(AGENT, SUPERVISOR);
    private static final Set<ActorKind> SUPERVISORS = EnumSet.of(SUPERVISOR);
    private static final Set<ActorKind> UNITS = EnumSet.of(UNIT);
    private static final Set<MatterStatus> UNIT_WORKING = EnumSet.of(SIGNED_FOR, IN_PROGRESS);

    private final Map<MatterAction, Rule> rules = new EnumMap<>(MatterAction.class);

    public MatterLifecycle() {
        rule(MatterAction.EDIT, EnumSet.of(DRAFT, ACCEPTED, RETURNED, REOPENED, ESCALATED), null, HOTLINE);
        // SYSTEM: a complete matter from another channel's system is accepted on receipt (art. 2)
        rule(MatterAction.ACCEPT, EnumSet.of(DRAFT), ACCEPTED, EnumSet.of(AGENT, SUPERVISOR, SYSTEM));
        rule(MatterAction.NOT_ACCEPT, EnumSet.of(DRAFT), NOT_ACCEPTED, HOTLINE);
        rule(MatterAction.ANSWER_ON_SPOT, EnumSet.of(DRAFT, ACCEPTED), ANSWERED_ON_SPOT, HOTLINE);
        rule(MatterAction.DISPATCH, EnumSet.of(ACCEPTED, RETURNED, REOPENED, ESCALATED), DISPATCHED, HOTLINE);
        rule(MatterAction.SIGN_FOR, EnumSet.of(DISPATCHED), SIGNED_FOR, UNITS);
        rule(MatterAction.START, EnumSet.of(SIGNED_FOR), IN_PROGRESS, UNITS);
        rule(MatterAction.REPLY, UNIT_WORKING, REPLIED, UNITS);
        rule(MatterAction.RETURN, EnumSet.of(DISPATCHED, SIGNED_FOR, IN_PROGRESS), RETURNED, UNITS);
        rule(MatterAction.REQUEST_EXTENSION, UNIT_WORKING, null, UNITS);
        rule(MatterAction.REVIEW_EXTENSION, EnumSet.of(DISPATCHED, SIGNED_FOR, IN_PROGRESS, TERMINATION_REQUESTED,
                REPLIED, RETURNED, ESCALATED), null, SUPERVISORS);
        rule(MatterAction.REQUEST_TERMINATION, UNIT_WORKING, TERMINATION_REQUESTED, UNITS);
        rule(MatterAction.APPROVE_TERMINATION, EnumSet.of(TERMINATION_REQUESTED), TERMINATED, SUPERVISORS);
        rule(MatterAction.REFUSE_TERMINATION, EnumSet.of(TERMINATION_REQUESTED), IN_PROGRESS, SUPERVISORS);
        rule(MatterAction.ESCALATE, EnumSet.of(DISPATCHED, SIGNED_FOR, IN_PROGRESS, RETURNED, REOPENED), ESCALATED,
                SUPERVISORS);
        rule(MatterAction.REVISIT_SATISFIED, EnumSet.of(REPLIED), REVISITED, EnumSet.of(AGENT, SUPERVISOR, SYSTEM));
        rule(MatterAction.REOPEN, EnumSet.of(REPLIED, REVISITED, CLOSED), REOPENED,
                EnumSet.of(AGENT, SUPERVISOR, SYSTEM));
        rule(MatterAction.CLOSE, EnumSet.of(REVISITED), CLOSED, EnumSet.of(AGENT, SUPERVISOR, SYSTEM));
    }

    private void rule(MatterAction action, Set<MatterStatus> from, MatterStatus to, Set<ActorKind> actors) {
        rules.put(action, new Rule(action, Set.copyOf(from), to, Set.copyOf(actors)));
    }

    /** The row for an action. */
    public Rule rule(MatterAction action) {
        return rules.get(action);
    }

    /** Whether {@code actor} may take {@code action} on a matter in {@code from}, and where it leads. */
    public Verdict check(MatterStatus from, MatterAction action, ActorKind actor) {
        Rule r = rules.get(action);
        MatterStatus to = r.target(from);
        if (!r.from().contains(from)) {
            return new Verdict(false, from, to, "cannot " + action.code() + " a matter in state " + from.dbName()
                    + " (from " + from.dbName() + " to " + to.dbName() + " is not a legal transition; allowed from "
                    + names(r.from()) + ")");
        }
        if (!r.actors().contains(actor)) {
            return new Verdict(false, from, to, "a " + Codes.db(actor) + " cannot " + action.code()
                    + " (from " + from.dbName() + " to " + to.dbName() + "; only " + r.actors().stream()
                    .map(Codes::db).sorted().toList() + ")");
        }
        return new Verdict(true, from, to, null);
    }

    /** Like {@link #check} but throws an ILLEGAL_TRANSITION (or FORBIDDEN for the wrong actor) error. */
    public MatterStatus require(MatterStatus from, MatterAction action, ActorKind actor) {
        Verdict v = check(from, action, actor);
        if (!v.allowed()) {
            boolean wrongActor = rules.get(action).from().contains(from);
            throw new MatterException(wrongActor ? Refusal.Kind.FORBIDDEN
                    : Refusal.Kind.ILLEGAL_TRANSITION, null, v.reason());
        }
        return v.to();
    }

    /** The action that leads from one state to another, if a single one does. */
    public Optional<MatterAction> actionBetween(MatterStatus from, MatterStatus to) {
        return rules.values().stream().filter(r -> r.to() == to && r.from().contains(from))
                .map(Rule::action).findFirst();
    }

    private static String names(Set<MatterStatus> s) {
        return s.stream().map(MatterStatus::dbName).sorted().toList().toString();
    }
}
