package cn.hotline12345.cti.desk.web;

import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.platform.web.RequestJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The agent API's input rules: every value that reaches an AMI action is checked here first against a
 * whitelist pattern (no CR/LF, no separators, bounded length). A refused value is an
 * {@link IllegalArgumentException} whose message names the field (a 400).
 */
final class AgentRequests {

    /** Pause reasons (示闲/示忙 reasons the console offers). */
    static final Set<String> PAUSE_REASONS = Set.of("meal", "rest", "training", "meeting", "after_call_work",
            "toilet", "coaching", "system_issue");
    static final Set<String> EMERGENCY = Set.of("110", "119", "120", "122");
    static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    static final Pattern EXTENSION = Pattern.compile("[0-9]{3,8}");
    static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,20}");
    static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}/[0-9]{1,20}(\\.[0-9]{1,10})?");
    /** A handling unit's id (matter slice: lower-case letters, digits, '-' and '_'). */
    static final Pattern UNIT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    static final Set<String> FLAG_KINDS = Set.of("harassment", "insult", "threat");
    static final int MAX_BODY = 4096;
    private static final int MAX_QUEUES = 20;

    private AgentRequests() {
    }

    static List<AgentActions.QueueLogin> queueLogins(JsonObject body) {
        JsonArray arr = array(body, "queues");
        List<AgentActions.QueueLogin> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < arr.size(); i++) {
            Object v = arr.getValue(i);
            if (!(v instanceof JsonObject o)) {
                throw new IllegalArgumentException("queues[" + i + "]: must be an object {queue, penalty}");
            }
            String q = RequestJson.text(o, "queue", 64, QUEUE);
            int penalty = o.getValue("penalty") == null ? 0 : RequestJson.integer(o, "penalty", 0, 100);
            if (!seen.add(q)) {
                throw new IllegalArgumentException("queues: " + q + " twice");
            }
            out.add(new AgentActions.QueueLogin(q, penalty));
        }
        return out;
    }

    static List<String> queueNames(JsonObject body) {
        JsonArray arr = array(body, "queues");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            Object v = arr.getValue(i);
            if (!(v instanceof String s) || s.length() > 64 || !QUEUE.matcher(s).matches()) {
                throw new IllegalArgumentException("queues[" + i + "]: not a queue name");
            }
            out.add(s);
        }
        return out;
    }

    static String pauseReason(JsonObject body) {
        String r = RequestJson.text(body, "reason", 32, null);
        if (!PAUSE_REASONS.contains(r)) {
            throw new IllegalArgumentException("reason: one of " + new java.util.TreeSet<>(PAUSE_REASONS));
        }
        return r;
    }

    static String number(JsonObject body) {
        return RequestJson.text(body, "number", 21, NUMBER);
    }

    static AgentActions.TransferTarget target(JsonObject body) {
        String kindText = RequestJson.text(body, "kind", 16, Pattern.compile("agent|queue|unit|emergency|external"));
        AgentActions.TransferTarget.Kind kind = AgentActions.TransferTarget.Kind.valueOf(
                kindText.toUpperCase(Locale.ROOT));
        String value = switch (kind) {
            case AGENT -> RequestJson.text(body, "value", 8, EXTENSION);
            case QUEUE -> RequestJson.text(body, "value", 64, QUEUE);
            case EXTERNAL -> RequestJson.text(body, "value", 21, NUMBER);
            // a handling unit by its number, or by its id (the server dials the unit's number)
            case UNIT -> {
                String v = RequestJson.text(body, "value", 64, null);
                if (!NUMBER.matcher(v).matches() && !UNIT_ID.matcher(v).matches()) {
                    throw new IllegalArgumentException("value: a unit's id or a telephone number");
                }
                yield v;
            }
            case EMERGENCY -> {
                String v = RequestJson.text(body, "value", 3, null);
                if (!EMERGENCY.contains(v)) {
                    throw new IllegalArgumentException("value: 110, 119, 120 or 122");
                }
                yield v;
            }
        };
        return new AgentActions.TransferTarget(kind, value);
    }

    /** A nuisance flag on the caller of the agent's call (art. 12, 34). */
    record Flag(String callId, String kind, String note) {
    }

    static Flag flag(JsonObject body) {
        String kind = RequestJson.text(body, "kind", 16, null);
        if (!FLAG_KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind: harassment, insult or threat");
        }
        String note = RequestJson.text(body, "note", 500, null).strip();
        if (note.codePointCount(0, note.length()) < 2) {
            throw new IllegalArgumentException("note: at least 2 characters");
        }
        String callId = body.getValue("callId") == null ? null : RequestJson.text(body, "callId", 90, CALL_ID);
        return new Flag(callId, kind, note);
    }

    private static JsonArray array(JsonObject body, String key) {
        Object v = body.getValue(key);
        if (!(v instanceof JsonArray a)) {
            throw new IllegalArgumentException(key + ": must be an array");
        }
        if (a.isEmpty() || a.size() > MAX_QUEUES) {
            throw new IllegalArgumentException(key + ": 1 to " + MAX_QUEUES + " entries");
        }
        return a;
    }
}
