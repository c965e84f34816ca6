package cn.hotline12345.cti.telephony;

import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.call.api.AgentActions.TransferTarget;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static cn.hotline12345.cti.testing.FakeAgiResponder.always;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile values in every agent action are refused before anything reaches the PBX: the simulator's AMI
 * sees no action but the link's own keep-alives.
 */
@ExtendWith(PostgresExtension.class)
class AgentActionInjectionIT {

    private static final String SMUGGLE = "x\r\nAction: Originate\r\nChannel: PJSIP/999\r\n";

    @Test
    void everyActionRefusesHostileValues(TestDatabase db) throws Exception {
        try (TelephonyHarness h = new TelephonyHarness(db, always(Map.of()), List.of(), TelephonyHarness.generalQueue())) {
            AgentActions a = h.telephony.agentActions();
            String p = h.pbxId;
            List<Supplier<io.vertx.core.Future<Void>>> attacks = List.of(
                    () -> a.login(p, "1001" + SMUGGLE, "x", List.of(new AgentActions.QueueLogin("q-general", 0))),
                    () -> a.login(p, "1001", "name" + SMUGGLE, List.of(new AgentActions.QueueLogin("q-general", 0))),
                    () -> a.login(p, "1001", "x", List.of(new AgentActions.QueueLogin("q-general" + SMUGGLE, 0))),
                    () -> a.login(p, "1001", "x", List.of(new AgentActions.QueueLogin("q-unknown", 0))),
                    () -> a.login(p, "1001", "x", List.of(new AgentActions.QueueLogin("q-general", -5))),
                    () -> a.login(p, "1001", "x", List.of()),
                    () -> a.logout(p, "../1001", List.of("q-general")),
                    () -> a.pause(p, "1001", "lunch" + SMUGGLE),
                    () -> a.pause(p, "1001", "x".repeat(65)),
                    () -> a.pause(p, "1001", ""),
                    () -> a.pause(p, "1001\u0000", "lunch"),
                    () -> a.unpause(p, null),
                    () -> a.dial(p, "1001", "13800138000" + SMUGGLE),
                    () -> a.dial(p, "1001", "abc"),
                    () -> a.transfer(p, "1001", new TransferTarget(TransferTarget.Kind.EMERGENCY, "911"), false),
                    () -> a.transfer(p, "1001", new TransferTarget(TransferTarget.Kind.AGENT, "1002" + SMUGGLE), false),
                    () -> a.transfer(p, "1001", new TransferTarget(TransferTarget.Kind.QUEUE, "q-general;x"), true),
                    () -> a.transfer(p, "1001", new TransferTarget(TransferTarget.Kind.EXTERNAL, "+86 138"), false),
                    () -> a.transfer(p, "1001", null, false),
                    () -> a.hold(p, "1001" + SMUGGLE, true),
                    () -> a.hangup(p, "1001\n"),
                    () -> a.hangup("no-such-pbx", "1001"));
            for (Supplier<io.vertx.core.Future<Void>> attack : attacks) {
                io.vertx.core.Future<Void> f = attack.get();
                assertThatThrownBy(() -> f.await(5, TimeUnit.SECONDS))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            // A well-formed action for an agent with no call is refused with a clear reason, not sent.
            assertThatThrownBy(() -> a.hangup(p, "1001").await(5, TimeUnit.SECONDS))
                    .hasMessageContaining("no call");
            // And the PBX never saw a member 999 or an originate.
            assertThat(h.sim.activeChannels()).isEmpty();
            assertThat(h.calls.liveQueues().agents()).noneMatch(ag -> ag.agent().contains("999"));
        }
    }

    @Test
    void asteriskErrorsComeBackWithAsterisksMessage(TestDatabase db) throws Exception {
        try (TelephonyHarness h = new TelephonyHarness(db, always(Map.of()), List.of(),
                TelephonyHarness.generalQueue("1001"))) {
            AgentActions a = h.telephony.agentActions();
            // a member of queues.conf (static) cannot be removed over AMI: app_queue.c RES_NOT_DYNAMIC. (A second login
            // of a member already there is a success: ManagerConfMistakesIT.)
            assertThatThrownBy(() -> a.logout(h.pbxId, "1001", List.of("q-general")).await(5, TimeUnit.SECONDS))
                    .isInstanceOf(AgentActions.ActionFailedException.class)
                    .hasMessageContaining("not dynamic");
        }
    }
}
