package cn.hotline12345.cti.telephony;

import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.Disposition;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.telephony.routing.QueueOverflow;
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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.hotline12345.cti.testing.FakeAgiResponder.always;
import static org.assertj.core.api.Assertions.assertThat;

/** Overflow to the backup queue against pbx-sim over real TCP, with the call record in a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class QueueOverflowOverAmiIT {

    private static final CtiConfig.Routing ROUTING = new CtiConfig.Routing(Duration.ofSeconds(2), "q-overflow",
            Duration.ofSeconds(1), 3, Duration.ofSeconds(5), Duration.ofMinutes(2));

    @Test
    void callerWithNoAgentInTheirQueueIsMovedOnceToTheBackupQueueAndAnsweredThere(TestDatabase db) throws Exception {
        QueueConfig overflow = QueueConfig.of("q-overflow", Strategy.RINGALL,
                QueueConfig.Member.of("PJSIP/1002", "Agent 1002")).timing(2, 1, 0);
        try (TelephonyHarness h = new TelephonyHarness(db, always(Map.of("HOTLINE_QUEUE", "q-general")),
                List.of(AgentSpec.pjsip("1002").answerAfter(200).talkFor(500)), TelephonyHarness.generalQueue(), overflow);
             QueueOverflow policy = new QueueOverflow(h.vertx, new ArrayList<>(h.telephony.connectors().values()),
                     h.calls.sink(), ROUTING, Clock.systemUTC()).start()) {
            List<String> simEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
            h.sim.onEvent(m -> simEvents.add(String.valueOf(m).replace("\r\n", " | ")));
            CallHandle call = h.sim.placeCall(CallerSpec.of("13800138000").patience(Duration.ofSeconds(30)));
            boolean ended = call.awaitEnd(Duration.ofSeconds(20));
            if (!ended) {
                simEvents.forEach(System.out::println);
                h.updates.forEach(System.out::println);
            }
            assertThat(ended).isTrue();
            Http.await("call ended", Duration.ofSeconds(5), () -> !h.updatesOf(CallUpdate.CallEnded.class).isEmpty());
            h.flush();

            assertThat(h.updatesOf(CallUpdate.QueueJoined.class)).extracting(CallUpdate.QueueJoined::queue)
                    .containsExactly("q-general", "q-overflow");
            CallUpdate.AgentConnected connected = h.updatesOf(CallUpdate.AgentConnected.class).get(0);
            assertThat(connected.queue()).isEqualTo("q-overflow");
            assertThat(h.updatesOf(CallUpdate.CallEnded.class).get(0).disposition()).isEqualTo(Disposition.ANSWERED);

            // the writer may still hold the last batch: wait for the final record
            Http.await("final record stored", Duration.ofSeconds(5), () -> h.storedCall(call.linkedid()).endedAt() != null);
            var rec = h.storedCall(call.linkedid());
            assertThat(rec.queue()).isEqualTo("q-overflow");
            assertThat(rec.agent()).isEqualTo("PJSIP/1002");
            assertThat(rec.disposition()).isEqualTo("answered");
            assertThat(h.countRows("select count(*) from call_event where pbx_id = $pbx and kind = 'queue_overflow'"
                    + " and data->>'from' = 'q-general' and data->>'to' = 'q-overflow'")).isEqualTo(1);
            // the dialplan's MixMonitor(${UNIQUEID}.wav) on the caller's channel: the record names the file
            assertThat(h.countRows("select count(*) from call where pbx_id = $pbx and recording_file = '"
                    + call.linkedid() + ".wav'")).isEqualTo(1);
        }
    }

    @Test
    void callerAlreadyInTheBackupQueueOrWaitingLessIsNotMoved(TestDatabase db) throws Exception {
        QueueConfig overflow = QueueConfig.of("q-overflow", Strategy.RINGALL).timing(2, 1, 0);
        try (TelephonyHarness h = new TelephonyHarness(db, always(Map.of("HOTLINE_QUEUE", "q-overflow")),
                List.of(), TelephonyHarness.generalQueue(), overflow);
             QueueOverflow policy = new QueueOverflow(h.vertx, new ArrayList<>(h.telephony.connectors().values()),
                     h.calls.sink(), ROUTING, Clock.systemUTC()).start()) {
            CallHandle call = h.sim.placeCall(CallerSpec.of("13800138001").patience(Duration.ofMillis(4500)));
            assertThat(call.awaitEnd(Duration.ofSeconds(20))).isTrue();
            Http.await("call ended", Duration.ofSeconds(5), () -> !h.updatesOf(CallUpdate.CallEnded.class).isEmpty());
            h.flush();
            assertThat(h.updatesOf(CallUpdate.QueueJoined.class)).extracting(CallUpdate.QueueJoined::queue)
                    .containsExactly("q-overflow");
            assertThat(h.countRows("select count(*) from call_event where pbx_id = $pbx and kind like 'queue_overflow%'"))
                    .isZero();
            assertThat(h.storedCall(call.linkedid()).disposition()).isEqualTo("abandoned_in_queue");
        }
    }
}
