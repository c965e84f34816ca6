package cn.hotline12345.cti.cluster;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.call.api.Disposition;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link CallUpdate}s on the clustered event bus: every record of the sealed interface, with its
 * {@link CallView}, as one JSON object. Within a node the update is passed as is (records are immutable).
 * Bytes that are not a call update fail with {@link IllegalArgumentException} saying what is wrong.
 */
public final class CallUpdateCodec extends LocalPassCodec<CallUpdate> {

    public static final String NAME = "cti.call-update";

    public CallUpdateCodec() {
        super(NAME);
    }

    @Override
    public void encodeToWire(Buffer buffer, CallUpdate update) {
        WireJson.write(buffer, toJson(update));
    }

    @Override
    public CallUpdate decodeFromWire(int pos, Buffer buffer) {
        return fromJson(WireJson.read(pos, buffer, "call update"));
    }

    static JsonObject toJson(CallUpdate u) {
        JsonObject j = new JsonObject().put("pbx", u.key().pbxId()).put("linkedid", u.key().linkedid())
                .put("at", WireJson.instant(u.at()));
        if (u instanceof CallUpdate.CallStarted s) {
            j.put("type", "started").put("view", view(s.view()));
        } else if (u instanceof CallUpdate.QueueJoined q) {
            j.put("type", "queued").put("view", view(q.view())).put("queue", q.queue()).put("position", q.position());
        } else if (u instanceof CallUpdate.AgentRinging r) {
            j.put("type", "ringing").put("view", view(r.view())).put("agent", r.agent()).put("queue", r.queue());
        } else if (u instanceof CallUpdate.AgentNoAnswer n) {
            j.put("type", "no_answer").put("agent", n.agent()).put("queue", n.queue());
        } else if (u instanceof CallUpdate.AgentConnected c) {
            j.put("type", "connected").put("view", view(c.view())).put("agent", c.agent()).put("queue", c.queue())
                    .put("holdTimeMs", c.holdTimeMs());
        } else if (u instanceof CallUpdate.Transferred t) {
            j.put("type", "transferred").put("fromAgent", t.fromAgent()).put("target", t.target());
        } else if (u instanceof CallUpdate.CallEnded e) {
            j.put("type", "ended").put("view", view(e.view())).put("disposition", e.disposition() == null ? null
                    : e.disposition().name()).put("endReason", e.endReason()).put("agent", e.agent());
        } else {
            throw new IllegalArgumentException("unknown call update " + u.getClass().getName());
        }
        return j;
    }

    /** The update a JSON object describes, or IllegalArgumentException naming the field that is wrong. */
    static CallUpdate fromJson(JsonObject j) {
        try {
            CallKey key = new CallKey(WireJson.required(j, "pbx"), WireJson.required(j, "linkedid"));
            var at = WireJson.instant(j, "at");
            if (at == null) {
                throw new IllegalArgumentException("field 'at' is missing");
            }
            String type = WireJson.required(j, "type");
            return switch (type) {
                case "started" -> new CallUpdate.CallStarted(key, at, view(j));
                case "queued" -> new CallUpdate.QueueJoined(key, at, view(j), j.getString("queue"),
                        j.getInteger("position", 0));
                case "ringing" -> new CallUpdate.AgentRinging(key, at, view(j), j.getString("agent"), j.getString("queue"));
                case "no_answer" -> new CallUpdate.AgentNoAnswer(key, at, j.getString("agent"), j.getString("queue"));
                case "connected" -> new CallUpdate.AgentConnected(key, at, view(j), j.getString("agent"),
                        j.getString("queue"), j.getLong("holdTimeMs", 0L));
                case "transferred" -> new CallUpdate.Transferred(key, at, j.getString("fromAgent"), j.getString("target"));
                case "ended" -> new CallUpdate.CallEnded(key, at, view(j), disposition(j.getString("disposition")),
                        j.getString("endReason"), j.getString("agent"));
                default -> throw new IllegalArgumentException("unknown call update type '" + type + "'");
            };
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("not a call update: a field has the wrong type (" + e.getMessage() + ")", e);
        }
    }

    private static Disposition disposition(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Disposition.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown disposition '" + s + "'", e);
        }
    }

    private static JsonObject view(CallView v) {
        if (v == null) {
            return null;
        }
        JsonObject vars = new JsonObject();
        v.ivrVars().forEach(vars::put);
        return new JsonObject().put("pbx", v.key().pbxId()).put("linkedid", v.key().linkedid())
                .put("callerNumber", v.callerNumber()).put("callerName", v.callerName()).put("dialled", v.dialled())
                .put("startedAt", WireJson.instant(v.startedAt())).put("ivrPath", v.ivrPath()).put("ivrVars", vars)
                .put("queue", v.queue()).put("queuePriority", v.queuePriority())
                .put("queueJoinedAt", WireJson.instant(v.queueJoinedAt())).put("agent", v.agent())
                .put("answeredAt", WireJson.instant(v.answeredAt()));
    }

    private static CallView view(JsonObject update) {
        JsonObject v = update.getJsonObject("view");
        if (v == null) {
            return null;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        JsonObject rawVars = v.getJsonObject("ivrVars", new JsonObject());
        for (String k : rawVars.fieldNames()) {
            Object value = rawVars.getValue(k);
            if (!(value instanceof String s)) {
                throw new IllegalArgumentException("ivrVars." + k + " is not a string");
            }
            vars.put(k, s);
        }
        return new CallView(new CallKey(WireJson.required(v, "pbx"), WireJson.required(v, "linkedid")),
                v.getString("callerNumber"), v.getString("callerName"), v.getString("dialled"),
                WireJson.instant(v, "startedAt"), v.getString("ivrPath"), vars, v.getString("queue"),
                v.getInteger("queuePriority"), WireJson.instant(v, "queueJoinedAt"), v.getString("agent"),
                WireJson.instant(v, "answeredAt"));
    }
}
