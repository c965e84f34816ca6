package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * First frame on every connection: who the server thinks is connected.
 *
 * @param channel   {@code console} or {@code wallboard}
 * @param extension the agent's extension, null for others
 */
public record Hello(String channel, String username, String role, String extension, Instant serverTime)
        implements WsMessage {

    public static final String TYPE = "hello";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        return new JsonObject().put("channel", channel).put("username", username).put("role", role)
                .put("extension", extension).put("serverTime", Fields.iso(serverTime));
    }

    public static Hello fromJson(JsonObject o) {
        return new Hello(Fields.str(o, "channel"), Fields.str(o, "username"), Fields.str(o, "role"),
                Fields.optStr(o, "extension"), Fields.instant(o, "serverTime"));
    }
}
