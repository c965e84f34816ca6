package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * What the PBX did with the agent's call, as the console tells the agent (issue 19): a hold confirmed, a transfer
 * ringing, answered, or not answered and the caller coming back, a consultation's outcome, the agent's own call.
 *
 * @param callId {@code <pbxId>/<linkedid>}
 * @param kind   one of {@code hold_on, hold_off, transfer_ringing, transfer_answered, transfer_failed,
 *               return_ringing, returned, return_failed, consult_ringing, consult_answered, consult_failed,
 *               consult_completed, consult_cancelled, outbound_ringing, outbound_answered, outbound_failed,
 *               outbound_ended, caller_left, returning_call, transferred_in}
 * @param target the transfer target (an extension, or a number shown masked), or null
 * @param detail {@code busy}, {@code no_answer}, {@code unavailable}, or null
 */
public record CallNotice(String callId, String kind, String target, String detail, Instant at) implements WsMessage {

    public static final String TYPE = "call_notice";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        return new JsonObject().put("callId", callId).put("kind", kind).put("target", target).put("detail", detail)
                .put("at", Fields.iso(at));
    }

    public static CallNotice fromJson(JsonObject o) {
        return new CallNotice(Fields.str(o, "callId"), Fields.str(o, "kind"), Fields.optStr(o, "target"),
                Fields.optStr(o, "detail"), Fields.instant(o, "at"));
    }
}
