package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * The screen pop: the agent's phone rings with this call ({@code AgentCalled}). Sent only to the consoles
 * of the ringing agent, and again to a console that connects while the call rings.
 *
 * @param callId   {@code <pbxId>/<linkedid>}
 * @param ivrPath  the IVR nodes the caller passed, in order
 * @param draft    the draft matter, or null
 */
public record ScreenPop(String callId, String queue, Instant ringingAt, CallerInfo caller, List<String> ivrPath,
                        List<EarlierCall> earlierCalls, List<EarlierMatter> earlierMatters, DraftMatter draft)
        implements WsMessage {

    public static final String TYPE = "screen_pop";

    public ScreenPop {
        ivrPath = List.copyOf(ivrPath);
        earlierCalls = List.copyOf(earlierCalls);
        earlierMatters = List.copyOf(earlierMatters);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        return new JsonObject().put("callId", callId).put("queue", queue).put("ringingAt", Fields.iso(ringingAt))
                .put("caller", caller.toJson()).put("ivrPath", Fields.array(ivrPath, s -> s))
                .put("earlierCalls", Fields.array(earlierCalls, EarlierCall::toJson))
                .put("earlierMatters", Fields.array(earlierMatters, EarlierMatter::toJson))
                .put("draft", draft == null ? null : draft.toJson());
    }

    public static ScreenPop fromJson(JsonObject o) {
        JsonObject draft = Fields.optObj(o, "draft");
        return new ScreenPop(Fields.str(o, "callId"), Fields.optStr(o, "queue"), Fields.instant(o, "ringingAt"),
                CallerInfo.fromJson(Fields.obj(o, "caller")), Fields.strings(o, "ivrPath"),
                Fields.objects(o, "earlierCalls", EarlierCall::fromJson),
                Fields.objects(o, "earlierMatters", EarlierMatter::fromJson),
                draft == null ? null : DraftMatter.fromJson(draft));
    }
}
