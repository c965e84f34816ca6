package cn.hotline12345.cti.telephony;

import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.Disposition;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallHandle;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.hotline12345.cti.testing.FakeAgiResponder.always;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server against pbx-sim enforcing exactly {@code docker/asterisk/manager.conf} (bundled into pbx-sim as
 * committed), and against the mistakes a real Asterisk 22 punishes, each with the clear error the server gives:
 * never a silent wait (issue 17). pbx-sim applies Asterisk's rules (main/manager.c: FullyBooted only with
 * {@code send_events & EVENT_FLAG_SYSTEM}; an action only with {@code writeperm & authority}; events through
 * {@code should_send_event}'s filters).
 */
@ExtendWith(PostgresExtension.class)
class ManagerConfMistakesIT {

    private static final Map<String, String> TO_GENERAL = Map.of("HOTLINE_QUEUE", "q-general",
            "HOTLINE_IVR_PATH", "welcome>main-menu:0");

    static String shipped() throws IOException {
        try (InputStream in = cn.hotline12345.pbxsim.ami.ManagerConf.class
                .getResourceAsStream(cn.hotline12345.pbxsim.ami.ManagerConf.BUNDLED_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static TelephonyHarness harness(TestDatabase db, String managerConf) {
        return new TelephonyHarness(db, always(TO_GENERAL), b -> {
            b.managerConf(managerConf);
            b.queue(TelephonyHarness.generalQueue("1001"));
            b.agent(AgentSpec.pjsip("1001").answerAfter(200).talkFor(300));
        }, false);
    }

    private static void answeredCall(TelephonyHarness h) throws Exception {
        CallHandle call = h.sim.placeCall(CallerSpec.of("13800138000"));
        assertThat(call.awaitEnd(Duration.ofSeconds(20))).isTrue();
        Http.await("call ended in the tracker", Duration.ofSeconds(5), () -> h.updatesOf(CallUpdate.CallEnded.class)
                .stream().anyMatch(e -> e.key().linkedid().equals(call.linkedid())));
    }

    @Test
    void withTheShippedManagerConfTheLinkIsReadyAndCallsAreTrackedWithTheirAgent(TestDatabase db) throws Exception {
        try (TelephonyHarness h = harness(db, shipped())) {
            Http.await("ready", Duration.ofSeconds(10), () -> h.readiness.isUp("ami:" + h.pbxId));
            answeredCall(h);
            assertThat(h.updatesOf(CallUpdate.CallEnded.class).get(0).disposition()).isEqualTo(Disposition.ANSWERED);
            assertThat(h.updatesOf(CallUpdate.AgentRinging.class)).isNotEmpty();
            assertThat(h.readinessDetail()).startsWith("UP");
        }
    }

    @Test
    void withoutSystemInReadTheServerSaysSoAndStillTracksCalls(TestDatabase db) throws Exception {
        String conf = shipped().replaceFirst("(?m)^read = system,", "read = ");
        assertThat(conf).contains("read = call,agent,dialplan");
        try (TelephonyHarness h = harness(db, conf)) {
            Http.await("the missing right named in /ready", Duration.ofSeconds(15),
                    () -> h.readinessDetail().contains("lacks read=system"));
            assertThat(h.readinessDetail()).startsWith("DOWN").contains("FullyBooted");
            answeredCall(h);
            assertThat(h.updatesOf(CallUpdate.CallEnded.class).get(0).disposition()).isEqualTo(Disposition.ANSWERED);
        }
    }

    @Test
    void withoutOriginateInWriteTheServerNamesTheActionsItMayNotRun(TestDatabase db) throws Exception {
        String conf = shipped().replaceFirst("(?m)^write = call,agent,originate,reporting", "write = call,agent,reporting");
        assertThat(conf).contains("write = call,agent,reporting");
        try (TelephonyHarness h = harness(db, conf)) {
            Http.await("the missing write right named in /ready", Duration.ofSeconds(15),
                    () -> h.readinessDetail().contains("may not run Originate"));
            assertThat(h.readinessDetail()).startsWith("DOWN").contains("write=originate");
        }
    }

    @Test
    void aFilterThatDropsAgentCalledIsNoticedFromTheEventsThatDoArrive(TestDatabase db) throws Exception {
        String conf = shipped().replace("eventfilter(action(include),name(AgentCalled)) =\n", "");
        assertThat(conf).doesNotContain("name(AgentCalled)");
        try (TelephonyHarness h = harness(db, conf)) {
            Http.await("ready at first", Duration.ofSeconds(10), () -> h.readiness.isUp("ami:" + h.pbxId));
            for (int i = 0; i < 3; i++) {
                answeredCall(h);
            }
            Http.await("the dropped event named in /ready", Duration.ofSeconds(5),
                    () -> h.readinessDetail().contains("no AgentCalled"));
            assertThat(h.readinessDetail()).startsWith("DOWN").contains("screen pop");
            assertThat(h.updatesOf(CallUpdate.AgentRinging.class)).isEmpty();
        }
    }

    @Test
    void aSecondQueueLoginAndASecondLogoutAreSuccesses(TestDatabase db) throws Exception {
        try (TelephonyHarness h = harness(db, shipped())) {
            Http.await("ready", Duration.ofSeconds(10), () -> h.readiness.isUp("ami:" + h.pbxId));
            var actions = h.telephony.agentActions();
            List<cn.hotline12345.cti.call.api.AgentActions.QueueLogin> queues =
                    List.of(new cn.hotline12345.cti.call.api.AgentActions.QueueLogin("q-consult", 0));
            actions.login(h.pbxId, "1002", "坐席1002", queues).await();
            // Asterisk answers "Unable to add interface: Already there": the agent is logged in, as wanted
            actions.login(h.pbxId, "1002", "坐席1002", queues).await();
            actions.logout(h.pbxId, "1002", List.of("q-consult")).await();
            // "Unable to remove interface: Not there": logged out, as wanted
            actions.logout(h.pbxId, "1002", List.of("q-consult")).await();
        }
    }
}
