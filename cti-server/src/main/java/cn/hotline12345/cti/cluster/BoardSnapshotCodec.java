package cn.hotline12345.cti.cluster;

import cn.hotline12345.cti.call.api.AgentState;
import cn.hotline12345.cti.call.api.LiveQueues;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** {@link BoardSnapshot}s on the clustered event bus, as JSON (see {@link WireJson}). */
public final class BoardSnapshotCodec extends LocalPassCodec<BoardSnapshot> {

    public static final String NAME = "cti.board-snapshot";

    public BoardSnapshotCodec() {
        super(NAME);
    }

    @Override
    public void encodeToWire(Buffer buffer, BoardSnapshot s) {
        JsonArray queues = new JsonArray();
        for (LiveQueues.QueueSnapshot q : s.queues()) {
            queues.add(new JsonArray().add(q.pbxId()).add(q.queue()).add(q.waiting()).add(q.longestWaitMs())
                    .add(q.loggedIn()).add(q.available()).add(q.onCall()).add(q.paused()).add(q.wrapUp())
                    .add(q.serviceLevel()).add(q.serviceLevelSeconds()).add(q.abandonRate()).add(q.avgSpeedOfAnswerMs())
                    .add(q.offeredToday()).add(q.answeredToday()).add(q.abandonedToday()));
        }
        JsonArray agents = new JsonArray();
        for (LiveQueues.AgentSnapshot a : s.agents()) {
            agents.add(new JsonArray().add(a.pbxId()).add(a.agent()).add(a.name()).add(a.state().name()).add(a.reason())
                    .add(WireJson.instant(a.since())).add(new JsonArray(new ArrayList<>(a.queues()))));
        }
        WireJson.write(buffer, new JsonObject().put("pbx", s.pbxId()).put("owner", s.owner()).put("linkUp", s.linkUp()).put("queues", queues)
                .put("agents", agents));
    }

    @Override
    public BoardSnapshot decodeFromWire(int pos, Buffer buffer) {
        JsonObject j = WireJson.read(pos, buffer, "board snapshot");
        try {
            List<LiveQueues.QueueSnapshot> queues = new ArrayList<>();
            for (Object o : j.getJsonArray("queues", new JsonArray())) {
                JsonArray q = (JsonArray) o;
                queues.add(new LiveQueues.QueueSnapshot(q.getString(0), q.getString(1), q.getInteger(2), q.getLong(3),
                        q.getInteger(4), q.getInteger(5), q.getInteger(6), q.getInteger(7), q.getInteger(8),
                        q.getDouble(9), q.getInteger(10), q.getDouble(11), q.getLong(12), q.getInteger(13),
                        q.getInteger(14), q.getInteger(15)));
            }
            List<LiveQueues.AgentSnapshot> agents = new ArrayList<>();
            for (Object o : j.getJsonArray("agents", new JsonArray())) {
                JsonArray a = (JsonArray) o;
                List<String> inQueues = new ArrayList<>();
                a.getJsonArray(6).forEach(x -> inQueues.add((String) x));
                agents.add(new LiveQueues.AgentSnapshot(a.getString(0), a.getString(1), a.getString(2),
                        AgentState.valueOf(a.getString(3)), a.getString(4), a.getString(5) == null ? null
                        : java.time.Instant.parse(a.getString(5)), inQueues));
            }
            return new BoardSnapshot(WireJson.required(j, "pbx"), j.getString("owner"), j.getBoolean("linkUp", false),
                    queues, agents);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("not a")) {
                throw e;
            }
            throw new IllegalArgumentException("not a board snapshot: " + e, e);
        }
    }
}
