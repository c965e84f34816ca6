package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** The agent answered ({@code AgentConnect}): the popped call is now the active call. */
public record CallActive(String callId, String queue, Instant answeredAt, CallerInfo caller) implements WsMessage {

    public static final String TYPE = "call_active";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        return new JsonObject().put("callId", callId).put("queue", queue).put("answeredAt", Fields.iso(answeredAt))
                .put("caller", caller.toJson());
    }

    public static CallActive fromJson(JsonObject o) {
        return new CallActive(Fields.str(o, "callId"), Fields.optStr(o, "queue"), Fields.instant(o, "answeredAt"),
                CallerInfo.fromJson(Fields.obj(o, "caller")));
    }
}
