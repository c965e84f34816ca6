package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** One earlier hotline matter (热线事项) of the same caller. */
public record EarlierMatter(String id, String number, String subject, String status, Instant createdAt) {

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("number", number).put("subject", subject).put("status", status)
                .put("createdAt", Fields.iso(createdAt));
    }

    public static EarlierMatter fromJson(JsonObject o) {
        return new EarlierMatter(Fields.str(o, "id"), Fields.optStr(o, "number"), Fields.optStr(o, "subject"),
                Fields.optStr(o, "status"), Fields.optInstant(o, "createdAt"));
    }
}
