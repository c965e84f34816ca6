package cn.hotline12345.cti.cluster;

import cn.hotline12345.cti.call.api.AgentState;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.call.api.Disposition;
import cn.hotline12345.cti.call.api.LiveQueues;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Call updates and queue boards cross the clustered event bus unchanged; bytes that are not one fail clearly. */
class CallUpdateCodecTest {

    private static final CallKey KEY = new CallKey("pbx1", "1700000000.17");
    private static final Instant AT = Instant.parse("2026-11-27T08:15:30.123456789Z");
    private static final CallView FULL = new CallView(KEY, "13800138000", "张三丰", "12345", AT.minusSeconds(40),
            "welcome>main-menu:1", Map.of("HOTLINE_QUEUE", "q-consult", "HOTLINE_FLAGS", "repeat,elderly"), "q-consult", 5,
            AT.minusSeconds(20), "PJSIP/1001", AT);
    private static final CallView SPARSE = new CallView(KEY, null, null, null, AT, null, Map.of(), null, null, null,
            null, null);

    private final CallUpdateCodec codec = new CallUpdateCodec();

    @Test
    void everyKindOfUpdateRoundTrips() {
        List<CallUpdate> all = List.of(
                new CallUpdate.CallStarted(KEY, AT, SPARSE),
                new CallUpdate.QueueJoined(KEY, AT, FULL, "q-consult", 3),
                new CallUpdate.AgentRinging(KEY, AT, FULL, "PJSIP/1001", "q-consult"),
                new CallUpdate.AgentNoAnswer(KEY, AT, "PJSIP/1002", "q-consult"),
                new CallUpdate.AgentConnected(KEY, AT, FULL, "PJSIP/1001", "q-consult", 12_345L),
                new CallUpdate.Transferred(KEY, AT, "PJSIP/1001", "q-complaint"),
                new CallUpdate.CallEnded(KEY, AT, FULL, Disposition.ABANDONED_IN_QUEUE, "caller_hangup", null),
                new CallUpdate.CallEnded(KEY, AT, SPARSE, null, null, null));
        // the test fails when a new kind of update is added without being listed here
        assertThat(all.stream().map(u -> u.getClass()).distinct()).hasSize(CallUpdate.class.getPermittedSubclasses().length);
        for (CallUpdate u : all) {
            Buffer wire = Buffer.buffer("junk-before");
            int pos = wire.length();
            codec.encodeToWire(wire, u);
            assertThat(codec.decodeFromWire(pos, wire)).isEqualTo(u);
        }
        CallUpdate local = all.get(2);
        assertThat(codec.transform(local)).isSameAs(local);
    }

    @Test
    void badBytesFailWithAClearMessage() {
        assertThatThrownBy(() -> codec.decodeFromWire(0, Buffer.buffer(new byte[]{0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a call update");
        assertThatThrownBy(() -> codec.decodeFromWire(0, Buffer.buffer(new byte[]{0, 0, 0x10, 0, '{'})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad length");
        assertThatThrownBy(() -> codec.decodeFromWire(0, Buffer.buffer(new byte[]{1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a call update");
        assertThatThrownBy(() -> decode("{\"pbx\":\"p\",\"linkedid\":\"1\",\"at\":\"2026-11-27T08:00:00Z\",\"type\":\"exploded\"}"))
                .hasMessageContaining("unknown call update type 'exploded'");
        assertThatThrownBy(() -> decode("{\"pbx\":\"p\",\"at\":\"2026-11-27T08:00:00Z\",\"type\":\"started\"}"))
                .hasMessageContaining("'linkedid' is missing");
        assertThatThrownBy(() -> decode("{\"pbx\":\"p\",\"linkedid\":\"1\",\"at\":\"yesterday\",\"type\":\"started\"}"))
                .hasMessageContaining("'at' is not an instant");
        assertThatThrownBy(() -> decode("{\"pbx\":\"p\",\"linkedid\":\"1\",\"at\":\"2026-11-27T08:00:00Z\",\"type\":\"ended\","
                + "\"disposition\":\"VANISHED\"}")).hasMessageContaining("unknown disposition 'VANISHED'");
        assertThatThrownBy(() -> decode("{\"pbx\":\"p\",\"linkedid\":\"1\",\"at\":\"2026-11-27T08:00:00Z\",\"type\":\"queued\","
                + "\"position\":\"third\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrong type");
    }

    @Test
    void boardSnapshotsRoundTripAndBadOnesFail() {
        BoardSnapshotCodec boards = new BoardSnapshotCodec();
        BoardSnapshot s = new BoardSnapshot("pbx1", "node-a", true,
                List.of(new LiveQueues.QueueSnapshot("pbx1", "q-general", 3, 45_000, 4, 1, 2, 1, 0, 0.85, 20, 0.05,
                        7_000, 120, 100, 6)),
                List.of(new LiveQueues.AgentSnapshot("pbx1", "PJSIP/1001", "坐席 1001", AgentState.PAUSED, "午餐",
                        AT, List.of("q-general", "q-consult")),
                        new LiveQueues.AgentSnapshot("pbx1", "PJSIP/1002", null, AgentState.AVAILABLE, null, null, List.of())));
        Buffer wire = Buffer.buffer();
        boards.encodeToWire(wire, s);
        assertThat(boards.decodeFromWire(0, wire)).isEqualTo(s);
        Buffer bad = Buffer.buffer();
        WireJson.write(bad, new io.vertx.core.json.JsonObject().put("pbx", "pbx1").put("queues",
                new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonArray().add("pbx1"))));
        assertThatThrownBy(() -> boards.decodeFromWire(0, bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a board snapshot");
    }

    private CallUpdate decode(String json) {
        Buffer wire = Buffer.buffer();
        WireJson.write(wire, new io.vertx.core.json.JsonObject(json));
        return codec.decodeFromWire(0, wire);
    }
}
