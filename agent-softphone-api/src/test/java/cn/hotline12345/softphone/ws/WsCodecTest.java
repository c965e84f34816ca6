package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class WsCodecTest {

    private static final Instant T = Instant.parse("2025-03-01T08:30:00Z");
    private static final CallerInfo CALLER = new CallerInfo("138****8000", true, "<img src=x onerror=alert(1)>",
            true, List.of("7日内第3次来电"), false, List.of());

    public static List<WsMessage> samples() {
        return List.of(
                new Hello("console", "agent1", "agent", "1001", T),
                new ScreenPop("pbx1/1700000000.1", "q-general", T, CALLER, List.of("welcome", "menu:1"),
                        List.of(new EarlierCall("pbx1/1699999999.9", T.minusSeconds(86400), "answered", "PJSIP/1002", null)),
                        List.of(new EarlierMatter("17", "WF20250228-0001", "路灯不亮", "dispatched", T.minusSeconds(86400))),
                        new DraftMatter(null, "WF20250228-0001", "complaint", "路灯", null)),
                new ScreenPop("pbx1/1", null, T, CALLER, List.of(), List.of(), List.of(), null),
                new CallActive("pbx1/1", "q-general", T, CALLER),
                new CallEnded("pbx1/1", T, "answered", "normal"),
                new PopWithdrawn("pbx1/1", "no_answer"),
                new AgentStateChanged("PJSIP/1001", "PAUSED", "meal", T, List.of("q-general")),
                new QueueBoard(T, List.of(new QueueLine("pbx1", "q-general", 3, 45_000, 4, 1, 2, 1, 0, 0.85, 20, 0.05,
                        100, 90, 5)), Map.of("AVAILABLE", 1, "ON_CALL", 2), List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                        11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23),
                        List.of(new Alarm("no_agent", "q-general", "无坐席签入", T))),
                new QueueBoard(T, List.of(new QueueLine("pbx1", "q-consult", 0, 0, 2, 2, 0, 0, 0, 1.0, 20, 0.0, 4, 4, 0,
                        "政策咨询")), Map.of(), List.of(), List.of(new Alarm("waiting", "q-consult", "排队 12 人", T)),
                        List.of(new PbxLink("pbx1", true, null), new PbxLink("pbx2", false, T))),
                new Alarm("ami_link_down", "pbx1", "AMI 连接中断", T),

                new ScreenPop("pbx1/2", "q-consult", T, CALLER, List.of(), List.of(), List.of(), null,
                        List.of(new KnowledgeHint("7", "社保卡补办", "携带身份证…")), "transfer"),
                new CallNotice("pbx1/2", "transfer_failed", "1003", "busy", T));
    }

    @Test
    void everyMessageRoundTripsThroughItsEnvelope() {
        for (WsMessage m : samples()) {
            String frame = WsCodec.encode(m);
            JsonObject env = new JsonObject(frame);
            assertThat(env.getString("type")).isEqualTo(m.type());
            assertThat(env.getInteger("v")).isEqualTo(WsCodec.VERSION);
            assertThat(WsCodec.decode(frame)).isEqualTo(m);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "[]", "null", "42", "{", "{\"type\":\"screen_pop\"}",
            "{\"type\":\"nope\",\"v\":1,\"data\":{}}",
            "{\"type\":\"alarm\",\"v\":2,\"data\":{\"kind\":\"x\",\"subject\":\"y\"}}",
            "{\"type\":\"alarm\",\"v\":\"1\",\"data\":{\"kind\":\"x\",\"subject\":\"y\"}}",
            "{\"type\":\"alarm\",\"v\":1,\"data\":{\"kind\":5,\"subject\":\"y\"}}",
            "{\"type\":\"alarm\",\"v\":1,\"data\":{\"kind\":\"x\",\"subject\":\"y\",\"since\":\"yesterday\"}}",
            "{\"type\":\"call_ended\",\"v\":1,\"data\":[]}",
            "{\"type\":\"screen_pop\",\"v\":1,\"data\":{\"callId\":\"a\",\"ringingAt\":\"2025-03-01T08:30:00Z\",\"caller\":{}}}",
            "{\"type\":\"queue_board\",\"v\":1,\"data\":{\"at\":\"2025-03-01T08:30:00Z\",\"queues\":[1],"
                    + "\"agentsByState\":{},\"callsPerHour\":[],\"alarms\":[]}}",
            "{\"type\":\"agent_state\",\"v\":1,\"data\":{\"agent\":\"a\",\"state\":\"s\",\"queues\":[1]}}",
            "{\"type\":\"hello\",\"v\":1.5,\"data\":{}}"
    })
    void malformedFramesFailWithAClearMessage(String frame) {
        assertThatThrownBy(() -> WsCodec.decode(frame)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("ClassCast");
    }

    @Test
    void oversizedFrameIsRefusedBeforeParsing() {
        String huge = "{\"type\":\"alarm\",\"v\":1,\"data\":{\"kind\":\"" + "x".repeat(WsCodec.MAX_FRAME_CHARS) + "\"}}";
        assertThatThrownBy(() -> WsCodec.decode(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("larger");
        assertThatThrownBy(() -> WsCodec.decode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void untrustedTextIsCarriedVerbatimForTheClientToRenderAsText() {
        ScreenPop pop = (ScreenPop) WsCodec.decode(WsCodec.encode(samples().get(1)));
        assertThat(pop.caller().name()).isEqualTo("<img src=x onerror=alert(1)>");
    }
}
