package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

/**
 * A pop is void: the agent did not answer ({@code no_answer}), the caller hung up while ringing
 * ({@code caller_left}), or wrap-up is done ({@code wrapup_done}): the console clears it.
 */
public record PopWithdrawn(String callId, String reason) implements WsMessage {

    public static final String TYPE = "pop_withdrawn";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        return new JsonObject().put("callId", callId).put("reason", reason);
    }

    public static PopWithdrawn fromJson(JsonObject o) {
        return new PopWithdrawn(Fields.str(o, "callId"), Fields.str(o, "reason"));
    }
}
