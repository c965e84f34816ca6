package cn.hotline12345.cti.telephony;

import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.call.api.AgentActions.Progress;
import cn.hotline12345.cti.call.api.AgentActions.Progress.Kind;
import cn.hotline12345.cti.call.api.AgentActions.TransferTarget;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallHandle;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.FarEndSpec;
import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static cn.hotline12345.cti.testing.FakeAgiResponder.always;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The agent's call controls (issue 19 items 3 and 4) over real AMI against pbx-sim running the shipped
 * docker/asterisk/extensions.conf and features.conf: hold and retrieve, blind transfers to a busy and to a free
 * colleague, an attended transfer completed and cancelled, the emergency services, the agent's own call, and the
 * refusals that send nothing. Every outcome is also checked in the events the simulator emitted.
 */
@ExtendWith(PostgresExtension.class)
class CallControlOverAmiIT {

    private static final Duration T = Duration.ofSeconds(20);
    private static final Map<String, String> TO_GENERAL = Map.of("HOTLINE_QUEUE", "q-general",
            "HOTLINE_IVR_PATH", "welcome>main-menu:0");

    /** 1001 answers queue calls and calls coming back; 1002 answers; 1003's phone refuses (busy, do-not-disturb). */
    private static TelephonyHarness harness(TestDatabase db) {
        return new TelephonyHarness(db, always(TO_GENERAL), List.of(
                AgentSpec.pjsip("1001").answerAfter(200).talkFor(600_000),
                AgentSpec.pjsip("1002").answerAfter(300).talkFor(600_000),
                AgentSpec.pjsip("1003").answerAfter(200).refuse()), TelephonyHarness.generalQueue("1001"));
    }

    private record Run(TelephonyHarness h, AgentActions actions, List<Progress> progress, List<AmiMessage> events,
                       CallHandle call) {
        boolean told(String ext, Kind kind) {
            return progress.stream().anyMatch(p -> p.extension().equals(ext) && p.kind() == kind
                    && p.linkedid().equals(call.linkedid()));
        }

        void awaitTold(String ext, Kind kind) {
            Http.await(ext + " " + kind + " in " + progress, T, () -> told(ext, kind));
        }

        boolean emitted(Predicate<AmiMessage> p) {
            return events.stream().anyMatch(p);
        }
    }

    /** A call answered by 1001 through q-general. */
    private static Run connected(TelephonyHarness h) {
        List<Progress> progress = new CopyOnWriteArrayList<>();
        List<AmiMessage> events = new CopyOnWriteArrayList<>();
        AgentActions a = h.telephony.agentActions();
        a.onProgress(progress::add);
        h.sim.onEvent(events::add);
        CallHandle call = h.sim.placeCall(CallerSpec.of("13800138000").name("张三"));
        Run r = new Run(h, a, progress, events, call);
        r.awaitTold("1001", Kind.PHONE_UP);
        Http.await("AgentConnect", T, () -> r.emitted(e -> e.name().equals("AgentConnect")));
        return r;
    }

    @Test
    void holdPlaysMusicToTheCallerKeepsTheAgentAndRetrieveBridgesThemAgain(TestDatabase db) throws Exception {
        try (TelephonyHarness h = harness(db)) {
            Run r = connected(h);
            r.actions().hold(h.pbxId, "1001", true).await();
            r.awaitTold("1001", Kind.HOLD_ON);
            Http.await("music on hold for the caller", T, () -> r.emitted(e -> e.name().equals("MusicOnHoldStart")
                    && r.call().channel().equals(e.get("Channel")) && "hold".equals(e.get("Context"))));
            assertThat(r.told("1001", Kind.PHONE_DOWN)).as("the agent's leg stayed up").isFalse();
            assertThatThrownBy(() -> r.actions().hold(h.pbxId, "1001", true).await())
                    .isInstanceOfSatisfying(AgentActions.Refused.class, e -> assertThat(e.code()).isEqualTo("on_hold"));
            assertThatThrownBy(() -> r.actions().hangup(h.pbxId, "1001").await())
                    .isInstanceOfSatisfying(AgentActions.Refused.class, e -> assertThat(e.code()).isEqualTo("on_hold"));

            r.actions().hold(h.pbxId, "1001", false).await();
            r.awaitTold("1001", Kind.HOLD_OFF);
            Http.await("music stops", T, () -> r.emitted(e -> e.name().equals("MusicOnHoldStop")
                    && r.call().channel().equals(e.get("Channel"))));
            assertThatThrownBy(() -> r.actions().hold(h.pbxId, "1001", false).await())
                    .isInstanceOfSatisfying(AgentActions.Refused.class, e -> assertThat(e.code()).isEqualTo("not_on_hold"));
            // retrieved, the agent hangs up and the caller goes on to the survey (hold,s after MusicOnHold)
            r.actions().hangup(h.pbxId, "1001").await();
            r.awaitTold("1001", Kind.PHONE_DOWN);
            assertThat(r.call().awaitEnd(T)).isTrue();
        }
    }

    @Test
    void aBlindTransferToABusyColleagueComesBackToTheAgent(TestDatabase db) throws Exception {
        try (TelephonyHarness h = harness(db)) {
            Run r = connected(h);
            r.actions().transfer(h.pbxId, "1001", new TransferTarget(TransferTarget.Kind.AGENT, "1003"), false).await();
            r.awaitTold("1001", Kind.TRANSFER_RINGING);
            r.awaitTold("1001", Kind.TRANSFER_FAILED);
            assertThat(r.progress()).filteredOn(p -> p.kind() == Kind.TRANSFER_FAILED).first()
                    .satisfies(p -> assertThat(p.detail()).isEqualTo("busy"));
            r.awaitTold("1001", Kind.RETURN_RINGING);
            r.awaitTold("1001", Kind.RETURNED);
            assertThat(r.emitted(e -> e.name().equals("DialEnd") && "ANSWER".equals(e.get("DialStatus"))
                    && "transfer-return".equals(e.get("Context")))).as("[transfer-return] rang 1001").isTrue();
            // the call controls work on the call that came back (not a queue call any more)
            r.actions().hold(h.pbxId, "1001", true).await();
            r.actions().hold(h.pbxId, "1001", false).await();
            r.actions().hangup(h.pbxId, "1001").await();
            assertThat(r.call().awaitEnd(T)).isTrue();
        }
    }

    @Test
    void aBlindTransferToAFreeColleagueRingsAndIsAnsweredThere(TestDatabase db) throws Exception {
        try (TelephonyHarness h = harness(db)) {
            Run r = connected(h);
            assertThatThrownBy(() -> r.actions().transfer(h.pbxId, "1001",
                    new TransferTarget(TransferTarget.Kind.AGENT, "1001"), false).await())
                    .isInstanceOfSatisfying(AgentActions.Refused.class, e -> assertThat(e.code()).isEqualTo("self_transfer"));
            r.actions().transfer(h.pbxId, "1001", new TransferTarget(TransferTarget.Kind.AGENT, "1002"), false).await();
            r.awaitTold("1002", Kind.PHONE_RINGING);
            r.awaitTold("1001", Kind.TRANSFER_ANSWERED);
            r.awaitTold("1002", Kind.PHONE_UP);
            assertThat(r.told("1001", Kind.PHONE_DOWN)).as("the transferring agent's leg ended").isTrue();
            assertThat(r.told("1001", Kind.RETURN_RINGING)).isFalse();
            r.actions().hangup(h.pbxId, "1002").await();
            assertThat(r.call().awaitEnd(T)).isTrue();
        }
    }

    @Test
    void anAttendedTransferConsultsThenCompletesOrIsCancelled(TestDatabase db) throws Exception {
        try (TelephonyHarness h = harness(db)) {
            Run r = connected(h);
            assertThatThrownBy(() -> r.actions().consult(h.pbxId, "1001", true).await())
                    .isInstanceOfSatisfying(AgentActions.Refused.class, e -> assertThat(e.code()).isEqualTo("no_consultation"));
            // first consultation: cancelled, the agent has the caller back
            r.actions().transfer(h.pbxId, "1001", new TransferTarget(TransferTarget.Kind.AGENT, "1002"), true).await();
            r.awaitTold("1001", Kind.CONSULT_ANSWERED);
            Http.await("caller on hold while consulting", T, () -> r.emitted(e -> e.name().equals("MusicOnHoldStart")
                    && r.call().channel().equals(e.get("Channel"))));
            r.actions().consult(h.pbxId, "1001", false).await();
            r.awaitTold("1001", Kind.CONSULT_CANCELLED);
            r.awaitTold("1002", Kind.PHONE_DOWN);
            assertThat(r.told("1001", Kind.PHONE_DOWN)).isFalse();
            // second: completed, the colleague has the caller
            r.progress().clear();
            r.actions().transfer(h.pbxId, "1001", new TransferTarget(TransferTarget.Kind.AGENT, "1002"), true).await();
            r.awaitTold("1001", Kind.CONSULT_ANSWERED);
            r.actions().consult(h.pbxId, "1001", true).await();
            r.awaitTold("1001", Kind.CONSULT_COMPLETED);
            r.awaitTold("1001", Kind.PHONE_DOWN);
            assertThat(r.emitted(e -> e.name().equals("AttendedTransfer") && "Success".equals(e.get("Result")))).isTrue();
            assertThat(r.told("1002", Kind.PHONE_DOWN)).isFalse();
            r.actions().hangup(h.pbxId, "1002").await();
            assertThat(r.call().awaitEnd(T)).isTrue();
        }
    }

    @Test
    void anEmergencyTransferReaches120AndABusy110BringsTheCallerBack(TestDatabase db) throws Exception {
        try (TelephonyHarness h = harness(db)) {
            h.sim.farEnd(FarEndSpec.of("120").answerAfter(300).talkFor(600_000));
            h.sim.farEnd(FarEndSpec.of("110").answerAfter(200).busy());
            Run r = connected(h);
            r.actions().transfer(h.pbxId, "1001", new TransferTarget(TransferTarget.Kind.EMERGENCY, "110"), false).await();
            r.awaitTold("1001", Kind.TRANSFER_FAILED);
            r.awaitTold("1001", Kind.RETURNED);
            r.progress().clear();
            r.actions().transfer(h.pbxId, "1001", new TransferTarget(TransferTarget.Kind.EMERGENCY, "120"), false).await();
            r.awaitTold("1001", Kind.TRANSFER_ANSWERED);
            assertThat(r.emitted(e -> e.name().equals("DialBegin") && "120@trunk".equals(e.get("DialString"))
                    && "transfer-out".equals(e.get("Context")))).isTrue();
            r.awaitTold("1001", Kind.PHONE_DOWN);
            assertThat(r.told("1001", Kind.RETURN_RINGING)).isFalse();
        }
    }

    @Test
    void theAgentsOwnCallRingsThePhoneThenTheNumberAndCanBeHungUp(TestDatabase db) throws Exception {
        try (TelephonyHarness h = harness(db)) {
            List<Progress> progress = new CopyOnWriteArrayList<>();
            AgentActions a = h.telephony.agentActions();
            a.onProgress(progress::add);
            h.sim.farEnd(FarEndSpec.of("13900139000").answerAfter(300).talkFor(600_000));
            assertThatThrownBy(() -> a.hangup(h.pbxId, "1001").await())
                    .isInstanceOfSatisfying(AgentActions.Refused.class, e -> assertThat(e.code()).isEqualTo("no_call"));
            a.dial(h.pbxId, "1001", "13900139000").await();
            Http.await("answered out", T, () -> progress.stream().anyMatch(p -> p.kind() == Kind.OUTBOUND_ANSWERED
                    && "13900139000".equals(p.target())));
            assertThatThrownBy(() -> a.dial(h.pbxId, "1001", "13900139001").await())
                    .isInstanceOfSatisfying(AgentActions.Refused.class, e -> assertThat(e.code()).isEqualTo("phone_busy"));
            a.hold(h.pbxId, "1001", true).await();
            a.hold(h.pbxId, "1001", false).await();
            a.hangup(h.pbxId, "1001").await();
            Http.await("ended", T, () -> progress.stream().anyMatch(p -> p.kind() == Kind.OUTBOUND_ENDED));
            Http.await("no channel left", T, () -> h.sim.activeChannels().isEmpty());
        }
    }

    @Test
    void aHeldCallerWhoseAgentHangsUpGoesBackToTheQueue(TestDatabase db) throws Exception {
        try (TelephonyHarness h = harness(db)) {
            Run r = connected(h);
            r.actions().hold(h.pbxId, "1001", true).await();
            Http.await("agent waits in agent-hold", T, () -> r.emitted(e -> e.name().equals("Newexten")
                    && "agent-hold".equals(e.get("Context"))));
            String agent = r.events().stream().filter(e -> e.name().equals("Newexten") && "agent-hold".equals(e.get("Context")))
                    .findFirst().orElseThrow().get("Channel");
            // the agent's phone hangs up by itself (not through the console)
            h.telephony.link(h.pbxId).send(cn.hotline12345.cti.telephony.ami.AmiAction.named("Hangup")
                    .header("Channel", agent)).await();
            Http.await("caller back in the queue", T, () -> r.emitted(e -> e.name().equals("QueueCallerJoin")
                    && r.call().channel().equals(e.get("Channel")) && "queue-transfer".equals(e.get("Context"))));
        }
    }
}
