package cn.hotline12345.cti.telephony;

import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallHandle;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static cn.hotline12345.cti.testing.FakeAgiResponder.always;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 items 1 and 3 at scale, over real TCP against pbx-sim with records in PostgreSQL: an AMI link
 * reset in the middle of a 1,000-call burst, and an Asterisk restart with 200 live calls.
 */
@ExtendWith(PostgresExtension.class)
class ReliabilityAtScaleIT {

    private static final Map<String, String> TO_GENERAL = Map.of("HOTLINE_QUEUE", "q-general",
            "HOTLINE_IVR_PATH", "welcome>main-menu:0");

    private static List<AgentSpec> agents(int first, int count, long answerMs, long talkMs) {
        List<AgentSpec> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(AgentSpec.pjsip(Integer.toString(first + i)).answerAfter(answerMs).talkFor(talkMs));
        }
        return out;
    }

    private static QueueConfig queue(int first, int count) {
        QueueConfig.Member[] m = new QueueConfig.Member[count];
        for (int i = 0; i < count; i++) {
            m[i] = QueueConfig.Member.of("PJSIP/" + (first + i), "Agent " + (first + i));
        }
        return QueueConfig.of("q-general", Strategy.RRMEMORY, m).timing(5, 1, 0);
    }

    @Test
    void linkResetInTheMiddleOfAThousandCallBurstLosesAndDuplicatesNothing(TestDatabase db) throws Exception {
        int calls = 1_000;
        try (TelephonyHarness h = new TelephonyHarness(db, always(TO_GENERAL), agents(2001, 120, 100, 400),
                queue(2001, 120))) {
            List<CallHandle> handles = new ArrayList<>();
            java.time.Instant resetAt = null;
            long before = h.resyncs();
            for (int i = 0; i < calls; i++) {
                handles.add(h.sim.placeCall(CallerSpec.of(String.format("139%08d", i))));
                if (i == calls / 2) {
                    h.sim.faults().resetAmi();
                    resetAt = java.time.Instant.now();
                }
            }
            Http.await("link back and resynced after the reset", Duration.ofSeconds(5), () -> h.resyncs() > before);
            // when the link came back up: the readiness entry keeps the time of its last change
            long reconnectMs = Duration.between(resetAt,
                    h.readiness.snapshot().get("ami:" + h.pbxId).since()).toMillis();
            Http.await("every simulated call ended", Duration.ofSeconds(120), () -> h.sim.callsEnded() >= calls);
            Http.await("tracker idle", Duration.ofSeconds(10),
                    () -> h.telephony.connectors().get(h.pbxId).tracker().activeCallCount() == h.sim.activeCalls());
            h.flush();

            assertThat(reconnectMs).as("reconnected within 5 s").isLessThan(5_000);
            assertThat(h.sim.activeCalls()).isZero();
            assertThat(h.countRows("select count(*) from call where pbx_id = $pbx")).isEqualTo(calls);
            assertThat(h.countRows("select count(*) from call where pbx_id = $pbx and ended_at is not null")).isEqualTo(calls);
            assertThat(h.countRows("select count(distinct linkedid) from call where pbx_id = $pbx")).isEqualTo(calls);
            assertThat(h.updatesOf(CallUpdate.CallEnded.class).stream().map(e -> e.key().linkedid()).distinct().count())
                    .isEqualTo(h.updatesOf(CallUpdate.CallEnded.class).size());
            assertThat(h.calls.writer().overflowCount()).isZero();
        }
    }

    @Test
    void asteriskRestartWithTwoHundredLiveCallsClosesThemAllAndRestoresQueueMembers(TestDatabase db) throws Exception {
        int calls = 200;
        try (TelephonyHarness h = new TelephonyHarness(db, always(TO_GENERAL), agents(3001, 200, 100, 120_000),
                queue(3001, 200), QueueConfig.of("q-overflow", Strategy.RRMEMORY))) {
            h.sim.agents().add(AgentSpec.pjsip("3999").answerAfter(100).talkFor(1_000));
            h.telephony.agentActions().login(h.pbxId, "3999", "夜班坐席",
                    List.of(new AgentActions.QueueLogin("q-overflow", 0))).await(10, TimeUnit.SECONDS);
            Http.await("dynamic member known", Duration.ofSeconds(5), () -> h.calls.liveQueues().agents().stream()
                    .anyMatch(a -> a.agent().equals("PJSIP/3999")));
            for (int i = 0; i < calls; i++) {
                h.sim.placeCall(CallerSpec.of(String.format("137%08d", i)));
            }
            Http.await("200 calls live and answered", Duration.ofSeconds(60),
                    () -> h.updatesOf(CallUpdate.AgentConnected.class).size() >= calls);
            long before = h.resyncs();
            h.sim.faults().restart(Duration.ofMillis(500));
            Http.await("link back after the restart", Duration.ofSeconds(10), () -> h.resyncs() > before);
            long upAt = System.nanoTime();
            Http.await("all 200 closed", Duration.ofSeconds(10), () -> h.updatesOf(CallUpdate.CallEnded.class).size() >= calls);
            long closedMs = (System.nanoTime() - upAt) / 1_000_000;
            assertThat(closedMs).as("closed within 10 s of FullyBooted").isLessThan(10_000);
            assertThat(h.updatesOf(CallUpdate.CallEnded.class)).hasSize(calls)
                    .allSatisfy(e -> assertThat(e.endReason()).isEqualTo("pbx_restart"));
            Http.await("dynamic member restored in its queue", Duration.ofSeconds(10), () -> h.calls.liveQueues()
                    .agents().stream().anyMatch(a -> a.agent().equals("PJSIP/3999") && a.queues().contains("q-overflow")));
            h.flush();
            assertThat(h.countRows("select count(*) from call where pbx_id = $pbx and end_reason = 'pbx_restart'"))
                    .isEqualTo(calls);
        }
    }
}
