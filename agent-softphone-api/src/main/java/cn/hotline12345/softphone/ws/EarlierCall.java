package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** One earlier call of the same caller, newest first in a pop. */
public record EarlierCall(String callId, Instant startedAt, String disposition, String agent, String summary) {

    public JsonObject toJson() {
        return new JsonObject().put("callId", callId).put("startedAt", Fields.iso(startedAt))
                .put("disposition", disposition).put("agent", agent).put("summary", summary);
    }

    public static EarlierCall fromJson(JsonObject o) {
        return new EarlierCall(Fields.str(o, "callId"), Fields.instant(o, "startedAt"), Fields.optStr(o, "disposition"),
                Fields.optStr(o, "agent"), Fields.optStr(o, "summary"));
    }
}
