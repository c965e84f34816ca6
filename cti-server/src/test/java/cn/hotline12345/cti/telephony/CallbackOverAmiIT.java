package cn.hotline12345.cti.telephony;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.telephony.routing.CallbackRepository;
import cn.hotline12345.cti.telephony.routing.CallbackRequest;
import cn.hotline12345.cti.telephony.routing.CallbackService;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallHandle;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static cn.hotline12345.cti.testing.FakeAgiResponder.always;
import static org.assertj.core.api.Assertions.assertThat;

/** Callback requests and callbacks against pbx-sim over real TCP, with the requests in a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class CallbackOverAmiIT {

    private static final CtiConfig.Routing ROUTING = new CtiConfig.Routing(Duration.ofMinutes(10), "q-overflow",
            Duration.ofMillis(300), 2, Duration.ofSeconds(1), Duration.ofMinutes(2));

    private static CallbackService service(TelephonyHarness h) {
        return new CallbackService(h.vertx, h.db, h.telephony.connectors(), ROUTING, Clock.systemUTC(),
                TelephonyModule.CONTRACT_QUEUES);
    }

    private static String status(TelephonyHarness h, String linkedid) {
        return h.db.query(dsl -> dsl.fetchValue("select status from callback_request where pbx_id = ? and linkedid = ?",
                h.pbxId, linkedid)).map(v -> v == null ? null : v.toString()).await();
    }

    @Test
    void abandonedCallerWhoAskedIsCalledBackWhenAnAgentIsFreeAndTheAgentAnswers(TestDatabase db) throws Exception {
        try (TelephonyHarness h = new TelephonyHarness(db, always(Map.of("HOTLINE_QUEUE", "q-general", "HOTLINE_CALLBACK", "1")),
                List.of(AgentSpec.pjsip("1001").answerAfter(200).talkFor(500)), TelephonyHarness.generalQueue("1001"));
             CallbackService callbacks = service(h)) {
            h.hub.subscribe(callbacks.listener());
            callbacks.start().await();
            h.sim.queues().pause("PJSIP/1001", true, "lunch");
            Http.await("agent paused on the board", Duration.ofSeconds(5), () -> h.calls.liveQueues().queues().stream()
                    .anyMatch(q -> q.queue().equals("q-general") && q.paused() == 1));

            CallHandle call = h.sim.placeCall(CallerSpec.of("13800138000").patience(Duration.ofMillis(1200)));
            assertThat(call.awaitEnd(Duration.ofSeconds(15))).isTrue();
            Http.await("request stored", Duration.ofSeconds(5), () -> "pending".equals(status(h, call.linkedid())));
            Instant joined = h.updatesOf(CallUpdate.QueueJoined.class).get(0).at();
            Instant requestedAt = h.db.query(dsl -> dsl.fetchValue(
                    "select requested_at from callback_request where linkedid = ?", call.linkedid()))
                    .map(v -> ((java.time.OffsetDateTime) v).toInstant()).await();
            assertThat(Duration.between(joined, requestedAt).abs()).isLessThan(Duration.ofMillis(1));
            assertThat(status(h, call.linkedid())).as("no agent free: not dialed").isEqualTo("pending");

            h.sim.queues().pause("PJSIP/1001", false, "");
            Http.await("callback connected", Duration.ofSeconds(15), () -> "connected".equals(status(h, call.linkedid())));
            Http.await("agent answered the callback", Duration.ofSeconds(15), () -> h.updatesOf(CallUpdate.AgentConnected.class)
                    .stream().anyMatch(c -> c.view().ivrVars().containsKey("HOTLINE_CALLBACK_ID")));
            CallUpdate.AgentConnected back = h.updatesOf(CallUpdate.AgentConnected.class).get(0);
            assertThat(back.agent()).isEqualTo("PJSIP/1001");
            assertThat(back.queue()).isEqualTo("q-general");
            assertThat(back.view().queuePriority()).isEqualTo(10);
        }
    }

    @Test
    void aNewServiceOnTheSameDatabasePicksUpRequestsLeftDialingAndDueOrderIsPriorityThenPlace(TestDatabase db) throws Exception {
        try (TelephonyHarness h = new TelephonyHarness(db, always(Map.of()), List.of(), TelephonyHarness.generalQueue())) {
            Instant t0 = Instant.parse("2026-01-01T08:00:00Z");
            CallbackRepository repo = new CallbackRepository();
            h.db.query(dsl -> {
                repo.create(dsl, new CallbackRequest(0, h.pbxId, "a", "13800000001", "q-general", 0, t0.plusSeconds(1), null, 0), null, t0);
                repo.create(dsl, new CallbackRequest(0, h.pbxId, "b", "13800000002", "q-general", 0, t0, null, 0), null, t0);
                repo.create(dsl, new CallbackRequest(0, h.pbxId, "c", "13800000003", "q-general", 5, t0.plusSeconds(9), null, 0), null, t0);
                repo.create(dsl, new CallbackRequest(0, h.pbxId, "d", "13800000004", "q-general", 0, t0, null, 0), null, t0);
                return dsl.execute("update callback_request set status = 'dialing', attempts = 1,"
                        + " updated_at = now() - interval '1 hour' where linkedid = 'd'");
            }).await();
            assertThat(h.db.query(dsl -> repo.due(dsl, h.pbxId, Instant.now(), 10)).await())
                    .extracting(CallbackRequest::linkedid).containsExactly("c", "b", "a");

            // "restart": a new service on the same database (no agent, so nothing is dialed)
            try (CallbackService restarted = service(h)) {
                assertThat(restarted.start().await()).isEqualTo(1);
            }
            assertThat(status(h, "d")).isEqualTo("pending");
            assertThat(h.db.query(dsl -> repo.due(dsl, h.pbxId, Instant.now(), 10)).await())
                    .extracting(CallbackRequest::linkedid).containsExactly("c", "b", "d", "a");
        }
    }

    @Test
    void withheldOrInvalidNumbersAndHostileQueuesAreRefusedWithAReasonAndNeverDialed(TestDatabase db) throws Exception {
        try (TelephonyHarness h = new TelephonyHarness(db, always(Map.of()),
                List.of(AgentSpec.pjsip("1001").answerAfter(200).talkFor(500)), TelephonyHarness.generalQueue("1001"));
             CallbackService callbacks = service(h)) {
            callbacks.start().await();
            List<String> originates = new java.util.concurrent.CopyOnWriteArrayList<>();
            h.sim.onEvent(m -> {
                if (String.valueOf(m).contains("OriginateResponse")) {
                    originates.add(String.valueOf(m));
                }
            });
            Map<String, String[]> cases = Map.of(
                    "w1", new String[] {"", "q-general", "withheld number"},
                    "w2", new String[] {"anonymous", "q-general", "withheld number"},
                    "w3", new String[] {"1380013\r\nAction: Originate", "q-general", "invalid number"},
                    "w4", new String[] {"13800138000", "q-general\r\nAction: Hangup", "unknown queue"},
                    "w5", new String[] {"13800138000", "q-nowhere", "unknown queue"});
            for (Map.Entry<String, String[]> c : cases.entrySet()) {
                CallView v = new CallView(new CallKey(h.pbxId, c.getKey()), c.getValue()[0], "", "12345", Instant.now(),
                        null, Map.of("HOTLINE_CALLBACK", "1"), c.getValue()[1], 0, Instant.now(), null, null);
                assertThat(callbacks.request(v, Instant.now()).await()).isTrue();
                assertThat(status(h, c.getKey())).isEqualTo("refused");
                assertThat(h.db.query(dsl -> dsl.fetchValue("select last_error from callback_request where linkedid = ?",
                        c.getKey())).await()).hasToString(c.getValue()[2]);
                assertThat(h.db.query(dsl -> dsl.fetchValue("select number || queue_name from callback_request where linkedid = ?",
                        c.getKey())).await().toString()).doesNotContain("\r").doesNotContain("\n");
            }
            // a valid request made after the refused ones: once the scheduler (agent free) has dialed it, its
            // passes have looked at every row, and only the valid one was ever dialed
            CallView valid = new CallView(new CallKey(h.pbxId, "ok1"), "13800138000", "", "12345", Instant.now(),
                    null, Map.of("HOTLINE_CALLBACK", "1"), "q-general", 0, Instant.now(), null, null);
            assertThat(callbacks.request(valid, Instant.now()).await()).isTrue();
            Http.await("the valid request dialed", Duration.ofSeconds(15), () -> !"pending".equals(status(h, "ok1")));
            Http.await("its originate answered", Duration.ofSeconds(15), () -> !originates.isEmpty());
            assertThat(originates).hasSize(1);
            assertThat(h.countRows("select count(*) from callback_request where pbx_id = $pbx and status <> 'refused'"))
                    .isEqualTo(1);
            for (String refused : cases.keySet()) {
                assertThat(status(h, refused)).isEqualTo("refused");
                assertThat(h.db.query(dsl -> dsl.fetchValue("select attempts from callback_request where linkedid = ?",
                        refused)).await()).hasToString("0");
            }
        }
    }
}
