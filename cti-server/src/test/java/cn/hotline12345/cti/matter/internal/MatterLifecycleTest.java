package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.matter.api.ActorKind;
import cn.hotline12345.cti.matter.api.MatterAction;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.MatterStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static cn.hotline12345.cti.matter.api.ActorKind.*;
import static cn.hotline12345.cti.matter.api.MatterAction.*;
import static cn.hotline12345.cti.matter.api.MatterStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Walks every (state, action, actor) against an independent statement of the legal moves. */
class MatterLifecycleTest {

    private final MatterLifecycle lifecycle = new MatterLifecycle();

    /** The expected table, written out from the regulation independently of the implementation. */
    private static final Map<MatterAction, Object[]> EXPECTED = Map.ofEntries(
            Map.entry(EDIT, new Object[] {EnumSet.of(DRAFT, ACCEPTED, RETURNED, REOPENED, ESCALATED), null, EnumSet.of(AGENT, SUPERVISOR)}),
            Map.entry(ACCEPT, new Object[] {EnumSet.of(DRAFT), MatterStatus.ACCEPTED, EnumSet.of(AGENT, SUPERVISOR, SYSTEM)}),
            Map.entry(NOT_ACCEPT, new Object[] {EnumSet.of(DRAFT), NOT_ACCEPTED, EnumSet.of(AGENT, SUPERVISOR)}),
            Map.entry(ANSWER_ON_SPOT, new Object[] {EnumSet.of(DRAFT, MatterStatus.ACCEPTED), ANSWERED_ON_SPOT, EnumSet.of(AGENT, SUPERVISOR)}),
            Map.entry(DISPATCH, new Object[] {EnumSet.of(MatterStatus.ACCEPTED, RETURNED, REOPENED, ESCALATED), DISPATCHED, EnumSet.of(AGENT, SUPERVISOR)}),
            Map.entry(SIGN_FOR, new Object[] {EnumSet.of(DISPATCHED), SIGNED_FOR, EnumSet.of(UNIT)}),
            Map.entry(START, new Object[] {EnumSet.of(SIGNED_FOR), IN_PROGRESS, EnumSet.of(UNIT)}),
            Map.entry(REPLY, new Object[] {EnumSet.of(SIGNED_FOR, IN_PROGRESS), REPLIED, EnumSet.of(UNIT)}),
            Map.entry(RETURN, new Object[] {EnumSet.of(DISPATCHED, SIGNED_FOR, IN_PROGRESS), RETURNED, EnumSet.of(UNIT)}),
            Map.entry(REQUEST_EXTENSION, new Object[] {EnumSet.of(SIGNED_FOR, IN_PROGRESS), null, EnumSet.of(UNIT)}),
            Map.entry(REVIEW_EXTENSION, new Object[] {EnumSet.of(DISPATCHED, SIGNED_FOR, IN_PROGRESS, TERMINATION_REQUESTED, REPLIED, RETURNED, ESCALATED), null, EnumSet.of(SUPERVISOR)}),
            Map.entry(REQUEST_TERMINATION, new Object[] {EnumSet.of(SIGNED_FOR, IN_PROGRESS), TERMINATION_REQUESTED, EnumSet.of(UNIT)}),
            Map.entry(APPROVE_TERMINATION, new Object[] {EnumSet.of(TERMINATION_REQUESTED), TERMINATED, EnumSet.of(SUPERVISOR)}),
            Map.entry(REFUSE_TERMINATION, new Object[] {EnumSet.of(TERMINATION_REQUESTED), IN_PROGRESS, EnumSet.of(SUPERVISOR)}),
            Map.entry(ESCALATE, new Object[] {EnumSet.of(DISPATCHED, SIGNED_FOR, IN_PROGRESS, RETURNED, REOPENED), ESCALATED, EnumSet.of(SUPERVISOR)}),
            Map.entry(REVISIT_SATISFIED, new Object[] {EnumSet.of(REPLIED), REVISITED, EnumSet.of(AGENT, SUPERVISOR, SYSTEM)}),
            Map.entry(REOPEN, new Object[] {EnumSet.of(REPLIED, REVISITED, CLOSED), REOPENED, EnumSet.of(AGENT, SUPERVISOR, SYSTEM)}),
            Map.entry(CLOSE, new Object[] {EnumSet.of(REVISITED), CLOSED, EnumSet.of(AGENT, SUPERVISOR, SYSTEM)}));

    static Stream<Arguments> everyCombination() {
        List<Arguments> out = new ArrayList<>();
        for (MatterStatus s : MatterStatus.values()) {
            for (MatterAction a : MatterAction.values()) {
                for (ActorKind k : ActorKind.values()) {
                    out.add(Arguments.of(s, a, k));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} --{1}--> by {2}")
    @MethodSource("everyCombination")
    @SuppressWarnings("unchecked")
    void everyMoveIsAllowedExactlyWhenTheTableSaysSo(MatterStatus from, MatterAction action, ActorKind actor) {
        Object[] e = EXPECTED.get(action);
        Set<MatterStatus> fromSet = (Set<MatterStatus>) e[0];
        MatterStatus to = e[1] == null ? from : (MatterStatus) e[1];
        boolean legal = fromSet.contains(from) && ((Set<ActorKind>) e[2]).contains(actor);
        MatterLifecycle.Verdict v = lifecycle.check(from, action, actor);
        assertThat(v.allowed()).isEqualTo(legal);
        if (legal) {
            assertThat(v.to()).isEqualTo(to);
            assertThat(lifecycle.require(from, action, actor)).isEqualTo(to);
        } else {
            assertThat(v.reason()).contains("from " + from.dbName()).contains("to " + to.dbName());
            assertThatThrownBy(() -> lifecycle.require(from, action, actor)).isInstanceOf(MatterException.class)
                    .satisfies(x -> assertThat(((MatterException) x).kind()).isEqualTo(fromSet.contains(from)
                            ? Refusal.Kind.FORBIDDEN : Refusal.Kind.ILLEGAL_TRANSITION));
        }
    }

    @ParameterizedTest
    @MethodSource("finalStates")
    void finalStatesHaveNoWayOutButReopeningAClosedMatter(MatterStatus s) {
        for (MatterAction a : MatterAction.values()) {
            for (ActorKind k : ActorKind.values()) {
                boolean allowed = lifecycle.check(s, a, k).allowed();
                assertThat(allowed).as(s + " " + a + " " + k).isEqualTo(s == CLOSED && a == REOPEN && k != UNIT);
            }
        }
    }

    static Stream<MatterStatus> finalStates() {
        return Stream.of(MatterStatus.values()).filter(MatterStatus::isFinal);
    }
}
