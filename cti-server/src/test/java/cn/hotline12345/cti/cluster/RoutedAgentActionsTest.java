package cn.hotline12345.cti.cluster;

import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.testing.RecordingAgentActions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Agent actions asked on a node that does not own the PBX reach the owner's actions intact over the event bus,
 * and the owner's failures come back as the same exceptions (one Vert.x: the event bus's request/reply path and
 * the codec of the request are the same as between nodes).
 */
class RoutedAgentActionsTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void everyActionReachesTheOwnerIntact() throws Exception {
        RecordingAgentActions owner = new RecordingAgentActions();
        RecordingAgentActions here = new RecordingAgentActions();
        MessageConsumer<JsonObject> serving = RoutedAgentActions.serve(vertx.eventBus(), "pbx1", owner);
        serving.completion().await();
        RoutedAgentActions routed = new RoutedAgentActions(vertx.eventBus(), here, pbx -> false, Duration.ofSeconds(5));
        await(routed.login("pbx1", "1001", "话务员一", List.of(new AgentActions.QueueLogin("q-general", 0),
                new AgentActions.QueueLogin("q-consult", 2))));
        await(routed.logout("pbx1", "1001", List.of("q-general")));
        await(routed.pause("pbx1", "1001", "meal"));
        await(routed.unpause("pbx1", "1001"));
        await(routed.dial("pbx1", "1001", "13800138000"));
        await(routed.transfer("pbx1", "1001", new AgentActions.TransferTarget(AgentActions.TransferTarget.Kind.QUEUE,
                "q-complaint"), true));
        await(routed.hold("pbx1", "1001", true));
        await(routed.hangup("pbx1", "1001"));
        assertThat(owner.calls).containsExactly(
                "login pbx1 1001 话务员一 [QueueLogin[queue=q-general, penalty=0], QueueLogin[queue=q-consult, penalty=2]]",
                "logout pbx1 1001 [q-general]", "pause pbx1 1001 meal", "unpause pbx1 1001",
                "dial pbx1 1001 13800138000", "transfer pbx1 1001 QUEUE q-complaint true", "hold pbx1 1001 true",
                "hangup pbx1 1001");
        assertThat(here.calls).isEmpty();
    }

    @Test
    void aPbxOwnedHereIsServedLocally() throws Exception {
        RecordingAgentActions here = new RecordingAgentActions();
        RoutedAgentActions routed = new RoutedAgentActions(vertx.eventBus(), here, "pbx1"::equals, Duration.ofSeconds(5));
        await(routed.hangup("pbx1", "1001"));
        assertThat(here.calls).containsExactly("hangup pbx1 1001");
    }

    @Test
    void theOwnersFailuresComeBackAsTheSameExceptions() throws Exception {
        RecordingAgentActions owner = new RecordingAgentActions();
        RoutedAgentActions.serve(vertx.eventBus(), "pbx1", owner).completion().await();
        RoutedAgentActions routed = new RoutedAgentActions(vertx.eventBus(), new RecordingAgentActions(), pbx -> false,
                Duration.ofSeconds(5));

        owner.failWith = new IllegalArgumentException("extension: '10;01' is not an extension");
        assertThat(failure(routed.hangup("pbx1", "1001"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extension: '10;01' is not an extension");
        owner.failWith = new AgentActions.ActionFailedException("Interface not found");
        assertThat(failure(routed.pause("pbx1", "1001", "meal"))).isInstanceOf(AgentActions.ActionFailedException.class)
                .hasMessage("Interface not found");
        owner.failWith = new IllegalStateException("boom");
        assertThat(failure(routed.unpause("pbx1", "1001"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed on its owner");
    }

    @Test
    void noOwnerAndASilentOwnerFailClearly() throws Exception {
        RoutedAgentActions routed = new RoutedAgentActions(vertx.eventBus(), new RecordingAgentActions(), pbx -> false,
                Duration.ofMillis(300));
        assertThat(failure(routed.hangup("pbx2", "1001"))).isInstanceOf(AgentActions.ActionFailedException.class)
                .hasMessageContaining("no node owns PBX pbx2");
        vertx.eventBus().consumer(RoutedAgentActions.ADDRESS_PREFIX + "pbx3", m -> { }).completion().await();
        assertThat(failure(routed.hangup("pbx3", "1001"))).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("did not answer in time");
    }

    @Test
    void aMalformedRequestIsRefusedAsABadRequest() throws Exception {
        RecordingAgentActions owner = new RecordingAgentActions();
        RoutedAgentActions.serve(vertx.eventBus(), "pbx1", owner).completion().await();
        for (JsonObject bad : List.of(new JsonObject().put("op", "explode").put("extension", "1001"),
                new JsonObject().put("op", "transfer").put("extension", "1001").put("kind", "MARS").put("target", "x"))) {
            Throwable t = failure(vertx.eventBus().request(RoutedAgentActions.ADDRESS_PREFIX + "pbx1", bad).mapEmpty()
                    .recover(e -> Future.failedFuture(RoutedAgentActions.mapped("pbx1", e))));
            assertThat(t).as(bad.encode()).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(owner.calls).isEmpty();
    }

    private static void await(Future<?> f) throws Exception {
        f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(Future<?> f) throws Exception {
        try {
            f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
