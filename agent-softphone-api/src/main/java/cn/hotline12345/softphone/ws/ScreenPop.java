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
 * @param draft       the draft matter, or null
 * @param suggestions knowledge base entries for the caller's choice in the IVR (art. 18, 31); may be empty
 * @param origin      how the call reached the agent: {@code queue}, {@code transfer} (a colleague's blind or attended
 *                    transfer), {@code returned} (the caller came back from a transfer nobody answered) or
 *                    {@code outbound} (the agent's own call)
 */
public record ScreenPop(String callId, String queue, Instant ringingAt, CallerInfo caller, List<String> ivrPath,
                        List<EarlierCall> earlierCalls, List<EarlierMatter> earlierMatters, DraftMatter draft,
                        List<KnowledgeHint> suggestions, String origin)
        implements WsMessage {

    public static final String TYPE = "screen_pop";

    public ScreenPop {
        ivrPath = List.copyOf(ivrPath);
        earlierCalls = List.copyOf(earlierCalls);
        earlierMatters = List.copyOf(earlierMatters);
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        origin = origin == null ? "queue" : origin;
    }

    /** A queue call's pop without suggestions. */
    public ScreenPop(String callId, String queue, Instant ringingAt, CallerInfo caller, List<String> ivrPath,
                     List<EarlierCall> earlierCalls, List<EarlierMatter> earlierMatters, DraftMatter draft) {
        this(callId, queue, ringingAt, caller, ivrPath, earlierCalls, earlierMatters, draft, List.of(), "queue");
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
                .put("draft", draft == null ? null : draft.toJson())
                .put("suggestions", Fields.array(suggestions, KnowledgeHint::toJson)).put("origin", origin);
    }

    public static ScreenPop fromJson(JsonObject o) {
        JsonObject draft = Fields.optObj(o, "draft");
        return new ScreenPop(Fields.str(o, "callId"), Fields.optStr(o, "queue"), Fields.instant(o, "ringingAt"),
                CallerInfo.fromJson(Fields.obj(o, "caller")), Fields.strings(o, "ivrPath"),
                Fields.objects(o, "earlierCalls", EarlierCall::fromJson),
                Fields.objects(o, "earlierMatters", EarlierMatter::fromJson),
                draft == null ? null : DraftMatter.fromJson(draft),
                o.getValue("suggestions") == null ? List.of() : Fields.objects(o, "suggestions", KnowledgeHint::fromJson),
                Fields.optStr(o, "origin"));
    }
}
