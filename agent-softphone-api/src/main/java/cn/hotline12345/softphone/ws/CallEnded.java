package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** The agent's call is over: wrap-up (话后处理) begins until the agent reports it done. */
public record CallEnded(String callId, Instant endedAt, String disposition, String endReason) implements WsMessage {

    public static final String TYPE = "call_ended";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        return new JsonObject().put("callId", callId).put("endedAt", Fields.iso(endedAt))
                .put("disposition", disposition).put("endReason", endReason);
    }

    public static CallEnded fromJson(JsonObject o) {
        return new CallEnded(Fields.str(o, "callId"), Fields.instant(o, "endedAt"), Fields.optStr(o, "disposition"),
                Fields.optStr(o, "endReason"));
    }
}
