package cn.hotline12345.cti.telephony;

import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.telephony.ami.AmiAction;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.pbxsim.CallHandle;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import cn.hotline12345.cti.testing.FakeAgiResponder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The four scenarios of the real Asterisk 22 captures (shared/fixtures/asterisk-22), replayed by pbx-sim
 * with the captures' own dialplan and queue ({@code hotline}, Local agents 1001/1002), each ending in
 * the right call record.
 */
@ExtendWith(PostgresExtension.class)
class CaptureScenariosIT {

    private static TelephonyHarness captures(TestDatabase db) {
        return new TelephonyHarness(db, FakeAgiResponder.capturesIvr(), PbxSim.Builder::capturesSetup);
    }

    private static void awaitEnded(TelephonyHarness h, CallHandle call) throws Exception {
        assertThat(call.awaitEnd(Duration.ofSeconds(30))).isTrue();
        Http.await("call ended in the tracker", Duration.ofSeconds(10), () -> h.updatesOf(CallUpdate.CallEnded.class)
                .stream().anyMatch(e -> e.key().linkedid().equals(call.linkedid())));
        h.flush();
    }

    @Test
    void s1IvrThenQueueAnsweredByAnAgent(TestDatabase db) throws Exception {
        try (TelephonyHarness h = captures(db)) {
            CallHandle call = h.sim.placeCall(CallerSpec.of("13800138000").name("Zhang San").digits("1"));
            awaitEnded(h, call);
            var rec = h.storedCall(call.linkedid());
            assertThat(rec.disposition()).isEqualTo("answered");
            assertThat(rec.callerNumber()).isEqualTo("13800138000");
            assertThat(rec.queue()).isEqualTo("hotline");
            assertThat(rec.agent()).matches("Local/100[12]@agents/n");
            assertThat(rec.endReason()).isEqualTo("normal");
        }
    }

    @Test
    void s2BothMembersPausedAndTheCallerAbandons(TestDatabase db) throws Exception {
        try (TelephonyHarness h = captures(db)) {
            h.sim.queues().pause("Local/1001@agents/n", true, "lunch");
            h.sim.queues().pause("Local/1002@agents/n", true, "training");
            CallHandle call = h.sim.placeCall(CallerSpec.of("13900139000").name("Li Si").dialed("12346")
                    .patience(Duration.ofSeconds(4)));
            awaitEnded(h, call);
            var rec = h.storedCall(call.linkedid());
            assertThat(rec.disposition()).isEqualTo("abandoned_in_queue");
            assertThat(rec.queueWaitMs()).isGreaterThanOrEqualTo(3_000);
            assertThat(h.countRows("select count(*) from agent_state_history where pbx_id = $pbx and state = 'paused'"
                    + " and reason in ('lunch', 'training')")).isEqualTo(2);
            h.sim.queues().pause("Local/1001@agents/n", false, "");
            h.sim.queues().pause("Local/1002@agents/n", false, "");
        }
    }

    @Test
    void s3AgentActionsStatusAndErrors(TestDatabase db) throws Exception {
        try (TelephonyHarness h = captures(db)) {
            var link = h.telephony.connectors().get(h.pbxId).link();
            link.send(AmiAction.named("QueueAdd").header("Queue", "hotline").header("Interface", "Local/1003@agents/n")
                    .header("StateInterface", "Local/1003@agents").header("MemberName", "Agent 1003")
                    .header("Penalty", "1").header("Paused", "false")).await(5, TimeUnit.SECONDS);
            Http.await("member 1003 on the board", Duration.ofSeconds(5), () -> h.calls.liveQueues().agents()
                    .stream().anyMatch(a -> a.agent().equals("Local/1003@agents/n")));
            CallHandle call = h.sim.placeCall(CallerSpec.of("053612345678").name("Wang Wu").dialed("12346"));
            Http.await("answered", Duration.ofSeconds(15), () -> !h.updatesOf(CallUpdate.AgentConnected.class).isEmpty());
            long before = h.resyncs();
            link.dropConnection("resync mid-call, as CoreShowChannels in s3");
            Http.await("resynced", Duration.ofSeconds(10), () -> h.resyncs() > before);
            assertThat(h.telephony.connectors().get(h.pbxId).tracker().activeCallCount()).isEqualTo(1);
            awaitEnded(h, call);
            assertThat(h.storedCall(call.linkedid()).disposition()).isEqualTo("answered");
            assertThat(h.countRows("select count(*) from call where pbx_id = $pbx")).isEqualTo(1);
            assertThatThrownBy(() -> link.send(AmiAction.named("QueueAdd").header("Queue", "hotline")
                    .header("Interface", "Local/1001@agents/n")).await(5, TimeUnit.SECONDS))
                    .hasMessageContaining("Already there");
            assertThatThrownBy(() -> link.send(AmiAction.named("NoSuchAction")).await(5, TimeUnit.SECONDS))
                    .hasMessageContaining("Invalid/unknown command");
        }
    }

    @Test
    void s4CallerHangsUpDuringTheIvr(TestDatabase db) throws Exception {
        try (TelephonyHarness h = captures(db)) {
            CallHandle call = h.sim.placeCall(CallerSpec.of("15000150000").name("Zhao Liu").dialed("12345")
                    .hangupAfter(Duration.ofMillis(1_500)));
            awaitEnded(h, call);
            var rec = h.storedCall(call.linkedid());
            assertThat(rec.disposition()).isEqualTo("abandoned_in_ivr");
            assertThat(rec.queue()).isNull();
        }
    }
}
