package cn.hotline12345.cti.telephony;

import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.call.api.AgentState;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.Disposition;
import cn.hotline12345.cti.call.internal.CallRecordRepository;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallHandle;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.hotline12345.cti.testing.FakeAgiResponder.always;
import static org.assertj.core.api.Assertions.assertThat;

/** The telephony core against pbx-sim over real TCP, with call records in a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class TelephonyOverAmiIT {

    private static final Map<String, String> TO_GENERAL = Map.of("HOTLINE_QUEUE", "q-general",
            "HOTLINE_PRIORITY", "3", "HOTLINE_IVR_PATH", "welcome>emergency>main-menu:0");

    @Test
    void answeredCallEndsInOneAnsweredRecordWithItsQueueAgentAndIvrPath(TestDatabase db) throws Exception {
        try (TelephonyHarness h = new TelephonyHarness(db, always(TO_GENERAL),
                List.of(AgentSpec.pjsip("1001").answerAfter(300).talkFor(400)), TelephonyHarness.generalQueue("1001"))) {
            CallHandle call = h.sim.placeCall(CallerSpec.of("13800138000").name("张三"));
            assertThat(call.awaitEnd(Duration.ofSeconds(15))).isTrue();
            Http.await("call ended in tracker", Duration.ofSeconds(5),
                    () -> !h.updatesOf(CallUpdate.CallEnded.class).isEmpty());
            h.flush();

            CallUpdate.CallEnded ended = h.updatesOf(CallUpdate.CallEnded.class).get(0);
            assertThat(ended.disposition()).isEqualTo(Disposition.ANSWERED);
            assertThat(h.updatesOf(CallUpdate.AgentRinging.class)).singleElement()
                    .satisfies(r -> assertThat(r.agent()).isEqualTo("PJSIP/1001"));
            CallRecordRepository.StoredCall rec = h.storedCall(call.linkedid());
            assertThat(rec).isNotNull();
            assertThat(rec.disposition()).isEqualTo("answered");
            assertThat(rec.callerNumber()).isEqualTo("13800138000");
            assertThat(rec.queue()).isEqualTo("q-general");
            assertThat(rec.agent()).isEqualTo("PJSIP/1001");
            assertThat(rec.ivrPath()).isEqualTo("welcome>emergency>main-menu:0");
            assertThat(rec.endReason()).isEqualTo("normal");
            assertThat(h.countRows("select count(*) from call where pbx_id = $pbx")).isEqualTo(1);
            assertThat(h.countRows("select count(*) from call_event where pbx_id = $pbx and kind = 'agent_connect'"))
                    .isEqualTo(1);
            h.calls.writeQueueStats().await();
            h.calls.writeQueueStats().await();
            assertThat(h.countRows("select sum(offered) from queue_stats where pbx_id = $pbx and queue_name = 'q-general'"))
                    .isEqualTo(1);
            assertThat(h.countRows("select sum(answered) from queue_stats where pbx_id = $pbx and queue_name = 'q-general'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void callerWhoGivesUpInTheQueueIsAbandonedInQueue(TestDatabase db) throws Exception {
        try (TelephonyHarness h = new TelephonyHarness(db, always(TO_GENERAL),
                List.of(AgentSpec.pjsip("1001").noAnswer()), TelephonyHarness.generalQueue("1001"))) {
            CallHandle call = h.sim.placeCall(CallerSpec.of("13900139000").patience(Duration.ofMillis(1500)));
            assertThat(call.awaitEnd(Duration.ofSeconds(15))).isTrue();
            Http.await("call ended", Duration.ofSeconds(5), () -> !h.updatesOf(CallUpdate.CallEnded.class).isEmpty());
            h.flush();
            assertThat(h.storedCall(call.linkedid()).disposition()).isEqualTo("abandoned_in_queue");
            assertThat(h.storedCall(call.linkedid()).queueWaitMs()).isGreaterThan(0);
            assertThat(h.calls.liveQueues().queues()).anySatisfy(q -> {
                assertThat(q.queue()).isEqualTo("q-general");
                assertThat(q.abandonedToday()).isEqualTo(1);
            });
        }
    }

    @Test
    void callerWhoHangsUpInTheIvrIsAbandonedInIvr(TestDatabase db) throws Exception {
        try (TelephonyHarness h = new TelephonyHarness(db, caller -> {
            throw new IllegalStateException("the IVR is never reached: no answer to the environment");
        }, List.of(), TelephonyHarness.generalQueue())) {
            CallHandle call = h.sim.placeCall(CallerSpec.of("15000150000").hangupAfter(Duration.ofMillis(400)));
            assertThat(call.awaitEnd(Duration.ofSeconds(15))).isTrue();
            Http.await("call ended", Duration.ofSeconds(5), () -> !h.updatesOf(CallUpdate.CallEnded.class).isEmpty());
            h.flush();
            assertThat(h.storedCall(call.linkedid()).disposition()).isIn("abandoned_in_ivr", "failed");
        }
    }

    @Test
    void linkResetMidCallReconnectsResyncsAndKeepsExactlyOneRecord(TestDatabase db) throws Exception {
        try (TelephonyHarness h = new TelephonyHarness(db, always(TO_GENERAL),
                List.of(AgentSpec.pjsip("1001").answerAfter(200).talkFor(2500)), TelephonyHarness.generalQueue("1001"))) {
            CallHandle call = h.sim.placeCall(CallerSpec.of("13800138001"));
            Http.await("agent connected", Duration.ofSeconds(10),
                    () -> !h.updatesOf(CallUpdate.AgentConnected.class).isEmpty());
            long before = h.resyncs();
            h.sim.faults().resetAmi();
            Http.await("resynced after reset", Duration.ofSeconds(5), () -> h.resyncs() > before);
            assertThat(h.telephony.connectors().get(h.pbxId).tracker().activeCallCount()).isEqualTo(1);
            assertThat(call.awaitEnd(Duration.ofSeconds(15))).isTrue();
            Http.await("call ended", Duration.ofSeconds(5), () -> !h.updatesOf(CallUpdate.CallEnded.class).isEmpty());
            h.flush();
            assertThat(h.countRows("select count(*) from call where pbx_id = $pbx")).isEqualTo(1);
            assertThat(h.updatesOf(CallUpdate.CallEnded.class)).hasSize(1);
        }
    }

    @Test
    void halfOpenLinkIsDetectedAndRecovered(TestDatabase db) throws Exception {
        try (TelephonyHarness h = new TelephonyHarness(db, always(TO_GENERAL), List.of(), TelephonyHarness.generalQueue())) {
            long before = h.resyncs();
            h.sim.faults().silent(true);
            long t0 = System.nanoTime();
            Http.await("link reported down", Duration.ofSeconds(5), () -> !h.readiness.isUp("ami:" + h.pbxId));
            long detectedMs = (System.nanoTime() - t0) / 1_000_000;
            // within two keep-alive intervals of 1 s, plus scheduling slack on a loaded 2-core machine
            assertThat(detectedMs).isLessThan(3_000);
            assertThat(h.calls.liveQueues().alarms()).anySatisfy(a -> assertThat(a.kind()).isEqualTo("ami_link_down"));
            h.sim.faults().silent(false);
            Http.await("link back up and resynced", Duration.ofSeconds(10),
                    () -> h.readiness.isUp("ami:" + h.pbxId) && h.resyncs() > before);
        }
    }

    @Test
    void asteriskRestartClosesLiveCallsWithPbxRestart(TestDatabase db) throws Exception {
        try (TelephonyHarness h = new TelephonyHarness(db, always(TO_GENERAL),
                List.of(AgentSpec.pjsip("1001").answerAfter(100).talkFor(20_000)), TelephonyHarness.generalQueue("1001"))) {
            CallHandle a = h.sim.placeCall(CallerSpec.of("13800000001"));
            CallHandle b = h.sim.placeCall(CallerSpec.of("13800000002"));
            Http.await("both calls tracked", Duration.ofSeconds(10),
                    () -> h.telephony.connectors().get(h.pbxId).tracker().activeCallCount() == 2);
            h.sim.faults().restart(Duration.ofMillis(300));
            Http.await("both closed", Duration.ofSeconds(10), () -> h.updatesOf(CallUpdate.CallEnded.class).size() == 2);
            h.flush();
            assertThat(h.updatesOf(CallUpdate.CallEnded.class)).allSatisfy(e ->
                    assertThat(e.endReason()).isEqualTo("pbx_restart"));
            assertThat(h.storedCall(a.linkedid()).endReason()).isEqualTo("pbx_restart");
            assertThat(h.storedCall(b.linkedid()).endReason()).isEqualTo("pbx_restart");
        }
    }

    @Test
    void duplicatedEventsCountNothingTwice(TestDatabase db) throws Exception {
        try (TelephonyHarness h = new TelephonyHarness(db, always(TO_GENERAL),
                List.of(AgentSpec.pjsip("1001").answerAfter(200).talkFor(300)), TelephonyHarness.generalQueue("1001"))) {
            h.sim.faults().duplicateEvents(true);
            CallHandle call = h.sim.placeCall(CallerSpec.of("13800138009"));
            assertThat(call.awaitEnd(Duration.ofSeconds(15))).isTrue();
            Http.await("call ended", Duration.ofSeconds(5), () -> !h.updatesOf(CallUpdate.CallEnded.class).isEmpty());
            h.flush();
            assertThat(h.updatesOf(CallUpdate.CallEnded.class)).hasSize(1);
            assertThat(h.updatesOf(CallUpdate.AgentRinging.class)).hasSize(1);
            assertThat(h.updatesOf(CallUpdate.AgentConnected.class)).hasSize(1);
            assertThat(h.countRows("select count(*) from call where pbx_id = $pbx")).isEqualTo(1);
            assertThat(h.countRows("select count(*) from call_event where pbx_id = $pbx and kind = 'agent_called'"))
                    .isEqualTo(1);
            assertThat(h.calls.liveQueues().queues()).anySatisfy(q -> {
                assertThat(q.offeredToday()).isEqualTo(1);
                assertThat(q.answeredToday()).isEqualTo(1);
            });
        }
    }

    @Test
    void agentLogsInPausesWithAReasonAndLogsOut(TestDatabase db) throws Exception {
        try (TelephonyHarness h = new TelephonyHarness(db, always(TO_GENERAL), List.of(AgentSpec.pjsip("1002")),
                TelephonyHarness.generalQueue())) {
            AgentActions actions = h.telephony.agentActions();
            actions.login(h.pbxId, "1002", "王五", List.of(new AgentActions.QueueLogin("q-general", 1))).await();
            Http.await("member known", Duration.ofSeconds(5), () -> h.calls.liveQueues().agents().stream()
                    .anyMatch(a -> a.agent().equals("PJSIP/1002")));
            actions.pause(h.pbxId, "1002", "用餐").await();
            Http.await("paused with reason", Duration.ofSeconds(5), () -> h.calls.liveQueues().agents().stream()
                    .anyMatch(a -> a.agent().equals("PJSIP/1002") && a.state() == AgentState.PAUSED
                            && "用餐".equals(a.reason())));
            actions.logout(h.pbxId, "1002", List.of("q-general")).await();
            Http.await("member gone", Duration.ofSeconds(5), () -> h.calls.liveQueues().agents().stream()
                    .noneMatch(a -> a.agent().equals("PJSIP/1002")));
            h.flush();
            assertThat(h.countRows("select count(*) from agent_state_history where pbx_id = $pbx and state = 'paused' and reason = '用餐'"))
                    .isEqualTo(1);
        }
    }
}
