package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * The agent's own state as the PBX sees it, for the console's state bar.
 *
 * @param state  LOGGED_OUT, AVAILABLE, RINGING, ON_CALL, WRAP_UP or PAUSED
 * @param reason the pause reason, or null
 * @param since  when the agent entered this state (the console shows the time in state)
 */
public record AgentStateChanged(String agent, String state, String reason, Instant since, List<String> queues)
        implements WsMessage {

    public static final String TYPE = "agent_state";

    public AgentStateChanged {
        queues = List.copyOf(queues);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        return new JsonObject().put("agent", agent).put("state", state).put("reason", reason)
                .put("since", Fields.iso(since)).put("queues", Fields.array(queues, s -> s));
    }

    public static AgentStateChanged fromJson(JsonObject o) {
        return new AgentStateChanged(Fields.str(o, "agent"), Fields.str(o, "state"), Fields.optStr(o, "reason"),
                Fields.optInstant(o, "since"), Fields.strings(o, "queues"));
    }
}
