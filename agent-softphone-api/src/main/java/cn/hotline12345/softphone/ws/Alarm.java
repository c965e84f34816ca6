package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * Something a supervisor or engineer must act on. Pushed on its own when it is raised, and listed in
 * every {@link QueueBoard} while it lasts.
 *
 * @param kind    {@code no_agent} (callers wait, nobody logged in), {@code service_level} (below target),
 *                {@code ami_link_down}, or a kind raised by the call layer
 * @param subject what it is about (a queue, a PBX)
 */
public record Alarm(String kind, String subject, String message, Instant since) implements WsMessage {

    public static final String TYPE = "alarm";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        return new JsonObject().put("kind", kind).put("subject", subject).put("message", message)
                .put("since", Fields.iso(since));
    }

    public static Alarm fromJson(JsonObject o) {
        return new Alarm(Fields.str(o, "kind"), Fields.str(o, "subject"), Fields.optStr(o, "message"),
                Fields.optInstant(o, "since"));
    }
}
