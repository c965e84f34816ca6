package cn.hotline12345.cti.desk.internal;


import cn.hotline12345.cti.testing.WsProbe;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.Disposition;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console channel over real WebSockets: who may connect, who gets which pop, reconnects. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScreenPopSocketIT {

    private static final AtomicInteger IDS = new AtomicInteger(1_700_000_000);
    private WebFixture web;
    private WebClientSession agent1;
    private WebClientSession agent2;

    @BeforeAll
    void start(TestDatabase db) {
        web = new WebFixture(db);
        agent1 = web.client().login("agent1");
        agent2 = web.client().login("agent2");
    }

    @AfterAll
    void stop() {
        web.close();
    }

    private WsProbe console(WebClientSession s) throws Exception {
        WsProbe p = WsProbe.connect(web.vertx, web.port, "/ws/console", web.origin(), s.sessionId);
        p.awaitType("hello", null);
        return p;
    }

    private static String linkedid() {
        return IDS.incrementAndGet() + ".1";
    }

    @Test
    void aForeignOriginOrNoOriginIsRefused() {
        assertThatThrownBy(() -> WsProbe.connect(web.vertx, web.port, "/ws/console", "http://evil.example",
                agent1.sessionId)).hasMessageContaining("403");
        assertThatThrownBy(() -> WsProbe.connect(web.vertx, web.port, "/ws/console", null, agent1.sessionId))
                .hasMessageContaining("403");
    }

    @Test
    void noSessionOrALoggedOutSessionIsRefused() throws Exception {
        assertThatThrownBy(() -> WsProbe.connect(web.vertx, web.port, "/ws/console", web.origin(), null))
                .hasMessageContaining("401");
        assertThatThrownBy(() -> WsProbe.connect(web.vertx, web.port, "/ws/console", web.origin(), "made-up-id"))
                .hasMessageContaining("401");
        WebClientSession victim = web.client().login("agent1");
        String stolen = victim.sessionId;
        try (WsProbe open = console(victim)) {
            assertThat(victim.post("/api/auth/logout", null).statusCode()).isEqualTo(204);
            Http.await("open socket closed at logout", Duration.ofSeconds(10), () -> open.closeCode != null);
            assertThat(open.closeCode).isEqualTo(WsConnection.SESSION_ENDED);
        }
        assertThatThrownBy(() -> WsProbe.connect(web.vertx, web.port, "/ws/console", web.origin(), stolen))
                .hasMessageContaining("401");
    }

    @Test
    void aSupervisorCannotOpenAConsoleAndAnAgentCannotOpenTheWallboard() throws Exception {
        WebClientSession sup = web.client().login("supervisor1");
        assertThatThrownBy(() -> WsProbe.connect(web.vertx, web.port, "/ws/console", web.origin(), sup.sessionId))
                .hasMessageContaining("403");
        assertThatThrownBy(() -> WsProbe.connect(web.vertx, web.port, "/ws/wallboard", web.origin(), agent1.sessionId))
                .hasMessageContaining("403");
    }

    @Test
    void anAgentNeverGetsAnotherAgentsPopAndTwoConsolesBothGetTheirs() throws Exception {
        try (WsProbe a1 = console(agent1); WsProbe a1bis = console(web.client().login("agent1"));
             WsProbe b = console(agent2)) {
            String callA = web.ring("1001", linkedid(), "13812345678", "张三");
            JsonObject pop = a1.awaitType("screen_pop", callA).getJsonObject("data");
            a1bis.awaitType("screen_pop", callA);
            String callB = web.ring("1002", linkedid(), "13900001111", "李四");
            b.awaitType("screen_pop", callB);
            // B's own pop arrived after A's was published: A's would have arrived before it
            assertThat(b.frames).noneMatch(f -> f.encode().contains(callA) || f.encode().contains("5678"));
            assertThat(a1.frames).noneMatch(f -> f.encode().contains(callB));
            JsonObject caller = pop.getJsonObject("caller");
            assertThat(caller.getString("number")).isEqualTo("138****5678");
            assertThat(caller.getBoolean("masked")).isTrue();
            assertThat(caller.getBoolean("repeat")).isTrue();
            assertThat(pop.getJsonArray("ivrPath").getList()).containsExactly("welcome", "emergency", "menu:1");
            assertThat(pop.getJsonObject("draft").getString("number")).isEqualTo("WF20250301-0007");
            assertThat(a1.frames.toString()).doesNotContain("13812345678");
        }
    }

    @Test
    void aReconnectingConsoleGetsTheCurrentCallAgainThroughItsPhases() throws Exception {
        WebClientSession s = web.client().login("agent2");
        String callId;
        CallKey key;
        try (WsProbe first = console(s)) {
            String lid = linkedid();
            callId = web.ring("1002", lid, "13700002222", "王五");
            key = new CallKey("pbx1", lid);
            first.awaitType("screen_pop", callId);
        }
        try (WsProbe again = console(s)) {
            again.awaitType("screen_pop", callId);
            web.hub.publish(new CallUpdate.AgentConnected(key, Instant.now(),
                    WebFixture.view(key, "13700002222", "王五", "PJSIP/1002"), "PJSIP/1002", "q-general", 1500));
            again.awaitType("call_active", callId);
        }
        try (WsProbe third = console(s)) {
            third.awaitType("screen_pop", callId);
            third.awaitType("call_active", callId);
            web.hub.publish(new CallUpdate.CallEnded(key, Instant.now(),
                    WebFixture.view(key, "13700002222", "王五", "PJSIP/1002"), Disposition.ANSWERED, "normal", "PJSIP/1002"));
            JsonObject ended = third.awaitType("call_ended", callId).getJsonObject("data");
            assertThat(ended.getString("disposition")).isEqualTo("answered");
            // pop before active before ended, in that order
            assertThat(third.frames.stream().map(f -> f.getString("type")).filter(t -> !t.equals("hello")).toList())
                    .containsSubsequence("screen_pop", "call_active", "call_ended");
        }
        try (WsProbe fourth = console(s)) {
            fourth.awaitType("call_ended", callId);
            assertThat(s.post("/api/agent/wrapup", "{}").statusCode()).isEqualTo(200);
            assertThat(fourth.awaitType("pop_withdrawn", callId).getJsonObject("data").getString("reason"))
                    .isEqualTo("wrapup_done");
        }
        try (WsProbe fifth = console(s)) {
            // nothing current any more: after hello, no pop for that call
            web.ring("1001", linkedid(), "13000000000", "x");
            Http.await("settled", Duration.ofSeconds(2), () -> true);
            assertThat(fifth.ofType("screen_pop")).noneMatch(f -> f.encode().contains(callId));
        }
    }

    @Test
    void aRingThatIsNotAnsweredIsWithdrawn() throws Exception {
        try (WsProbe c = console(agent1)) {
            String lid = linkedid();
            String callId = web.ring("1001", lid, "13600003333", "赵六");
            c.awaitType("screen_pop", callId);
            web.hub.publish(new CallUpdate.AgentNoAnswer(new CallKey("pbx1", lid), Instant.now(), "PJSIP/1001", "q-general"));
            assertThat(c.awaitType("pop_withdrawn", callId).getJsonObject("data").getString("reason")).isEqualTo("no_answer");
        }
    }
}
